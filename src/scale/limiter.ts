import type { Redis } from "ioredis";
import { NAMELESS_BACKOFF, QUEUE_DEFAULTS, type QueueTuning, type ServerPolicy } from "../bulk/server-queue.js";
import { PERMANENT_BLOCK_MS } from "../lookup/throttle-wait.js";
import type { SchedulerClock } from "../bulk/clock.js";
import type { ConnectVerdict } from "../lookup/down-rule.js";
import { SCALE_DEFAULTS } from "./defaults.js";
import { scanKeys } from "./keys.js";

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
 * growing backoff). A block for good lives in its own hash, `<hash>:blocks` (run id → when), so that it
 * belongs to the run that saw it: that run's jobs never ask the server again, other runs on the same
 * queue do, a re-enqueue of the run (its resume) clears it (clearRunBlocks), and the whole hash expires
 * SCALE_DEFAULTS.permanentBlockTtlMs after the last block was set. `whoislens queue unblock HOST` clears it.
 *
 * Refusals are obeyed as on one machine (src/bulk/server-queue.ts `throttled`, docs/bulk.md "Refusals are
 * obeyed per server"), but for every worker at once: a Retry-After is a minimum (jitter only lengthens
 * it), a refusal naming no wait backs off more with each refusal in a row (at least
 * namelessRefusalFloorMs, doubled, for a known limit), pauseAfterRefusals in a row pause the server for
 * streakPauseMs, and a permanent block (a flag from the answer's text, never a wait's length) stops it for
 * the run.
 */

/**
 * namelessBackoffMs (src/bulk/server-queue.ts) in Lua, its numbers taken from the same NAMELESS_BACKOFF: rate (q/s),
 * doublings, floor (ms, before doubling), cap (ms, jitter included), jitter → the wait (ms). The jitter is applied
 * before the cap. test/scale/backoff-parity.test.ts runs it on Redis against the TypeScript formula.
 */
export const NAMELESS_BACKOFF_LUA = `
local function nameless_backoff(rate, doublings, floor, cap, jitter)
  local factor = 2 ^ math.min(${NAMELESS_BACKOFF.maxDoublings}, math.max(0, doublings))
  local paced = (${NAMELESS_BACKOFF.queriesPerWait * 1000} / rate) * factor * jitter
  return math.min(cap, math.max(floor * factor, paced))
end
`;

/**
 * Shared preamble: the time in ms — Redis's (TIME), or a test clock's when the caller passes one as the
 * last argument ('' = none) — and the hash created from the caller's policy if new.
 */
const PREAMBLE = `
local now
if ARGV[#ARGV] ~= '' then
  now = tonumber(ARGV[#ARGV])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local h = KEYS[1]
`;

/**
 * take: KEYS = hash, leases, blocks, down. ARGV = known qps ('' = unknown), concurrency, initial qps, known share,
 * lease id, lease ms, the job's run id. Returns {1, ms, at, interval, µs} granted: send in ms (at:
 * the slot, Redis ms; interval: ms between slots; µs: the exact time to the slot, for the caller's
 * lateness check); {0, ms} ask again in ms (-1: the cap is full; -2: the server's recheck probe is out);
 * {-1, ms} paused for ms; {-2, 0} the server blocked this run for good; {-3, ms} the server is down for
 * ms more (it refused every connect of its last tries: see settle).
 *
 * Down first, as bulk's notAsked: a server refusing every connect fails its queries as a connection
 * failure, not as throttled. Once its down time has passed (or a re-enqueue ended it: recheckDownServers),
 * the one caller granted the next slot is its probe (the down hash records its lease until it settles, or
 * until the lease runs out if its worker died); every other caller waits for the probe's outcome meanwhile
 * — answered: they are asked; refused: down again, they fail — so the fleet makes one connect, not one per
 * worker, and no job fails while a server that is back answers its probe.
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
local downUntil = tonumber(redis.call('HGET', KEYS[4], 'until'))
local probing = false
if downUntil ~= nil and downUntil > now then return {-3, math.ceil(downUntil - now)} end
if downUntil ~= nil then
  local probeUntil = tonumber(redis.call('HGET', KEYS[4], 'probeUntil')) or 0
  if probeUntil > now then return {0, -2} end
  probing = true
end
if redis.call('HEXISTS', KEYS[3], ARGV[7]) == 1 then return {-2, 0} end
local f = redis.call('HMGET', h, 'rate', 'next', 'blocked', 'paused', 'conc')
local rate, nextAt, blocked, paused, conc = tonumber(f[1]), tonumber(f[2]), tonumber(f[3]), tonumber(f[4]), tonumber(f[5])
if paused > now then return {-1, math.ceil(paused - now)} end
local interval = 1000 / rate
if blocked > nextAt then nextAt = blocked end
if nextAt < now then nextAt = now end
if nextAt - now > interval then return {0, math.max(1, math.ceil(nextAt - now - interval))} end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= conc then return {0, -1} end
redis.call('HSET', h, 'next', nextAt + interval)
redis.call('ZADD', KEYS[2], nextAt + tonumber(ARGV[6]), ARGV[5])
if probing then redis.call('HSET', KEYS[4], 'probe', ARGV[5], 'probeUntil', nextAt + tonumber(ARGV[6])) end
return {1, math.ceil(nextAt - now), math.floor(nextAt), math.floor(interval), math.floor((nextAt - now) * 1000)}
`;

/**
 * settle's answers when the server stops being asked (every one is < 0; a wait is ≥ 0). The "started"
 * ones come to the one settle, fleet-wide, that began the pause or block: its worker logs the change.
 */
