import type { Redis } from "ioredis";
import { QUEUE_DEFAULTS, type QueueTuning, type ServerPolicy } from "../bulk/server-queue.js";
import { PERMANENT_BLOCK_MS } from "../lookup/throttle-wait.js";
import { SCALE_DEFAULTS } from "./defaults.js";

/**
 * One server's budget shared by every worker: the same token bucket, concurrency cap and AIMD as
 * src/bulk/server-queue.ts, but its state is a Redis hash changed only inside Lua scripts, which Redis
 * runs one at a time — so N workers taking tokens together never exceed the server's limit, and a
 * throttle one worker sees slows them all. Time is Redis's own clock (TIME), so workers' clocks never
 * disagree. Concurrency slots are leases (a sorted set scored by expiry), so a worker killed mid-hop
 * frees its slot after SCALE_DEFAULTS.leaseMs instead of never.
 *
 * Hash fields: rate (q/s paced), known (1 = published limit, no AIMD), conc, next (ms: next free slot),
 * blocked (ms: Retry-After/backoff until), paused (ms: asked for more than the cap), ceiling (rate of
 * the last throttle, AIMD with memory), answered, throttles, streak (refusals since the last answer: the
 * growing backoff), forgood (1 = the server said its block is for good: nobody asks it again this run).
 *
 * Refusals are obeyed as on one machine (src/bulk/server-queue.ts `throttled`, docs/bulk.md "Refusals are
 * obeyed per server"), but for every worker at once: a Retry-After is a minimum (jitter only lengthens
 * it), a refusal naming no wait backs off more with each refusal in a row (at least
 * namelessRefusalFloorMs, doubled, for a known limit), pauseAfterRefusals in a row pause the server for
 * streakPauseMs, and a permanent block (PERMANENT_BLOCK_MS) stops it for good.
 */

/** Shared preamble: Redis time in ms, and the hash created from the caller's policy if new. */
const PREAMBLE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local h = KEYS[1]
`;

/**
 * take: KEYS = hash, leases. ARGV = known qps ('' = unknown), concurrency, initial qps, known share,
 * lease id, lease ms, the permanent block's ms. Returns {1, ms, at, interval, µs} granted: send in ms (at:
 * the slot, Redis ms; interval: ms between slots; µs: the exact time to the slot, for the caller's
 * lateness check); {0, ms} ask again in ms (-1: the cap is full); {-1, ms} paused (the permanent block's
 * ms when the server blocked us for good).
 *
 * Slots, not tokens (virtual scheduling, the GCRA form of a burst-1 bucket): "next" is the time of the
 * next free slot, one interval (1/rate) after the last one granted. A caller is granted the next slot
 * once the previous slot's time has come, and sleeps until its own. A bucket that callers poll loses the
 * time between a token's arrival and the next poll (a Redis round trip and a timer, ~5 ms: 10% at
 * 20 q/s); a slot reserved one interval ahead loses nothing, and still never lets two queries closer
 * than one interval, nor saves slots up while the server is idle.
 */
const TAKE = `${PREAMBLE}
if redis.call('EXISTS', h) == 0 then
  local known = ARGV[1] ~= ''
  local rate = tonumber(ARGV[3])
  if known then rate = tonumber(ARGV[1]) * tonumber(ARGV[4]) end
  redis.call('HSET', h, 'rate', rate, 'known', known and 1 or 0, 'conc', tonumber(ARGV[2]), 'next', now, 'blocked', 0, 'paused', 0, 'answered', 0, 'throttles', 0)
end
local f = redis.call('HMGET', h, 'rate', 'next', 'blocked', 'paused', 'conc', 'forgood')
local rate, nextAt, blocked, paused, conc = tonumber(f[1]), tonumber(f[2]), tonumber(f[3]), tonumber(f[4]), tonumber(f[5])
if f[6] == '1' then return {-1, tonumber(ARGV[7])} end
if paused > now then return {-1, math.ceil(paused - now)} end
local interval = 1000 / rate
if blocked > nextAt then nextAt = blocked end
if nextAt < now then nextAt = now end
if nextAt - now > interval then return {0, math.max(1, math.ceil(nextAt - now - interval))} end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= conc then return {0, -1} end
redis.call('HSET', h, 'next', nextAt + interval)
redis.call('ZADD', KEYS[2], nextAt + tonumber(ARGV[6]), ARGV[5])
return {1, math.ceil(nextAt - now), math.floor(nextAt), math.floor(interval), math.floor((nextAt - now) * 1000)}
`;

/**
 * settle: KEYS = hash, leases, rate window. ARGV = lease id, outcome (ok | throttled | error),
 * retry-after ms ('' = none), attempt, max wait ms, jitter (0.8–1.2), then the AIMD tuning: minQps,
 * maxQps, decreaseFactor, slowStartFactor, increasePerSuccess, window ttl ms, then cut ('1': the server
 * reset the connection, no floor), the permanent block's ms, namelessRefusalFloorMs, pauseAfterRefusals,
 * streakPauseMs, silent ('1': an error that, from a server in the middle of refusing us, is its block
 * going on — DENIC's silence after its refusal — and is then settled as a refusal naming no wait).
 * Frees the lease, moves the rate; returns the wait in ms after a throttle, -1 when paused, 0 otherwise.
 */
const SETTLE = `${PREAMBLE}
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('EXISTS', h) == 0 then return 0 end
local kind = ARGV[2]
local f = redis.call('HMGET', h, 'rate', 'known', 'ceiling')
local rate, known, ceiling = tonumber(f[1]), f[2] == '1', tonumber(f[3])
if kind == 'ok' then
  redis.call('HINCRBY', h, 'answered', 1)
  redis.call('HSET', h, 'streak', 0)
  redis.call('INCR', KEYS[3])
  redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[12]))
  if not known then
    if ceiling == nil then
      rate = math.min(tonumber(ARGV[8]), rate * tonumber(ARGV[10]))
    else
      local step = tonumber(ARGV[11])
      if rate >= ceiling * 0.8 then step = step / 25 end
      rate = math.min(tonumber(ARGV[8]), rate + step)
    end
    redis.call('HSET', h, 'rate', rate)
  end
  return 0
