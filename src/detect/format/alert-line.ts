import type { Alert } from "../types.js";
import { formatCef } from "./cef.js";
import type { RuleDescriptions } from "./common.js";
import { formatAlertMarkdown } from "./markdown.js";
import { formatNdjson } from "./ndjson.js";

/** How `detect` and `canary check` print one alert: ECS NDJSON, a CEF line, or a numbered Markdown block. */
export type AlertFormat = "ndjson" | "cef" | "markdown";

export interface AlertLineOptions {
  /** Rule id → description, for NDJSON's rule.description. */
  descriptions?: RuleDescriptions;
  /** CEF: prefix an RFC 5424 syslog header naming `hostname`. */
  syslog?: boolean;
  hostname?: string;
}

/** The printer of one alert in `format`; `n` numbers the Markdown blocks (1, 2, …). */
export function alertFormatter(format: AlertFormat, options: AlertLineOptions = {}): (alert: Alert, n: number) => string {
  switch (format) {
    case "ndjson":
      return (alert) => formatNdjson(alert, options.descriptions);
    case "cef":
      return (alert) => formatCef(alert, { syslog: options.syslog === true, ...(options.hostname !== undefined ? { hostname: options.hostname } : {}) });
    case "markdown":
      return (alert, n) => formatAlertMarkdown(alert, n);
  }
}
