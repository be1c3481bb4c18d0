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
