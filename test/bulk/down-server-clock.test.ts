import { describe, expect, it } from "vitest";
import { PoliteScheduler, QUEUE_DEFAULTS, type WaitEvent } from "../../src/bulk/index.js";
import type { HopOutcome } from "../../src/lookup/scheduler.js";
import { loadServerMap } from "../../src/servers/index.js";
import { ManualClock } from "../helpers/manual-clock.js";

/**
 * A server that is gone against one that throttles, on the scheduler's clock. A host that refuses every
 * connect (ECONNREFUSED) is down: after QUEUE_DEFAULTS.downAfterRefusedConnects of them in a row its queries
 * fail at once as "down" (the bulk store marks them failed, and a re-run asks again), instead of each being
 * backed off as a silent refusal — growing waits up to --max-retry-wait, until the 12-refusal streak pause —
 * as they were when a cut answer (the server dying mid-answer) had started a refusal streak.
 * A throttler that rejects a connect or two (a firewall's REJECT over its limit) and then accepts is not down.
 */
const HOST = "whois.gone.test";
const MAX_WAIT_MS = 60_000;

/** One attempt at the simulated server: what happened on the wire. */
type Wire = "answer" | "cut" | "refused" | "throttled";
type Result = { query: string; wire: Wire | "down" | "paused" };

function world(clock: ManualClock, behaviour: (connectNumber: number, at: number) => Wire) {
  const events: WaitEvent[] = [];
  const connects: { at: number; wire: Wire }[] = [];
  const map = loadServerMap({ [HOST]: { address: "127.0.0.1:1", qps: 50, concurrency: 2 } });
  const scheduler = new PoliteScheduler({ servers: map, useProfiles: false, clock, maxRetryWaitMs: MAX_WAIT_MS, onWait: (e) => events.push(e) });
  const judge = (r: Result): HopOutcome => {
    switch (r.wire) {
      case "answer":
        return { kind: "ok" };
      case "cut":
        return { kind: "throttled", cut: true };
      case "throttled":
        return { kind: "throttled" };
      case "refused":
        return { kind: "error", code: "WL_ERR_CONNECT", connectionRefused: true };
      default:
        return { kind: "error", code: "WL_ERR_CONNECT" };
    }
  };
  const lookup = (query: string): Promise<Result> =>
    scheduler.run<Result>(
      HOST,
      () => {
        const wire = behaviour(connects.length, clock.now());
        connects.push({ at: clock.now(), wire });
        // A refused connect fails at once; anything accepted takes 20 ms on the wire.
        if (wire === "refused") return Promise.resolve({ query, wire });
        return new Promise((resolve) => clock.setTimer(() => resolve({ query, wire }), 20));
      },
      judge,
      (_retryAfterMs, _permanent, down) => ({ query, wire: down === true ? "down" : "paused" }),
    );
  return { scheduler, events, connects, lookup };
}

