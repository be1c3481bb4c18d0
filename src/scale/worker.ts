import { hostname } from "node:os";
import { Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { isTruncated } from "../bulk/run.js";
import { InvalidOptionError, toWhoislensError } from "../errors.js";
import { FallbackRoom } from "../bulk/fallback-room.js";
import { firstRouteFor, lookup, type LookupOptions } from "../lookup/index.js";
import type { WhoisRecord } from "../record/types.js";
import type { Store } from "../store/store.js";
import { forManyListeners } from "../util/abort.js";
import { SCALE_DEFAULTS } from "./defaults.js";
import { RedisLimiter } from "./limiter.js";
import { prefixFor, runKeys, workerKey, type JobData, type RunSettings } from "./keys.js";
import type { JobOutcome, WorkerMetrics } from "./metrics.js";
import { ScaleResults } from "./results.js";
import { SharedScheduler, type PauseEvent, type SharedSchedulerOptions } from "./scheduler.js";
import type { HopScheduler } from "../lookup/scheduler.js";

export interface ScaleWorkerOptions {
  /** A connection to the queue's Redis (connectRedis); the worker never closes it. */
  redis: Redis;
  store: Store;
  logger: Logger;
  metrics?: WorkerMetrics;
  queueName?: string;
  concurrency?: number;
  /** BullMQ lock duration: the visibility timeout after which a dead worker's jobs run elsewhere. */
  lockMs?: number;
  stalledIntervalMs?: number;
  /** Lookup options shared by every run (server map, timeouts, bootstrap); each run sets protocol and referrals. */
  lookup: Partial<LookupOptions>;
  scheduler?: Omit<SharedSchedulerOptions, "servers" | "onOutcome" | "onLateSlot" | "signal" | "onPause">;
  /** Replaces the real lookup (tests). */
  lookupFn?: (query: string, options: Partial<LookupOptions>) => Promise<WhoisRecord>;
  id?: string;
}

export interface ScaleWorker {
  id: string;
  /** Stops taking jobs, waits for the running ones to commit (at most `timeoutMs`), then lets go. */
  drain(timeoutMs?: number): Promise<void>;
}

/** Longest query a job may carry (the CLI caps an input line at 4 KiB too). */
const MAX_QUERY_BYTES = 4096;

function checkJob(data: unknown): JobData {
  const job = data as Partial<JobData> | null;
  if (typeof job?.run !== "string" || typeof job.query !== "string" || job.run === "" || Buffer.byteLength(job.query) > MAX_QUERY_BYTES || job.query.trim() === "") {
    throw new InvalidOptionError("job data is not { run, query } strings within the size cap");
  }
  return { run: job.run, query: job.query };
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new InvalidOptionError(`${name} needs a positive whole number, got ${value}`);
  return value;
}

/**
 * A worker: takes lookup jobs from the BullMQ queue, asks each server through the shared Redis limiter,
 * and acknowledges a job only once its result is committed to the store (the processor resolves after
 * the commit; BullMQ marks the job completed after that). A worker killed at any moment leaves its jobs
 * locked; their locks expire after `lockMs` and another worker's stalled check puts them back.
 */
export async function startWorker(options: ScaleWorkerOptions): Promise<ScaleWorker> {
  const id = options.id ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const queueName = options.queueName ?? SCALE_DEFAULTS.queueName;
  const prefix = prefixFor(queueName);
  const concurrency = positive("concurrency", options.concurrency ?? SCALE_DEFAULTS.concurrency);
  const lockMs = positive("lock duration", options.lockMs ?? SCALE_DEFAULTS.lockMs);
  const { redis, store, logger, metrics } = options;
  const results = new ScaleResults(store.db);
  const limiter = new RedisLimiter(redis, prefix, id);
  const drainController = new AbortController();
  // Every hop in flight (up to `concurrency`) listens to the drain signal: not a leak past 10.
  forManyListeners(drainController.signal);
  const scheduler = new SharedScheduler(limiter, {
    ...(options.scheduler ?? {}),
    ...(options.lookup.servers ? { servers: options.lookup.servers } : {}),
    ...(metrics ? { onOutcome: (server: string, outcome: string) => metrics.hop(server, outcome), onLateSlot: () => metrics.lateSlots.inc() } : {}),
    signal: drainController.signal,
    leaseMs: (options.lookup.hopTimeoutMs ?? 10_000) + SCALE_DEFAULTS.leaseSlackMs,
    onPause: (event) => logPause(logger, event),
  });
  /** Per run: a block for good is the run's (SharedScheduler.forRun). */
  const runSchedulers = new Map<string, HopScheduler>();
  const schedulerFor = (runId: string): HopScheduler => {
    let view = runSchedulers.get(runId);
    if (!view) {
      view = scheduler.forRun(runId);
      runSchedulers.set(runId, view);
    }
    return view;
  };
  const run = options.lookupFn ?? lookup;
  // As local bulk (src/bulk/run.ts dispatch): a job starts while its planned first server has room for it
  // and, when that server's lookups fell back (a down RDAP base → port 43), while the fallback has room too, or the jobs pile up in its pace past --total-timeout, unsent (issue #13).
  const room = new FallbackRoom();
  const roomWaiters = new Set<() => void>();
  const roomChanged = (): void => {
    for (const wake of [...roomWaiters]) wake();
  };
  const allowanceOf = (server: string): number => Math.min(concurrency, scheduler.inFlightAllowance(server));
  /** Waits for room at `planned`, then counts the lookup there in the same step: woken waiters cannot all pass one free place. */
  const enterRoom = async (planned: string, runId: string): Promise<ReturnType<FallbackRoom["follow"]>> => {
    while (room.at(planned) >= allowanceOf(planned) || !room.hasRoom(planned, allowanceOf)) {
      drainController.signal.throwIfAborted();
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          drainController.signal.removeEventListener("abort", wake);
          roomWaiters.delete(wake);
          resolve();
        };
        roomWaiters.add(wake);
        drainController.signal.addEventListener("abort", wake, { once: true });
      });
    }
    return room.follow(planned, (server, task, judge, refused, signal) => schedulerFor(runId).run(server, task, judge, refused, signal), roomChanged);
  };
  const settingsCache = new Map<string, RunSettings>();
  const started = new Set<string>();

  const settingsOf = async (runId: string): Promise<RunSettings> => {
    const cached = settingsCache.get(runId);
    if (cached) return cached;
    const text = await redis.hget(runKeys(prefix, runId).settings, "settings");
    const parsed = JSON.parse(text ?? "{}") as Partial<RunSettings>;
    const settings: RunSettings = {
      protocol: parsed.protocol === "rdap" || parsed.protocol === "whois" ? parsed.protocol : "auto",
      follow: parsed.follow !== false,
      input: typeof parsed.input === "string" ? parsed.input : "",
    };
    settingsCache.set(runId, settings);
    if (!started.has(runId)) {
      await results.beginRun(runId, settings.input, JSON.stringify({ protocol: settings.protocol, follow: settings.follow }), new Date().toISOString());
      started.add(runId);
    }
    return settings;
  };

  const finish = (outcome: JobOutcome, begun: number): JobOutcome => {
    metrics?.job(outcome);
    metrics?.seconds.observe((performance.now() - begun) / 1000);
    return outcome;
  };

  const processJob = async (job: Job<JobData>): Promise<JobOutcome> => {
    const begun = performance.now();
    const { run: runId, query } = checkJob(job.data);
    // Answered already in this run: not asked again. A redelivered job (its worker died after the commit,
    // before the acknowledgement), and a first delivery too: a run re-enqueued after Redis lost its data
    // (restarted without persistence) queues every query again, and local bulk's re-run skips what is done.
    // One indexed store read per job, against lookups paced per server; the save's key still keeps a second result out.
    if (await results.has(runId, query)) return finish("skipped", begun);
    const settings = await settingsOf(runId);
    metrics?.active.inc();
    try {
      let record: WhoisRecord | undefined;
      let failure: ReturnType<typeof toWhoislensError> | undefined;
      const lookupOptions = { ...options.lookup, protocol: settings.protocol, followReferrals: settings.follow, raw: true };
      let planned: string | undefined;
      try {
        planned = firstRouteFor(query, lookupOptions).server;
      } catch {
        // An unroutable query: the lookup itself reports why.
      }
      const followed = planned === undefined ? undefined : await enterRoom(planned, runId);
      try {
        record = await run(query, { ...lookupOptions, scheduler: followed?.scheduler ?? schedulerFor(runId) });
      } catch (error) {
        drainController.signal.throwIfAborted();
        failure = toWhoislensError(error);
      } finally {
        followed?.done();
        roomChanged();
      }
      const now = new Date().toISOString();
      if (record && record.status !== "throttled" && record.status !== "unknown") {
        const state = isTruncated(record) ? "truncated" : "done";
        const saved = await results.save(runId, query, record, state, id, now);
        return finish(saved === "duplicate" ? "duplicate" : state, begun);
      }
      const throttled = failure === undefined ? record?.status === "throttled" : failure.code === "WL_ERR_THROTTLED";
      const message = failure?.message ?? (throttled ? "throttled by the server; retry later" : "no usable answer");
      await results.markFailed(runId, query, throttled ? "throttled" : "failed", message, now);
      // Out of the run's set: the next enqueue of the run asks it again.
      await redis.srem(runKeys(prefix, runId).queued, query);
      logger.warn({ run: runId, query, code: failure?.code ?? (throttled ? "WL_ERR_THROTTLED" : "WL_ERR_PROTOCOL"), msg: message }, "lookup failed");
      return finish(throttled ? "throttled" : "failed", begun);
    } finally {
      metrics?.active.dec();
    }
  };

  // Loaded before the first job: the lookup imports the RDAP client lazily, after its hop took the
  // server's token, and a cold import (undici) held that query back ~100 ms, to reach the server beside
  // the next worker's on-time one (a burst the server never allowed).
  await Promise.all([import("../net/rdap-client.js"), import("undici")]);
  const worker = new Worker<JobData, JobOutcome>(queueName, processJob, {
    connection: redis,
    concurrency,
    lockDuration: lockMs,
    stalledInterval: options.stalledIntervalMs ?? Math.min(SCALE_DEFAULTS.stalledIntervalMs, lockMs),
    maxStalledCount: SCALE_DEFAULTS.maxStalledCount,
    name: id,
  });
  worker.on("error", (error) => logger.error({ err: error.message }, "worker error"));
  worker.on("failed", (job, error) => logger.error({ job: job?.id, err: error.message }, "job failed; BullMQ retries it"));
  worker.on("stalled", (jobId) => logger.warn({ job: jobId }, "stalled job put back (its worker stopped renewing the lock)"));
  await worker.waitUntilReady();

  const beat = async (): Promise<void> => {
    const value = JSON.stringify({ host: hostname(), pid: process.pid, concurrency, since: startedAt });
    await redis.set(workerKey(prefix, id), value, "PX", SCALE_DEFAULTS.heartbeatMs).catch(() => undefined);
  };
  const startedAt = new Date().toISOString();
  await beat();
  const heartbeat = setInterval(() => void beat(), Math.floor(SCALE_DEFAULTS.heartbeatMs / 3));
  heartbeat.unref();
  logger.info({ queue: queueName, concurrency, lockMs }, "worker started");

  let drained: Promise<void> | undefined;
  return {
    id,
    drain: (timeoutMs = SCALE_DEFAULTS.drainMs) => {
      drained ??= (async () => {
        logger.info({ timeoutMs }, "draining: no new jobs; waiting for running ones to commit");
        clearInterval(heartbeat);
        const timer = setTimeout(() => drainController.abort(), timeoutMs);
        try {
          await worker.close();
        } finally {
          clearTimeout(timer);
        }
        await redis.del(workerKey(prefix, id)).catch(() => undefined);
        logger.info({ lateSlots: scheduler.lateSlots }, "drained");
      })();
      return drained;
    },
  };
}

