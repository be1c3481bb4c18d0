/**
 * ArcSight CEF:0 lines (Micro Focus "Implementing ArcSight CEF" rev. 25): in the header `\` and `|`
 * are escaped; in extension values `\` and `=` are escaped and newlines become `\n` / `\r`. Every
 * line is one line, so it can be framed as syslog (RFC 5424 header with `syslog: true`).
 */
import type { Alert } from "../types.js";
import { cefHeader, cefHeaderText, cefValue, cefValueText } from "../../util/export-text.js";
import { TACTIC, TECHNIQUE } from "./common.js";
import { displayTarget } from "./target-display.js";

export const CEF_VENDOR = "whoislens";
export const CEF_PRODUCT = "whoislens";
export const CEF_VERSION = "0.1.0";

export { cefHeader, cefValue };

export interface CefOptions {
  /** Prefix an RFC 5424 syslog header (PRI 116 = facility log audit(13), severity warning(4)). */
  syslog?: boolean;
  hostname?: string;
}

export function formatCef(alert: Alert, options: CefOptions = {}): string {
  const ext: [string, string][] = [
    ["rt", String(alert.timestamp)],
    ["src", alert.source.ip],
    ...(alert.source.host !== undefined ? [["shost", alert.source.host] as [string, string]] : []),
    ...(alert.source.process !== undefined ? [["sproc", alert.source.process] as [string, string]] : []),
    ...(alert.destination?.ip !== undefined ? [["dst", alert.destination.ip] as [string, string]] : []),
    ...(alert.destination?.port !== undefined ? [["dpt", String(alert.destination.port)] as [string, string]] : []),
    ...(alert.destination?.domain !== undefined ? [["dhost", displayTarget(alert.destination.domain)] as [string, string]] : []),
    ["cat", TACTIC.name],
    ["msg", alert.reasons.join("; ")],
    ["cs1Label", "mitreTechnique"], ["cs1", `${TECHNIQUE.id} ${TECHNIQUE.name}`],
    ["cs2Label", "mitreTactic"], ["cs2", `${TACTIC.id} ${TACTIC.name}`],
    ["cs3Label", "targets"], ["cs3", alert.targets.slice(0, 20).map(displayTarget).join(",")],
    ["cs4Label", "evidence"], ["cs4", alert.evidence.slice(0, 20).map((e) => `${e.file}:${e.line}`).join(",")],
    ["cs5Label", "severity"], ["cs5", alert.severity],
    ["cn1Label", "score"], ["cn1", String(alert.score)],
  ];
  const extension = ext.map(([k, val]) => `${k}=${cefValueText(val, 1023)}`).join(" ");
  const severity = Math.max(0, Math.min(10, Math.round(alert.score / 10)));
  const line = `CEF:0|${cefHeader(CEF_VENDOR)}|${cefHeader(CEF_PRODUCT)}|${CEF_VERSION}|${cefHeaderText(alert.ruleId, 128)}|${cefHeaderText(alert.ruleName, 512)}|${severity}|${extension}`;
  if (options.syslog !== true) return `${line}\n`;
  const host = (options.hostname ?? "-").replace(/[^\x21-\x7e]/g, "").slice(0, 255) || "-";
  return `<116>1 ${new Date(alert.timestamp).toISOString()} ${host} whoislens - - - ${line}\n`;
}
