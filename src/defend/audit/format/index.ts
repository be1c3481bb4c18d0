import { jsonSafe } from "../../../util/export-text.js";
import type { AuditReport } from "../types.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { sarifLog } from "./sarif.js";
import { renderText } from "./text.js";

export const AUDIT_FORMATS = ["text", "md", "html", "json", "sarif"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

const RENDERERS: Record<AuditFormat, (report: AuditReport) => string> = {
  text: renderText,
  md: renderMarkdown,
  html: renderHtml,
  json: (report) => `${JSON.stringify(jsonSafe(report), null, 2)}\n`,
  sarif: (report) => `${JSON.stringify(sarifLog(report), null, 2)}\n`,
};

export function renderAudit(report: AuditReport, format: AuditFormat): string {
  return RENDERERS[format](report);
}
