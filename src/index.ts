// Public library API. Each capability folder exports its own surface; this file re-exports it.
export * from "./errors.js";
export type * from "./record/types.js";
export { stripControl, sanitizeField, sanitizeDeep, csvSafe, escapeHtml } from "./util/sanitize.js";
