import { afterEach, describe, expect, it } from "vitest";
import { bulkLookup, PoliteScheduler } from "../../src/bulk/index.js";
import { WhoislensError } from "../../src/errors.js";
import { lookup } from "../../src/lookup/index.js";
import { immediateScheduler, type HopOutcome } from "../../src/lookup/scheduler.js";
import { ManualClock } from "../helpers/manual-clock.js";
import { throttlingRegistry, type StandInRegistry } from "../helpers/stand-ins.js";
import { waitUntil } from "../helpers/wait.js";
import { settledSoon } from "../helpers/settled.js";

/**
 * A cancel ends every wait of the scheduler at once (issue: "the per-server backoff wait ignores the
 * cancel signal"): a hop waiting out a server's 60 s backoff, its pacing slot or a retry delay settles
 * on the abort, with WL_ERR_ABORTED, and leaves no timer behind to keep the process alive (before the
 * fix it sat until the 60 s timer fired, and bin/whoislens forced the exit). The polite scheduler runs
 * on a manual clock that the test never moves past the wait: only the cancel can end it, and "at once"
 * is counted in event-loop turns, not in milliseconds a loaded machine could stretch.
 */

/** Timers alive in this process now (node's own count: "Timeout" resources). */
const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

/** What a watched promise came to, and whether it did within a few event-loop turns of the interrupt. */
interface Settled<T> {
  value?: T;
  error?: unknown;
  /** Settled within INTERRUPT_TURNS real turns of the interrupt, no scheduler time having passed. */
  atOnce: boolean;
}

/** Turns of the real event loop (each: microtasks, timers due, I/O) an interrupt may take to settle the work. */
const INTERRUPT_TURNS = 100;

/**
 * Watches `promise` from now on; `interrupt(act)` runs `act` (the abort) and resolves with what the promise
 * came to, `atOnce` false when it was still pending after INTERRUPT_TURNS turns (the interrupt did not end it).
 */
function watch<T>(promise: Promise<T>): { interrupt(act: () => void): Promise<Settled<T>> } {
  let outcome: Omit<Settled<T>, "atOnce"> | undefined;
  void promise.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  return {
    interrupt: async (act) => {
      act();
      return (await settledSoon(promise, INTERRUPT_TURNS)) && outcome !== undefined ? { ...outcome, atOnce: true } : { atOnce: false };
    },
  };
}

