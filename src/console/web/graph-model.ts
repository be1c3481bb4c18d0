/**
 * The footprint graph as the page draws it, read from the API's JSON. Two spellings are accepted, so
 * the page works with either side of the contract: the console contract's
 * ({ nodes: [{ id, type, label, confidence }], edges: [{ id, source, target, kind, confidence,
 * evidence: [{ server, protocol, field, value, text }] }] }) and footprint's own JSON export
 * (nodes with `value`, `depth`, `seed`; edges with `from`, `to`, `relation`, `pivot` and one
 * `evidence: { source, field, value }`). Malformed entries are dropped (counted), edges whose ends are
 * missing too (cytoscape refuses them). Pure (no DOM) so the node tests run it directly.
 */
import { isObj } from "./json-read.js";
import { displayText } from "./safe-text.js";

export const GRAPH_LIMITS = {
  /** A footprint stops at its budget (default 500 queries) long before; past these the page would stall. */
  maxNodes: 20_000,
  maxEdges: 50_000,
  /** Evidence items kept per edge. */
  maxEvidence: 20,
  /** Characters of a node label drawn on the canvas. */
  maxLabel: 80,
} as const;

export interface ViewEvidence {
  server?: string;
  protocol?: string;
  field?: string;
  value?: string;
  text?: string;
  /** footprint's own spelling: "protocol:server query". */
  source?: string;
}

export interface ViewNode {
  id: string;
  type: string;
  label: string;
  confidence: number;
  seed: boolean;
  owned?: boolean;
  /** Pivot steps from the nearest seed (given, or counted from the seeds). */
  level: number;
  notes: string[];
}

export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  pivot?: string;
  confidence: number;
  evidence: ViewEvidence[];
}

export interface ViewGraph {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Entries dropped as malformed or past the limits. */
  dropped: number;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
function confidence(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}

function evidenceOf(raw: unknown): ViewEvidence | undefined {
  if (!isObj(raw)) return undefined;
  const out: ViewEvidence = {};
  for (const key of ["server", "protocol", "field", "value", "text", "source"] as const) {
    const v = raw[key];
    if (typeof v === "string") out[key] = displayText(v);
    else if (typeof v === "number") out[key] = String(v);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function normalizeGraph(json: unknown): ViewGraph {
  const body = isObj(json) ? json : {};
  const rawNodes = Array.isArray(body.nodes) ? body.nodes : [];
  const rawEdges = Array.isArray(body.edges) ? body.edges : [];
  let dropped = 0;
  const nodes: ViewNode[] = [];
  const byId = new Map<string, ViewNode>();
  const givenLevel = new Map<string, number>();
  for (const raw of rawNodes) {
    const id = isObj(raw) ? str(raw.id) : undefined;
    if (!isObj(raw) || id === undefined || byId.has(id) || nodes.length >= GRAPH_LIMITS.maxNodes) {
      dropped++;
      continue;
    }
    const node: ViewNode = {
      id,
      type: displayText(str(raw.type) ?? "unknown", 32),
      label: displayText(str(raw.label) ?? str(raw.value) ?? id, GRAPH_LIMITS.maxLabel),
      confidence: confidence(raw.confidence),
      seed: raw.seed === true,
      level: 0,
      notes: Array.isArray(raw.notes) ? raw.notes.slice(0, 20).map((n) => displayText(n)) : [],
    };
    if (typeof raw.owned === "boolean") node.owned = raw.owned;
    if (typeof raw.depth === "number" && Number.isInteger(raw.depth) && raw.depth >= 0) givenLevel.set(id, raw.depth);
    nodes.push(node);
    byId.set(id, node);
  }
  const edges: ViewEdge[] = [];
  const edgeIds = new Set<string>();
  for (const raw of rawEdges) {
    if (!isObj(raw) || edges.length >= GRAPH_LIMITS.maxEdges) {
      dropped++;
      continue;
    }
    const source = str(raw.source) ?? str(raw.from);
    const target = str(raw.target) ?? str(raw.to);
    if (source === undefined || target === undefined || !byId.has(source) || !byId.has(target)) {
      dropped++;
      continue;
    }
    let id = str(raw.id) ?? `e${edges.length}`;
    if (edgeIds.has(id) || byId.has(id)) id = `${id}#${edges.length}`;
    edgeIds.add(id);
    const rawEvidence = Array.isArray(raw.evidence) ? raw.evidence.slice(0, GRAPH_LIMITS.maxEvidence) : [raw.evidence];
    const edge: ViewEdge = {
      id,
      source,
      target,
      kind: displayText(str(raw.kind) ?? str(raw.relation) ?? "related", 64),
      confidence: confidence(raw.confidence),
      evidence: rawEvidence.map(evidenceOf).filter((e): e is ViewEvidence => e !== undefined),
    };
    const pivot = str(raw.pivot);
    if (pivot !== undefined) edge.pivot = displayText(pivot, 64);
    edges.push(edge);
  }
  assignLevels(nodes, edges, givenLevel);
  return { nodes, edges, dropped };
}

/** Levels from the export's depth when given, else breadth-first from the seeds (or the first node). */
function assignLevels(nodes: ViewNode[], edges: ViewEdge[], given: Map<string, number>): void {
  if (nodes.length === 0) return;
  if (given.size === nodes.length) {
    for (const node of nodes) node.level = given.get(node.id) ?? 0;
    return;
  }
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    (next.get(edge.source) ?? next.set(edge.source, []).get(edge.source)!).push(edge.target);
    (next.get(edge.target) ?? next.set(edge.target, []).get(edge.target)!).push(edge.source);
  }
  const level = new Map<string, number>();
  const seeds = nodes.filter((n) => n.seed);
  const queue = (seeds.length > 0 ? seeds : [nodes[0]!]).map((n) => n.id);
  for (const id of queue) level.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    const l = level.get(id)!;
    for (const other of next.get(id) ?? []) {
      if (level.has(other)) continue;
      level.set(other, l + 1);
      queue.push(other);
    }
  }
  let deepest = 0;
  for (const l of level.values()) deepest = Math.max(deepest, l);
  for (const node of nodes) node.level = level.get(node.id) ?? deepest + 1;
}

export interface GraphFilter {
  /** Node types shown. */
  types: ReadonlySet<string>;
  minConfidence: number;
}

/** Ids of the nodes the filter shows (an edge is shown when both ends are and its confidence passes). */
export function visibleNodes(graph: ViewGraph, filter: GraphFilter): Set<string> {
  const out = new Set<string>();
  for (const node of graph.nodes) {
    if (filter.types.has(node.type) && (node.seed || node.confidence >= filter.minConfidence)) out.add(node.id);
  }
  return out;
}

export function edgeVisible(edge: ViewEdge, nodes: ReadonlySet<string>, filter: GraphFilter): boolean {
  return nodes.has(edge.source) && nodes.has(edge.target) && edge.confidence >= filter.minConfidence;
}

/** "protocol:server query" (footprint's evidence source) split into its parts. */
export function evidenceParts(e: ViewEvidence): { protocol?: string; server?: string; query?: string } {
  if (e.server !== undefined || e.source === undefined) return { ...(e.protocol !== undefined ? { protocol: e.protocol } : {}), ...(e.server !== undefined ? { server: e.server } : {}) };
  const m = /^([a-z0-9-]{1,16}):(\S{1,255})(?: (.*))?$/s.exec(e.source);
  if (m === null) return { server: e.source };
  return { protocol: m[1]!, server: m[2]!, ...(m[3] !== undefined ? { query: m[3] } : {}) };
}
