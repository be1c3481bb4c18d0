import type { FootprintGraph, GraphEdge, GraphNode, NodeType } from "../types.js";
import { registrableDomain } from "../judge.js";

/** One row of the report: a node with how it was found. */
export interface AssetRow {
  node: GraphNode;
  /** The strongest edge that leads to it (absent for seeds). */
  via?: GraphEdge;
  viaNode?: GraphNode;
}

export interface ReportModel {
  graph: FootprintGraph;
  owned: Partial<Record<NodeType, AssetRow[]>>;
  /** Owned domains past their expiry date (in grace, redemption, or about to be dropped and caught by anyone), soonest first. */
  expired: AssetRow[];
  /** Owned domains expiring within EXPIRY_WINDOW_DAYS, soonest first. */
  expiring: AssetRow[];
  registrars: AssetRow[];
  dnsProviders: { provider: string; nameservers: string[]; shared: boolean }[];
  notFollowed: AssetRow[];
  rejected: AssetRow[];
}

export const EXPIRY_WINDOW_DAYS = 90;

/** The strongest incoming edge of each node. */
export function bestEdges(graph: FootprintGraph): Map<string, GraphEdge> {
  const best = new Map<string, GraphEdge>();
  for (const edge of graph.edges) {
    const current = best.get(edge.to);
    if (!current || edge.confidence > current.confidence) best.set(edge.to, edge);
  }
  return best;
}

export function buildReport(graph: FootprintGraph, now = new Date(graph.finishedAt)): ReportModel {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const best = bestEdges(graph);
  const row = (node: GraphNode): AssetRow => {
    const via = best.get(node.id);
    const viaNode = via ? byId.get(via.from) : undefined;
    return { node, ...(via ? { via } : {}), ...(viaNode ? { viaNode } : {}) };
  };
  const sorted = [...graph.nodes].sort((a, b) => b.confidence - a.confidence || a.value.localeCompare(b.value));
  const owned: ReportModel["owned"] = {};
  for (const node of sorted.filter((n) => n.owned)) (owned[node.type] ??= []).push(row(node));
  const horizon = now.getTime() + EXPIRY_WINDOW_DAYS * 86_400_000;
  // An expired domain was once listed as "expiring within 90 days" beside the ones still months away.
  const dated = (owned.domain ?? [])
    .map((row) => ({ row, expires: Date.parse(row.node.attributes.expires ?? "") }))
    .filter(({ expires }) => Number.isFinite(expires) && expires <= horizon)
    .sort((a, b) => a.expires - b.expires);
  const expired = dated.filter(({ expires }) => expires < now.getTime()).map(({ row }) => row);
  const expiring = dated.filter(({ expires }) => expires >= now.getTime()).map(({ row }) => row);
  const providers = new Map<string, { nameservers: string[]; shared: boolean }>();
  for (const node of sorted.filter((n) => n.type === "nameserver")) {
    const provider = registrableDomain(node.value);
    const entry = providers.get(provider) ?? { nameservers: [], shared: false };
    entry.nameservers.push(node.value);
    entry.shared ||= node.attributes.shared === "yes" || !node.owned;
    providers.set(provider, entry);
  }
  return {
    graph,
    owned,
    expired,
    expiring,
    registrars: sorted.filter((n) => n.type === "registrar").map(row),
    dnsProviders: [...providers].map(([provider, entry]) => ({ provider, ...entry })),
    notFollowed: sorted.filter((n) => n.attributes.shared === "yes" && n.confidence >= graph.settings.minConfidence * 0.5).map(row),
    rejected: sorted.filter((n) => !n.owned && n.notes.some((note) => note.includes("not the seed organisation"))).map(row),
  };
}

/** The cells of an expired or expiring domain's row (Markdown and HTML reports): name, expiry, registrar. */
export function expiryCells(row: AssetRow): string[] {
  return [row.node.value, row.node.attributes.expires ?? "", row.node.attributes.registrar ?? ""];
}

/** Column headings and cells of one asset row, shared by the Markdown and HTML reports. */
export function assetHeaders(type: NodeType, heading: string): string[] {
  return type === "domain" ? ["Domain", "Confidence", "Registrar", "Expires", "Status", "Found via"] : [heading, "Confidence", "Name / holder", "Found via"];
}

export function assetCells(row: AssetRow, type: NodeType): string[] {
  const a = row.node.attributes;
  const extra = type === "domain" ? [a.registrar ?? "", a.expires?.slice(0, 10) ?? "", a.status ?? ""] : [a.name ?? a.owner ?? ""];
  return [row.node.value, row.node.confidence.toFixed(2), ...extra, describeVia(row)];
}

/** "found via shares-email from email:x (reverse-whois:store email=x)". */
export function describeVia(row: AssetRow): string {
  if (row.node.seed) return "seed";
  if (!row.via) return "";
  return `${row.via.relation} of ${row.viaNode?.value ?? row.via.from} (${row.via.evidence.source}; ${row.via.evidence.field})`;
}
