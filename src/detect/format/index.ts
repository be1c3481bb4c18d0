export { alertToEcs, formatNdjson } from "./ndjson.js";
export { cefHeader, cefValue, formatCef, type CefOptions } from "./cef.js";
export { formatMarkdown, formatAlertMarkdown, formatStatsMarkdown, md } from "./markdown.js";
export { TECHNIQUE, TACTIC, type RuleDescriptions } from "./common.js";
export { alertFormatter, type AlertFormat, type AlertLineOptions } from "./alert-line.js";
