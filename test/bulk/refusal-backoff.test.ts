/**
 * The scheduler's answers to refusals that name no wait, to permanent blocks, to silence after a refusal
 * and to Retry-After (issue #13, w13-bulk): each test fails on the scheduler before this change.
 */
import { describe, expect, it, vi } from "vitest";
import { namelessBackoffMs, PoliteScheduler, QUEUE_DEFAULTS, ServerQueue, type WaitEvent } from "../../src/bulk/index.js";
import type { HopOutcome } from "../../src/lookup/scheduler.js";
import { PERMANENT_BLOCK_MS, pauseReason, readThrottleText, waitFromThrottleText } from "../../src/lookup/throttle-wait.js";
import { loadServerMap, type ServerMap } from "../../src/servers/index.js";

const refused = (): HopOutcome => ({ kind: "throttled" });
const known = (host: string, qps = 20): ServerMap => loadServerMap({ [host]: { address: "127.0.0.1:1", qps } });

describe("refusals that name no wait (DENIC 55000000002, a quota sentence)", () => {
  it("leave a server with a known limit alone at least 1 s, doubling with each refusal in a row across queries", async () => {
    const events: WaitEvent[] = [];
    const scheduler = new PoliteScheduler({ servers: known("whois.denic.de"), maxRetries: 0, onWait: (e) => events.push(e) });
    // Three queries, one after the other, each refused once: one server's refusals in a row.
    for (let i = 0; i < 3; i += 1) await scheduler.run("whois.denic.de", async () => i, refused, () => -1);
    const waits = events.map((e) => e.waitMs);
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
    expect(waits[1]).toBeGreaterThanOrEqual(2000);
    expect(waits[2]).toBeGreaterThanOrEqual(4000);
    expect(events.map((e) => e.refusals)).toEqual([1, 2, 3]);
  }, 20_000);

  it("an answer ends the streak: the next refusal starts from the floor again", async () => {
    const events: WaitEvent[] = [];
    const scheduler = new PoliteScheduler({ servers: known("whois.jprs.jp"), maxRetries: 0, maxRetryWaitMs: 1500, onWait: (e) => events.push(e) });
    await scheduler.run("whois.jprs.jp", async () => 1, refused);
    await scheduler.run("whois.jprs.jp", async () => 2, (): HopOutcome => ({ kind: "ok" }));
    await scheduler.run("whois.jprs.jp", async () => 3, refused);
    expect(events.map((e) => e.refusals)).toEqual([1, 1]);
    expect(events[1]?.waitMs).toBeLessThan(1500);
  }, 20_000);

  it("a reset (the server cut the connection) is paced without the floor: a connection limit, not a block", async () => {
    const events: WaitEvent[] = [];
    const scheduler = new PoliteScheduler({ servers: known("whois.verisign-grs.com", 50), maxRetries: 0, onWait: (e) => events.push(e) });
    await scheduler.run("whois.verisign-grs.com", async () => 1, (): HopOutcome => ({ kind: "throttled", cut: true }));
    expect(events[0]?.waitMs).toBeLessThan(200);
  });

  it("a reset lowers the server's connection cap to the connections still open (Verisign resets past N connections)", async () => {
    const scheduler = new PoliteScheduler({ servers: loadServerMap({ "whois.v.test": { address: "127.0.0.1:1", qps: 1000, concurrency: 4 } }), maxRetryWaitMs: 5 });
    let open = 0;
    let peak = 0;
    let cut = false;
    type R = "ok" | "cut";
    const judge = (r: R): HopOutcome => (r === "ok" ? { kind: "ok" } : { kind: "throttled", cut: true });
    const task = async (): Promise<R> => {
      open += 1;
      peak = Math.max(peak, open);
      if (open === 3 && !cut) {
        cut = true;
        open -= 1;
        return "cut";
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
      open -= 1;
      return "ok";
    };
    await Promise.all(Array.from({ length: 3 }, () => scheduler.run("whois.v.test", task, judge)));
    expect(cut).toBe(true);
    peak = 0;
    await Promise.all(Array.from({ length: 8 }, () => scheduler.run("whois.v.test", task, judge)));
    expect(peak).toBe(2);
  });

  it("a server that keeps refusing is paused after 12 in a row: its other queries are throttled at once, the run does not hang on it", async () => {
    const events: WaitEvent[] = [];
    // A known pace (fast), the waits capped at 5 ms: only the count of refusals decides.
    const scheduler = new PoliteScheduler({ servers: known("whois.refusing.test", 1000), maxRetryWaitMs: 5, onWait: (e) => events.push(e) });
    let calls = 0;
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push(await scheduler.run("whois.refusing.test", async () => ++calls, refused, (ms) => -ms));
    expect(calls).toBe(12);
    expect(results.slice(3).every((r) => r < 0)).toBe(true);
    expect(events.at(-1)).toMatchObject({ paused: true, reason: "refusals", refusals: 12 });
  });
});

describe("a silence after a refusal (DENIC answers once, then stays silent)", () => {
  it("is paced as the refusal going on, once per query: then the query fails with the silence as its reason", async () => {
    const scheduler = new PoliteScheduler({ servers: known("whois.silent.test", 1000), maxRetryWaitMs: 5 });
    type R = { ok: boolean } | { code: string };
    const judge = (r: R): HopOutcome => ("code" in r ? { kind: "error", code: r.code } : r.ok ? { kind: "ok" } : { kind: "throttled" });
    await scheduler.run<R>("whois.silent.test", async () => ({ ok: false }), judge);
    let calls = 0;
    const result = await scheduler.run<R>("whois.silent.test", async () => (++calls, { code: "WL_ERR_TIMEOUT" }), judge);
    expect(calls).toBe(2);
    expect(result).toEqual({ code: "WL_ERR_TIMEOUT" });
    // Without a refusal before it, a timeout is the query's failure at once.
    const fresh = new PoliteScheduler({ useProfiles: false, maxRetryWaitMs: 5 });
    let asked = 0;
    await fresh.run<R>("whois.other.test", async () => (++asked, { code: "WL_ERR_TIMEOUT" }), judge);
    expect(asked).toBe(1);
  });
});

describe("RIPE's permanent ERROR:201", () => {
  const permanent = "%ERROR:201: access denied for 127.0.0.1\n%\n% Sorry, access from your host has been permanently\n% denied because of a repeated excessive querying.\n";
  const temporary = "%ERROR:201: access denied for 127.0.0.1\n%\n% Queries from your IP address have passed the daily limit of controlled objects.\n% Access from your host has been temporarily denied.\n";

  it("is read as a block for good (a flag, not a wait); the temporary one names no wait", () => {
    expect(readThrottleText(permanent)).toEqual({ permanent: true });
    expect(waitFromThrottleText(permanent)).toBeUndefined();
    expect(readThrottleText(temporary)).toEqual({ permanent: false });
    expect(readThrottleText("try later in 31536000 seconds")).toEqual({ waitMs: PERMANENT_BLOCK_MS, permanent: false });
  });

  it("stops every later query to that server for the run, with the reason", async () => {
    const events: WaitEvent[] = [];
    const scheduler = new PoliteScheduler({ servers: known("whois.ripe.net", 10), onWait: (e) => events.push(e) });
    let calls = 0;
    const ask = async (): Promise<string> => `answer ${++calls}`;
    await scheduler.run("whois.ripe.net", ask, (): HopOutcome => ({ kind: "throttled", permanent: true }), () => "not asked");
    const later = await Promise.all(Array.from({ length: 4 }, () => scheduler.run("whois.ripe.net", ask, refused, (ms, forGood) => pauseReason("whois.ripe.net", ms, forGood))));
    expect(calls).toBe(1);
    expect(later.every((r) => r.includes("refused us permanently"))).toBe(true);
    expect(events).toEqual([expect.objectContaining({ paused: true, reason: "permanent" })]);
  });
});

describe("a Retry-After of exactly one year", () => {
  it("pauses the server for that year, as any wait past --max-retry-wait: it is not read as a block for good", async () => {
    const events: WaitEvent[] = [];
    const scheduler = new PoliteScheduler({ servers: known("rdap.year.test", 10), onWait: (e) => events.push(e) });
    const year = 31_536_000 * 1000;
    await scheduler.run("rdap.year.test", async () => "429", (): HopOutcome => ({ kind: "throttled", retryAfterMs: year }), () => "not asked");
    let reason = "";
    const later = await scheduler.run("rdap.year.test", async () => "asked", (): HopOutcome => ({ kind: "ok" }), (ms, forGood) => (reason = pauseReason("rdap.year.test", ms, forGood)));
    expect(later).toBe(reason);
    expect(reason).toMatch(/paused for 3153\d{4} s more/);
    expect(events).toEqual([expect.objectContaining({ paused: true, reason: "asked", requestedMs: year })]);
    const stats = scheduler.stats().find((s) => s.host === "rdap.year.test");
    expect(stats?.blockedForGood).toBe(false);
    expect(stats?.pausedMs).toBeGreaterThan(year - 60_000);
  });
});

describe("the nameless-refusal backoff's cap holds with the jitter", () => {
  it("namelessBackoffMs never passes the cap, whatever the jitter, rate or doublings", () => {
    for (const jitter of [0.8, 1, 1.2]) {
      for (const rate of [0.05, 1, 4, 50]) {
        for (let doublings = 0; doublings <= 20; doublings += 1) {
          const wait = namelessBackoffMs({ ratePerSecond: rate, doublings, floorMs: 1000, capMs: QUEUE_DEFAULTS.maxBackoffMs, jitter });
          expect(wait).toBeLessThanOrEqual(QUEUE_DEFAULTS.maxBackoffMs);
          expect(wait).toBeGreaterThanOrEqual(Math.min(QUEUE_DEFAULTS.maxBackoffMs, 1000 * 2 ** Math.min(16, doublings)));
        }
      }
    }
  });

  it("a server refusing in a row waits at most 30 s, even at the highest jitter (it reached 36 s with the jitter after the cap)", () => {
    const random = vi.spyOn(Math, "random").mockReturnValue(0.9999);
    try {
      const queue = new ServerQueue("slow.test", {}, QUEUE_DEFAULTS);
      const waits = Array.from({ length: 10 }, (_, attempt) => queue.throttled(undefined, attempt, 120_000));
      expect(Math.max(...waits.map((w) => w ?? 0))).toBeLessThanOrEqual(30_000);
      expect(waits.at(-1)).toBe(30_000);
    } finally {
      random.mockRestore();
    }
  });
});

describe("Retry-After is a minimum (RFC 9110 §10.2.3)", () => {
  it("is never shortened by the jitter", async () => {
    const events: WaitEvent[] = [];
    const scheduler = new PoliteScheduler({ useProfiles: false, maxRetries: 0, onWait: (e) => events.push(e) });
    for (let i = 0; i < 40; i += 1) await scheduler.run(`rdap${i}.test`, async () => i, (): HopOutcome => ({ kind: "throttled", retryAfterMs: 1000 }));
    expect(Math.min(...events.map((e) => e.waitMs))).toBeGreaterThanOrEqual(1000);
  });
});
