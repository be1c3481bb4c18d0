import { describe, expect, it } from "vitest";
import { QUEUE_DEFAULTS } from "../../src/bulk/index.js";
import type { HopOutcome, SendCheck } from "../../src/lookup/scheduler.js";
import { SCALE_DEFAULTS } from "../../src/scale/defaults.js";
import { RedisLimiter } from "../../src/scale/limiter.js";
import { SharedScheduler, type PauseEvent } from "../../src/scale/scheduler.js";
import { loadServerMap } from "../../src/servers/index.js";
import { drive, ManualClock } from "../helpers/manual-clock.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

// The fleet's "down, not throttling" rule, on the shared Redis limiter (src/scale/limiter.ts, judged by
// src/lookup/down-rule.ts as bulk is): a server that refuses every connect (ECONNREFUSED) 3 times in a row,
// whichever workers made the connects, is down for every worker for 60 s; then one worker's job probes it.
// Two SharedSchedulers on two Redis connections stand for two workers; the hops' outcomes are injected and
// time is a ManualClock shared by both limiters (Redis is handed its time): nothing waits on the machine.
// The same rule in bulk: test/bulk/down-server-clock.test.ts; end to end through real workers and a closed
// loopback port: test/scale/down-worker.test.ts.
const missing = skipReason("the Redis down-server tests", redisMissing);

const HOST = "whois.gone.test";
/** What the simulated server does with one connect. */
type Wire = "answer" | "refused" | "reset" | "silent" | "worded";

function judge(wire: Wire | "unsent"): HopOutcome {
  switch (wire) {
    case "answer":
      return { kind: "ok" };
    case "reset":
      // An accepted connection cut without a word (Verisign-style): a throttle, src/lookup/hops.ts judgeAttempt.
      return { kind: "throttled", cut: true };
    case "silent":
      return { kind: "error", code: "WL_ERR_TIMEOUT" };
    case "worded":
      // A refusal in words naming no wait ("% Query rate limit exceeded"): the known limit's floor applies.
      return { kind: "throttled" };
    case "refused":
      return { kind: "error", code: "WL_ERR_CONNECT", connectionRefused: true };
    default:
      return { kind: "error", code: "WL_ERR_ABORTED" };
  }
}

