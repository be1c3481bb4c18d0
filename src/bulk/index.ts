export { PoliteScheduler, type PoliteSchedulerOptions, type ServerStats } from "./scheduler.js";
export { ServerQueue, QUEUE_DEFAULTS, type QueueTuning, type ServerPolicy } from "./server-queue.js";
export { bulkLookup, queryLines, type BulkOptions, type BulkResult } from "./run.js";