/**
 * One warn line per pause or block, the change bulk prints on stderr (src/cli/commands/bulk.ts
 * waitReporter), in the worker's pino style: the fields for machines, the msg for people. Only the settle
 * that started the change reports it (the limiter says which), so a fleet logs it once, not per query.
 */
export function logPause(logger: Pick<Logger, "warn">, event: PauseEvent): void {
  const fields: Record<string, unknown> = { server: event.server, run: event.run, reason: event.reason };
  if (event.reason !== "permanent") fields.pausedS = Math.ceil(event.pausedMs / 1000);
  if (event.requestedMs !== undefined) fields.requestedS = Math.ceil(event.requestedMs / 1000);
  if (event.refusals !== undefined) fields.refusals = event.refusals;
  const msg =
    event.reason === "permanent"
      ? "server refused us permanently: not asked again in this run; its jobs end throttled (`whoislens queue unblock` clears it)"
      : event.reason === "down"
        ? `server refused ${event.refusals ?? 0} connections in a row: down for every worker; its jobs fail at once (a re-enqueue of the run asks them again), one worker's job is let through in ${Math.ceil(event.pausedMs / 1000)} s to see if it is back`
        : event.reason === "refusals"
          ? `server refused ${event.refusals ?? 0} times in a row: paused for ${Math.ceil(event.pausedMs / 1000)} s for every worker; its jobs end throttled meanwhile`
          : `server asked to wait ${Math.ceil(event.pausedMs / 1000)} s, over --max-retry-wait: paused for every worker; its jobs end throttled meanwhile`;
  logger.warn(fields, msg);
}
