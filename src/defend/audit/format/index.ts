import { jsonSafe } from "../../../util/export-text.js";
import type { AuditReport } from "../types.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { sarifLog, type SarifSource } from "./sarif.js";
import { renderText } from "./text.js";

export const AUDIT_FORMATS = ["text", "md", "html", "json", "sarif"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export type { SarifSource };

export interface RenderOptions {
  /** SARIF: the file (and line) each audited domain was read from. */
  source?: SarifSource;
}

const RENDERERS: Record<AuditFormat, (report: AuditReport, options: RenderOptions) => string> = {
  text: renderText,
  md: renderMarkdown,
  html: renderHtml,
  json: (report) => `${JSON.stringify(jsonSafe(report), null, 2)}\n`,
  sarif: (report, options) => `${JSON.stringify(sarifLog(report, options.source), null, 2)}\n`,
};

export function renderAudit(report: AuditReport, format: AuditFormat, options: RenderOptions = {}): string {
  return RENDERERS[format](report, options);
}
