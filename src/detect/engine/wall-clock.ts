import type { Clock } from "../../util/clock.js";

/** The wall clock `detect --follow` releases held probes by (held-probes.ts): the machine's by default, a test's manual one. */
export type WallClock = Clock;

export const MACHINE_CLOCK: WallClock = {
  now: () => performance.now(),
  // unref: a pending release never keeps the process alive by itself (the followed inputs do).
  setTimer: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
