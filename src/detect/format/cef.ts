/**
 * ArcSight CEF:0 lines (Micro Focus "Implementing ArcSight CEF" rev. 25): in the header `\` and `|`
 * are escaped; in extension values `\` and `=` are escaped and newlines become `\n` / `\r`. Every
 * line is one line, so it can be framed as syslog (RFC 5424 header with `syslog: true`).
 */
import type { Alert } from "../types.js";
import { stripControl } from "../../util/sanitize.js";
import { clean, noFormula, TACTIC, TECHNIQUE } from "./common.js";

export const CEF_VENDOR = "whoislens";
export const CEF_PRODUCT = "whoislens";
export const CEF_VERSION = "0.1.0";

export function cefHeader(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}

export function cefValue(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/=/g, "\\=").replace(/\r\n|\n/g, "\\n").replace(/\r/g, "\\r");
}

export interface CefOptions {
  /** Prefix an RFC 5424 syslog header (PRI 116 = facility log audit(13), severity warning(4)). */
  syslog?: boolean;
  hostname?: string;
}

export function formatCef(alert: Alert, options: CefOptions = {}): string {
  // Terminal escapes and control characters go first; newlines stay for the escaping below.
  const v = (s: string, max = 1023) => cefValue(noFormula(stripControl(s).slice(0, max)));
  const ext: [string, string][] = [
    ["rt", String(alert.timestamp)],
    ["src", alert.source.ip],
    ...(alert.source.host !== undefined ? [["shost", alert.source.host] as [string, string]] : []),
    ...(alert.source.process !== undefined ? [["sproc", alert.source.process] as [string, string]] : []),
    ...(alert.destination?.ip !== undefined ? [["dst", alert.destination.ip] as [string, string]] : []),
    ...(alert.destination?.port !== undefined ? [["dpt", String(alert.destination.port)] as [string, string]] : []),
    ...(alert.destination?.domain !== undefined ? [["dhost", alert.destination.domain] as [string, string]] : []),
    ["cat", TACTIC.name],
    ["msg", alert.reasons.join("; ")],
    ["cs1Label", "mitreTechnique"], ["cs1", `${TECHNIQUE.id} ${TECHNIQUE.name}`],
    ["cs2Label", "mitreTactic"], ["cs2", `${TACTIC.id} ${TACTIC.name}`],
    ["cs3Label", "targets"], ["cs3", alert.targets.slice(0, 20).join(",")],
    ["cs4Label", "evidence"], ["cs4", alert.evidence.slice(0, 20).map((e) => `${e.file}:${e.line}`).join(",")],
    ["cs5Label", "severity"], ["cs5", alert.severity],
    ["cn1Label", "score"], ["cn1", String(alert.score)],
  ];
  const extension = ext.map(([k, val]) => `${k}=${v(val, 1023)}`).join(" ");
  const severity = Math.max(0, Math.min(10, Math.round(alert.score / 10)));
  const line = `CEF:0|${cefHeader(CEF_VENDOR)}|${cefHeader(CEF_PRODUCT)}|${CEF_VERSION}|${cefHeader(clean(alert.ruleId, 128))}|${cefHeader(noFormula(clean(alert.ruleName, 512)))}|${severity}|${extension}`;
  if (options.syslog !== true) return `${line}\n`;
  const host = (options.hostname ?? "-").replace(/[^\x21-\x7e]/g, "").slice(0, 255) || "-";
  return `<116>1 ${new Date(alert.timestamp).toISOString()} ${host} whoislens - - - ${line}\n`;
}