describe("a dead server in a bulk run, on the scheduler's clock", () => {
  it("a cut answer then refused connects: down after a few connects, the rest fail at once, no long waits", async () => {
    const clock = new ManualClock();
    // The first answer is cut as the server dies; every connect after it is refused.
    const w = world(clock, (n) => (n === 0 ? "cut" : "refused"));
    const results = await clock.runUntil(Promise.all(Array.from({ length: 40 }, (_, i) => w.lookup(`d${i}.test`))));
    expect(results).toHaveLength(40);
    // No query hangs and none is reported throttled: the server is down, not refusing us.
    expect(results.filter((r) => r.wire === "paused")).toEqual([]);
    expect(results.filter((r) => r.wire === "down").length).toBeGreaterThan(30);
    // Only the connects that showed it down were made: 1 cut answer + downAfterRefusedConnects refused ones.
    expect(w.connects.filter((c) => c.wire === "refused")).toHaveLength(QUEUE_DEFAULTS.downAfterRefusedConnects);
    expect(w.events.filter((e) => e.reason === "down")).toEqual([
      { server: HOST, waitMs: QUEUE_DEFAULTS.downRecheckMs, paused: true, reason: "down", refusals: QUEUE_DEFAULTS.downAfterRefusedConnects },
    ]);
    // No refusal-streak pause (the old outcome after 12 backed-off "silent refusals"), and the run ends in
    // well under one second of simulated time (it used to back each query off, the waits doubling from 1 s).
    expect(w.events.some((e) => e.reason === "refusals")).toBe(false);
    expect(clock.now()).toBeLessThan(1_000);
  });

  it("a server refusing connects from the start: down after the same few, never backed off", async () => {
    const clock = new ManualClock();
    const w = world(clock, () => "refused");
    const results = await clock.runUntil(Promise.all(Array.from({ length: 20 }, (_, i) => w.lookup(`d${i}.test`))));
    expect(w.connects).toHaveLength(QUEUE_DEFAULTS.downAfterRefusedConnects);
    expect(results.filter((r) => r.wire === "refused")).toHaveLength(QUEUE_DEFAULTS.downAfterRefusedConnects);
    expect(results.filter((r) => r.wire === "down")).toHaveLength(20 - QUEUE_DEFAULTS.downAfterRefusedConnects);
    expect(w.events.filter((e) => !e.paused)).toEqual([]);
  });

  it("one is let through after downRecheckMs: a server back up is asked again and answers", async () => {
    const clock = new ManualClock();
    const backAt = QUEUE_DEFAULTS.downRecheckMs / 2;
    const w = world(clock, (_n, at) => (at < backAt ? "refused" : "answer"));
    await clock.runUntil(Promise.all(Array.from({ length: 5 }, (_, i) => w.lookup(`early${i}.test`))));
    // Still down before the recheck, even though the server is back: not asked.
    const recheckAt = clock.now() + w.scheduler.queue(HOST).downFor();
    expect(recheckAt).toBeGreaterThan(backAt);
    await clock.advanceTo(recheckAt - 1);
    expect(await clock.runUntil(w.lookup("before.test"))).toEqual({ query: "before.test", wire: "down" });
    await clock.advanceTo(recheckAt);
    const later = await clock.runUntil(Promise.all(Array.from({ length: 5 }, (_, i) => w.lookup(`later${i}.test`))));
    expect(later.map((r) => r.wire)).toEqual(["answer", "answer", "answer", "answer", "answer"]);
    expect(w.scheduler.queue(HOST).downFor()).toBe(0);
  });

  it("a recheck that is refused again puts it down again at once (one connect, not another three)", async () => {
    const clock = new ManualClock();
    const w = world(clock, () => "refused");
    await clock.runUntil(Promise.all(Array.from({ length: 5 }, (_, i) => w.lookup(`early${i}.test`))));
    const before = w.connects.length;
    await clock.advanceTo(clock.now() + w.scheduler.queue(HOST).downFor());
    const later = await clock.runUntil(Promise.all(Array.from({ length: 5 }, (_, i) => w.lookup(`later${i}.test`))));
    // Two slots (concurrency 2) may each try once before the first refusal comes back; no more.
    expect(w.connects.length - before).toBeLessThanOrEqual(2);
    expect(later.filter((r) => r.wire === "down").length).toBeGreaterThanOrEqual(3);
  });

  it("a throttler that rejects a connect or two over its limit and then accepts is not down", async () => {
    const clock = new ManualClock();
    // Refuses every third connect (a firewall's REJECT when a burst passes its limit), answers the others.
    const w = world(clock, (n) => (n % 3 === 2 ? "refused" : "answer"));
    const results = await clock.runUntil(Promise.all(Array.from({ length: 30 }, (_, i) => w.lookup(`d${i}.test`))));
    expect(results.filter((r) => r.wire === "down")).toEqual([]);
    expect(w.events.filter((e) => e.reason === "down")).toEqual([]);
    expect(results.filter((r) => r.wire === "answer").length).toBeGreaterThanOrEqual(20);
  });

  it("a server refusing in words keeps its refusal streak and pause (the throttler's path is unchanged)", async () => {
    const clock = new ManualClock();
    const w = world(clock, () => "throttled");
    const results = await clock.runUntil(Promise.all(Array.from({ length: 20 }, (_, i) => w.lookup(`d${i}.test`))));
    expect(results.filter((r) => r.wire === "down")).toEqual([]);
    expect(w.events.some((e) => e.reason === "refusals" && e.refusals === QUEUE_DEFAULTS.pauseAfterRefusals)).toBe(true);
  });
});
