import type { HopOutcome, HopScheduler } from "../lookup/scheduler.js";
import { profileFor, type ServerMap } from "../servers/index.js";
import { QUEUE_DEFAULTS, ServerQueue, type QueueTuning, type ServerPolicy } from "./server-queue.js";

export interface PoliteSchedulerOptions {
  /** --servers map: its qps/concurrency entries are known limits. */
  servers?: ServerMap;
  /** Trust the built-in profile table's limits (default true); false probes every server. */
  useProfiles?: boolean;
  /** Re-runs of a throttled hop before giving up and returning the throttled answer. */
  maxRetries?: number;
  tuning?: Partial<QueueTuning>;
}

export interface ServerStats {
  host: string;
  answered: number;
  throttles: number;
  rate: number;
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

  constructor(private readonly options: PoliteSchedulerOptions = {}) {
    this.tuning = { ...QUEUE_DEFAULTS, ...(options.tuning ?? {}) };
    this.maxRetries = options.maxRetries ?? 4;
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
      queue = new ServerQueue(key, this.policyFor(key), this.tuning);
      this.queues.set(key, queue);
    }
    return queue;
  }

  async run<T>(server: string, task: () => Promise<T>, judge: (result: T) => HopOutcome): Promise<T> {
    const queue = this.queue(server);
    for (let attempt = 0; ; attempt += 1) {
      await queue.acquire();
      let result: T;
      try {
        result = await task();
      } finally {
        queue.release();
      }
      const outcome = judge(result);
      if (outcome.kind === "ok") {
        queue.succeeded();
        return result;
      }
      if (outcome.kind === "error") return result;
      queue.throttled(outcome.retryAfterMs, attempt);
      if (attempt >= this.maxRetries) return result;
    }
  }

  stats(): ServerStats[] {
    return [...this.queues.values()].map((q) => ({ host: q.host, answered: q.answered, throttles: q.throttles, rate: q.currentRate }));
  }
}
