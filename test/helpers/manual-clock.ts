import type { SchedulerClock } from "../../src/bulk/index.js";

/**
 * A scheduler clock that moves only when the test says so: `advanceTo` runs every timer due by then, in
 * due order, letting the promises each one releases settle before the next. Nothing waits on the machine.
 */
export class ManualClock implements SchedulerClock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { due: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { due: this.time + Math.max(0, ms), callback });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** When the earliest timer is due (undefined: none pending). */
  nextDue(): number | undefined {
    let due: number | undefined;
    for (const timer of this.timers.values()) if (due === undefined || timer.due < due) due = timer.due;
    return due;
  }

  /** Timers not yet run. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /**
   * Moves time on without running the timers that fall due meanwhile: a process descheduled (its CPU went
   * elsewhere) wakes with every one of them late. The next advance runs them, each seeing the late time.
   */
  stall(ms: number): void {
    this.time += Math.max(0, ms);
  }

  async advanceTo(time: number): Promise<void> {
    await settle();
    for (;;) {
      const due = this.nextDue();
      if (due === undefined || due > time) break;
      const [id, timer] = [...this.timers.entries()].find(([, t]) => t.due === due) as [number, { due: number; callback: () => void }];
      this.timers.delete(id);
      this.time = Math.max(this.time, due);
      timer.callback();
      await settle();
    }
    this.time = Math.max(this.time, time);
    await settle();
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(this.time + ms);
  }

  /** Runs timers in due order until `work` settles; throws when it is still pending with none left (it waits on something else). */
  async runUntil<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const watched = work.finally(() => {
      done = true;
    });
    await settle();
    while (!done) {
      const due = this.nextDue();
      if (due === undefined) throw new Error("ManualClock.runUntil: the work waits, and no timer is pending");
      await this.advanceTo(due);
    }
    return watched;
  }
}

/**
 * Runs `work` that also waits on real I/O (loopback servers): whenever the clock has a timer due, time jumps to it;
 * otherwise the real event loop turns (sockets answer). Deterministic as long as no hop is on the wire while a
 * timer is pending — one lookup at a time (watch/bulk concurrency 1) — else time would outrun the answers.
 */
export async function drive<T>(clock: ManualClock, work: Promise<T>, limitMs = Number.POSITIVE_INFINITY): Promise<T> {
  let done = false;
  const watched = work.finally(() => {
    done = true;
  });
  let idleSince: number | undefined;
  while (!done) {
    // Work that never ends (a scheduler that lost count of a slot) fails here rather than looping on after the test.
    if (clock.now() > limitMs) throw new Error(`drive: the work is still pending at ${clock.now()} ms of simulated time (limit ${limitMs} ms)`);
    const due = clock.nextDue();
    if (due === undefined) {
      // Waiting on I/O alone: fine for a while; for seconds with no timer set, the work is stuck (a count
      // lost, a promise never settled) and the test fails here instead of never ending.
      idleSince ??= Date.now();
      if (Date.now() - idleSince > STUCK_MS) throw new Error(`drive: the work is still pending after ${STUCK_MS} ms with no timer set: it waits on something that never comes`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    } else {
      idleSince = undefined;
      await clock.advanceTo(due);
    }
  }
  return watched;
}

/** Real time drive lets work wait on I/O alone (no timer set) before calling it stuck: loopback answers take ms. */
const STUCK_MS = 10_000;

/** Lets every promise chain queued so far run (a real macrotask turn: microtasks first, then one I/O check). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
