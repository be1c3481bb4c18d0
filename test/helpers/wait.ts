/**
 * Polls `check` every 20 ms until it holds; throws `what` once `ms` have passed without it. The default is a
 * backstop, not a speed bound (it returns as soon as the check holds): 10 s, as a sandbox or a held query can
 * take seconds to come up on a machine at load 20 on 2 cores (it was 3 s).
 */
export async function waitUntil(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
