import { afterEach, describe, expect, it, vi } from "vitest";
import { isPermanentBlock, pauseReason, PERMANENT_BLOCK_MS } from "../../src/lookup/throttle-wait.js";
import { RedisLimiter } from "../../src/scale/limiter.js";
import { SharedScheduler } from "../../src/scale/scheduler.js";
import { loadServerMap } from "../../src/servers/index.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

// The workers obey a server's refusals as bulk does on one machine (docs/bulk.md "Refusals are obeyed per
// server"), and all of them at once: the state is the server's Redis hash (src/scale/limiter.ts). Two
// limiters on two connections stand for two workers; times are Redis's own clock (TIME).
const missing = skipReason("the Redis refusal tests", redisMissing);

describe.skipIf(missing !== undefined)("RedisLimiter: refusals are obeyed by every worker", () => {
  const { connect } = useRedis();
  const prefix = `whoislens:refusal-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const worker = async (name: string): Promise<RedisLimiter> => new RedisLimiter(await connect(), prefix, name);
  const redisNow = async (): Promise<number> => {
    const redis = await connect();
    const [secs, micros] = await redis.time();
    return Number(secs) * 1000 + Number(micros) / 1000;
  };
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("a Retry-After of 2 s seen by worker A keeps worker B from sending for at least 2 s, whatever the jitter", async () => {
    const [a, b] = await Promise.all([worker("a"), worker("b")]);
    const policy = { qps: 100, concurrency: 4 };
    const grant = await a.take("retry-after.example", policy, 5000);
    expect(grant.kind).toBe("granted");
    if (grant.kind !== "granted") return;
    // The jitter at its lowest (0.8 before the fix: a 2 s Retry-After became 1.6 s).
    vi.spyOn(Math, "random").mockReturnValue(0);
    const refusedAt = await redisNow();
    const wait = await a.settle("retry-after.example", grant.lease, "throttled", 2000, 0, 60_000);
    expect(wait).toBeGreaterThanOrEqual(2000);
    // Worker B saw nothing; it asks as fast as the limiter lets it.
    let slot: number | undefined;
    for (let tries = 0; slot === undefined && tries < 200; tries += 1) {
      const next = await b.take("retry-after.example", policy, 5000);
      if (next.kind === "granted") slot = next.at;
      else await new Promise((resolve) => setTimeout(resolve, Math.max(1, next.ms)));
    }
    expect(slot).toBeDefined();
    // `at` is floored to whole ms.
    expect((slot as number) - refusedAt).toBeGreaterThanOrEqual(2000 - 1);
  }, 20_000);

  it("a permanent block seen by worker A stops worker B: its hops are refused, for good, without being asked", async () => {
    const [a, b] = await Promise.all([worker("a"), worker("b")]);
    const servers = loadServerMap({ "ripe-like.example": { address: "127.0.0.1:9", qps: 5, concurrency: 1 } });
    const [schedulerA, schedulerB] = [new SharedScheduler(a, { servers, maxRetryWaitMs: 30_000 }), new SharedScheduler(b, { servers, maxRetryWaitMs: 30_000 })];
    let asked = 0;
    // RIPE's ERROR:201 "permanently denied" reads as PERMANENT_BLOCK_MS (src/lookup/throttle-wait.ts).
    const first = await schedulerA.run("ripe-like.example", async () => ((asked += 1), "denied"), () => ({ kind: "throttled", retryAfterMs: PERMANENT_BLOCK_MS }), () => "refused");
    expect(first).toBe("denied");
    let refusedFor: number | undefined;
    const second = await schedulerB.run(
      "ripe-like.example",
      async () => ((asked += 1), "answer"),
      () => ({ kind: "ok" }),
      (ms) => ((refusedFor = ms), "refused"),
    );
    expect(second).toBe("refused");
    expect(asked).toBe(1);
    // The reason the job's failure carries says it is for good, not "paused for 31535999 s more".
    expect(isPermanentBlock(refusedFor)).toBe(true);
    expect(pauseReason("ripe-like.example", refusedFor as number)).toContain("permanently");
    const state = (await b.servers()).find((s) => s.host === "ripe-like.example");
    expect(state?.blockedForGood).toBe(true);
    expect(isPermanentBlock(state?.pausedMs)).toBe(true);
  });

  it("a permanent block is a flag, not a countdown: asked later, the server is still blocked for good (no --max-retry-wait lifts it)", async () => {
    const [a, b] = await Promise.all([worker("a"), worker("b")]);
    const grant = await a.take("forgood.example", { qps: 5 }, 5000);
    if (grant.kind !== "granted") throw new Error(`not granted: ${grant.kind}`);
    expect(await a.settle("forgood.example", grant.lease, "throttled", PERMANENT_BLOCK_MS, 0, Number.POSITIVE_INFINITY)).toBe(-1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await b.take("forgood.example", { qps: 5 }, 5000);
    expect(next).toEqual({ kind: "paused", ms: PERMANENT_BLOCK_MS });
  });

  it("silence from a server that another worker saw refusing is paced as a refusal and asked again; from a server not refusing, it is final", async () => {
    const [a, b] = await Promise.all([worker("a"), worker("b")]);
    const servers = loadServerMap({ "denic-like.example": { address: "127.0.0.1:9", qps: 50, concurrency: 2 }, "quiet.example": { address: "127.0.0.1:9", qps: 50, concurrency: 2 } });
    const schedulerA = new SharedScheduler(a, { servers, maxRetries: 0, maxRetryWaitMs: 1000 });
    const schedulerB = new SharedScheduler(b, { servers, maxRetries: 1, maxRetryWaitMs: 1000 });
    const judge = (result: string) => (result === "silence" ? { kind: "error" as const, code: "WL_ERR_TIMEOUT" } : result === "refusal" ? { kind: "throttled" as const } : { kind: "ok" as const });
    const answers = (...results: string[]) => {
      let calls = 0;
      return { task: async () => results[Math.min(calls++, results.length - 1)] as string, calls: () => calls };
    };
    // Not refusing: a timeout is the query's failure, not asked again.
    const quiet = answers("silence", "answer");
    expect(await schedulerB.run("quiet.example", quiet.task, judge)).toBe("silence");
    expect(quiet.calls()).toBe(1);
    // Worker A sees the server refuse; worker B then meets its silence (DENIC: one refusal text, then nothing).
    expect(await schedulerA.run("denic-like.example", answers("refusal").task, judge)).toBe("refusal");
    const denic = answers("silence", "answer");
    expect(await schedulerB.run("denic-like.example", denic.task, judge)).toBe("answer");
    expect(denic.calls()).toBe(2);
    expect((await b.servers()).find((s) => s.host === "denic-like.example")?.throttles).toBe(2);
  }, 20_000);

  it("refusals naming no wait back off more with each one in a row, across workers; an answer resets; 12 in a row pause the server", async () => {
    const [a, b] = await Promise.all([worker("a"), worker("b")]);
    const known = { qps: 50, concurrency: 4 };
    const grant = await a.take("nameless.example", known, 5000);
    if (grant.kind !== "granted") throw new Error(`not granted: ${grant.kind}`);
    // A known limit of 50 q/s paces 2 queries in ~41 ms; a refusal there is the server's own block: at least 1 s, doubled per refusal in a row.
    expect(await a.settle("nameless.example", grant.lease, "throttled", undefined, 0, 60_000)).toBeGreaterThanOrEqual(1000);
    // Worker B's first refusal is the server's second in a row.
    expect(await b.settle("nameless.example", "b:x", "throttled", undefined, 0, 60_000)).toBeGreaterThanOrEqual(2000);
    expect(await a.settle("nameless.example", "a:x", "throttled", undefined, 0, 60_000)).toBeGreaterThanOrEqual(4000);
    // An answer ends the streak.
    expect(await b.settle("nameless.example", "b:y", "ok", undefined, 0, 60_000)).toBe(0);
    const afterAnswer = await a.settle("nameless.example", "a:y", "throttled", undefined, 0, 60_000);
    expect(afterAnswer).toBeGreaterThanOrEqual(1000);
    expect(afterAnswer).toBeLessThan(2000);
    // A reset (a connection limit) is paced without the floor.
    expect(await a.settle("nameless.example", "a:z", "ok", undefined, 0, 60_000)).toBe(0);
    expect(await b.settle("nameless.example", "b:z", "throttled", undefined, 0, 60_000, { cut: true })).toBeLessThan(1000);
    // 12 in a row (the reset was the 1st after the answer), shared by both workers: the server is paused 10 min for all.
    const waits: number[] = [];
    for (let i = 0; i < 11; i += 1) waits.push(await (i % 2 === 0 ? a : b).settle("nameless.example", `x:${i}`, "throttled", undefined, 0, 60_000));
    expect(waits.slice(0, 10).every((ms) => ms > 0)).toBe(true);
    expect(waits[10]).toBe(-1);
    const paused = await b.take("nameless.example", known, 5000);
    expect(paused.kind).toBe("paused");
    if (paused.kind === "paused") expect(paused.ms).toBeGreaterThan(590_000);
  });
});
