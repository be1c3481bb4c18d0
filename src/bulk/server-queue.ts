import { PERMANENT_BLOCK_MS } from "../lookup/throttle-wait.js";
import { abortedWait } from "../util/abort.js";
import { SYSTEM_CLOCK, type SchedulerClock } from "./clock.js";
import { isDownAfter } from "../lookup/down-rule.js";

/**
 * One server's budget: a token bucket for its rate and a cap on parallel
 * connections. When the server's limit is unknown the rate is found by AIMD:
 * a little faster after every success, half as fast after a throttle.
 */
export interface ServerPolicy {
  /** Sustained queries per second; undefined = unknown (probe with AIMD). */
  qps?: number;
  concurrency?: number;
}

export interface QueueTuning {
  /** Starting rate when the limit is unknown. */
  initialQps: number;
  /** Ceiling for probing. */
  maxQps: number;
  /** Rate floor after decreases. */
  minQps: number;
  /** Before the first throttle: rate × this per answer (slow start, as TCP does). */
  slowStartFactor: number;
  /** After a throttle, far below the rate that drew it: rate + this per answer (additive increase). */
  increasePerSuccess: number;
  /** Rate × this on a throttle (multiplicative decrease). */
  decreaseFactor: number;
  /** A known limit is paced at this share of itself, to leave the server's clock some slack. */
  knownLimitShare: number;
  /**
   * Least wait after a refusal that names no wait, at a server whose limit is known (the --servers map or
   * the profile table): there a refusal is the server's own block (DENIC's 55000000002, RIPE's ERROR:201,
   * a quota sentence), not our probe overshooting, and asking again within its pacing interval only
   * prolongs the block. Doubles with every refusal in a row (see `refusalStreak`).
   */
  namelessRefusalFloorMs: number;
  /**
   * Refusals in a row (no answer between them) after which the server is paused for `streakPauseMs`:
   * its queries are reported throttled at once, to be asked by the next run, instead of each waiting
   * out its own retries against a server that keeps refusing (the run must not hang on it).
   */
  pauseAfterRefusals: number;
  streakPauseMs: number;
  /**
   * Longest backoff after a refusal naming no wait, jitter included (the documented "at most 30 s"): the
   * jitter is applied before this cap, so no wait passes it. A Retry-After is not capped by it (only by
   * --max-retry-wait): the server named its wait.
   */
  maxBackoffMs: number;
  defaultConcurrency: number;
  /**
   * Connections refused in a row (ECONNREFUSED, nothing accepted between them) after which the server is
   * down: its queries fail at once as a connection failure for `downRecheckMs`, then one is let through to
   * see if it is back. Real throttlers accept and go silent (DENIC), answer a refusal, or reset an accepted
   * connection; a host that refuses every connect is gone, and backing each of its queries off as a
   * throttle (growing waits up to --max-retry-wait until the streak pause) only stalls the run.
   */
  downAfterRefusedConnects: number;
  downRecheckMs: number;
}

export const QUEUE_DEFAULTS: QueueTuning = {
  initialQps: 4,
  maxQps: 500,
  minQps: 0.05,
  slowStartFactor: 1.25,
  increasePerSuccess: 0.25,
  decreaseFactor: 0.6,
  knownLimitShare: 0.97,
  namelessRefusalFloorMs: 1000,
  pauseAfterRefusals: 12,
  streakPauseMs: 600_000,
  maxBackoffMs: 30_000,
  defaultConcurrency: 4,
  downAfterRefusedConnects: 3,
  downRecheckMs: 60_000,
};

const MAX_TIMER_MS = 2_147_483_647;

/** One hop waiting for its turn: `grant(true)` gives it a slot, `grant(false)` sends it away (paused server). */
interface Waiter {
  grant: (slot: boolean) => void;
  leaveIfPaused: boolean;
}

/** Answers without a reset before a connection cap lowered by a reset is raised by one again. */
const ANSWERS_TO_RAISE_CONCURRENCY = 50;

