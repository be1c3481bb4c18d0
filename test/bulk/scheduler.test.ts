import { describe, expect, it } from "vitest";
import { PoliteScheduler } from "../../src/bulk/index.js";
import { loadServerMap } from "../../src/servers/index.js";
import type { HopOutcome } from "../../src/lookup/scheduler.js";
import { ManualClock } from "../helpers/manual-clock.js";

const ok = (): HopOutcome => ({ kind: "ok" });

describe("PoliteScheduler", () => {
  it("keeps a known rate limit from the --servers map", async () => {
    const clock = new ManualClock();
    const scheduler = new PoliteScheduler({ servers: loadServerMap({ "whois.limited.test": { address: "127.0.0.1:1", qps: 20, concurrency: 4 } }), clock });
    const times: number[] = [];
    await clock.runUntil(Promise.all(Array.from({ length: 30 }, () => scheduler.run("whois.limited.test", async () => times.push(clock.now()), ok))));
    // 30 queries evenly spaced at 97% of 20/s, on the scheduler's clock: one every 51.5 ms, 1.5 s in all.
    const interval = 1000 / (20 * scheduler.tuningInUse.knownLimitShare);
    const gaps = times.slice(1).map((at, i) => at - (times[i] as number));
    // Timers are set in whole ms: a gap may read up to 1 ms off the interval, never more, and never add up.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(interval - 1);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(interval + 1);
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBeGreaterThanOrEqual(29 * interval - 1);
    expect(times.at(-1)).toBeLessThanOrEqual(29 * interval + 29);
  });

  it("never runs more than the concurrency cap at once", async () => {
    const scheduler = new PoliteScheduler({ servers: loadServerMap({ "whois.narrow.test": { address: "127.0.0.1:1", qps: 1000, concurrency: 2 } }) });
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        scheduler.run(
          "whois.narrow.test",
          async () => {
            active += 1;
            peak = Math.max(peak, active);
            await new Promise((resolve) => setTimeout(resolve, 5));
            active -= 1;
          },
          ok,
        ),
      ),
    );
    expect(peak).toBe(2);
  });

  it("backs off on throttling, retries, and halves an unknown rate (AIMD)", async () => {
    const scheduler = new PoliteScheduler({ useProfiles: false, tuning: { initialQps: 50, slowStartFactor: 1.1 } });
    let calls = 0;
    const result = await scheduler.run(
      "whois.probe.test",
      async () => ++calls,
      (n): HopOutcome => (n < 3 ? { kind: "throttled", retryAfterMs: 20 } : { kind: "ok" }),
    );
    expect(result).toBe(3);
    const [stats] = scheduler.stats();
    expect(stats?.throttles).toBe(2);
    // Two decreases (× 0.6), then one additive step below the remembered ceiling.
    expect(stats?.rate).toBeCloseTo(50 * 0.6 * 0.6 + 0.25, 5);
  });

  it("gives up after the retry budget and returns the throttled answer", async () => {
    const scheduler = new PoliteScheduler({ useProfiles: false, maxRetries: 1 });
    let calls = 0;
    const throttled = (): HopOutcome => ({ kind: "throttled", retryAfterMs: 5 });
    await scheduler.run("whois.busy.test", async () => ++calls, throttled);
    expect(calls).toBe(2);
  });

  it("keeps servers independent: a throttled server does not delay another", async () => {
    const clock = new ManualClock();
    const scheduler = new PoliteScheduler({ useProfiles: false, tuning: { initialQps: 100 }, clock });
    const slowAsked: number[] = [];
    const slow = scheduler.run("whois.slow.test", async () => slowAsked.push(clock.now()), (): HopOutcome => ({ kind: "throttled", retryAfterMs: 2000 }));
    // The other server's query goes at once, on the clock, while the slow one waits out its 2 s.
    const fastAt = await clock.runUntil(scheduler.run("whois.fast.test", async () => clock.now(), ok));
    expect(fastAt).toBe(0);
    expect(slowAsked).toEqual([0]);
    expect(scheduler.stats().find((s) => s.host === "whois.slow.test")?.waitMs).toBeGreaterThanOrEqual(2000);
    await clock.runUntil(slow);
    expect(slowAsked[1]).toBeGreaterThanOrEqual(2000);
  });

  it("returns the last throttled answer, not a retry's outright failure (a reset's partial answer survives a timeout)", async () => {
    const scheduler = new PoliteScheduler({ servers: loadServerMap({ "whois.cut.test": { address: "127.0.0.1:1", qps: 1000, concurrency: 2 } }) });
    const results = ["partial answer (reset)", "partial answer (reset)", "timeout"];
    let asked = 0;
    const judge = (result: string): HopOutcome => (result === "timeout" ? { kind: "error", code: "WL_ERR_TIMEOUT" } : { kind: "throttled" });
    const result = await scheduler.run("whois.cut.test", async () => results[asked++] as string, judge);
    expect(asked).toBe(3);
    expect(result).toBe("partial answer (reset)");
    // With nothing before it, a failure is still the result.
    expect(await scheduler.run("whois.cut.test", async () => "timeout", judge)).toBe("timeout");
  });
});
