import { stripControl } from "../../util/sanitize.js";
import type { FootprintGraph } from "../types.js";
import { SECTIONS } from "./markdown.js";
import { buildReport, EXPIRY_WINDOW_DAYS, type AssetRow } from "./model.js";
import { PARTIAL_SENTENCE } from "./partial.js";

/**
 * The footprint for a person at a terminal: plain aligned text, no Markdown
 * escapes. The Markdown report stays for files (`--format md`, `--out x.md`).
 */

/** A cell longer than this is cut (with "…"): a terminal line stays readable. */
const MAX_CELL = 60;
/** Rows shown for the "not followed" and "rejected" lists; the rest are counted. */
const MAX_NOTED = 10;

function cell(value: string): string {
  const flat = stripControl(value).replace(/\s+/g, " ").trim();
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

/** Rows as left-aligned columns, two spaces apart, indented. */
function columns(all: string[][]): string[] {
  // A column empty in every row (no registrar, no holder name) is left out.
  const keep = (all[0] ?? []).map((_, i) => all.some((row) => (row[i] ?? "") !== ""));
  const rows = all.map((row) => row.filter((_, i) => keep[i]));
  const widths: number[] = [];
  for (const row of rows) row.forEach((value, i) => (widths[i] = Math.max(widths[i] ?? 0, value.length)));
  return rows.map((row) => `  ${row.map((value, i) => (i === row.length - 1 ? value : value.padEnd(widths[i] ?? 0))).join("  ")}`.trimEnd());
}

function via(row: AssetRow): string {
  if (row.node.seed) return "seed";
  if (!row.via) return "";
  return `${row.via.relation} of ${row.viaNode?.value ?? row.via.from}`;
}

/** Where the finding edge's evidence was read (`whois:whois.apnic.net -r -i org ORG-X-AP`): the answer to ask again. */
function evidence(row: AssetRow): string {
  return row.node.seed || !row.via ? "" : `per ${row.via.evidence.source}`;
}

function assetRow(row: AssetRow, domain: boolean): string[] {
  const a = row.node.attributes;
  const details = domain ? [a.registrar ?? "", a.expires ? `expires ${a.expires.slice(0, 10)}` : ""] : [a.name ?? a.owner ?? ""];
  return [row.node.value, row.node.confidence.toFixed(2), ...details, via(row), evidence(row)].map(cell);
}

export function renderSummary(graph: FootprintGraph): string {
  const model = buildReport(graph);
  const out: string[] = [];
  out.push(`Attack surface: ${cell(graph.seeds.map((s) => s.replace(/^[a-z]+:/, "")).join(", "))}`);
  const counts = SECTIONS.map(([type, title]) => [model.owned[type]?.length ?? 0, title.replace(/^[A-Z][a-z]/, (w) => w.toLowerCase())] as const).filter(([n]) => n > 0);
  const total = counts.reduce((sum, [n]) => sum + n, 0);
  out.push(`${total} assets${counts.length ? `: ${counts.map(([n, title]) => `${n} ${title}`).join(", ")}` : ""}`);
  out.push(`${graph.spend.total} queries spent (budget ${graph.spend.budget}, ${graph.spend.paid} paid); depth ${graph.settings.depth}, confidence ≥ ${graph.settings.minConfidence}`);
  if (graph.interrupted) out.push(`Partial: ${PARTIAL_SENTENCE}.`);
  for (const [type, title] of SECTIONS) {
    const rows = model.owned[type] ?? [];
    if (rows.length === 0) continue;
    out.push("", `${title} (${rows.length})`, ...columns(rows.map((row) => assetRow(row, type === "domain"))));
  }
  const dated = (rows: readonly AssetRow[]): string => rows.map((r) => `${cell(r.node.value)} (${cell(r.node.attributes.expires?.slice(0, 10) ?? "")})`).join(", ");
  out.push("");
  if (model.expired.length > 0) out.push(`Past their expiry date: ${dated(model.expired)}`);
  out.push(`Expiring within ${EXPIRY_WINDOW_DAYS} days: ${model.expiring.length === 0 ? "none" : dated(model.expiring)}`);
  if (model.registrars.length) out.push(`Registrars: ${model.registrars.map((r) => cell(r.node.value)).join(", ")}`);
  if (model.dnsProviders.length) out.push(`DNS providers: ${model.dnsProviders.map((p) => `${cell(p.provider)}${p.shared ? " (shared)" : ""}`).join(", ")}`);
  for (const [title, rows] of [["Not followed (shared, over fan-out, privacy)", model.notFollowed], ["Found and rejected (another registrant or holder)", model.rejected]] as const) {
    if (rows.length === 0) continue;
    out.push("", `${title} (${rows.length})`, ...columns(rows.slice(0, MAX_NOTED).map((r) => [`${r.node.type} ${cell(r.node.value)}`, cell(r.node.notes.join("; "))])));
    if (rows.length > MAX_NOTED) out.push(`  … and ${rows.length - MAX_NOTED} more`);
  }
  out.push("", "Full report with evidence: --format md|html|json --out FILE");
  return `${out.join("\n")}\n`;
}
