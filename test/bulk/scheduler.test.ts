import { describe, expect, it } from "vitest";
import { PoliteScheduler } from "../../src/bulk/index.js";
import { loadServerMap } from "../../src/servers/index.js";
import type { HopOutcome } from "../../src/lookup/scheduler.js";

const ok = (): HopOutcome => ({ kind: "ok" });

describe("PoliteScheduler", () => {
  it("keeps a known rate limit from the --servers map", async () => {
    const scheduler = new PoliteScheduler({ servers: loadServerMap({ "whois.limited.test": { address: "127.0.0.1:1", qps: 20, concurrency: 4 } }) });
    const started = performance.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 30 }, () => scheduler.run("whois.limited.test", async () => times.push(performance.now() - started), ok)));
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    // 30 queries evenly spaced at 97% of 20/s: about 1.5 s.
    expect(seconds).toBeGreaterThan(1.35);
    expect(seconds).toBeLessThan(2.5);
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
    const scheduler = new PoliteScheduler({ useProfiles: false, tuning: { initialQps: 100 } });
    const slow = scheduler.run("whois.slow.test", async () => 0, (): HopOutcome => ({ kind: "throttled", retryAfterMs: 2000 }));
    const started = performance.now();
    await scheduler.run("whois.fast.test", async () => 0, ok);
    expect(performance.now() - started).toBeLessThan(200);
    void slow.catch(() => {});
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
