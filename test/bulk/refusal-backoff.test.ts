/**
 * The scheduler's answers to refusals that name no wait, to permanent blocks, to silence after a refusal
 * and to Retry-After (issue #13, w13-bulk): each test fails on the scheduler before this change.
 */
import { describe, expect, it } from "vitest";
import { PoliteScheduler, type WaitEvent } from "../../src/bulk/index.js";
import type { HopOutcome } from "../../src/lookup/scheduler.js";
import { isPermanentBlock, PERMANENT_BLOCK_MS, pauseReason, waitFromThrottleText } from "../../src/lookup/throttle-wait.js";
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

  it("is read as a block for good; the temporary one names no wait", () => {
    expect(waitFromThrottleText(permanent)).toBe(PERMANENT_BLOCK_MS);
    expect(waitFromThrottleText(temporary)).toBeUndefined();
    // A Retry-After of decades is a long wait, not a permanent block.
    expect(isPermanentBlock(999_999_999_000)).toBe(false);
  });

  it("stops every later query to that server for the run, with the reason", async () => {
    const events: WaitEvent[] = [];
    const scheduler = new PoliteScheduler({ servers: known("whois.ripe.net", 10), onWait: (e) => events.push(e) });
    let calls = 0;
    const ask = async (): Promise<string> => `answer ${++calls}`;
    await scheduler.run("whois.ripe.net", ask, (): HopOutcome => ({ kind: "throttled", retryAfterMs: PERMANENT_BLOCK_MS }), () => "not asked");
    const later = await Promise.all(Array.from({ length: 4 }, () => scheduler.run("whois.ripe.net", ask, refused, (ms) => pauseReason("whois.ripe.net", ms))));
    expect(calls).toBe(1);
    expect(later.every((r) => r.includes("refused us permanently"))).toBe(true);
    expect(events).toEqual([expect.objectContaining({ paused: true, reason: "permanent" })]);
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
