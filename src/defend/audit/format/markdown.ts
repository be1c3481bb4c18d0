/** Markdown report: every value through markdownText (one line, no HTML, no table or link syntax). */
import { markdownText } from "../../../util/export-text.js";
import type { AuditReport } from "../types.js";
import { evidenceSource, firedChecks, headline, severityCounts } from "./summary.js";

const m = (value: string): string => markdownText(value, 300);

function table(headers: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ["_none_", ""];
  return [`| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.map(m).join(" | ")} |`), ""];
}

export function renderMarkdown(report: AuditReport): string {
  const lines = [`# Domain registration audit`, "", m(headline(report)), ""];
  lines.push("## Summary", "", ...table(["Severity", "Findings"], severityCounts(report).map((c) => [c.severity, String(c.count)])));
  lines.push("## Domains", "", ...table(["Domain", "Status", "Source", "Crown jewel", "Error"], report.domains.map((d) => [d.domain, d.status, [d.server, d.protocol].filter(Boolean).join(" over "), d.crownJewel ? "yes" : "", d.error ? `${d.error.code}: ${d.error.message}` : ""])));
  lines.push(
    "## Findings",
    "",
    ...table(["Severity", "Domain", "Check", "Finding", "Evidence", "Source", "ATT&CK"], report.findings.map((f) => [f.severity, f.domain, f.id, f.message, `${f.evidence.field} = ${f.evidence.value}`, evidenceSource(f), `${f.technique.id} ${f.technique.name}`])),
  );
  lines.push("## Fixes", "", ...table(["Check", "Title", "Fix"], firedChecks(report).map((f) => [f.id, f.title, f.fix])));
  return `${lines.join("\n")}\n`;
}
