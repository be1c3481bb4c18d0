/**
 * Whether `work` settles within a few real event-loop turns (I/O included). Tests on a manual clock use it
 * to show that work is still pending just short of a limit: false is the answer a working limit gives,
 * and a limit that fired early shows as true. No wall-clock bound, so a busy machine cannot change it.
 */
export async function settledSoon(work: Promise<unknown>, turns = 5): Promise<boolean> {
  let settled = false;
  void work.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let turn = 0; turn < turns && !settled; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  return settled;
}
