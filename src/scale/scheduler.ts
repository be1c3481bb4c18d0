import { SCHEDULER_DEFAULTS } from "../bulk/defaults.js";
import { PoliteScheduler, SILENT_REFUSAL_CODES, type PoliteSchedulerOptions } from "../bulk/scheduler.js";
import type { HopOutcome, HopScheduler, Refused, SendCheck } from "../lookup/scheduler.js";
import type { ServerPolicy } from "../bulk/server-queue.js";
import { SCALE_DEFAULTS } from "./defaults.js";
import { SETTLED, type RedisLimiter } from "./limiter.js";
import { abortable, abortedWait, eitherSignal } from "../util/abort.js";
import { SYSTEM_CLOCK, sleepOn, type SchedulerClock } from "../bulk/clock.js";
import { WhoislensError } from "../errors.js";
import { connectVerdict, downReason, refusedAtConnection } from "../lookup/down-rule.js";
import { pauseReason, PERMANENT_BLOCK_MS } from "../lookup/throttle-wait.js";

/** The lookup's default hop time limit (src/lookup/options.ts), for a scheduler not told the one in use. */
const LOOKUP_DEFAULT_HOP_MS = 10_000;

/**
 * When a slot counts as missed: a query sent more than this late is not sent (the slot is given back and
 * a new one taken). A server whose bucket holds 2 (burst 2: one interval of tolerance, the strictest
 * the bench fleet and most token buckets allow) accepts any query up to one interval late while the
 * others keep to their slots (GCRA: t ≥ TAT − τ, with τ one interval); half of it is ours, the other
 * half is left for the jitter we cannot see (the network, the server reading late). The floor keeps a
 * fast server (> 100 q/s, intervals under 10 ms) from losing most slots to ordinary timer jitter.
 * See docs/scale.md "Late slots" for the measurements behind it.
 */
export const LATE_SLOT = Object.freeze({ shareOfInterval: 0.8, minMs: 5 });

/** A server not asked now: paused for `pausedMs`, (`permanent`) blocked for good for the run, or (`down`) down for `pausedMs`. */
interface Stopped {
  pausedMs: number;
  permanent: boolean;
  down?: boolean;
}

/** A granted slot as this worker sees it, on its own monotonic clock. */
interface Slot {
  lease: string;
  /** When the slot came, at the earliest the worker can know it: before it asked Redis, plus the exact wait Redis gave. */
  dueAt: number;
  /** When to send: after Redis's answer, plus that wait (never early). */
  wakeAt: number;
  /** How late (ms after dueAt) a query may still be sent. */
  graceMs: number;
}

export interface SharedSchedulerOptions extends Pick<PoliteSchedulerOptions, "servers" | "useProfiles" | "maxRetries" | "maxRetryWaitMs" | "clock"> {
  /** Told of every answer's outcome per server (metrics). */
  onOutcome?: (server: string, outcome: HopOutcome["kind"]) => void;
  /** Told of every slot given back because the query was ready too late for it (metrics). */
  onLateSlot?: (server: string) => void;
  /** How long a slot stays taken if its worker dies: the hop's time limit plus slack. */
  leaseMs?: number;
  /** Aborted: waits for a token end and the hop is not asked (a draining worker). */
  signal?: AbortSignal;
  /**
   * Told when this worker's settle started a server's pause or block (the limiter says which settle did,
   * fleet-wide): one event per change, never per query, so the worker logs one line as bulk prints one.
   */
  onPause?: (event: PauseEvent) => void;
}

/** A server stopped being asked: a pause (its wait past the cap, or refusals in a row) or a run's block for good. */
export interface PauseEvent {
  server: string;
  /** "down": it refused every connect of its last tries (`refusals` of them); its jobs fail at once until `pausedMs` has passed and one worker's job probes it. */
  reason: "asked" | "refusals" | "permanent" | "down";
  /** The run whose jobs triggered it (a block for good is that run's only). */
  run: string;
  /** How long the pause lasts (ms); for a block for good, PERMANENT_BLOCK_MS. */
  pausedMs: number;
  /** What the server asked for (Retry-After or a wait in its text), when it named one. */
  requestedMs?: number;
  /** Refusals in a row that drew a "refusals" pause (pauseAfterRefusals), or refused connects that put it "down" (downAfterRefusedConnects). */
  refusals?: number;
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
  /**
   * What this worker waits and judges lateness by (default: the machine's monotonic clock). A test passes
   * a manual one, and the same to the RedisLimiter, so the slots Redis grants and the waits for them
   * follow the time the test moves.
   */
  private readonly clock: SchedulerClock;
  /** Per server, the last waiter's turn to ask Redis (see acquire). */
  private readonly gates = new Map<string, Promise<void>>();
  /** Slots given back because this worker woke, or was ready to write, too late to use them (see acquire, run). */
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
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  /**
   * A slot of `server` (or its pause), granted but not yet come: the task holds its query until then
   * (run). Within one worker, one waiter per server asks Redis at a time (the
   * others queue behind it here): every waiter polling on its own woke together at each slot, so a
   * server with 20 waiting jobs cost 20 Lua calls per query granted, and the workers' CPU went to that.
   * The gate opens when the slot is granted, not when it comes, so the next waiter reserves the
   * following slot as soon as Redis allows (one interval later). A retake (a missed slot's job) asks at
   * once, not behind this worker's other waiters: at the back, a job missing slots under load waited
   * past the lookup's time limit.
   */
  private async acquire(server: string, run: string, signal: AbortSignal | undefined, retake = false): Promise<Slot | Stopped> {
    const policy = this.local.policyFor(server);
    return retake ? this.poll(server, policy, run, signal) : this.inTurn(server, signal, () => this.poll(server, policy, run, signal));
  }

