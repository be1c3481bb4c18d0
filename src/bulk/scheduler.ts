import { InvalidOptionError } from "../errors.js";
import { connectVerdict, refusedAtConnection } from "../lookup/down-rule.js";
import { SYSTEM_CLOCK, type SchedulerClock } from "./clock.js";
import { SCHEDULER_DEFAULTS } from "./defaults.js";
import type { HopOutcome, HopScheduler, Refused } from "../lookup/scheduler.js";
import { profileFor, type ServerMap } from "../servers/index.js";
import { QUEUE_DEFAULTS, ServerQueue, type QueueTuning, type ServerPolicy } from "./server-queue.js";

export interface PoliteSchedulerOptions {
  /** --servers map: its qps/concurrency entries are known limits. */
  servers?: ServerMap;
  /** Trust the built-in profile table's limits (default true); false probes every server. */
  useProfiles?: boolean;
  /** Re-runs of a throttled hop before giving up and returning the throttled answer. */
  maxRetries?: number;
  /**
   * Longest wait for one server's Retry-After or backoff (--max-retry-wait). A server asking for
   * more is paused: its queries are reported as throttled at once, and the run goes on.
   */
  maxRetryWaitMs?: number;
  /** Told of every wait a throttle starts, so a progress line can show which server waits and how long. */
  onWait?: (event: WaitEvent) => void;
  tuning?: Partial<QueueTuning>;
  /**
   * The time every queue paces, waits and pauses by (default: the machine's). Whether a Retry-After is
   * waited out or pauses its server past `maxRetryWaitMs`, and when that pause ends, are read on it.
   */
  clock?: SchedulerClock;
}

/** A wait a server's throttle started: `paused` when it asked for more than the cap. */
export interface WaitEvent {
  server: string;
  /** What the server asked for (Retry-After, or a wait named in its text); undefined = our own backoff. */
  requestedMs?: number;
  /** What the scheduler waits: the request or the backoff, capped; for a pause, the time it lasts. */
  waitMs: number;
  paused: boolean;
  /**
   * Why a pause: "asked" (a wait past the cap), "permanent" (a block for good, RIPE's ERROR:201
   * "permanently denied": the server is not asked again in this run), "refusals" (`refusals` refusals in a row),
   * "down" (it refused every connection of its last tries: its queries fail at once, not throttled, until
   * `waitMs` has passed and one is let through to see if it is back).
   */
  reason?: "asked" | "permanent" | "refusals" | "down";
  /** Refusals in a row at this server when the wait began. */
  refusals?: number;
}

/**
 * Errors that, from a server in the middle of refusing us (its refusal streak), are its block going on
 * rather than a fault: DENIC answers its access-control text once and then stays silent (a hop timeout),
 * Verisign-style servers close or reset the connection without a word. Such a hop is paced like a
 * refusal (the growing backoff), once per query: a second one is the query's failure, with its reason.
 */
export const SILENT_REFUSAL_CODES: ReadonlySet<string> = new Set(["WL_ERR_TIMEOUT", "WL_ERR_CONNECT", "WL_ERR_PROTOCOL"]);

export { SCHEDULER_DEFAULTS };

export interface ServerStats {
  host: string;
  answered: number;
  throttles: number;
  rate: number;
  /** Milliseconds left of a Retry-After or backoff wait (0 = none). */
  waitMs: number;
  /** Milliseconds left of a pause past the cap (0 = none): its queries are reported throttled. */
  pausedMs: number;
  /** The server said its block is for good: not asked again in this run (pausedMs is then PERMANENT_BLOCK_MS). */
  blockedForGood: boolean;
}

/**
 * Paces every hop against its own server's budget (Agent → per-origin Pool, as
 * in undici): each server has its own queue, so a slow or throttling server
 * never holds up the others.
 */
export class PoliteScheduler implements HopScheduler {
  private readonly queues = new Map<string, ServerQueue>();
  private readonly tuning: QueueTuning;
  private readonly maxRetries: number;
  private readonly maxRetryWaitMs: number;
  private readonly clock: SchedulerClock;

  constructor(private readonly options: PoliteSchedulerOptions = {}) {
    this.tuning = { ...QUEUE_DEFAULTS, ...(options.tuning ?? {}) };
    this.maxRetries = options.maxRetries ?? SCHEDULER_DEFAULTS.maxRetries;
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? SCHEDULER_DEFAULTS.maxRetryWaitMs;
    if (!(this.maxRetryWaitMs >= 0) || !Number.isFinite(this.maxRetryWaitMs)) {
      throw new InvalidOptionError(`invalid maxRetryWaitMs ${String(options.maxRetryWaitMs)}: use a non-negative number of milliseconds`);
    }
  }