const servers: StandInRegistry[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe("PoliteScheduler: a cancel ends the wait for the server's turn", () => {
  it("a throttle's 60 s Retry-After: cancelled during the wait, run() rejects WL_ERR_ABORTED at once and leaves no timer", async () => {
    const before = timers();
    const clock = new ManualClock();
    const scheduler = new PoliteScheduler({ useProfiles: false, maxRetryWaitMs: 120_000, clock });
    const cancel = new AbortController();
    let asked = 0;
    const throttled = (): HopOutcome => ({ kind: "throttled", retryAfterMs: 60_000 });
    const run = watch(scheduler.run("whois.slow.test", async () => ++asked, throttled, undefined, cancel.signal));
    // The first answer was a throttle: the queue now waits out the server's 60 s.
    await waitUntil(() => asked === 1 && clock.pendingTimers > 0, "the throttle's wait to start");
    expect(scheduler.stats()[0]?.waitMs).toBeGreaterThan(40_000);
    const ended = await run.interrupt(() => cancel.abort());
    expect(ended.atOnce).toBe(true);
    expect(ended.error).toBeInstanceOf(WhoislensError);
    expect((ended.error as WhoislensError).code).toBe("WL_ERR_ABORTED");
    expect((ended.error as WhoislensError).message).toMatch(/whois\.slow\.test/);
    expect(clock.now()).toBe(0);
    // Not asked again, and nothing counted against the server beyond the one throttle it did send.
    expect(asked).toBe(1);
    expect(scheduler.stats()[0]).toMatchObject({ answered: 0, throttles: 1 });
    expect(scheduler.queue("whois.slow.test").waiters).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it("a hop waiting for its pacing slot behind another: the cancelled one leaves the line, the other still goes", async () => {
    const clock = new ManualClock();
    const scheduler = new PoliteScheduler({ useProfiles: false, tuning: { initialQps: 0.2 }, clock });
    const cancel = new AbortController();
    const ok = (): HopOutcome => ({ kind: "ok" });
    const first = await clock.runUntil(scheduler.run("whois.paced.test", async () => "first", ok));
    expect(first).toBe("first");
    // The next slot is ~5 s away (0.2 q/s, slow start 1.25×): two wait, one is cancelled.
    const cancelled = watch(scheduler.run("whois.paced.test", async () => "cancelled", ok, undefined, cancel.signal));
    const kept = scheduler.run("whois.paced.test", async () => "kept", ok);
    await waitUntil(() => scheduler.queue("whois.paced.test").waiters === 2, "both to wait for the slot");
    const at = clock.now();
    const ended = await cancelled.interrupt(() => cancel.abort());
    expect(ended.atOnce).toBe(true);
    expect((ended.error as WhoislensError).code).toBe("WL_ERR_ABORTED");
    expect(clock.now()).toBe(at);
    expect(scheduler.queue("whois.paced.test").waiters).toBe(1);
    // The queue's timer still serves the one left waiting (it would be a bug to clear it).
    expect(clock.pendingTimers).toBeGreaterThan(0);
    expect(await clock.runUntil(kept)).toBe("kept");
    expect(clock.now() - at).toBeGreaterThan(1000);
  });

  it("an already aborted signal never waits nor asks", async () => {
    const scheduler = new PoliteScheduler({ useProfiles: false });
    const cancel = new AbortController();
    cancel.abort();
    let asked = 0;
    await expect(scheduler.run("whois.x.test", async () => ++asked, () => ({ kind: "ok" }), undefined, cancel.signal)).rejects.toMatchObject({ code: "WL_ERR_ABORTED" });
    expect(asked).toBe(0);
  });
});

describe("immediateScheduler: a cancel ends the one retry delay", () => {
  it("a 2.5 s Retry-After (waited out by a single lookup) ends at once on abort, no timer left", async () => {
    const before = timers();
    const cancel = new AbortController();
    let asked = 0;
    const run = watch(immediateScheduler.run("whois.x.test", async () => (++asked, { kind: "throttled", retryAfterMs: 2500 }) as HopOutcome, (r) => r, undefined, cancel.signal));
    // The retry's wait is a real 2.5 s timer: cancelled a few turns after it starts, long before it could fire.
    await waitUntil(() => asked === 1, "the first ask");
    const ended = await run.interrupt(() => cancel.abort());
    expect(ended.atOnce).toBe(true);
    expect((ended.error as WhoislensError).code).toBe("WL_ERR_ABORTED");
    expect(asked).toBe(1);
    expect(timers()).toBeLessThanOrEqual(before);
  });
});

/** A port-43 server that refuses with a 60 s wait in words, and an RDAP server that answers 429 Retry-After: 60. */
async function throttlingServers(): Promise<StandInRegistry> {
  const registry = await throttlingRegistry();
  servers.push(registry);
  return registry;
}

describe("a real lookup cancelled in its server's backoff (both protocols)", () => {
  it.each(["whois", "rdap"] as const)("--protocol %s: the throttled server's 60 s backoff ends on abort; the lookup settles at once with no timer left", async (protocol) => {
    const { whois, rdap, asked } = await throttlingServers();
    const before = timers();
    const clock = new ManualClock();
    const scheduler = new PoliteScheduler({ useProfiles: false, maxRetryWaitMs: 120_000, clock });
    const cancel = new AbortController();
    const target =
      protocol === "whois"
        ? { protocol, host: "127.0.0.1", port: whois.port }
        : { protocol, rdapUrl: `http://127.0.0.1:${rdap.port}/`, allowPrivate: true };
    const run = watch(lookup("cancel-me.com", { ...target, followReferrals: false, scheduler, signal: cancel.signal, hopTimeoutMs: 120_000, totalTimeoutMs: 300_000 }));
    // Wait for the throttle to land and the backoff to start.
    await waitUntil(() => (scheduler.stats()[0]?.waitMs ?? 0) > 0 && clock.pendingTimers > 0, "the backoff to start", 15_000);
    expect(scheduler.stats()[0]?.waitMs).toBeGreaterThan(40_000);
    expect(asked).toHaveLength(1);
    const ended = await run.interrupt(() => cancel.abort());
    expect(ended.atOnce).toBe(true);
    expect(clock.now()).toBe(0);
    // Cancelled, not a record of the server's refusal passed off as the answer.
    expect(ended.value).toBeUndefined();
    expect((ended.error as WhoislensError).code).toBe("WL_ERR_ABORTED");
    expect(asked).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
    expect(timers()).toBeLessThanOrEqual(before);
  });
});

/**
 * A bulk run of `names` against the throttling port-43 server, brought to the point where its queries wait
 * out the 60 s backoff; `interrupt` then aborts what the case says. Resolves with what the run yielded, how
 * long it took to end after the interrupt, and what the server was asked.
 */
async function bulkInBackoff(names: string[], interrupt: (signals: { stop: AbortController; cancel: AbortController }) => void): Promise<{ results: string[]; ended: Settled<void>; asked: string[]; cancel: AbortController }> {
  const { whois, asked } = await throttlingServers();
  const stop = new AbortController();
  const cancel = new AbortController();
  const clock = new ManualClock();
  const scheduler = new PoliteScheduler({ useProfiles: false, maxRetryWaitMs: 120_000, clock });
  const results: string[] = [];
  const run = watch(
    (async () => {
      for await (const result of bulkLookup((async function* () {
        yield* names;
      })(), {
        lookup: { protocol: "whois", host: "127.0.0.1", port: whois.port, followReferrals: false, signal: cancel.signal, hopTimeoutMs: 120_000, totalTimeoutMs: 300_000 },
        scheduler,
        concurrency: names.length,
        perServer: names.length,
        lookahead: 10,
        stop: stop.signal,
      })) results.push(result.query);
    })(),
  );
  await waitUntil(() => (scheduler.stats()[0]?.waitMs ?? 0) > 0 && clock.pendingTimers > 0, "the backoff to start", 15_000);
  expect(scheduler.stats()[0]?.waitMs).toBeGreaterThan(40_000);
  const ended = await run.interrupt(() => interrupt({ stop, cancel }));
  // No scheduler time passed: the interrupt, not the end of the 60 s backoff, ended the run.
  expect(clock.now()).toBe(0);
  return { results, ended, asked, cancel };
}

describe("bulkLookup interrupted while its queries wait out a backoff", () => {
  it("cancelled: ends at once, yielding nothing for the waiting queries, with no timer left", async () => {
    const before = timers();
    const { results, ended, asked } = await bulkInBackoff(["a.com", "b.com", "c.com"], ({ stop, cancel }) => {
      stop.abort();
      cancel.abort();
    });
    expect(ended.error).toBeUndefined();
    expect(ended.atOnce).toBe(true);
    expect(results).toEqual([]);
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it("stopped only (the first Ctrl-C): a hop still waiting for its turn is new work, its wait ends, the query is neither yielded nor failed", async () => {
    const before = timers();
    // The lookups' cancel signal is never aborted here: only the stop ends the waits.
    const { results, ended, asked, cancel } = await bulkInBackoff(["a.com", "b.com"], ({ stop }) => stop.abort());
    expect(ended.error).toBeUndefined();
    expect(ended.atOnce).toBe(true);
    // Not yielded as failed or throttled: the queries stay pending for the next pass.
    expect(results).toEqual([]);
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(cancel.signal.aborted).toBe(false);
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
