import { describe, expect, it } from "vitest";
import { PoliteScheduler, type WaitEvent } from "../../src/bulk/index.js";
import type { HopOutcome } from "../../src/lookup/scheduler.js";
import { ManualClock } from "../helpers/manual-clock.js";

/**
 * --max-retry-wait's decision on the scheduler's clock: whether a Retry-After is waited out or pauses its
 * server (watch defers the server's objects to the next pass, bulk reports them throttled), and when the
 * pause ends, read on a ManualClock the test moves — no case depends on the machine's speed.
 */
const CAP_MS = 60_000;
const REFUSED = "not asked";

type Answer = { query: string; askedAt: number; throttled?: number };

function world(clock: ManualClock, throttle: (query: string, asks: number) => number | undefined, answerMs = 0) {
  const asked: Answer[] = [];
  const events: WaitEvent[] = [];
  const scheduler = new PoliteScheduler({ useProfiles: false, maxRetryWaitMs: CAP_MS, clock, onWait: (e) => events.push(e) });
  const lookup = (server: string, query: string): Promise<Answer | string> =>
    scheduler.run<Answer>(
      server,
      () => {
        const retryAfter = throttle(query, asked.filter((a) => a.query === query).length);
        const answer: Answer = { query, askedAt: clock.now(), ...(retryAfter === undefined ? {} : { throttled: retryAfter }) };
        asked.push(answer);
        return answerMs === 0 ? Promise.resolve(answer) : new Promise((resolve) => clock.setTimer(() => resolve(answer), answerMs));
      },
      (a): HopOutcome => (a.throttled === undefined ? { kind: "ok" } : { kind: "throttled", retryAfterMs: a.throttled }),
      () => ({ query, askedAt: Number.NaN, throttled: -1 }),
    ).then((a) => (a.throttled === -1 ? REFUSED : a));
  return { asked, events, scheduler, lookup };
}

