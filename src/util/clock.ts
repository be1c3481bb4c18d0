/**
 * A clock that time-dependent code reads and sets timers on: the machine's by default; a test passes a manual
 * one (test/helpers/manual-clock.ts) and moves time itself instead of sleeping. Shared by the bulk scheduler
 * (bulk/clock.ts), detect's follow mode (detect/engine/wall-clock.ts) and serve's connection timers (port 43's
 * query timeout, RDAP's idle sweep).
 */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences are read). */
  now(): number;
  /** Calls `callback` once `ms` have passed on this clock; the handle goes to clearTimer. */
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/**
 * The machine's clock for timers that must never hold the process open by themselves: net's hop limits (a script whose
 * lookup is done ends without waiting for them), detect --follow's releases of held hits (the followed inputs do) and
 * serve's connection timers (the listening servers do).
 */
export const MACHINE_CLOCK: Clock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
