import { afterEach, describe, expect, it } from "vitest";
import { bulkLookup, PoliteScheduler } from "../../src/bulk/index.js";
import { WhoislensError } from "../../src/errors.js";
import { lookup } from "../../src/lookup/index.js";
import { immediateScheduler, type HopOutcome } from "../../src/lookup/scheduler.js";
import { throttlingRegistry, type StandInRegistry } from "../helpers/stand-ins.js";

/**
 * A cancel ends every wait of the scheduler at once (issue: "the per-server backoff wait ignores the
 * cancel signal"): a hop waiting out a server's 60 s backoff, its pacing slot or a retry delay settles
 * within a second of the abort, with WL_ERR_ABORTED, and leaves no timer behind to keep the process
 * alive (before the fix it sat until the 60 s timer fired, and bin/whoislens forced the exit).
 */

/** Timers alive in this process now (node's own count: "Timeout" resources). */
const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

/** What a watched promise came to, and how long after the interrupt (ms). */
interface Settled<T> {
  value?: T;
  error?: unknown;
  afterMs: number;
}

/**
 * Watches `promise` from now on; `interrupt(act)` runs `act` (the abort) and resolves with what the promise
 * came to and how long after `act` it settled.
 */
function watch<T>(promise: Promise<T>): { interrupt(act: () => void): Promise<Settled<T>> } {
  let from = Number.NaN;
  const outcome = promise.then(
    (value): Settled<T> => ({ value, afterMs: performance.now() - from }),
    (error: unknown): Settled<T> => ({ error, afterMs: performance.now() - from }),
  );
  return {
    interrupt: (act) => {
      from = performance.now();
      act();
      return outcome;
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
    const scheduler = new PoliteScheduler({ useProfiles: false, maxRetryWaitMs: 120_000 });
    const cancel = new AbortController();
    let asked = 0;
    const throttled = (): HopOutcome => ({ kind: "throttled", retryAfterMs: 60_000 });
    const run = watch(scheduler.run("whois.slow.test", async () => ++asked, throttled, undefined, cancel.signal));
    // The first answer was a throttle: the queue now waits out the server's 60 s.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toBe(1);
    expect(scheduler.stats()[0]?.waitMs).toBeGreaterThan(40_000);
    const ended = await run.interrupt(() => cancel.abort());
    expect(ended.error).toBeInstanceOf(WhoislensError);
    expect((ended.error as WhoislensError).code).toBe("WL_ERR_ABORTED");
    expect((ended.error as WhoislensError).message).toMatch(/whois\.slow\.test/);
    expect(ended.afterMs).toBeLessThan(1000);
    // Not asked again, and nothing counted against the server beyond the one throttle it did send.
    expect(asked).toBe(1);
    expect(scheduler.stats()[0]).toMatchObject({ answered: 0, throttles: 1 });
    expect(scheduler.queue("whois.slow.test").waiters).toBe(0);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it("a hop waiting for its pacing slot behind another: the cancelled one leaves the line, the other still goes", async () => {
    const scheduler = new PoliteScheduler({ useProfiles: false, tuning: { initialQps: 0.2 } });
    const cancel = new AbortController();
    const ok = (): HopOutcome => ({ kind: "ok" });
    const first = await scheduler.run("whois.paced.test", async () => "first", ok);
    expect(first).toBe("first");
    // The next slot is ~5 s away (0.2 q/s, slow start 1.25×): two wait, one is cancelled.
    const cancelled = watch(scheduler.run("whois.paced.test", async () => "cancelled", ok, undefined, cancel.signal));
    const kept = scheduler.run("whois.paced.test", async () => "kept", ok);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const ended = await cancelled.interrupt(() => cancel.abort());
    expect((ended.error as WhoislensError).code).toBe("WL_ERR_ABORTED");
    expect(ended.afterMs).toBeLessThan(1000);
    expect(scheduler.queue("whois.paced.test").waiters).toBe(1);
    // The queue's timer still serves the one left waiting (it would be a bug to clear it).
    expect(await kept).toBe("kept");
  }, 20_000);

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
    await new Promise((resolve) => setTimeout(resolve, 20));
    const ended = await run.interrupt(() => cancel.abort());
    expect((ended.error as WhoislensError).code).toBe("WL_ERR_ABORTED");
    expect(ended.afterMs).toBeLessThan(1000);
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
  it.each(["whois", "rdap"] as const)("--protocol %s: the throttled server's 60 s backoff ends on abort; the lookup settles in < 1 s with no timer left", async (protocol) => {
    const { whois, rdap, asked } = await throttlingServers();
    const before = timers();
    const scheduler = new PoliteScheduler({ useProfiles: false, maxRetryWaitMs: 120_000 });
    const cancel = new AbortController();
    const target =
      protocol === "whois"
        ? { protocol, host: "127.0.0.1", port: whois.port }
        : { protocol, rdapUrl: `http://127.0.0.1:${rdap.port}/`, allowPrivate: true };
    const run = watch(lookup("cancel-me.com", { ...target, followReferrals: false, scheduler, signal: cancel.signal, hopTimeoutMs: 120_000, totalTimeoutMs: 300_000 }));
    // Wait for the throttle to land and the backoff to start.
    for (let i = 0; i < 200 && !(scheduler.stats()[0]?.waitMs ?? 0); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(scheduler.stats()[0]?.waitMs).toBeGreaterThan(40_000);
    expect(asked).toHaveLength(1);
    const ended = await run.interrupt(() => cancel.abort());
    expect(ended.afterMs).toBeLessThan(1000);
    // Cancelled, not a record of the server's refusal passed off as the answer.
    expect(ended.value).toBeUndefined();
    expect((ended.error as WhoislensError).code).toBe("WL_ERR_ABORTED");
    expect(asked).toHaveLength(1);
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
  const scheduler = new PoliteScheduler({ useProfiles: false, maxRetryWaitMs: 120_000 });
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
  for (let i = 0; i < 200 && !(scheduler.stats()[0]?.waitMs ?? 0); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(scheduler.stats()[0]?.waitMs).toBeGreaterThan(40_000);
  return { results, ended: await run.interrupt(() => interrupt({ stop, cancel })), asked, cancel };
}

describe("bulkLookup interrupted while its queries wait out a backoff", () => {
  it("cancelled: ends within a second, yielding nothing for the waiting queries, with no timer left", async () => {
    const before = timers();
    const { results, ended, asked } = await bulkInBackoff(["a.com", "b.com", "c.com"], ({ stop, cancel }) => {
      stop.abort();
      cancel.abort();
    });
    expect(ended.error).toBeUndefined();
    expect(ended.afterMs).toBeLessThan(1000);
    expect(results).toEqual([]);
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it("stopped only (the first Ctrl-C): a hop still waiting for its turn is new work, its wait ends, the query is neither yielded nor failed", async () => {
    const before = timers();
    // The lookups' cancel signal is never aborted here: only the stop ends the waits.
    const { results, ended, asked, cancel } = await bulkInBackoff(["a.com", "b.com"], ({ stop }) => stop.abort());
    expect(ended.error).toBeUndefined();
    expect(ended.afterMs).toBeLessThan(1000);
    // Not yielded as failed or throttled: the queries stay pending for the next pass.
    expect(results).toEqual([]);
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(cancel.signal.aborted).toBe(false);
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
