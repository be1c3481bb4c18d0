/**
 * The polite scheduler's defaults, in a module with no imports so that `bulk --help` can show them
 * without loading the bulk engine.
 */
export const SCHEDULER_DEFAULTS = Object.freeze({ maxRetries: 4, maxRetryWaitMs: 60_000 });