export const SETTLED = Object.freeze({
  /** Started a pause: the server asked for a wait past --max-retry-wait. */
  pausedAsked: -1,
  /** Started the run's block for good. */
  blockedForGood: -2,
  /** Already paused or blocked: nothing changed worth a line. */
  stillStopped: -3,
  /** Started a pause: pauseAfterRefusals refusals in a row. */
  pausedRefusals: -4,
  /** Started a server's down time: its connects were refused downAfterRefusedConnects times in a row (see take). */
  down: -5,
  /** A refused connect at a server already down (a hop in flight when it went down): the hop fails, nothing to log. */
  stillDown: -6,
});

/**
 * settle: KEYS = hash, leases, rate window, blocks, down. ARGV = lease id, outcome (ok | throttled | error),
 * retry-after ms ('' = none), attempt, max wait ms, jitter (0.8–1.2), then the AIMD tuning: minQps,
 * maxQps, decreaseFactor, slowStartFactor, increasePerSuccess, window ttl ms, then cut ('1': the server
 * reset the connection, no floor), permanent ('1': the server said its block is for good),
 * namelessRefusalFloorMs, pauseAfterRefusals, streakPauseMs, silent ('1': an error that, from a server in
 * the middle of refusing us, is its block going on — DENIC's silence after its refusal — and is then
 * settled as a refusal naming no wait), the run id, the block's ttl ms, the backoff cap (maxBackoffMs),
 * then the down rule's (KEYS[5] = the down hash): the connect's verdict (src/lookup/down-rule.ts
 * connectVerdict: 'refused' | 'accepted' | '' = not judged: a slot given back, a hop cancelled or thrown),
 * downAfterRefusedConnects, downRecheckMs, the down hash's ttl ms.
 * Frees the lease, moves the rate; returns the wait in ms after a throttle, 0 otherwise, or one of
 * SETTLED's negative codes when the server is paused or blocked (the code says whether this settle
 * started it, so that the fleet logs one line per change, not one per query).
 */
