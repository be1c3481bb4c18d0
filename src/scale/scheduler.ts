import { setTimeout as sleep } from "node:timers/promises";
import { SCHEDULER_DEFAULTS } from "../bulk/defaults.js";
import { PoliteScheduler, type PoliteSchedulerOptions } from "../bulk/scheduler.js";
import type { HopOutcome, HopScheduler } from "../lookup/scheduler.js";
import type { ServerPolicy } from "../bulk/server-queue.js";
import { SCALE_DEFAULTS } from "./defaults.js";
import type { RedisLimiter } from "./limiter.js";

/** The lookup's default hop time limit (src/lookup/options.ts), for a scheduler not told the one in use. */
const LOOKUP_DEFAULT_HOP_MS = 10_000;

/** A slot is missed when the worker wakes this late, or half an interval late on a slower server. */
const LATE_SLOT_MIN_MS = 5;

export interface SharedSchedulerOptions extends Pick<PoliteSchedulerOptions, "servers" | "useProfiles" | "maxRetries" | "maxRetryWaitMs"> {
  /** Told of every answer's outcome per server (metrics). */
  onOutcome?: (server: string, outcome: HopOutcome["kind"]) => void;
  /** How long a slot stays taken if its worker dies: the hop's time limit plus slack. */
  leaseMs?: number;
  /** Aborted: waits for a token end and the hop is not asked (a draining worker). */
  signal?: AbortSignal;
}

/**
 * The HopScheduler of a worker: every hop (first hop and each referral, against its own server's
 * budget) takes a slot from the Redis limiter shared by all workers, then settles it with the
 * answer's outcome, so AIMD and Retry-After waits are shared too. Which limit a server has is decided
 * exactly as on one machine: PoliteScheduler.policyFor (the --servers map's qps/concurrency, else the
 * profile table's explicit rows, else probed).
 */
export class SharedScheduler implements HopScheduler {
  private readonly local: PoliteScheduler;
  private readonly maxRetries: number;
  private readonly maxRetryWaitMs: number;
  private readonly leaseMs: number;
  /** Per server, the last waiter's turn to ask Redis (see acquire). */
  private readonly gates = new Map<string, Promise<void>>();
  /** Slots given back because this worker woke too late to use them (see acquire). */
  lateSlots = 0;

  constructor(
    private readonly limiter: RedisLimiter,
    private readonly options: SharedSchedulerOptions = {},
  ) {
    // Only for its policy table (and option checks): its own queues are never used.
    this.local = new PoliteScheduler(options);
    this.maxRetries = options.maxRetries ?? SCHEDULER_DEFAULTS.maxRetries;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? SCHEDULER_DEFAULTS.maxRetryWaitMs;
    this.leaseMs = options.leaseMs ?? LOOKUP_DEFAULT_HOP_MS + SCALE_DEFAULTS.leaseSlackMs;
  }

  /**
   * Waits for a slot of `server`. Within one worker, one waiter per server asks Redis at a time (the
   * others queue behind it here): every waiter polling on its own woke together at each slot, so a
   * server with 20 waiting jobs cost 20 Lua calls per query granted, and the workers' CPU went to that.
   * The gate opens when the slot is granted, not when it comes, so the next waiter reserves the
   * following slot as soon as Redis allows (one interval later).
   */
  private async acquire(server: string): Promise<{ lease: string } | { pausedMs: number }> {
    const key = server.toLowerCase();
    const policy = this.local.policyFor(server);
    const previous = this.gates.get(key) ?? Promise.resolve();
    let open = (): void => {};
    const gate = previous.then(() => new Promise<void>((resolve) => (open = resolve)));
    this.gates.set(key, gate);
    let granted: { lease: string; inMs: number; intervalMs: number; sendAt: number } | { pausedMs: number };
    try {
      await previous;
      granted = await this.poll(server, policy);
    } finally {
      open();
      if (this.gates.get(key) === gate) this.gates.delete(key);
    }
    if ("pausedMs" in granted) return granted;
    if (granted.inMs > 0) await sleep(granted.inMs);
    // A worker starved of CPU wakes late: sent now, its query would land beside the next worker's on-time
    // one, two queries closer than the server allows. A slot missed by more than half an interval is given
    // back and a new one taken (a little throughput lost, never the server's limit).
    if (performance.now() - granted.sendAt > Math.max(LATE_SLOT_MIN_MS, granted.intervalMs / 2)) {
      await this.limiter.settle(server, granted.lease, "error", undefined, 0, this.maxRetryWaitMs);
      this.lateSlots += 1;
      return this.acquire(server);
    }
    return { lease: granted.lease };
  }

  private async poll(server: string, policy: ServerPolicy): Promise<{ lease: string; inMs: number; intervalMs: number; sendAt: number } | { pausedMs: number }> {
    for (;;) {
      this.options.signal?.throwIfAborted();
      const grant = await this.limiter.take(server, policy, this.leaseMs);
      if (grant.kind === "granted") return { lease: grant.lease, inMs: grant.inMs, intervalMs: grant.intervalMs, sendAt: performance.now() + grant.inMs };
      if (grant.kind === "paused") return { pausedMs: grant.ms };
      await sleep(grant.ms, undefined, this.options.signal ? { signal: this.options.signal } : undefined);
    }
  }

  async run<T>(server: string, task: () => Promise<T>, judge: (result: T) => HopOutcome, refused?: (retryAfterMs: number) => T): Promise<T> {
    let previous: { result: T } | undefined;
    for (let attempt = 0; ; attempt += 1) {
      const slot = await this.acquire(server);
      if ("pausedMs" in slot) {
        if (refused) return refused(slot.pausedMs);
        await sleep(Math.min(slot.pausedMs, this.maxRetryWaitMs));
        continue;
      }
      let result: T;
      try {
        result = await task();
      } catch (error) {
        await this.limiter.settle(server, slot.lease, "error", undefined, attempt, this.maxRetryWaitMs);
        throw error;
      }
      const outcome = judge(result);
      const retryAfter = outcome.kind === "throttled" ? outcome.retryAfterMs : undefined;
      const wait = await this.limiter.settle(server, slot.lease, outcome.kind, retryAfter, attempt, this.maxRetryWaitMs);
      this.options.onOutcome?.(server, outcome.kind);
      if (outcome.kind === "ok") return result;
      if (outcome.kind === "error") return previous ? previous.result : result;
      previous = { result };
      // Paused (asked for more than the cap), out of retries, or no waiting allowed: the throttled answer stands.
      if (wait < 0 || attempt >= this.maxRetries || this.maxRetryWaitMs === 0) return result;
    }
  }
}
