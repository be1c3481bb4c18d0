/** A self-contained page: inline style, no script, a CSP that forbids everything else; every value through htmlText. */
import { htmlText as h } from "../../../util/export-text.js";
import type { AuditReport } from "../types.js";
import { evidenceSource, firedChecks, headline, severityCounts } from "./summary.js";

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:80em;color:#222}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.critical{background:#f8d0d0}.high{background:#fbe3c8}.medium{background:#fdf4c4}.low{background:#e6f0fa}.info{background:#f3f3f3}.muted{color:#777}`;

function table(headers: string[], rows: { cells: string[]; className?: string }[]): string {
  if (rows.length === 0) return `<p class="muted">none</p>`;
  const head = `<tr>${headers.map((x) => `<th>${h(x)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr${r.className ? ` class="${h(r.className)}"` : ""}>${r.cells.map((x) => `<td>${h(x)}</td>`).join("")}</tr>`).join("\n");
  return `<table>${head}\n${body}</table>`;
}

export function renderHtml(report: AuditReport): string {
  const parts = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>Domain registration audit</title><style>${STYLE}</style></head><body><h1>Domain registration audit</h1>`,
    `<p>${h(headline(report))}</p>`,
    "<h2>Summary</h2>",
    table(["Severity", "Findings"], severityCounts(report).map((c) => ({ cells: [c.severity, String(c.count)], className: c.severity }))),
    "<h2>Domains</h2>",
    table(["Domain", "Status", "Source", "Crown jewel", "Error"], report.domains.map((d) => ({ cells: [d.domain, d.status, [d.server, d.protocol].filter(Boolean).join(" over "), d.crownJewel ? "yes" : "", d.error ? `${d.error.code}: ${d.error.message}` : ""] }))),
    "<h2>Findings</h2>",
    table(
      ["Severity", "Domain", "Check", "Finding", "Evidence", "Source", "ATT&CK"],
      report.findings.map((f) => ({ cells: [f.severity, f.domain, f.id, f.message, `${f.evidence.field} = ${f.evidence.value}`, evidenceSource(f), `${f.technique.id} ${f.technique.name}`], className: f.severity })),
    ),
    "<h2>Fixes</h2>",
    table(["Check", "Title", "Fix"], firedChecks(report).map((f) => ({ cells: [f.id, f.title, f.fix] }))),
    "</body></html>\n",
  ];
  return parts.join("\n");
}