describe("a Retry-After against --max-retry-wait, on the scheduler's clock", () => {
  it("just under the cap: waited out on the clock, then asked again and answered", async () => {
    const clock = new ManualClock();
    const w = world(clock, (_q, asks) => (asks === 0 ? CAP_MS - 1 : undefined));
    const answer = await clock.runUntil(w.lookup("rdap.nic.test", "a.test"));
    expect(answer).toMatchObject({ query: "a.test" });
    expect(w.asked.map((a) => a.askedAt)).toHaveLength(2);
    const again = w.asked[1]?.askedAt ?? 0;
    // A minimum (never sooner than asked), its jitter capped by --max-retry-wait.
    expect(again).toBeGreaterThanOrEqual(CAP_MS - 1);
    expect(again).toBeLessThanOrEqual(CAP_MS);
    expect(w.events).toEqual([{ server: "rdap.nic.test", requestedMs: CAP_MS - 1, waitMs: again, paused: false, refusals: 1 }]);
  });

  it("equal to the cap: waited out (not deferred), exactly the cap", async () => {
    const clock = new ManualClock();
    const w = world(clock, (_q, asks) => (asks === 0 ? CAP_MS : undefined));
    expect(await clock.runUntil(w.lookup("rdap.nic.test", "a.test"))).toMatchObject({ query: "a.test" });
    expect(w.asked.map((a) => a.askedAt)).toEqual([0, CAP_MS]);
    expect(w.events).toEqual([{ server: "rdap.nic.test", requestedMs: CAP_MS, waitMs: CAP_MS, paused: false, refusals: 1 }]);
  });

  it("just over the cap: the server is paused at once for the time it named, its queries not asked until then", async () => {
    const clock = new ManualClock();
    const w = world(clock, (q) => (q === "a.test" ? CAP_MS + 1 : undefined));
    // The throttled answer comes back as it is, with no wait: the caller defers that object.
    expect(await clock.runUntil(w.lookup("rdap.nic.test", "a.test"))).toMatchObject({ query: "a.test", throttled: CAP_MS + 1 });
    expect(clock.now()).toBe(0);
    expect(w.events).toEqual([{ server: "rdap.nic.test", requestedMs: CAP_MS + 1, waitMs: CAP_MS + 1, paused: true, reason: "asked", refusals: 1 }]);
    expect(await clock.runUntil(w.lookup("rdap.nic.test", "b.test"))).toBe(REFUSED);
    await clock.advanceTo(CAP_MS);
    expect(w.scheduler.stats()[0]?.pausedMs).toBe(1);
    expect(await clock.runUntil(w.lookup("rdap.nic.test", "b.test"))).toBe(REFUSED);
    await clock.advanceTo(CAP_MS + 1);
    expect(w.scheduler.stats()[0]?.pausedMs).toBe(0);
    expect(await clock.runUntil(w.lookup("rdap.nic.test", "b.test"))).toMatchObject({ query: "b.test", askedAt: CAP_MS + 1 });
    expect(w.asked.map((a) => a.query)).toEqual(["a.test", "b.test"]);
  });

  it("several objects on one throttled server: the one on the wire when the refusal arrives finishes, the rest are not asked", async () => {
    const clock = new ManualClock();
    // Unknown limit: 4 q/s to start, so queries go out 250 ms apart; every answer takes 400 ms.
    const w = world(clock, (q) => (q === "q1.test" ? CAP_MS * 10 : undefined), 400);
    const queries = Array.from({ length: 6 }, (_, i) => `q${i + 1}.test`);
    const results = await clock.runUntil(Promise.all(queries.map((q) => w.lookup("whois.nic.test", q))));
    // q1 asked at 0 (refused at 400), q2 at 250 (on the wire then: answered); q3… were due from 500 on.
    expect(w.asked.map((a) => [a.query, a.askedAt])).toEqual([["q1.test", 0], ["q2.test", 250]]);
    expect(results[0]).toMatchObject({ query: "q1.test", throttled: CAP_MS * 10 });
    expect(results[1]).toMatchObject({ query: "q2.test" });
    expect(results.slice(2)).toEqual([REFUSED, REFUSED, REFUSED, REFUSED]);
    expect(w.events.filter((e) => e.paused)).toHaveLength(1);
    // q3… leave the line when the refusal arrives (400 ms), not each at its own pacing slot: the run is
    // over when q2's answer is (650 ms). They used to be refused one by one as their slots came (1.8 s).
    expect(clock.now()).toBe(650);
  });

  it("one server throttled past the cap while another answers: the other's queries all go out at its own pace", async () => {
    const clock = new ManualClock();
    const w = world(clock, (q) => (q.endsWith(".slow") ? CAP_MS * 60 : undefined));
    const slow = ["a.slow", "b.slow", "c.slow"].map((q) => w.lookup("whois.slow.test", q));
    const fast = ["a.fast", "b.fast", "c.fast", "d.fast", "e.fast"].map((q) => w.lookup("whois.fast.test", q));
    const [slowResults, fastResults] = await clock.runUntil(Promise.all([Promise.all(slow), Promise.all(fast)]));
    expect(slowResults[0]).toMatchObject({ query: "a.slow" });
    expect(slowResults.slice(1)).toEqual([REFUSED, REFUSED]);
    expect(fastResults.map((r) => (typeof r === "string" ? r : r.query))).toEqual(["a.fast", "b.fast", "c.fast", "d.fast", "e.fast"]);
    // Paced by its own budget (4 q/s rising by slow start), never by the other server's hour.
    const fastTimes = w.asked.filter((a) => a.query.endsWith(".fast")).map((a) => a.askedAt);
    expect(fastTimes[0]).toBe(0);
    expect(fastTimes.at(-1)).toBeLessThan(1000);
    const stats = Object.fromEntries(w.scheduler.stats().map((s) => [s.host, s]));
    expect(stats["whois.slow.test"]?.pausedMs).toBe(CAP_MS * 60 - clock.now());
    expect(stats["whois.fast.test"]).toMatchObject({ answered: 5, throttles: 0, pausedMs: 0 });
  });
});
