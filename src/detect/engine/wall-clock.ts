import { MACHINE_CLOCK as SHARED_MACHINE_CLOCK, type Clock } from "../../util/clock.js";

/** The wall clock `detect --follow` releases held probes by (held-probes.ts): the machine's by default, a test's manual one. */
export type WallClock = Clock;

/** util/clock's machine clock: its timers are unref'd, so a pending release never keeps the process alive by itself (the followed inputs do). */
export const MACHINE_CLOCK: WallClock = SHARED_MACHINE_CLOCK;
