/** Resolves (to undefined) once `signal` aborts, at once when it already has: a wait to race against. */
export function whenAborted(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => (signal.aborted ? resolve(undefined) : signal.addEventListener("abort", () => resolve(undefined), { once: true })));
}
