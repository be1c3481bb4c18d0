import { describe, expect, it } from "vitest";
import { RedisLimiter } from "../../src/scale/limiter.js";
import { SharedScheduler } from "../../src/scale/scheduler.js";
import { loadServerMap } from "../../src/servers/index.js";
import { drive, ManualClock } from "../helpers/manual-clock.js";
import { waitUntil } from "../helpers/wait.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

// The shared per-server budget (src/scale/limiter.ts) on a real Redis, with several connections standing
// for several workers. Slot times are Redis's own arithmetic, so the spacing checks hold on a loaded machine.
const missing = skipReason("the Redis limiter tests", redisMissing);

describe.skipIf(missing !== undefined)("RedisLimiter: one server's budget shared by every worker", () => {
  const { connect } = useRedis();
  const prefix = `whoislens:limiter-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const worker = async (name: string): Promise<RedisLimiter> => new RedisLimiter(await connect(), prefix, name);
  /** A worker on a test clock: the limiter's time follows it, so the test moves time instead of sleeping. */
  const onClock = async (clock: ManualClock, name: string): Promise<RedisLimiter> => new RedisLimiter(await connect(), prefix, name, {}, clock);

  it("never grants two slots of a known limit closer than one interval, however many workers ask", async () => {
    const limiters = await Promise.all(["a", "b", "c", "d"].map(worker));
    const slots: number[] = [];
    // Each of 4 workers takes 15 slots of a 50 q/s server (paced at 97%), asking as fast as it may.
    await Promise.all(
      limiters.map(async (limiter) => {
        while (slots.length < 60) {
          const grant = await limiter.take("spaced.example", { qps: 50, concurrency: 100 }, 5000);
          if (grant.kind === "granted") {
            slots.push(grant.at);
            await limiter.settle("spaced.example", grant.lease, "ok", undefined, 0, 60_000);
          } else if (grant.kind === "wait") await new Promise((resolve) => setTimeout(resolve, grant.ms));
        }
      }),
    );
    slots.sort((a, b) => a - b);
    const interval = 1000 / (50 * 0.97);
    const gaps = slots.slice(1).map((at, i) => at - (slots[i] as number));
    // Slot times are floored to whole ms: a gap may read up to 1 ms short of the interval.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(Math.floor(interval) - 1);
    // 60 slots span at least 59 intervals: the four workers together kept one server's pace.
    expect((slots.at(-1) as number) - (slots[0] as number)).toBeGreaterThanOrEqual(59 * interval - 60);
  }, 30_000);

  it("caps the server's parallel queries across workers, and frees a dead worker's slot when its lease ends", async () => {
    const clock = new ManualClock();
    const [a, b] = await Promise.all([onClock(clock, "a"), onClock(clock, "b")]);
    const policy = { qps: 1000, concurrency: 2 };
    const first = await a.take("capped.example", policy, 300);
    // The public Grant carries what a scheduler reads, nothing more (its rounded `inMs` went unread and is gone).
    expect(Object.keys(first).sort()).toEqual(["at", "exactInMs", "intervalMs", "kind", "lease"]);
    await clock.advance(5);
    const second = await b.take("capped.example", policy, 60_000);
    await clock.advance(5);
    expect(first.kind).toBe("granted");
    expect(second.kind).toBe("granted");
    // Both slots are taken: a third asker waits, whichever worker it is.
    expect((await b.take("capped.example", policy, 60_000)).kind).toBe("wait");
    // Worker a "dies" without settling: its lease (300 ms from its slot) holds until it runs out, then its slot is free again.
    await clock.advanceTo(299);
    expect((await b.take("capped.example", policy, 60_000)).kind).toBe("wait");
    await clock.advanceTo(301);
    expect((await b.take("capped.example", policy, 60_000)).kind).toBe("granted");
  });

  it("shares AIMD and Retry-After: a throttle one worker sees slows and holds the others", async () => {
    const clock = new ManualClock();
    const [a, b] = await Promise.all([onClock(clock, "a"), onClock(clock, "b")]);
    const unknown = {};
    const grant = await a.take("probed.example", unknown, 5000);
    expect(grant.kind).toBe("granted");
    if (grant.kind !== "granted") return;
    const before = (await b.servers()).find((s) => s.host === "probed.example");
    // A throttle with Retry-After 800 ms, seen by worker a.
    const wait = await a.settle("probed.example", grant.lease, "throttled", 800, 0, 60_000);
    expect(wait).toBeGreaterThanOrEqual(600);
    const after = (await b.servers()).find((s) => s.host === "probed.example");
    expect(before?.known).toBe(false);
    expect(after?.rate).toBeCloseTo((before?.rate ?? 0) * 0.6, 5);
    expect(after?.throttles).toBe(1);
    // Worker b, which saw nothing, waits out the server's Retry-After too.
    const held = await b.take("probed.example", unknown, 5000);
    expect(held.kind).toBe("wait");
    // A Retry-After past the cap pauses the server for every worker.
    await clock.advance(wait);
    const again = await a.take("probed.example", unknown, 5000);
    expect(again.kind).toBe("granted");
    if (again.kind !== "granted") return;
    // The slot it gets is past the wait (slot times are floored to whole ms, the wait rounded up).
    expect(again.at).toBeGreaterThanOrEqual(wait - 1);
    expect(await a.settle("probed.example", again.lease, "throttled", 3_600_000, 0, 60_000)).toBe(-1);
    expect((await b.take("probed.example", unknown, 5000)).kind).toBe("paused");
  }, 30_000);

  it("the shared scheduler answers a paused server's hops as refused without asking it", async () => {
    const a = await worker("a");
    const scheduler = new SharedScheduler(a, { servers: loadServerMap({ "paused.example": { address: "127.0.0.1:9", qps: 5, concurrency: 1 } }), maxRetryWaitMs: 1000 });
    let asked = 0;
    const first = await scheduler.run("paused.example", async () => ((asked += 1), "busy"), () => ({ kind: "throttled", retryAfterMs: 600_000 }), (ms) => `refused ${ms}`);
    expect(first).toBe("busy");
    const second = await scheduler.run("paused.example", async () => ((asked += 1), "answer"), () => ({ kind: "ok" }), (ms) => `refused ${ms > 590_000}`);
    expect(second).toBe("refused true");
    expect(asked).toBe(1);
  });

  it("a worker that wakes too late for its slot gives it back instead of sending beside the next one", async () => {
    const clock = new ManualClock();
    const [a, b] = await Promise.all([onClock(clock, "a"), onClock(clock, "b")]);
    const servers = loadServerMap({ "late.example": { address: "127.0.0.1:9", qps: 20, concurrency: 10 } });
    const schedulers = [new SharedScheduler(a, { servers, clock }), new SharedScheduler(b, { servers, clock })];
    const interval = 1000 / (20 * 0.97);
    const starts: number[] = [];
    // As a hop does: the query leaves once the scheduler's hold (beforeSend) says so.
    const ask = (scheduler: SharedScheduler) =>
      scheduler.run(
        "late.example",
        async (beforeSend) => {
          if (beforeSend && !(await beforeSend())) throw new Error("not sent");
          starts.push(clock.now());
        },
        () => ({ kind: "ok" }),
      );
    // Warm the server's slots, then reserve two more and starve the process past both (a worker whose
    // CPU went elsewhere: the clock moves on, their timers do not run): sent on waking, the two would leave together.
    await drive(clock, ask(schedulers[0] as SharedScheduler));
    const pending = Promise.all([ask(schedulers[0] as SharedScheduler), ask(schedulers[1] as SharedScheduler)]);
    await waitUntil(() => clock.pendingTimers >= 2, "both workers waiting for their slots", 10_000);
    clock.stall(4 * interval);
    await drive(clock, pending);
    const late = starts.slice(1).sort((x, y) => x - y);
    expect(late).toHaveLength(2);
    expect((late[1] as number) - (late[0] as number)).toBeGreaterThanOrEqual(interval / 2);
    expect((schedulers[0] as SharedScheduler).lateSlots + (schedulers[1] as SharedScheduler).lateSlots).toBeGreaterThanOrEqual(1);
  });
});