export class ServerQueue {
  readonly host: string;
  private rate: number;
  private readonly known: boolean;
  /** The connection cap given (map, profile or default). */
  private readonly concurrencyLimit: number;
  /**
   * The cap in force: lowered when the server resets a connection (Verisign-style: past N simultaneous
   * connections it resets without a word) to the connections still open then, at least 1; raised by one
   * again after `answersToRaiseConcurrency` answers without a reset, up to the cap given.
   */
  private concurrency: number;
  private answersSinceCut = 0;
  private tokens = 1;
  private last: number;
  private active = 0;
  private blockedUntil = 0;
  private pausedUntil = 0;
  private readonly waiting: Waiter[] = [];
  private timer: unknown;
  /** The rate at which this server last throttled us (AIMD with memory). */
  private ceiling: number | undefined;
  throttles = 0;
  answered = 0;
  /** The server said its block is for good (see PERMANENT_BLOCK_MS): it is not asked again by this queue. */
  blockedForGood = false;
  /** Refusals since the last answer: a growing backoff for a server that keeps refusing (reset by an answer). */
  refusalStreak = 0;
  /** Connections refused in a row (see QueueTuning.downAfterRefusedConnects); any accepted connection resets it. */
  refusedConnects = 0;
  private downUntil = 0;

  constructor(host: string, policy: ServerPolicy, private readonly tuning: QueueTuning, private readonly clock: SchedulerClock = SYSTEM_CLOCK) {
    this.host = host;
    this.known = policy.qps !== undefined;
    this.rate = policy.qps === undefined ? tuning.initialQps : policy.qps * tuning.knownLimitShare;
    this.concurrencyLimit = policy.concurrency ?? tuning.defaultConcurrency;
    this.concurrency = this.concurrencyLimit;
    this.last = clock.now();
  }

  get currentRate(): number {
    return this.rate;
  }

  /**
   * How many lookups bound for this server a bulk run should hold in flight:
   * enough to keep its pace (half a second of queries, at least two), no more,
   * so waiters for a slow server never fill the run's global slots.
   */
  inFlightAllowance(): number {
    return Math.max(2, Math.min(this.concurrency * 2, Math.ceil(this.rate * 0.5) + 1));
  }

