import { nodeId, type GraphEdge, type GraphNode, type NodeType } from "./types.js";

/** Values as one spelling, so the same thing found twice is one node. */
const CANONICAL: Record<NodeType, (value: string) => string> = {
  domain: (v) => v.trim().toLowerCase().replace(/\.$/, ""),
  email: (v) => v.trim().toLowerCase(),
  organization: (v) => v.trim().replace(/\s+/g, " "),
  person: (v) => v.trim().replace(/\s+/g, " "),
  phone: (v) => (v.trim().startsWith("+") ? "+" : "") + v.replace(/[^\d]/g, ""),
  ip: (v) => v.trim().toLowerCase(),
  network: (v) => v.trim().toLowerCase(),
  asn: (v) => `AS${v.replace(/^as/i, "").trim()}`,
  nameserver: (v) => v.trim().toLowerCase().replace(/\.$/, ""),
  mailserver: (v) => v.trim().toLowerCase().replace(/\.$/, ""),
  registrar: (v) => v.trim().replace(/\s+/g, " "),
  handle: (v) => v.trim().toUpperCase(),
};

/** Organisation, person and registrar names compare case-insensitively but keep their spelling. */
const CASE_FOLDED: ReadonlySet<NodeType> = new Set(["organization", "person", "registrar"]);

export function canonicalValue(type: NodeType, value: string): string {
  return CANONICAL[type](value);
}

export interface Discovery {
  type: NodeType;
  value: string;
  relation: string;
  confidence: number;
  field: string;
  /** The record or answer it was read from (server + query). */
  source: string;
  attributes?: Record<string, string>;
  notes?: string[];
}

/** Nodes and edges, merged as they are found; a node keeps its best path's confidence and depth. */
export class Graph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();

  private key(type: NodeType, value: string): string {
    const canonical = canonicalValue(type, value);
    return nodeId(type, CASE_FOLDED.has(type) ? canonical.toLowerCase() : canonical);
  }

  get(type: NodeType, value: string): GraphNode | undefined {
    return this.nodes.get(this.key(type, value));
  }

  addSeed(type: NodeType, value: string): GraphNode {
    const node = this.upsert(type, value, 0, 1);
    node.seed = true;
    return node;
  }

  /** Adds the node found from `from` (or improves it) and the edge; returns the node and whether it got better. */
  link(from: GraphNode, found: Discovery, pivot: string): { node: GraphNode; improved: boolean } {
    const confidence = round(from.confidence * found.confidence);
    const before = this.get(found.type, found.value);
    const node = this.upsert(found.type, found.value, from.depth + 1, confidence);
    const improved = before === undefined || confidence > before.confidence || node.depth < before.depth;
    Object.assign(node.attributes, found.attributes ?? {});
    for (const note of found.notes ?? []) if (!node.notes.includes(note)) node.notes.push(note);
    if (node.id !== from.id) {
      const edge: GraphEdge = {
        from: from.id,
        to: node.id,
        relation: found.relation,
        pivot,
        evidence: { source: found.source, field: found.field, value: found.value },
        confidence: found.confidence,
      };
      const key = `${edge.from}|${edge.to}|${edge.relation}`;
      const existing = this.edges.get(key);
      if (!existing || existing.confidence < edge.confidence) this.edges.set(key, edge);
    }
    return { node, improved };
  }

  /** Lowers (or raises) a node's confidence after its own record was read. */
  rejudge(node: GraphNode, confidence: number, note?: string): void {
    node.confidence = round(confidence);
    if (note && !node.notes.includes(note)) node.notes.push(note);
  }

  get size(): number {
    return this.nodes.size;
  }

  allNodes(): GraphNode[] {
    return [...this.nodes.values()];
  }

  allEdges(): GraphEdge[] {
    return [...this.edges.values()];
  }

  private upsert(type: NodeType, value: string, depth: number, confidence: number): GraphNode {
    const id = this.key(type, value);
    const existing = this.nodes.get(id);
    if (existing) {
      existing.depth = Math.min(existing.depth, depth);
      existing.confidence = Math.max(existing.confidence, confidence);
      return existing;
    }
    const node: GraphNode = { id, type, value: canonicalValue(type, value), depth, confidence, attributes: {}, notes: [], expanded: false, owned: false };
    this.nodes.set(id, node);
    return node;
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
