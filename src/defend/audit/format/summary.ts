import { SEVERITIES, severityRank, type Severity } from "../checks.js";
import type { AuditReport, Finding } from "../types.js";

/** Findings per severity, most severe first (every severity listed, zeros included). */
export function severityCounts(report: AuditReport): { severity: Severity; count: number }[] {
  return [...SEVERITIES].reverse().map((severity) => ({ severity, count: report.findings.filter((f) => f.severity === severity).length }));
}

/** Findings at or above `threshold` (what --fail-on counts). */
export function atOrAbove(report: AuditReport, threshold: Severity): Finding[] {
  return report.findings.filter((f) => severityRank(f.severity) >= severityRank(threshold));
}

/** The checks that fired, in table order of first appearance, with their fix (one fix per check, not per finding). */
export function firedChecks(report: AuditReport): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of report.findings) if (!seen.has(f.id)) seen.set(f.id, f);
  return [...seen.values()];
}

export function headline(report: AuditReport): string {
  const counts = severityCounts(report).filter((c) => c.count > 0).map((c) => `${c.count} ${c.severity}`);
  const failed = report.domains.filter((d) => d.status === "error").length;
  return `${report.domains.length} domain(s), ${report.findings.length} finding(s)${counts.length ? ` (${counts.join(", ")})` : ""}${failed ? `, ${failed} not checked (lookup failed)` : ""}; as of ${report.asOf.slice(0, 10)}`;
}

export function evidenceSource(f: Finding): string {
  return [f.evidence.server, f.evidence.protocol].filter(Boolean).join(" over ");
}