const SETTLE = `${NAMELESS_BACKOFF_LUA}${PREAMBLE}
redis.call('ZREM', KEYS[2], ARGV[1])
local d = KEYS[5]
if redis.call('HGET', d, 'probe') == ARGV[1] then redis.call('HDEL', d, 'probe', 'probeUntil') end
if ARGV[22] == 'accepted' then
  redis.call('DEL', d)
elseif ARGV[22] == 'refused' then
  -- isDownAfter (src/lookup/down-rule.ts): refused connects in a row >= downAfterRefusedConnects.
  local refused = redis.call('HINCRBY', d, 'refused', 1)
  redis.call('PEXPIRE', d, tonumber(ARGV[25]))
  if refused >= tonumber(ARGV[23]) then
    local was = tonumber(redis.call('HGET', d, 'until')) or 0
    redis.call('HSET', d, 'until', math.max(was, now + tonumber(ARGV[24])))
    if was > now then return ${SETTLED.stillDown} end
    return ${SETTLED.down}
  end
end
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
if ARGV[14] == '1' then
  local fresh = redis.call('HSETNX', KEYS[4], ARGV[19], math.floor(now))
  redis.call('PEXPIRE', KEYS[4], tonumber(ARGV[20]))
  if fresh == 1 then return -2 end
  return -3
end
local maxWait = tonumber(ARGV[5])
local asked = tonumber(ARGV[3])
local was = tonumber(redis.call('HGET', h, 'paused')) or 0
if asked ~= nil and asked > maxWait then
  redis.call('HSET', h, 'paused', math.max(was, now + asked))
  if was > now then return -3 end
  return -1
end
if streak >= tonumber(ARGV[16]) then
  redis.call('HSET', h, 'paused', math.max(was, now + tonumber(ARGV[17])))
  if was > now then return -3 end
  return -4
end
local jitter = tonumber(ARGV[6])
local cap = tonumber(ARGV[21])
local wait
if asked ~= nil then
  wait = math.min(maxWait, asked * (1 + (jitter - 0.8) / 2))
else
  -- namelessBackoffMs (src/bulk/server-queue.ts): NAMELESS_BACKOFF_LUA, built from the same constants.
  local floor = 0
  if known and ARGV[13] ~= '1' then floor = tonumber(ARGV[15]) end
  wait = math.min(maxWait, nameless_backoff(rate, math.max(tonumber(ARGV[4]), streak - 1), floor, cap, jitter))
end
local blocked = math.max(tonumber(redis.call('HGET', h, 'blocked')) or 0, now + wait)
redis.call('HSET', h, 'blocked', blocked)
return math.ceil(wait)
`;

interface LimiterCommands {
  wlTake(hash: string, leases: string, blocks: string, down: string, qps: string, concurrency: number, initialQps: number, share: number, lease: string, leaseMs: number, run: string, clockMs: string): Promise<[number, number, number?, number?, number?]>;
  wlSettle(hash: string, leases: string, window: string, blocks: string, down: string, ...argv: (string | number)[]): Promise<number>;
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
} | { kind: "wait"; ms: number } | { kind: "paused"; ms: number; permanent: boolean } | { kind: "down"; ms: number };

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
  /** Ms left of a pause (a wait past --max-retry-wait, or refusals in a row); 0 = none. */
  pausedMs: number;
  /** Ms left of its down time (it refused every connect of its last tries: its jobs fail at once); 0 = none. */
  downMs: number;
  /** Some run was blocked for good by this server (see blockedRuns). */
  blockedForGood: boolean;
  /** The runs this server blocked for good (their jobs never ask it again; other runs do), within SCALE_DEFAULTS.permanentBlockTtlMs. */
  blockedRuns: string[];
}

/** What `unblock` cleared for a server. */
export interface Unblocked {
  host: string;
  /** The limiter had state for this server (it was asked by some worker). */
  known: boolean;
  blockedRuns: string[];
  pausedMs: number;
  blockedMs: number;
  /** Ms left of its down time (refused connects in a row), cleared too. */
  downMs: number;
}

let leaseCounter = 0;

/** The Redis side of global politeness: take/settle a server's slot atomically, read its state. */
export class RedisLimiter {
  private readonly redis: Redis & LimiterCommands;
  private readonly tuning: QueueTuning;

