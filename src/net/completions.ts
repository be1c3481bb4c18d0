/**
 * Completion batching for socket answers.
 *
 * Node drains the microtask queue after every I/O callback, so a promise resolved in a
 * socket's 'end' handler runs its whole continuation — decoding, parsing, the next
 * connect — in between the remaining events of the same poll. Queuing completions and
 * settling them together in the check phase (one setImmediate per batch) runs those
 * continuations back to back instead: the parser stays hot, new connections go out in
 * a burst, and the next poll collects more events per wake-up. With many lookups in
 * flight this cuts client CPU per lookup by about a third (bench:lookup); a single
 * lookup waits at most one turn of the event loop.
 */
type Completion = () => void;

let queued: Completion[] = [];

function settleQueued(): void {
  const batch = queued;
  queued = [];
  for (const complete of batch) complete();
}

/** Runs `complete` in the next check phase, together with every other completion queued before it. */
export function settleInBatch(complete: Completion): void {
  if (queued.push(complete) === 1) setImmediate(settleQueued);
}