  /** How many of this worker's lookups may be at `server` at once, as local bulk allows (ServerQueue.inFlightAllowance). */
  inFlightAllowance(server: string): number {
    return this.local.queue(server).inFlightAllowance();
  }

  /**
   * This scheduler for one run's jobs: a server's block for good belongs to the run that drew it (its
   * other runs, and other runs on the queue, still ask it). The worker takes one per job's run.
   */
  forRun(run: string): HopScheduler {
    return { run: (server, task, judge, refused, signal) => this.run(server, task, judge, refused, signal, run) };
  }

  /**
   * Resolves at the slot: true when the query may leave now; false when this worker got there too late.
   * A worker starved of CPU wakes late: sent then, its query would land beside the next worker's on-time
   * one, two queries closer than the server allows; it is given back instead (run).
   */
  private async until(server: string, slot: Slot, signal: AbortSignal | undefined): Promise<boolean> {
    const wait = slot.wakeAt - this.clock.now();
    if (wait > 0) await sleepOn(this.clock, Math.ceil(wait), signal, `waiting for ${server}'s slot`);
    return !this.late(slot);
  }

  /**
   * Runs `ask` when this worker's earlier waiters for `server` have been granted their slots. Cancelled
   * while in line, a waiter leaves at once; its gate is open, so those behind it wait only for the ones
   * before it.
   */
  private async inTurn<R>(server: string, signal: AbortSignal | undefined, ask: () => Promise<R>): Promise<R> {
    const key = server.toLowerCase();
    const previous = this.gates.get(key) ?? Promise.resolve();
    let open = (): void => {};
    const mine = new Promise<void>((resolve) => (open = resolve));
    const gate = previous.then(() => mine);
    this.gates.set(key, gate);
    try {
      await abortable(previous, signal, `waiting in line for ${server}`);
      return await ask();
    } finally {
      open();
      if (this.gates.get(key) === gate) this.gates.delete(key);
    }
  }

  private late(slot: Slot): boolean {
    return this.clock.now() - slot.dueAt > slot.graceMs;
  }

  /** Frees a missed slot's lease without judging the server (no AIMD change, no wait). */
  private async giveBack(server: string, slot: Slot): Promise<void> {
    this.lateSlots += 1;
    this.options.onLateSlot?.(server);
    await this.limiter.settle(server, slot.lease, "error", undefined, 0, this.maxRetryWaitMs);
  }

  private async poll(server: string, policy: ServerPolicy, run: string, signal: AbortSignal | undefined): Promise<Slot | Stopped> {
    for (;;) {
      if (signal?.aborted) throw abortedWait(signal, `waiting for ${server}'s slot`);
      // Lateness is counted from before the call: a worker descheduled while Redis's answer waited in
      // its socket (26 ms seen under load) is that much late although the answer said "now"; it sleeps
      // from after the call, so it is never early either.
      const asked = this.clock.now();
      const grant = await this.limiter.take(server, policy, this.leaseMs, run);
      if (grant.kind === "granted") {
        const graceMs = Math.max(LATE_SLOT.minMs, grant.intervalMs * LATE_SLOT.shareOfInterval);
        return { lease: grant.lease, dueAt: asked + grant.exactInMs, wakeAt: this.clock.now() + grant.exactInMs, graceMs };
      }
      if (grant.kind === "paused") return { pausedMs: grant.ms, permanent: grant.permanent };
      if (grant.kind === "down") return { pausedMs: grant.ms, permanent: false, down: true };
      await sleepOn(this.clock, grant.ms, signal, `waiting for ${server}'s slot`);
    }
  }

  /**
   * `signal` (the lookup's) and the drain signal end every wait at once — the line, the slot, a pause,
   * a backoff — rejecting with WL_ERR_ABORTED; a slot taken and not used is given back unjudged.
   */
  async run<T>(server: string, task: (beforeSend?: SendCheck) => Promise<T>, judge: (result: T) => HopOutcome, refused?: Refused<T>, callSignal?: AbortSignal, run = ""): Promise<T> {
    const either = eitherSignal(this.options.signal, callSignal);
    try {
      return await this.runPaced(server, run, task, judge, refused, either.signal);
    } finally {
      either.dispose();
    }
  }