  /**
   * Resolves true when this server may be asked once more; call release() after the answer. `signal` ends
   * the wait at once (a pacing slot or a backoff alike): the waiter leaves the line, the queue's timer
   * is cleared when no one else waits, and the promise rejects with WL_ERR_ABORTED. Nothing is counted
   * against the server: it was never asked. `leaveIfPaused`: when the server is paused while this waits
   * (it asked for a wait past the cap, or blocked us for good), resolve false at once, holding no slot —
   * the caller reports the query throttled instead of waiting out the pacing of every query ahead of it.
   */
  acquire(signal?: AbortSignal, leaveIfPaused = false): Promise<boolean> {
    if (signal?.aborted) return Promise.reject(abortedWait(signal, `waiting for ${this.host}'s turn`));
    return new Promise((resolve, reject) => {
      if (!signal) {
        this.waiting.push({ grant: resolve, leaveIfPaused });
        this.pump();
        return;
      }
      const onAbort = (): void => {
        const at = this.waiting.indexOf(waiter);
        if (at < 0) return;
        this.waiting.splice(at, 1);
        if (this.waiting.length === 0) this.stopTimer();
        reject(abortedWait(signal, `waiting for ${this.host}'s turn${this.blockedFor() > 0 ? " (its backoff)" : ""}`));
      };
      const waiter: Waiter = {
        grant: (slot) => {
          signal.removeEventListener("abort", onAbort);
          resolve(slot);
        },
        leaveIfPaused,
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(waiter);
      this.pump();
    });
  }

  /** The server is paused: the waiters that asked to leave then do, at once and holding no slot. */
  private dismissWhilePaused(): void {
    if (this.pausedFor() <= 0 && this.downFor() <= 0) return;
    const leaving = this.waiting.filter((w) => w.leaveIfPaused);
    if (leaving.length === 0) return;
    this.waiting.splice(0, this.waiting.length, ...this.waiting.filter((w) => !w.leaveIfPaused));
    if (this.waiting.length === 0) this.stopTimer();
    for (const waiter of leaving) waiter.grant(false);
  }

  /** How many hops wait for their turn at this server. */
  get waiters(): number {
    return this.waiting.length;
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  release(): void {
    this.active -= 1;
    this.pump();
  }

  /**
   * The answer was fine: probe a little faster when the limit is unknown. Below
   * 90% of the rate that last drew a throttle the probe is quick; near it, slow,
   * so a found limit is held instead of hit again and again.
   */
  succeeded(): void {
    this.answered += 1;
    this.refusalStreak = 0;
    if (this.concurrency < this.concurrencyLimit && ++this.answersSinceCut >= ANSWERS_TO_RAISE_CONCURRENCY) {
      this.concurrency += 1;
      this.answersSinceCut = 0;
    }
    if (this.known) return;
    if (this.ceiling === undefined) {
      this.rate = Math.min(this.tuning.maxQps, this.rate * this.tuning.slowStartFactor);
      return;
    }
    const nearCeiling = this.rate >= this.ceiling * 0.8;
    const step = nearCeiling ? this.tuning.increasePerSuccess / 25 : this.tuning.increasePerSuccess;
    this.rate = Math.min(this.tuning.maxQps, this.rate + step);
  }

  /**
   * The server refused: slow down, and wait out its Retry-After (or a backoff) before the next query,
   * but never longer than `maxWaitMs`. Returns the wait; undefined when the server asked for more than
   * the cap: then the queue is paused until the time it named (its queries are reported as throttled
   * without asking) instead of holding the run (issue #19). `permanent`: the server said its block is for
   * good (RIPE's ERROR:201): the queue is blocked for the rest of its run (undefined too).
   */
  throttled(retryAfterMs: number | undefined, attempt: number, maxWaitMs = Number.POSITIVE_INFINITY, cut = false, permanent = false): number | undefined {
    this.throttles += 1;
    this.refusalStreak += 1;
    if (cut) {
      // The reset connection was one too many: the ones still open are what the server allows.
      this.concurrency = Math.max(1, Math.min(this.concurrency, this.active));
      this.answersSinceCut = 0;
    }
    // A published limit stays: the refusal was a blip of timing. A probed one comes down.
    if (!this.known) {
      this.ceiling = this.rate;
      this.rate = Math.max(this.tuning.minQps, this.rate * this.tuning.decreaseFactor);
    }
    const now = this.clock.now();
    if (permanent) {
      // A flag, not a wait: a server whose Retry-After is a year long is paused for that year, not blocked.
      this.blockedForGood = true;
      this.dismissWhilePaused();
      return undefined;
    }
    if (retryAfterMs !== undefined && retryAfterMs > maxWaitMs) {
      this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
      this.dismissWhilePaused();
      return undefined;
    }
    if (this.refusalStreak >= this.tuning.pauseAfterRefusals) {
      this.pausedUntil = Math.max(this.pausedUntil, now + this.tuning.streakPauseMs);
      this.dismissWhilePaused();
      return undefined;
    }
    const wait = Math.min(maxWaitMs, retryAfterMs === undefined ? this.ownBackoff(attempt, cut) : retryAfterMs * (1 + Math.random() * 0.2));
    this.blockedUntil = Math.max(this.blockedUntil, now + wait);
    this.tokens = 0;
    return wait;
  }

  /** Our own wait after a refusal that names none: see namelessBackoffMs. */
  private ownBackoff(attempt: number, cut: boolean): number {
    return namelessBackoffMs({
      ratePerSecond: this.rate,
      doublings: Math.max(attempt, this.refusalStreak - 1),
      floorMs: this.known && !cut ? this.tuning.namelessRefusalFloorMs : 0,
      capMs: this.tuning.maxBackoffMs,
      jitter: 0.8 + Math.random() * 0.4,
    });
  }

  /**
   * A connection to this server was refused. Returns true when that makes (or keeps) it down: its last
   * `downAfterRefusedConnects` connects were all refused. Waiters that asked to leave a paused server leave.
   */
  connectionRefused(): boolean {
    this.refusedConnects += 1;
    if (!isDownAfter(this.refusedConnects, this.tuning)) return false;
    this.downUntil = Math.max(this.downUntil, this.clock.now() + this.tuning.downRecheckMs);
    this.dismissWhilePaused();
    return true;
  }

  /** The hop ended any other way than a refused connect (an answer, a refusal in words, a reset, a timeout): not down. */
  connectionAccepted(): void {
    this.refusedConnects = 0;
    this.downUntil = 0;
  }

  /** Milliseconds this server is still held down for (0: not down, or due to be tried again). */
  downFor(): number {
    return Math.max(0, this.downUntil - this.clock.now());
  }

  /** Milliseconds this server's queue still waits out a Retry-After or backoff. */
  blockedFor(): number {
    return Math.max(0, this.blockedUntil - this.clock.now());
  }

  /** Milliseconds this server is still paused for (it asked for a wait past the cap); PERMANENT_BLOCK_MS when blocked for good. */
  pausedFor(): number {
    if (this.blockedForGood) return PERMANENT_BLOCK_MS;
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  private refill(now: number): void {
    // No bursts: servers count queries in short windows, so queries go out evenly spaced.
    const burst = 1;
    this.tokens = Math.min(burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  private pump(): void {
    this.dismissWhilePaused();
    if (this.timer !== undefined) return;
    const now = this.clock.now();
    this.refill(now);
    while (this.waiting.length > 0 && this.active < this.concurrency && now >= this.blockedUntil && this.tokens >= 1) {
      this.tokens -= 1;
      this.active += 1;
      this.waiting.shift()?.grant(true);
    }
    if (this.waiting.length === 0 || this.active >= this.concurrency) return;
    const untilToken = this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.rate) * 1000;
    // setTimeout fires at once past 2^31-1 ms: a huge wait must never become a busy loop.
    const delay = Math.min(MAX_TIMER_MS, Math.max(untilToken, this.blockedUntil - now, 1));
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.pump();
    }, delay);
  }
}

/**
 * The nameless-refusal backoff's own numbers: the one source of namelessBackoffMs below and of the Redis limiter's
 * Lua copy (src/scale/limiter.ts NAMELESS_BACKOFF_LUA, built from these), so the two schedulers cannot drift.
 */
export const NAMELESS_BACKOFF = Object.freeze({
  /** Doublings at most: 2^16 times the paced wait is past any cap. */
  maxDoublings: 16,
  /** The wait holds this many queries at the server's paced rate (its bucket refills for two). */
  queriesPerWait: 2,
});

/** What the nameless-refusal backoff is computed from (both schedulers: ServerQueue here, and the Redis limiter's Lua mirrors it). */
export interface BackoffInput {
  /** The server's paced rate now (q/s). */
  ratePerSecond: number;
  /** Doublings: the query's retries or the server's refusals in a row less one, whichever is more (capped at NAMELESS_BACKOFF.maxDoublings). */
  doublings: number;
  /** Least wait (ms) before doubling: namelessRefusalFloorMs for a known limit refused in words, else 0. */
  floorMs: number;
  /** The cap (ms), jitter included: QUEUE_DEFAULTS.maxBackoffMs. */
  capMs: number;
  /** 0.8–1.2: spreads the clients a server refused together. */
  jitter: number;
}

/**
 * Our own wait after a refusal that names none: long enough for the server's bucket to hold two queries,
 * doubling per retry of the query and per refusal in a row at the server (a server that blocks whoever
 * asks during its block, as DENIC does, is left alone longer each time), with the jitter, never under the
 * floor (doubled the same way), and never past the cap: the jitter is applied first, so "at most 30 s"
 * holds (it used to be applied after the cap, and a wait reached 36 s).
 */
export function namelessBackoffMs(input: BackoffInput): number {
  const factor = 2 ** Math.min(NAMELESS_BACKOFF.maxDoublings, Math.max(0, input.doublings));
  const paced = ((NAMELESS_BACKOFF.queriesPerWait * 1000) / input.ratePerSecond) * factor * input.jitter;
  return Math.min(input.capMs, Math.max(input.floorMs * factor, paced));
}
