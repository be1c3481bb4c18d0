import type { DirectAnswer } from "../../lookup/index.js";
import type { WhoisRecord } from "../../record/types.js";
import type { DnsClient } from "../dns.js";
import type { Discovery, Graph } from "../graph.js";
import type { Identity } from "../judge.js";
import type { ReverseWhois } from "../sources/index.js";
import type { GraphNode, NodeType } from "../types.js";

/** What a pivot may use: every network call goes through here, so it is paced, cached and counted. */
export interface PivotContext {
  /** `via.rdapUrl`: ask this RDAP base (the registry a handle came from) instead of the bootstrap's. */
  lookup(query: string, via?: { rdapUrl?: string }): Promise<WhoisRecord>;
  queryServer(server: string, request: string): Promise<DirectAnswer>;
  /** The lookup's protocol choice: over "whois" every question goes to port 43, RDAP entities included. */
  protocol: "auto" | "rdap" | "whois";
  /** Undefined when DNS pivots are off. */
  dns?: DnsClient;
  reverse: ReverseWhois;
  identity: Identity;
  graph: Graph;
  /** An attribute shared by more domains than this is noted, not followed. */
  fanOut: number;
  /** Sets a node's confidence after reading its own record (verified or rejected). */
  rejudge(node: GraphNode, confidence: number, note?: string): void;
}

/** One named rule: from a node of these types, what can be found and how strongly it ties. */
export interface Pivot {
  name: string;
  from: readonly NodeType[];
  description: string;
  run(node: GraphNode, ctx: PivotContext): Promise<Discovery[]>;
}
