export { PoliteScheduler, SCHEDULER_DEFAULTS, type PoliteSchedulerOptions, type ServerStats, type WaitEvent } from "./scheduler.js";
export { ServerQueue, QUEUE_DEFAULTS, type QueueTuning, type ServerPolicy } from "./server-queue.js";
export { BULK_DEFAULTS, bulkLookup, isTruncated, queryLines, type BulkOptions, type BulkResult } from "./run.js";
export { QuerySet, type QueryHash } from "./query-set.js";
