import { createHash } from "node:crypto";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { InvalidOptionError } from "../errors.js";
import { SCALE_DEFAULTS } from "./defaults.js";
import { runKeys, type JobData, type RunSettings } from "./keys.js";
import { clearRunBlocks, recheckDownServers } from "./limiter.js";

export interface EnqueueOptions {
  queue: Queue<JobData>;
  /** A plain connection (not BullMQ's) for the run's de-duplication set. */
  redis: Redis;
  prefix: string;
  runId: string;
  settings: RunSettings;
  batch?: number;
}

export interface EnqueueResult {
  /** Jobs added by this call. */
  added: number;
  /** Queries skipped: queued or answered by an earlier enqueue of the run, or a duplicate line. */
  skipped: number;
  /** Servers that had blocked this run for good: cleared, so this pass asks them again. */
  unblocked: string[];
  /** Servers that were down (every connect refused): their next job probes them (one connect), as a re-run of bulk asks them again. */
  rechecked: string[];
}

/**
 * Every job's options: a job whose processing threw (store or Redis lost; a lookup's own failure does
 * not throw, it is stored as failed) is retried with backoff; completed jobs leave Redis at once (the
 * store holds the result, the run's set remembers the query); failed ones stay for `queue status`.
 */
const JOB_OPTIONS = {
  attempts: SCALE_DEFAULTS.attempts,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { count: 10_000 },
} as const;

/** BullMQ job ids may not contain ':' nor be integers: the run plus the query's hash. */
export function jobIdFor(runId: string, query: string): string {
  return `${runId.replace(/:/g, "_")}-${createHash("sha256").update(query).digest("hex").slice(0, 32)}`;
}

/**
 * Adds every query of the stream to the queue once per run, in batches (memory stays bounded by the
 * batch; the run's set in Redis remembers what was added). A re-run adds only what is missing: a query
 * stays in the set while its job waits, runs or has its result; a worker takes it out when the lookup
 * failed, so the next enqueue asks it again. A crash between adding a batch and recording it is harmless:
 * the job id is derived from the query, so BullMQ ignores the same job added again while it exists, and
 * the store's (run, query) key ignores a second result.
 */
export async function enqueueQueries(queries: AsyncIterable<string>, options: EnqueueOptions): Promise<EnqueueResult> {
  const batchSize = options.batch ?? SCALE_DEFAULTS.enqueueBatch;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InvalidOptionError(`batch needs a positive whole number, got ${batchSize}`);
  const keys = runKeys(options.prefix, options.runId);
  await options.redis.hset(keys.settings, "settings", JSON.stringify(options.settings));
  // A re-enqueue is the run's resume: servers that blocked it for good are asked again, as a re-run of bulk does.
  const unblocked = await clearRunBlocks(options.redis, options.prefix, options.runId);
  const rechecked = await recheckDownServers(options.redis, options.prefix);
  let added = 0;
  let skipped = 0;
  let batch: string[] = [];
  const flush = async (): Promise<void> => {
    const unique = [...new Set(batch)];
    skipped += batch.length - unique.length;
    batch = [];
    if (unique.length === 0) return;
    const known = await options.redis.smismember(keys.queued, ...unique);
    const missing = unique.filter((_, i) => known[i] !== 1);
    skipped += unique.length - missing.length;
    if (missing.length === 0) return;
    await options.queue.addBulk(
      missing.map((query) => ({ name: "lookup", data: { run: options.runId, query }, opts: { jobId: jobIdFor(options.runId, query), ...JOB_OPTIONS } })),
    );
    // Two enqueues of the same file at once both find a query missing; BullMQ keeps one job (its id is the
    // query's), and the set says which call added it first, so the pair reports each query added once.
    const pipeline = options.redis.pipeline();
    for (const query of missing) pipeline.sadd(keys.queued, query);
    const firstHere = ((await pipeline.exec()) ?? []).filter(([error, count]) => error === null && count === 1).length;
    await options.redis.hincrby(keys.settings, "enqueued", firstHere);
    added += firstHere;
    skipped += missing.length - firstHere;
  };
  for await (const query of queries) {
    batch.push(query);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { added, skipped, unblocked, rechecked };
}
