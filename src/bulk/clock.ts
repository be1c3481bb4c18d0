import { abortedWait } from "../util/abort.js";
import type { Clock } from "../util/clock.js";

/**
 * The time a scheduler paces, waits and pauses by. The machine's by default; a test passes a manual one,
 * so what depends on time — a Retry-After against --max-retry-wait (wait, or pause and defer the object),
 * when a pause ends, when the next token is due — follows the clock the test moves, not the machine's speed.
 */
export type SchedulerClock = Clock;

export const SYSTEM_CLOCK: SchedulerClock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Waits `ms` on `clock`, or less: ends at once when `signal` aborts (rejecting with abortedWait), its timer
 * cleared — util/abort's sleep on a scheduler clock, for waits a test must be able to drive.
 */
export function sleepOn(clock: SchedulerClock, ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedWait(signal, what));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimer(timer);
      reject(abortedWait(signal as AbortSignal, what));
    };
    const timer = clock.setTimer(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
