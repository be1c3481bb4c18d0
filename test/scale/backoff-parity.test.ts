import { describe, expect, it } from "vitest";
import { namelessBackoffMs, QUEUE_DEFAULTS } from "../../src/bulk/index.js";
import { NAMELESS_BACKOFF_LUA, RedisLimiter } from "../../src/scale/limiter.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

/**
 * One backoff formula for a refusal that names no wait: namelessBackoffMs (src/bulk/server-queue.ts, one machine)
 * and the Redis limiter's Lua (src/scale/limiter.ts, a fleet) are built from the same NAMELESS_BACKOFF numbers. Run
 * on the real Redis the scale tests use: the Lua function against the TypeScript one over a grid of inputs, and the
 * wired settle script's wait against the TypeScript bounds. Either fails when the two copies disagree.
 */
const missing = skipReason("the backoff parity tests (TypeScript vs the limiter's Lua)", redisMissing);

describe.skipIf(missing !== undefined)("the nameless-refusal backoff: TypeScript and the Redis limiter's Lua agree", () => {
  const { redis, connect } = useRedis();

  it("the Lua function gives namelessBackoffMs's wait for every input of the grid", async () => {
    const script = `${NAMELESS_BACKOFF_LUA}
return tostring(nameless_backoff(tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])))`;
    let compared = 0;
    for (const ratePerSecond of [0.05, 0.5, 1, 3.3, 50])
      for (const doublings of [-1, 0, 1, 4, 16, 40])
        for (const floorMs of [0, 1500])
          for (const capMs of [QUEUE_DEFAULTS.maxBackoffMs, 7_000])
            for (const jitter of [0.8, 1, 1.2]) {
              const lua = Number(await redis().eval(script, 0, ratePerSecond, doublings, floorMs, capMs, jitter));
              const ts = namelessBackoffMs({ ratePerSecond, doublings, floorMs, capMs, jitter });
              expect(lua, JSON.stringify({ ratePerSecond, doublings, floorMs, capMs, jitter })).toBeCloseTo(ts, 6);
              compared += 1;
            }
    expect(compared).toBe(5 * 6 * 2 * 2 * 3);
  });

  it("the settle script's wait for a nameless refusal lies within namelessBackoffMs's jitter bounds, capped at 30 s", async () => {
    const limiter = new RedisLimiter(await connect(), `whoislens:backoff-parity-${process.pid}`, "w");
    for (const [host, attempt] of [["slow.example", 0], ["slower.example", 3], ["capped.example", 12]] as const) {
      const grant = await limiter.take(host, { qps: 1, concurrency: 4 }, 60_000);
      if (grant.kind !== "granted") throw new Error(`no slot at ${host}: ${JSON.stringify(grant)}`);
      const wait = await limiter.settle(host, grant.lease, "throttled", undefined, attempt, 600_000);
      const rate = (await limiter.servers()).find((s) => s.host === host)?.rate ?? Number.NaN;
      const bound = (jitter: number): number => namelessBackoffMs({ ratePerSecond: rate, doublings: attempt, floorMs: QUEUE_DEFAULTS.namelessRefusalFloorMs, capMs: QUEUE_DEFAULTS.maxBackoffMs, jitter });
      expect(wait, host).toBeGreaterThanOrEqual(Math.floor(bound(0.8)));
      expect(wait, host).toBeLessThanOrEqual(Math.ceil(bound(1.2)));
      expect(wait).toBeLessThanOrEqual(QUEUE_DEFAULTS.maxBackoffMs);
    }
  });
});
