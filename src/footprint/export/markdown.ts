import { markdownText } from "../../util/export-text.js";
import { assetCells, assetHeaders, buildReport, EXPIRY_WINDOW_DAYS, expiryCells, type ReportModel } from "./model.js";
import type { FootprintGraph, NodeType } from "../types.js";

/** Markdown-inert text: control characters stripped, table and markup characters escaped, one line. */
export function mdText(value: string): string {
  return markdownText(value);
}

/** Report sections: node type, section title, column heading. */
export const SECTIONS: [NodeType, string, string][] = [
  ["domain", "Domains", "Domain"], ["network", "Netblocks", "Netblock"], ["asn", "AS numbers", "AS number"], ["ip", "IP addresses", "Address"],
  ["email", "Email addresses", "Email"], ["person", "People", "Person"], ["phone", "Phone numbers", "Phone"], ["organization", "Organisations", "Organisation"],
  ["handle", "Registry handles", "Handle"], ["nameserver", "Name servers (own)", "Name server"], ["mailserver", "Mail servers (own)", "Mail server"],
];

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return "_none_\n";
  return [`| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(mdText).join(" | ")} |`)].join("\n") + "\n";
}

export function renderMarkdown(graph: FootprintGraph): string {
  const model: ReportModel = buildReport(graph);
  const out: string[] = [];
  out.push(`# Attack surface: ${mdText(graph.seeds.map((s) => s.replace(/^[a-z]+:/, "")).join(", "))}`, "");
  const counts = SECTIONS.map(([type, title]) => `${model.owned[type]?.length ?? 0} ${title.toLowerCase()}`).join(", ");
  out.push(`Found ${counts}. ${graph.spend.total} queries spent (budget ${graph.spend.budget}, ${graph.spend.paid} paid); depth ${graph.settings.depth}, confidence ≥ ${graph.settings.minConfidence}.`, "");
  if (graph.interrupted) out.push("**Partial: the run was interrupted before it ended.** Running it again finishes it (answers already received come from the cache).", "");
  if (model.expired.length > 0) out.push("## Domains past their expiry date", "", table(["Domain", "Expired", "Registrar"], model.expired.map(expiryCells)));
  out.push(`## Domains expiring within ${EXPIRY_WINDOW_DAYS} days`, "", table(["Domain", "Expires", "Registrar"], model.expiring.map(expiryCells)));
  for (const [type, title, heading] of SECTIONS) {
    const rows = (model.owned[type] ?? []).map((row) => assetCells(row, type));
    out.push(`## ${title}`, "", table(assetHeaders(type, heading), rows));
  }
  out.push("## Registrars", "", table(["Registrar", "Used by"], model.registrars.map((r) => [r.node.value, graph.edges.filter((e) => e.to === r.node.id).length + " domain(s)"])));
  out.push("## DNS providers", "", table(["Provider", "Name servers", "Shared"], model.dnsProviders.map((p) => [p.provider, p.nameservers.join(" "), p.shared ? "yes" : "no"])));
  out.push("## Not followed (shared, over fan-out, privacy)", "", table(["Node", "Why"], model.notFollowed.map((r) => [`${r.node.type} ${r.node.value}`, r.node.notes.join("; ")])));
  out.push("## Found and rejected (another registrant or holder)", "", table(["Node", "Why"], model.rejected.map((r) => [`${r.node.type} ${r.node.value}`, r.node.notes.join("; ")])));
  return out.join("\n");
}
