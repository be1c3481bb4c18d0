export { PoliteScheduler, SCHEDULER_DEFAULTS, type PoliteSchedulerOptions, type ServerStats, type WaitEvent } from "./scheduler.js";
export { namelessBackoffMs, ServerQueue, QUEUE_DEFAULTS, type BackoffInput, type QueueTuning, type ServerPolicy } from "./server-queue.js";
export { SYSTEM_CLOCK, sleepOn, type SchedulerClock } from "./clock.js";
export { BULK_DEFAULTS, bulkLookup, isTruncated, queryLines, type BulkOptions, type BulkResult } from "./run.js";
export { QuerySet, type QueryHash } from "./query-set.js";