end
if kind == 'error' and ARGV[18] == '1' and (tonumber(redis.call('HGET', h, 'streak')) or 0) > 0 then kind = 'throttled' end
if kind ~= 'throttled' then return 0 end
redis.call('HINCRBY', h, 'throttles', 1)
local streak = redis.call('HINCRBY', h, 'streak', 1)
if not known then
  redis.call('HSET', h, 'ceiling', rate)
  rate = math.max(tonumber(ARGV[7]), rate * tonumber(ARGV[9]))
  redis.call('HSET', h, 'rate', rate)
end
local maxWait = tonumber(ARGV[5])
local asked = tonumber(ARGV[3])
if asked ~= nil and asked == tonumber(ARGV[14]) then
  redis.call('HSET', h, 'forgood', 1)
  return -1
end
if asked ~= nil and asked > maxWait then
  local paused = math.max(tonumber(redis.call('HGET', h, 'paused')) or 0, now + asked)
  redis.call('HSET', h, 'paused', paused)
  return -1
end
if streak >= tonumber(ARGV[16]) then
  local paused = math.max(tonumber(redis.call('HGET', h, 'paused')) or 0, now + tonumber(ARGV[17]))
  redis.call('HSET', h, 'paused', paused)
  return -1
end
local jitter = tonumber(ARGV[6])
local wait
if asked ~= nil then
  wait = math.min(maxWait, asked * (1 + (jitter - 0.8) / 2))
else
  local doublings = math.min(16, math.max(tonumber(ARGV[4]), streak - 1))
  local floor = 0
  if known and ARGV[13] ~= '1' then floor = math.min(30000, tonumber(ARGV[15]) * (2 ^ doublings)) end
  local paced = math.min(30000, (2000 / rate) * (2 ^ doublings)) * jitter
  wait = math.min(maxWait, math.max(floor, paced))
