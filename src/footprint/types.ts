/**
 * The footprint graph: what registration data ties to a seed. Every node is one
 * thing (a domain, an email, a netblock…); every edge says which pivot found it,
 * from which record and field, and how much it is to be believed.
 */

export type NodeType =
  | "domain"
  | "email"
  | "organization"
  | "person"
  | "phone"
  | "ip"
  | "network"
  | "asn"
  | "nameserver"
  | "mailserver"
  | "registrar"
  | "handle";

export const NODE_TYPES: readonly NodeType[] = ["domain", "email", "organization", "person", "phone", "ip", "network", "asn", "nameserver", "mailserver", "registrar", "handle"];

/** Where an edge comes from: the record (server + query), the field and the value read there. */
export interface EdgeEvidence {
  source: string;
  field: string;
  value: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** What the link means, e.g. "registrant-email", "resolves-to", "announced-by". */
  relation: string;
  /** The pivot (rule) that found it. */
  pivot: string;
  evidence: EdgeEvidence;
  /** 0–1: how strongly this link ties the target to the source. */
  confidence: number;
}

export interface GraphNode {
  /** `${type}:${value}` */
  id: string;
  type: NodeType;
  value: string;
  /** Pivot steps from the nearest seed. */
  depth: number;
  /** 0–1: how strongly the node is tied to the seeds (best path). */
  confidence: number;
  seed?: boolean;
  /** Facts read along the way: registrar, dates, country, handle, status… */
  attributes: Record<string, string>;
  /** Why a node was not followed, or anything the analyst should know. */
  notes: string[];
  /** Whether the node's own pivots ran. */
  expanded: boolean;
  /** Judged as belonging to the seed's organisation (confidence ≥ threshold, not shared infrastructure). */
  owned: boolean;
}

export interface QuerySpend {
  /** Network queries by server (WHOIS/RDAP hops, DNS, reverse-WHOIS APIs); cache hits are free. */
  byServer: Record<string, number>;
  total: number;
  /** Paid reverse-WHOIS queries (a subset of total). */
  paid: number;
  budget: number;
  /** Pivots skipped because the budget ran out. */
  skipped: number;
}

export interface FootprintGraph {
  seeds: string[];
  nodes: GraphNode[];
  edges: GraphEdge[];
  spend: QuerySpend;
  startedAt: string;
  finishedAt: string;
  /** Depth limit and confidence threshold used. */
  settings: { depth: number; budget: number; minConfidence: number; fanOut: number };
  /** Stopped by the user (an interrupt) before the walk ended: what it holds is partial. */
  interrupted?: true;
}

export function nodeId(type: NodeType, value: string): string {
  return `${type}:${value}`;
}