  /** The queue tuning this scheduler paces with (QUEUE_DEFAULTS and the options' overrides). */
  get tuningInUse(): Readonly<QueueTuning> {
    return this.tuning;
  }

  policyFor(host: string): ServerPolicy {
    const mapped = this.options.servers?.policy(host);
    if (mapped?.qps !== undefined || mapped?.concurrency !== undefined) return mapped;
    if (this.options.useProfiles === false) return {};
    const profile = profileFor(host);
    // The profile table's defaults are guesses, not published limits: only explicit rows count as known.
    const explicit = profile.notes !== undefined;
    return explicit ? { qps: profile.qps, concurrency: profile.concurrency } : { concurrency: profile.concurrency };
  }

  queue(host: string): ServerQueue {
    const key = host.toLowerCase();
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new ServerQueue(key, this.policyFor(key), this.tuning, this.clock);
      this.queues.set(key, queue);
    }
    return queue;
  }

  /** `signal` ends the hop's wait for its turn (pace, backoff, Retry-After) at once: see HopScheduler.run. */
  async run<T>(server: string, task: () => Promise<T>, judge: (result: T) => HopOutcome, refused?: Refused<T>, signal?: AbortSignal): Promise<T> {
    const queue = this.queue(server);
    /** The last answer judged throttled (a refusal, or an answer cut off by a reset): kept if a retry then fails outright. */
    let previous: { result: T } | undefined;
    for (let attempt = 0; ; attempt += 1) {
      if (refused && (queue.downFor() > 0 || queue.pausedFor() > 0)) return notAsked(queue, refused);
      // Paused while this query waited its turn: it is not asked either, and leaves the line at once
      // (it used to wait out the pacing of every query ahead of it just to be refused).
      const slot = await queue.acquire(signal, refused !== undefined);
      if (refused && (!slot || queue.pausedFor() > 0 || queue.downFor() > 0)) {
        if (slot) queue.release();
        return notAsked(queue, refused);
      }
      let result: T;
      try {
        result = await task();
      } finally {
        queue.release();
      }
      const outcome = judge(result);
      if (connectVerdict(outcome) === "accepted") queue.connectionAccepted();
      else if (queue.connectionRefused()) {
        // Down, not throttling (see QueueTuning.downAfterRefusedConnects): this query fails now, with what
        // the server did say before (a cut answer) if anything, and so do the others until the recheck.
        this.options.onWait?.({ server: queue.host, waitMs: queue.downFor(), paused: true, reason: "down", refusals: queue.refusedConnects });
        return previous ? previous.result : result;
      }
      if (outcome.kind === "ok") {
        queue.succeeded();
        return result;
      }
      // A retry that fails (the lookup's time ran out during the backoff, the server went away) does
      // not erase what the server did say: a truncated partial answer, or its refusal.
      const silentRefusal = outcome.kind === "error" && previous === undefined && queue.refusalStreak > 0 && SILENT_REFUSAL_CODES.has(outcome.code);
      if (outcome.kind === "error" && !silentRefusal) return previous ? previous.result : result;
      previous = { result };
      const retryAfterMs = outcome.kind === "throttled" ? outcome.retryAfterMs : undefined;
      const permanent = outcome.kind === "throttled" && outcome.permanent === true;
      const wait = queue.throttled(retryAfterMs, attempt, this.maxRetryWaitMs, refusedAtConnection(outcome), permanent);
      const paused = wait === undefined;
      const event: WaitEvent = { server: queue.host, waitMs: paused ? queue.pausedFor() : wait, paused, refusals: queue.refusalStreak };
      if (retryAfterMs !== undefined) event.requestedMs = retryAfterMs;
      if (paused) event.reason = permanent ? "permanent" : retryAfterMs !== undefined && retryAfterMs > this.maxRetryWaitMs ? "asked" : "refusals";
      this.options.onWait?.(event);
      if (paused || attempt >= this.maxRetries || this.maxRetryWaitMs === 0) return result;
    }
  }

  stats(): ServerStats[] {
    return [...this.queues.values()].map((q) => ({ host: q.host, answered: q.answered, throttles: q.throttles, rate: q.currentRate, waitMs: q.blockedFor(), pausedMs: q.pausedFor(), blockedForGood: q.blockedForGood }));
  }
}

/** The server is down or paused: the hop is not asked, and `refused` answers for it with why. */
function notAsked<T>(queue: ServerQueue, refused: Refused<T>): T {
  return queue.downFor() > 0 ? refused(0, false, true) : refused(queue.pausedFor(), queue.blockedForGood);
}
