/**
 * The time a scheduler paces, waits and pauses by. The machine's by default; a test passes a manual one,
 * so what depends on time — a Retry-After against --max-retry-wait (wait, or pause and defer the object),
 * when a pause ends, when the next token is due — follows the clock the test moves, not the machine's speed.
 */
export interface SchedulerClock {
  /** Milliseconds on a monotonic scale (only differences are read). */
  now(): number;
  /** Calls `callback` once `ms` have passed on this clock; the handle goes to clearTimer. */
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const SYSTEM_CLOCK: SchedulerClock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