  /**
   * `clock`: a test's clock, shared by every limiter and SharedScheduler of the test, replacing Redis's TIME
   * and the machine's wall clock (rate windows), so the test moves the time slots are granted by. Absent
   * (every real worker): Redis's TIME, which all workers share.
   */
  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly owner: string,
    tuning: Partial<QueueTuning> = {},
    private readonly clock?: SchedulerClock,
  ) {
    if (!("wlTake" in redis)) {
      redis.defineCommand("wlTake", { numberOfKeys: 4, lua: TAKE });
      redis.defineCommand("wlSettle", { numberOfKeys: 5, lua: SETTLE });
    }
    this.redis = redis as Redis & LimiterCommands;
    this.tuning = { ...QUEUE_DEFAULTS, ...tuning };
  }

  /** The test clock's time for the scripts ('' = Redis's TIME). */
  private clockArg(): string {
    return this.clock === undefined ? "" : String(this.clock.now());
  }

  /** Ms since the epoch, for rate windows and what is left of a wait (Redis's TIME or the test clock). */
  private async nowMs(): Promise<number> {
    if (this.clock !== undefined) return this.clock.now();
    const [secs, micros] = await this.redis.time();
    return Number(secs) * 1000 + Math.floor(Number(micros) / 1000);
  }

  private keys(host: string): { hash: string; leases: string; blocks: string; down: string } {
    const key = host.toLowerCase().slice(0, 255);
    const hash = `${this.prefix}:srv:${key}`;
    return { hash, leases: `${hash}:leases`, blocks: `${hash}:blocks`, down: `${hash}:down` };
  }

  /** `leaseMs`: how long the slot stays taken if the worker never settles it (it died). `run`: the job's run (a block for good is per run). */
  async take(host: string, policy: ServerPolicy, leaseMs: number, run = ""): Promise<Grant> {
    const { hash, leases, blocks, down } = this.keys(host);
    leaseCounter += 1;
    const lease = `${this.owner}:${leaseCounter}`;
    const concurrency = policy.concurrency ?? this.tuning.defaultConcurrency;
    const [granted, ms, at, interval, exactUs] = await this.redis.wlTake(hash, leases, blocks, down, policy.qps === undefined ? "" : String(policy.qps), concurrency, this.tuning.initialQps, this.tuning.knownLimitShare, lease, leaseMs, run, this.clockArg());
    if (granted === 1) return { kind: "granted", lease, at: at ?? 0, intervalMs: interval ?? 0, exactInMs: (exactUs ?? ms * 1000) / 1000 };
    if (granted === -3) return { kind: "down", ms };
    if (granted === -2) return { kind: "paused", ms: PERMANENT_BLOCK_MS, permanent: true };
    if (granted === -1) return { kind: "paused", ms, permanent: false };
    if (ms === -2) return { kind: "wait", ms: SCALE_DEFAULTS.probePollMs };
    return { kind: "wait", ms: ms < 0 ? SCALE_DEFAULTS.busyPollMs : Math.min(ms, SCALE_DEFAULTS.maxPollMs) };
  }

  /**
   * Frees the lease and applies the outcome; returns the throttle's wait (ms), 0 otherwise, or a SETTLED
   * code (< 0) when the server is paused or blocked.
   * `how.cut`: the refusal was a reset (a connection limit): paced without the known limit's refusal floor.
   * `how.silent`: an error that is a refusal when the server is refusing us (its streak > 0): then
   * settled as one (a wait > 0 or a code < 0 is returned), else as an error (0).
   * `how.permanent`: the server said its block is for good: run `how.run` does not ask it again.
   * `how.connect`: what the hop said of the connection (connectVerdict): a refused one counts towards the
   * server's down time for every worker (SETTLED.down when this settle started it), an accepted one clears
   * the count; absent, nothing is judged (a slot given back, a hop cancelled on our side or thrown).
   */
  async settle(host: string, lease: string, outcome: "ok" | "throttled" | "error", retryAfterMs: number | undefined, attempt: number, maxWaitMs: number, how: { cut?: boolean; silent?: boolean; permanent?: boolean; run?: string; connect?: ConnectVerdict } = {}): Promise<number> {
    const { hash, leases, blocks, down } = this.keys(host);
    const window = `${hash}:w:${Math.floor((this.clock?.now() ?? Date.now()) / SCALE_DEFAULTS.rateWindowMs)}`;
    const t = this.tuning;
    const jitter = 0.8 + Math.random() * 0.4;
    return this.redis.wlSettle(hash, leases, window, blocks, down, lease, outcome, retryAfterMs ?? "", attempt, Number.isFinite(maxWaitMs) ? maxWaitMs : 2 ** 31, jitter, t.minQps, t.maxQps, t.decreaseFactor, t.slowStartFactor, t.increasePerSuccess, SCALE_DEFAULTS.rateWindowMs * 7, how.cut === true ? "1" : "0", how.permanent === true ? "1" : "0", t.namelessRefusalFloorMs, t.pauseAfterRefusals, t.streakPauseMs, how.silent === true ? "1" : "0", how.run ?? "", SCALE_DEFAULTS.permanentBlockTtlMs, t.maxBackoffMs, how.connect ?? "", t.downAfterRefusedConnects, t.downRecheckMs, SCALE_DEFAULTS.downStateTtlMs, this.clockArg());
  }

  /**
   * Clears what stops `host` being asked: every run's block for good, a pause, a backoff, the refusal
   * streak, its down state (its rate and counts stay). For `whoislens queue unblock HOST`, once the operator knows the
   * server's block was lifted.
   */
  async unblock(host: string): Promise<Unblocked> {
    const { hash, blocks, down } = this.keys(host);
    const exists = await this.redis.exists(hash);
    const runs = await this.redis.hkeys(blocks);
    const [paused, blocked] = (await this.redis.hmget(hash, "paused", "blocked")).map((v) => Number(v ?? 0));
    const downUntil = Number((await this.redis.hget(down, "until")) ?? 0);
    const nowMs = await this.nowMs();
    await this.redis.multi().del(blocks, down).hset(hash, "paused", 0, "blocked", 0, "streak", 0).exec();
    if (exists !== 1) await this.redis.del(hash);
    return {
      host: host.toLowerCase(),
      known: exists === 1,
      blockedRuns: runs.sort(),
      pausedMs: Math.max(0, (paused ?? 0) - nowMs),
      blockedMs: Math.max(0, (blocked ?? 0) - nowMs),
      downMs: Math.max(0, downUntil - nowMs),
    };
  }

  /** Every server a worker has asked, with its shared state. SCAN, so a big fleet never blocks Redis. */
  async servers(): Promise<ServerState[]> {
    const out: ServerState[] = [];
    const base = `${this.prefix}:srv:`;
    const nowMs = this.clock === undefined ? Number((await this.redis.time())[0]) * 1000 : this.clock.now();
    const windowNow = Math.floor((this.clock?.now() ?? Date.now()) / SCALE_DEFAULTS.rateWindowMs);
    for await (const key of scanKeys(this.redis, `${base}*`)) {
      if (key.endsWith(":leases") || key.endsWith(":blocks") || key.endsWith(":down") || /:w:\d+$/.test(key)) continue;
      const f = await this.redis.hgetall(key);
      const host = key.slice(base.length);
      const blockedRuns = (await this.redis.hkeys(`${key}:blocks`)).sort();
      const downUntil = Number((await this.redis.hget(`${key}:down`, "until")) ?? 0);
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
        pausedMs: Math.max(0, Number(f.paused ?? 0) - nowMs),
        downMs: Math.max(0, downUntil - nowMs),
        blockedForGood: blockedRuns.length > 0,
        blockedRuns,
      });
    }
    return out.sort((a, b) => a.host.localeCompare(b.host));
  }
}

