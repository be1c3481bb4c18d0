export { runWatch, alertId, type WatchRunOptions, type WatchRunResult } from "./run.js";
export { carryForward, diffDomain, diffLookalike, diffNetwork, statusKey, type Change, type DiffContext } from "./diff.js";
export { lockRetryDelayMs, WatchLock, withWatchLock, type LockHolder, type WatchLockWait } from "./lock.js";
export { WatchStore, entryId, type QueuedAlert, type RunCommit } from "./watch-store.js";
export { ALERT_KIND_TABLE, LOCK_STATUSES, REGISTRY_STATUS_WORDS, STATUS_SEVERITY, WATCH_DEFAULTS } from "./kinds.js";
export { crownJewels, watchedDomains } from "./crown-jewels.js";
export { domainHistory, type HistoryEvent } from "./history.js";
export { normalizeWatchValue } from "./values.js";
export * from "./types.js";
