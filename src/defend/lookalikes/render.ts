import { csvCell, markdownText, singleLine } from "../../util/export-text.js";
import { sanitizedJson } from "../../util/sanitize.js";
import type { LookalikeFinding } from "./check.js";

export const LOOKALIKE_FORMATS = ["table", "json", "csv", "md"] as const;
export type LookalikeFormat = (typeof LOOKALIKE_FORMATS)[number];

/** The report's columns: header and how a finding fills it (text; every format escapes it its own way). */
const COLUMNS: readonly { name: string; cell: (f: LookalikeFinding) => string }[] = [
  { name: "fuzzer", cell: (f) => f.fuzzer },
  { name: "domain", cell: (f) => f.domain },
  { name: "unicode", cell: (f) => f.unicode },
  { name: "distance", cell: (f) => String(f.distance) },
  { name: "registered", cell: (f) => (f.registered ? "yes" : "no") },
  { name: "registrar", cell: (f) => f.registrar ?? "" },
  { name: "created", cell: (f) => f.created?.slice(0, 10) ?? "" },
  { name: "registrant", cell: (f) => f.registrant ?? "" },
  { name: "nameservers", cell: (f) => f.nameservers.join(" ") },
  { name: "mx", cell: (f) => f.dns.mx.join(" ") },
  { name: "mail", cell: (f) => (f.canReceiveMail ? "yes" : "no") },
];

/** Terminal cells are cut to this many characters (a hostile registrant name cannot flood a line). */
const TABLE_CELL_MAX = 40;

function table(findings: readonly LookalikeFinding[]): string {
  const rows = findings.map((f) => COLUMNS.map((column) => singleLine(column.cell(f), TABLE_CELL_MAX)));
  const header = COLUMNS.map((column) => column.name);
  const widths = header.map((name, i) => Math.max([...name].length, ...rows.map((row) => [...(row[i] ?? "")].length)));
  const line = (cells: string[]): string => `${cells.map((cell, i) => cell + " ".repeat((widths[i] ?? 0) - [...cell].length)).join("  ").trimEnd()}\n`;
  const registered = findings.filter((f) => f.registered).length;
  return `${line(header)}${rows.map(line).join("")}${findings.length} look-alikes, ${registered} registered\n`;
}

function markdown(findings: readonly LookalikeFinding[], original: string): string {
  const head = `# Look-alikes of ${markdownText(original, 253)}\n\n| ${COLUMNS.map((c) => c.name).join(" | ")} |\n|${COLUMNS.map(() => " --- |").join("")}\n`;
  return head + findings.map((f) => `| ${COLUMNS.map((c) => markdownText(c.cell(f), 200)).join(" | ")} |\n`).join("");
}

/** The findings in one format: every string from a server is stripped of controls; CSV cells are formula-guarded. */
export function renderLookalikes(findings: readonly LookalikeFinding[], format: LookalikeFormat, original: string): string {
  switch (format) {
    case "json":
      // One finding a line; sanitizedJson copies only a finding that holds something to strip (10⁵ findings are common).
      return `{"domain":${JSON.stringify(singleLine(original))},"lookalikes":[\n${findings.map((f) => sanitizedJson(f)).join(",\n")}\n]}\n`;
    case "csv":
      return `${COLUMNS.map((c) => c.name).join(",")}\n${findings.map((f) => `${COLUMNS.map((c) => csvCell(c.cell(f))).join(",")}\n`).join("")}`;
    case "md":
      return markdown(findings, original);
    case "table":
      return table(findings);
  }
}