end
local blocked = math.max(tonumber(redis.call('HGET', h, 'blocked')) or 0, now + wait)
redis.call('HSET', h, 'blocked', blocked)
return math.ceil(wait)
`;

interface LimiterCommands {
  wlTake(hash: string, leases: string, qps: string, concurrency: number, initialQps: number, share: number, lease: string, leaseMs: number, permanentMs: number): Promise<[number, number, number?, number?, number?]>;
  wlSettle(hash: string, leases: string, window: string, ...argv: (string | number)[]): Promise<number>;
}

/** A server's slot, granted or not. */
export type Grant = {
  kind: "granted";
  lease: string;
  /** The slot's time (Redis clock, ms). */
  at: number;
  /** Ms between two slots of this server now. */
  intervalMs: number;
  /** The slot's exact distance from Redis's clock when it granted it (ms, µs precision). */
  exactInMs: number;
} | { kind: "wait"; ms: number } | { kind: "paused"; ms: number };

/** One server's shared state, as `queue status` shows it. */
export interface ServerState {
  host: string;
  rate: number;
  known: boolean;
  concurrency: number;
  active: number;
  answered: number;
  throttles: number;
  /** Answers in the last minute (10-second windows), per second. */
  recentRate: number;
  blockedMs: number;
  pausedMs: number;
  /** The server said its block is for good: no worker asks it again (pausedMs is then PERMANENT_BLOCK_MS). */
  blockedForGood: boolean;
}

let leaseCounter = 0;

/** The Redis side of global politeness: take/settle a server's slot atomically, read its state. */
export class RedisLimiter {
  private readonly redis: Redis & LimiterCommands;
  private readonly tuning: QueueTuning;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly owner: string,
    tuning: Partial<QueueTuning> = {},
  ) {
    if (!("wlTake" in redis)) {
      redis.defineCommand("wlTake", { numberOfKeys: 2, lua: TAKE });
      redis.defineCommand("wlSettle", { numberOfKeys: 3, lua: SETTLE });
    }
    this.redis = redis as Redis & LimiterCommands;
    this.tuning = { ...QUEUE_DEFAULTS, ...tuning };
  }

  private keys(host: string): { hash: string; leases: string } {
    const key = host.toLowerCase().slice(0, 255);
    return { hash: `${this.prefix}:srv:${key}`, leases: `${this.prefix}:srv:${key}:leases` };
  }

  /** `leaseMs`: how long the slot stays taken if the worker never settles it (it died). */
  async take(host: string, policy: ServerPolicy, leaseMs: number): Promise<Grant> {
    const { hash, leases } = this.keys(host);
    leaseCounter += 1;
    const lease = `${this.owner}:${leaseCounter}`;
    const concurrency = policy.concurrency ?? this.tuning.defaultConcurrency;
    const [granted, ms, at, interval, exactUs] = await this.redis.wlTake(hash, leases, policy.qps === undefined ? "" : String(policy.qps), concurrency, this.tuning.initialQps, this.tuning.knownLimitShare, lease, leaseMs, PERMANENT_BLOCK_MS);
    if (granted === 1) return { kind: "granted", lease, at: at ?? 0, intervalMs: interval ?? 0, exactInMs: (exactUs ?? ms * 1000) / 1000 };
    if (granted === -1) return { kind: "paused", ms };
    return { kind: "wait", ms: ms < 0 ? SCALE_DEFAULTS.busyPollMs : Math.min(ms, SCALE_DEFAULTS.maxPollMs) };
  }

  /**
   * Frees the lease and applies the outcome; returns the throttle's wait (ms), -1 when paused, 0 otherwise.
   * `how.cut`: the refusal was a reset (a connection limit): paced without the known limit's refusal floor.
   * `how.silent`: an error that is a refusal when the server is refusing us (its streak > 0): then
   * settled as one (a wait > 0 or -1 is returned), else as an error (0).
   */
  async settle(host: string, lease: string, outcome: "ok" | "throttled" | "error", retryAfterMs: number | undefined, attempt: number, maxWaitMs: number, how: { cut?: boolean; silent?: boolean } = {}): Promise<number> {
    const { hash, leases } = this.keys(host);
    const window = `${hash}:w:${Math.floor(Date.now() / SCALE_DEFAULTS.rateWindowMs)}`;
    const t = this.tuning;
    const jitter = 0.8 + Math.random() * 0.4;
    return this.redis.wlSettle(hash, leases, window, lease, outcome, retryAfterMs ?? "", attempt, Number.isFinite(maxWaitMs) ? maxWaitMs : 2 ** 31, jitter, t.minQps, t.maxQps, t.decreaseFactor, t.slowStartFactor, t.increasePerSuccess, SCALE_DEFAULTS.rateWindowMs * 7, how.cut === true ? "1" : "0", PERMANENT_BLOCK_MS, t.namelessRefusalFloorMs, t.pauseAfterRefusals, t.streakPauseMs, how.silent === true ? "1" : "0");
  }

  /** Every server a worker has asked, with its shared state. SCAN, so a big fleet never blocks Redis. */
  async servers(): Promise<ServerState[]> {
    const out: ServerState[] = [];
    const base = `${this.prefix}:srv:`;
    const [secs] = await this.redis.time();
    const nowMs = Number(secs) * 1000;
    const windowNow = Math.floor(Date.now() / SCALE_DEFAULTS.rateWindowMs);
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", `${base}*`, "COUNT", 500);
      cursor = next;
      for (const key of keys) {
        if (key.endsWith(":leases") || /:w:\d+$/.test(key)) continue;
        const f = await this.redis.hgetall(key);
        const host = key.slice(base.length);
        const windows = await this.redis.mget(Array.from({ length: 6 }, (_, i) => `${key}:w:${windowNow - 1 - i}`));
        const recent = windows.reduce((sum, v) => sum + Number(v ?? 0), 0);
        await this.redis.zremrangebyscore(`${key}:leases`, "-inf", nowMs);
        out.push({
          host,
          rate: Number(f.rate ?? 0),
          known: f.known === "1",
          concurrency: Number(f.conc ?? 0),
          active: await this.redis.zcard(`${key}:leases`),
          answered: Number(f.answered ?? 0),
          throttles: Number(f.throttles ?? 0),
          recentRate: recent / ((6 * SCALE_DEFAULTS.rateWindowMs) / 1000),
          blockedMs: Math.max(0, Number(f.blocked ?? 0) - nowMs),
          pausedMs: f.forgood === "1" ? PERMANENT_BLOCK_MS : Math.max(0, Number(f.paused ?? 0) - nowMs),
          blockedForGood: f.forgood === "1",
        });
      }
    } while (cursor !== "0");
    return out.sort((a, b) => a.host.localeCompare(b.host));
  }
}