describe.skipIf(missing !== undefined)("SharedScheduler: a server refusing every connect is down for every worker", () => {
  const { connect } = useRedis();

  /** Two workers on one test clock and a fresh key prefix; `behaviour` says what connect number n meets. */
  async function fleet(behaviour: (connectNumber: number, at: number) => Wire | Promise<Wire>, options: { maxRetries?: number | [number, number] } = {}) {
    const clock = new ManualClock();
    const prefix = `whoislens:down-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const servers = loadServerMap({ [HOST]: { address: "127.0.0.1:9", qps: 1000, concurrency: 2 } });
    const connects: { worker: string; wire: Wire | "pending"; at: number }[] = [];
    const pauses: PauseEvent[] = [];
    const limiters = await Promise.all(["a", "b"].map(async (name) => new RedisLimiter(await connect(), prefix, name, {}, clock)));
    const retries = (w: number): number => (Array.isArray(options.maxRetries) ? (options.maxRetries[w] as number) : (options.maxRetries ?? 0));
    const schedulers = limiters.map((limiter, w) => new SharedScheduler(limiter, { servers, clock, maxRetries: retries(w), maxRetryWaitMs: 60_000, onPause: (e) => pauses.push(e) }));
    /** One job on worker `w` (0 or 1): the wire's answer, or "down"/"paused" when the scheduler answered for it unasked. */
    const job = (w: number): Promise<Wire | "down" | "paused" | "unsent"> =>
      (schedulers[w] as SharedScheduler).run<Wire | "down" | "paused" | "unsent">(
        HOST,
        async (beforeSend?: SendCheck) => {
          if (beforeSend && !(await beforeSend())) return "unsent";
          const entry: { worker: string; wire: Wire | "pending"; at: number } = { worker: w === 0 ? "a" : "b", wire: "pending", at: clock.now() };
          connects.push(entry);
          entry.wire = await behaviour(connects.length - 1, clock.now());
          return entry.wire;
        },
        (result) => judge(result === "down" || result === "paused" ? "unsent" : result),
        (_ms, _permanent, down) => (down === true ? "down" : "paused"),
      );
    /** Jobs one after another, alternating between the two workers. */
    const inTurns = async (count: number, first = 0): Promise<string[]> => {
      const results: string[] = [];
      for (let i = 0; i < count; i += 1) results.push(await drive(clock, job((first + i) % 2)));
      return results;
    };
    const state = async () => (await (limiters[0] as RedisLimiter).servers()).find((s) => s.host === HOST);
    return { clock, connects, pauses, job, inTurns, state, limiter: limiters[1] as RedisLimiter, scheduler: schedulers[0] as SharedScheduler };
  }

  it("3 refused connects, made by two workers, put it down for both: the other jobs fail at once as down, unasked, one line logged", async () => {
    const f = await fleet(() => "refused");
    const results = await f.inTurns(10);
    expect(results).toEqual([...Array(QUEUE_DEFAULTS.downAfterRefusedConnects).fill("refused"), ...Array(10 - QUEUE_DEFAULTS.downAfterRefusedConnects).fill("down")]);
    // Both workers connected before it was down (the streak is the fleet's, not each worker's), none after.
    expect(f.connects.map((c) => c.worker)).toEqual(["a", "b", "a"]);
    expect(f.pauses).toEqual([{ server: HOST, run: "", reason: "down", pausedMs: QUEUE_DEFAULTS.downRecheckMs, refusals: QUEUE_DEFAULTS.downAfterRefusedConnects }]);
    expect((await f.state())?.downMs).toBe(QUEUE_DEFAULTS.downRecheckMs);
    // Still down one ms before the recheck, for either worker.
    await f.clock.advanceTo(QUEUE_DEFAULTS.downRecheckMs - 1);
    expect(await f.inTurns(2)).toEqual(["down", "down"]);
    expect(f.connects).toHaveLength(QUEUE_DEFAULTS.downAfterRefusedConnects);
  });

  it("an accepted connection at any worker clears the streak: refused, refused, answered, refused, refused is not down", async () => {
    const pattern: Wire[] = ["refused", "refused", "answer", "refused", "refused", "refused"];
    const f = await fleet((n) => pattern[n] ?? "refused");
    expect(await f.inTurns(5)).toEqual(["refused", "refused", "answer", "refused", "refused"]);
    expect(f.pauses).toEqual([]);
    expect((await f.state())?.downMs).toBe(0);
    // The third refusal in a row since the answer does it.
    expect(await f.inTurns(2)).toEqual(["refused", "down"]);
    expect(f.pauses.map((p) => p.reason)).toEqual(["down"]);
  });

  it("a throttler that accepts and then resets or goes silent, or rejects one connect in three, is never marked down", async () => {
    const resetting = await fleet(() => "reset", { maxRetries: 1 });
    const reset = await resetting.inTurns(5);
    const silence = await fleet((n) => (n % 2 === 0 ? "reset" : "silent"), { maxRetries: 1 });
    const silent = await silence.inTurns(5);
    const firewall = await fleet((n) => (n % 3 === 2 ? "refused" : "answer"));
    const rejecting = await firewall.inTurns(12);
    for (const [f, results] of [
      [resetting, reset],
      [silence, silent],
      [firewall, rejecting],
    ] as const) {
      expect(results).not.toContain("down");
      expect(f.pauses.filter((p) => p.reason === "down")).toEqual([]);
      expect((await f.state())?.downMs).toBe(0);
    }
    // Every job was asked (the resets and silences were backed off and asked again, not failed unasked).
    expect(resetting.connects).toHaveLength(10);
    expect(silence.connects.length).toBeGreaterThanOrEqual(5);
    expect(firewall.connects).toHaveLength(12);
  });

  /** A behaviour switched by the test: refusing, answering, or holding its answer until the test releases it. */
  function switchable() {
    const sw = { phase: "refused" as Wire | "held", release: (_wire: Wire): void => {} };
    const behaviour = (): Wire | Promise<Wire> => (sw.phase === "held" ? new Promise<Wire>((resolve) => (sw.release = resolve)) : sw.phase);
    return { sw, behaviour };
  }

  /** Turns the event loop and the clock until `count` connects were made. */
  async function untilConnects(f: { clock: ManualClock; connects: unknown[] }, count: number): Promise<void> {
    await drive(
      f.clock,
      (async () => {
        while (f.connects.length < count) await new Promise((resolve) => setImmediate(resolve));
      })(),
    );
  }

  /**
   * Down after refused connects, then past the down time with the server holding its answers: worker a's job is the
   * probe, on the wire (its connect made), until the test releases it.
   */
  async function probing() {
    const { sw, behaviour } = switchable();
    const f = await fleet(behaviour);
    const down = QUEUE_DEFAULTS.downAfterRefusedConnects;
    await f.inTurns(down);
    sw.phase = "held";
    await f.clock.advanceTo(QUEUE_DEFAULTS.downRecheckMs + 10);
    const probe = f.job(0);
    await untilConnects(f, down + 1);
    return { sw, f, down, probe };
  }

  it("after 60 s one worker's job probes it while the others wait for its outcome: answered, every job is asked again", async () => {
    // Worker a's job is the probe; its answer is held while worker b's job comes: it waits, unasked.
    const { sw, f, down, probe } = await probing();
    let waiterDone = false;
    const waiter = f.job(1).finally(() => (waiterDone = true));
    await f.clock.advance(500);
    expect(waiterDone).toBe(false);
    expect(f.connects).toHaveLength(down + 1);
    sw.phase = "answer";
    sw.release("answer");
    expect(await drive(f.clock, probe)).toBe("answer");
    expect(await drive(f.clock, waiter)).toBe("answer");
    // Back up: every job of both workers is asked and answered.
    expect(await f.inTurns(4)).toEqual(["answer", "answer", "answer", "answer"]);
    expect(f.connects).toHaveLength(down + 6);
    expect((await f.state())?.downMs).toBe(0);
  });

  it("a probe refused again puts it down again at once: one connect, not another three; the jobs that waited on it fail as down", async () => {
    const { sw, f, down, probe } = await probing();
    const waiter = f.job(1);
    await f.clock.advance(100);
    sw.release("refused");
    sw.phase = "refused";
    expect(await drive(f.clock, probe)).toBe("refused");
    expect(await drive(f.clock, waiter)).toBe("down");
    expect(await f.inTurns(3)).toEqual(["down", "down", "down"]);
    expect(f.connects).toHaveLength(down + 1);
    // The fleet says so again (bulk prints its line again too).
    expect(f.pauses.map((p) => p.reason)).toEqual(["down", "down"]);
  });

  it("a probe whose worker died (never settled) frees the probe when its lease runs out: a waiting job of the other worker probes", async () => {
    const { sw, f, down } = await probing();
    const probedAt = f.connects[down]?.at as number;
    sw.phase = "answer";
    // The lease is the hop's time limit plus slack (the scheduler's default: 10 s + SCALE_DEFAULTS.leaseSlackMs).
    expect(await drive(f.clock, f.job(1))).toBe("answer");
    expect(f.connects).toHaveLength(down + 2);
    expect((f.connects[down + 1]?.at as number) - probedAt).toBeGreaterThanOrEqual(10_000 + SCALE_DEFAULTS.leaseSlackMs);
  });

  it("`queue unblock` clears the down time: the next job is asked at once", async () => {
    const f = await fleet((n) => (n < QUEUE_DEFAULTS.downAfterRefusedConnects ? "refused" : "answer"));
    expect(await f.inTurns(4)).toEqual(["refused", "refused", "refused", "down"]);
    const cleared = await f.limiter.unblock(HOST);
    expect(cleared.downMs).toBe(QUEUE_DEFAULTS.downRecheckMs);
    expect(await f.inTurns(2)).toEqual(["answer", "answer"]);
    expect((await f.state())?.downMs).toBe(0);
  });

  it("a connect refused during a refusal streak is paced as a reset, without the known limit's 1 s floor (as bulk's)", async () => {
    // Worker a's query draws a refusal in words (the streak starts); worker b's connect is then refused: a
    // connection-level refusal, its retry at the paced backoff (ms at 1000 q/s), not the floor doubled (2 s).
    const pattern: Wire[] = ["worded", "refused", "answer"];
    const f = await fleet((n) => pattern[n] ?? "answer", { maxRetries: [0, 1] });
    expect(await f.inTurns(2)).toEqual(["worded", "answer"]);
    expect(f.connects.map((c) => c.wire)).toEqual(pattern);
    const [, refusedAt, retriedAt] = f.connects.map((c) => c.at) as [number, number, number];
    expect(retriedAt - refusedAt).toBeLessThan(QUEUE_DEFAULTS.namelessRefusalFloorMs);
    expect((await f.state())?.downMs).toBe(0);
  });

  it("a hop of a down server given no `refused` answer rejects with WL_ERR_CONNECT and the down reason, unasked", async () => {
    const f = await fleet(() => "refused");
    await f.inTurns(QUEUE_DEFAULTS.downAfterRefusedConnects);
    let asked = 0;
    const failure = await drive(
      f.clock,
      f.scheduler.run(HOST, async () => ((asked += 1), "answer" as const), () => ({ kind: "ok" })).catch((error: unknown) => error),
    );
    expect(failure).toMatchObject({ code: "WL_ERR_CONNECT", message: `${HOST} is down: it refused every connection of its last tries; not asked (a re-run asks again)` });
    expect(asked).toBe(0);
  });
});
