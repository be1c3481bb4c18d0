import type { Redis } from "ioredis";

/** What a job carries: the run it belongs to and the query. Everything else is the run's settings. */
export interface JobData {
  run: string;
  query: string;
}

/** How a run's answers are shaped, set by its enqueue and read by every worker (as bulk's run id hashes them). */
export interface RunSettings {
  protocol: "auto" | "rdap" | "whois";
  follow: boolean;
  /** The input file, for the store's runs table. */
  input: string;
}

/** Our keys (BullMQ's own live under bull:<queue>:). */
export function prefixFor(queueName: string): string {
  return `whoislens:${queueName}`;
}

export function runKeys(prefix: string, runId: string): { settings: string; queued: string } {
  return { settings: `${prefix}:run:${runId}`, queued: `${prefix}:run:${runId}:queued` };
}

/** A worker's heartbeat: alive while the key lives (SCALE_DEFAULTS.heartbeatMs, renewed at a third of it). */
export function workerKey(prefix: string, id: string): string {
  return `${prefix}:worker:${id}`;
}

/**
 * Every key matching `pattern` once, by SCAN in pages of 500, so a big fleet never blocks Redis. SCAN may
 * return a key twice (while Redis rehashes): the keys seen are remembered, so no server is counted twice.
 */
export async function* scanKeys(redis: Pick<Redis, "scan">, pattern: string): AsyncGenerator<string> {
  const seen = new Set<string>();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
    cursor = next;
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      yield key;
    }
  } while (cursor !== "0");
}