  /** The settle that started a pause or block (SETTLED) tells onPause once; "still stopped" tells nothing. */
  private told(server: string, run: string, code: number, requestedMs: number | undefined): void {
    const onPause = this.options.onPause;
    if (!onPause || code === SETTLED.stillStopped || code === SETTLED.stillDown) return;
    const t = this.local.tuningInUse;
    const event: PauseEvent =
      code === SETTLED.down
        ? { server, run, reason: "down", pausedMs: t.downRecheckMs, refusals: t.downAfterRefusedConnects }
        : code === SETTLED.blockedForGood
          ? { server, run, reason: "permanent", pausedMs: PERMANENT_BLOCK_MS }
          : code === SETTLED.pausedRefusals
            ? { server, run, reason: "refusals", pausedMs: t.streakPauseMs, refusals: t.pauseAfterRefusals }
            : { server, run, reason: "asked", pausedMs: requestedMs ?? 0 };
    if (requestedMs !== undefined) event.requestedMs = requestedMs;
    onPause(event);
  }

  private async runPaced<T>(server: string, run: string, task: (beforeSend?: SendCheck) => Promise<T>, judge: (result: T) => HopOutcome, refused: Refused<T> | undefined, signal: AbortSignal | undefined): Promise<T> {
    let previous: { result: T } | undefined;
    for (let attempt = 0; ; attempt += 1) {
      const slot = await this.acquire(server, run, signal);
      if ("pausedMs" in slot) {
        // Down (src/lookup/down-rule.ts): not asked, a connection failure at once, as bulk's; never waited out.
        if (slot.down === true) {
          if (refused) return refused(0, false, true);
          throw new WhoislensError("WL_ERR_CONNECT", downReason(server), { server });
        }
        if (refused) return refused(slot.pausedMs, slot.permanent);
        // No refusal to answer with: a block for good is not waited out (the hop fails as throttled upstream).
        if (slot.permanent) throw new WhoislensError("WL_ERR_THROTTLED", pauseReason(server, slot.pausedMs, true), { server });
        await sleepOn(this.clock, Math.min(slot.pausedMs, this.maxRetryWaitMs), signal, `waiting out ${server}'s pause`);
        continue;
      }
      // The task holds its query until the slot, right before the bytes leave (port 43: connected while
      // it waits, so only the write is left): waking first and connecting after, a worker's event loop
      // busy with other jobs' answers and store writes held queries back 40–90 ms past the check
      // (docs/scale.md "Late slots"). A slot missed even so is given back and the next one taken while
      // the connection waits: re-running the hop (a new connection per miss) cost the CPU that made the
      // next slots late too, and four workers on two cores collapsed to a tenth of their throughput.
      let current: Slot = slot;
      let paused = false;
      const beforeSend = async (): Promise<boolean> => {
        while (!(await this.until(server, current, signal))) {
          await this.giveBack(server, current);
          const next = await this.acquire(server, run, signal, true);
          if ("pausedMs" in next) {
            paused = true;
            return false;
          }
          current = next;
        }
        return true;
      };
      let result: T;
      try {
        result = await task(beforeSend);
      } catch (error) {
        if (!paused) await this.limiter.settle(server, current.lease, "error", undefined, attempt, this.maxRetryWaitMs);
        throw error;
      }
      // Paused while the query waited for a new slot: not sent (its slot was given back); asked again, the pause answers.
      if (paused) continue;
      const outcome = judge(result);
      const retryAfter = outcome.kind === "throttled" ? outcome.retryAfterMs : undefined;
      // Silence or a cut connection from a server that is refusing us (any worker saw it) is its block going
      // on (DENIC): paced as a refusal, once per query, as bulk does; the limiter knows the server's streak.
      const silent = outcome.kind === "error" && previous === undefined && !signal?.aborted && SILENT_REFUSAL_CODES.has(outcome.code);
      const permanent = outcome.kind === "throttled" && outcome.permanent === true;
      // A connect refused mid-streak is a refusal at the connection, like a reset: paced as bulk paces it.
      const cut = refusedAtConnection(outcome);
      // A hop cancelled on our side says nothing of the server's connection: not judged.
      const connect = signal?.aborted ? undefined : connectVerdict(outcome);
      const wait = await this.limiter.settle(server, current.lease, outcome.kind, retryAfter, attempt, this.maxRetryWaitMs, { cut, silent, permanent, run, ...(connect ? { connect } : {}) });
      if (wait < 0) this.told(server, run, wait, retryAfter);
      // A hop cancelled on our side is no failure of the server: its lease is freed above, unjudged ("error" moves no rate), and not counted.
      if (!(outcome.kind === "error" && signal?.aborted)) this.options.onOutcome?.(server, outcome.kind);
      if (outcome.kind === "ok") return result;
      // Down, not throttling (any worker's refused connects count): this query fails now, with what the
      // server did say before (a cut answer) if anything, and every job of the server until its recheck.
      if (wait === SETTLED.down || wait === SETTLED.stillDown) return previous ? previous.result : result;
      if (outcome.kind === "error" && !(silent && wait !== 0)) return previous ? previous.result : result;
      previous = { result };
      // Paused (asked for more than the cap) or blocked, out of retries, or no waiting allowed: the throttled answer stands.
      if (wait < 0 || attempt >= this.maxRetries || this.maxRetryWaitMs === 0) return result;
    }
  }
}
