/** The terminal summary: every answer-derived value through sanitizeField (no escapes reach the terminal). */
import { sanitizeField } from "../../../util/sanitize.js";
import type { AuditReport } from "../types.js";
import { evidenceSource, firedChecks, headline } from "./summary.js";

const s = (value: string, max = 200): string => {
  const clean = sanitizeField(value);
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
};

export function renderText(report: AuditReport): string {
  const lines: string[] = [`whoislens audit: ${headline(report)}`, ""];
  for (const d of report.domains) {
    const where = d.server ? ` (${s(d.server)} over ${d.protocol ?? "?"})` : "";
    lines.push(`  ${s(d.domain)}  ${d.status}${where}${d.crownJewel ? "  crown jewel" : ""}${d.error ? `  ${s(d.error.code)}: ${s(d.error.message)}` : ""}`);
  }
  lines.push("");
  for (const f of report.findings) {
    lines.push(`${f.severity.toUpperCase().padEnd(8)} ${s(f.domain)}  ${f.id}  ${s(f.message)}`);
    lines.push(`         evidence: ${s(f.evidence.field)} = ${s(f.evidence.value)}${evidenceSource(f) ? ` (${s(evidenceSource(f))})` : ""}  ATT&CK ${f.technique.id}`);
  }
  if (report.findings.length > 0) {
    lines.push("", "Fixes:");
    for (const f of firedChecks(report)) lines.push(`  ${f.id}: ${f.fix}`);
  }
  return `${lines.join("\n")}\n`;
}