/**
 * A re-enqueue (a run's resume) asks the servers that are down again at once, as a re-run of an in-process
 * bulk does (its down times lived in that process): each one's down time ends now, so its next job is the
 * one probe (see take) — one connect, and a refusal puts it down again at once. Returns those servers.
 */
export async function recheckDownServers(redis: Redis, prefix: string): Promise<string[]> {
  const base = `${prefix}:srv:`;
  const rechecked: string[] = [];
  for await (const key of scanKeys(redis, `${base}*:down`)) {
    // Only a server that is down (its hash has a down time); a count of refused connects below the mark stays.
    if ((await redis.hexists(key, "until")) === 1) {
      await redis.hset(key, "until", 0);
      rechecked.push(key.slice(base.length, -":down".length));
    }
  }
  return rechecked.sort();
}

/**
 * A re-enqueue of `run` (its resume) asks again the servers that blocked it for good, as a re-run of an
 * in-process bulk does (its blocks lived in that process): the block may have been lifted, and one
 * refused query is all a block still in force costs. Returns the servers whose block was cleared.
 */
export async function clearRunBlocks(redis: Redis, prefix: string, run: string): Promise<string[]> {
  const base = `${prefix}:srv:`;
  const cleared: string[] = [];
  for await (const key of scanKeys(redis, `${base}*:blocks`)) {
    if ((await redis.hdel(key, run)) === 1) cleared.push(key.slice(base.length, -":blocks".length));
  }
  return cleared.sort();
}
