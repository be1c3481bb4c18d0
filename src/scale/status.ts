import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { SCALE_DEFAULTS } from "./defaults.js";
import { prefixFor, scanKeys, type JobData } from "./keys.js";
import { RedisLimiter, type ServerState } from "./limiter.js";

export interface WorkerState {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  since: string;
}

export interface QueueStatus {
  queue: string;
  /** Jobs per BullMQ state: waiting, active, delayed, completed, failed, prioritized. */
  counts: Record<string, number>;
  servers: ServerState[];
  /** Workers whose heartbeat is alive (renewed every few seconds; gone SCALE_DEFAULTS.heartbeatMs after a worker dies). */
  workers: WorkerState[];
  /** The newest failed jobs' reasons (BullMQ keeps failed jobs; lookups that fail are completed, stored as failed). */
  failures: { id: string; query: string; reason: string }[];
}

/** Depth, per-server rates and throttles, failures and live workers of one queue. */
export async function queueStatus(redis: Redis, queue: Queue<JobData>, queueName: string = SCALE_DEFAULTS.queueName): Promise<QueueStatus> {
  const prefix = prefixFor(queueName);
  const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "completed", "failed");
  const servers = await new RedisLimiter(redis, prefix, "status").servers();
  const workers: WorkerState[] = [];
  for await (const key of scanKeys(redis, `${prefix}:worker:*`)) {
    const text = await redis.get(key);
    if (text === null) continue;
    try {
      const value = JSON.parse(text) as Partial<WorkerState>;
      workers.push({ id: key.slice(`${prefix}:worker:`.length), host: String(value.host ?? ""), pid: Number(value.pid ?? 0), concurrency: Number(value.concurrency ?? 0), since: String(value.since ?? "") });
    } catch {
      // A damaged heartbeat is no worker.
    }
  }
  const failed = await queue.getFailed(0, 9);
  const failures = failed.map((job) => ({ id: String(job.id ?? ""), query: String((job.data as Partial<JobData> | undefined)?.query ?? ""), reason: job.failedReason ?? "" }));
  return { queue: queueName, counts, servers, workers: workers.sort((a, b) => a.id.localeCompare(b.id)), failures };
}
