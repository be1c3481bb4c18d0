/**
 * The wall clock `detect --follow` releases held probes by (held-probes.ts): the machine's by default; a test
 * passes a manual one (test/helpers/manual-clock.ts) and moves time itself instead of sleeping. The same shape as
 * bulk's SchedulerClock (src/bulk/clock.ts), declared here so detect does not import from a layer above it.
 */
export interface WallClock {
  /** Milliseconds on a monotonic scale (only differences are read). */
  now(): number;
  /** Calls `callback` once `ms` have passed on this clock; the handle goes to clearTimer. */
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const MACHINE_CLOCK: WallClock = {
  now: () => performance.now(),
  // unref: a pending release never keeps the process alive by itself (the followed inputs do).
  setTimer: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
