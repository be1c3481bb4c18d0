import { createHash } from "node:crypto";
import ipaddr from "ipaddr.js";
import { jsonSafe } from "../../util/export-text.js";
import { stripControl } from "../../util/sanitize.js";
import type { FootprintGraph, GraphNode } from "../types.js";
import { PARTIAL_SENTENCE } from "./partial.js";

/** STIX 2.1 §2.9: deterministic SCO ids are UUIDv5 in this namespace. */
export const STIX_NAMESPACE = "00abedb4-aa42-466c-9c01-fed23315a9b7";
/** Our own namespace for the SDOs and relationships, so a re-run gives the same ids. */
const WHOISLENS_NAMESPACE = "6f1c2b1e-8f4a-5d2e-9c3b-7a1d4e5f6a7b";

export function uuidv5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON Canonicalization (RFC 8785) is what STIX asks for; for flat string/number objects sorted keys suffice. */
function canonical(object: Record<string, string | number>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b))));
}

type StixObject = Record<string, unknown> & { type: string; id: string };

function sco(type: string, contributing: Record<string, string | number>, extra: Record<string, unknown> = {}): StixObject {
  return { type, spec_version: "2.1", id: `${type}--${uuidv5(canonical(contributing), STIX_NAMESPACE)}`, ...contributing, ...extra };
}

/** The STIX object for one node, or undefined for kinds STIX has no object for (phones go into the identity). */
function objectFor(node: GraphNode, created: string): StixObject | undefined {
  const value = stripControl(node.value);
  switch (node.type) {
    case "domain":
    case "nameserver":
    case "mailserver":
      return sco("domain-name", { value });
    case "email":
      return sco("email-addr", { value });
    case "ip":
    case "network": {
      const address = value.split("/")[0] ?? value;
      if (!ipaddr.isValid(address)) return undefined;
      return sco(ipaddr.parse(address).kind() === "ipv6" ? "ipv6-addr" : "ipv4-addr", { value });
    }
    case "asn": {
      const number = Number(value.replace(/^AS/i, ""));
      if (!Number.isInteger(number)) return undefined;
      return sco("autonomous-system", { number }, node.attributes.name ? { name: stripControl(node.attributes.name) } : {});
    }
    case "organization":
    case "registrar":
    case "person":
      return {
        type: "identity", spec_version: "2.1", id: `identity--${uuidv5(`${node.type}:${value}`, WHOISLENS_NAMESPACE)}`, created, modified: created,
        name: value, identity_class: node.type === "person" ? "individual" : "organization",
        ...(node.type === "registrar" ? { sectors: ["technology"], description: "domain registrar" } : {}),
        confidence: Math.round(node.confidence * 100),
      };
    default:
      return undefined;
  }
}

/** Hops walked upstream from a node with no STIX object to one that has (handle ← address): a handle is one hop. */
const MAX_UPSTREAM = 3;

/** The nearest node upstream of `nodeId` (along the edges that found it) that has a STIX object, and the nodes passed. */
function exportedAncestor(nodeId: string, ids: ReadonlyMap<string, string>, edges: FootprintGraph["edges"]): { id: string; through: string } | undefined {
  let frontier = [{ node: nodeId, path: [nodeId] }];
  const seen = new Set([nodeId]);
  for (let hop = 0; hop < MAX_UPSTREAM && frontier.length > 0; hop += 1) {
    const next: typeof frontier = [];
    for (const { node, path } of frontier) {
      for (const edge of edges) {
        if (edge.to !== node || seen.has(edge.from)) continue;
        const id = ids.get(edge.from);
        if (id !== undefined) return { id, through: path.map((p) => p.replace(":", " ")).join(" ← ") };
        seen.add(edge.from);
        next.push({ node: edge.from, path: [...path, edge.from] });
      }
    }
    frontier = next;
  }
  return undefined;
}

/** A STIX 2.1 bundle: observables for domains, addresses, netblocks, ASNs and mailboxes; identities; relationships with evidence. */
export function renderStix(graph: FootprintGraph): string {
  const created = new Date(graph.finishedAt).toISOString();
  const ids = new Map<string, string>();
  const objects: StixObject[] = [];
  const seen = new Set<string>();
  for (const node of graph.nodes) {
    const object = objectFor(node, created);
    if (!object) continue;
    ids.set(node.id, object.id);
    if (seen.has(object.id)) continue;
    seen.add(object.id);
    objects.push(object);
  }
  const phones = graph.nodes.filter((n) => n.type === "phone" && n.owned).map((n) => n.value);
  // Phones belong to the organisation the footprint is about: its most strongly tied owned identity.
  const owner = graph.nodes.filter((n) => n.type === "organization" && n.owned).sort((a, b) => b.confidence - a.confidence)[0];
  const organization = owner === undefined ? undefined : objects.find((o) => o.id === ids.get(owner.id));
  if (organization && phones.length > 0) organization.contact_information = `phone: ${phones.join(", ")}`;
  for (const edge of graph.edges) {
    const source = ids.get(edge.from);
    const target = ids.get(edge.to);
    // A finding from a node STIX has no object for (a registry handle: how the holder's hidden block was reached)
    // is tied to the nearest node upstream that has one, the hop named in the description: never dropped.
    const upstream = source === undefined && target !== undefined ? exportedAncestor(edge.from, ids, graph.edges) : undefined;
    const from = source ?? upstream?.id;
    if (!from || !target || from === target) continue;
    const hop = upstream ? `via ${upstream.through}, ` : "";
    const description = stripControl(`${edge.pivot}: ${hop}${edge.evidence.source}; ${edge.evidence.field} = ${edge.evidence.value}`);
    const name = `${from}|${edge.from}|${edge.relation}|${edge.to}`;
    objects.push({
      type: "relationship", spec_version: "2.1", id: `relationship--${uuidv5(name, WHOISLENS_NAMESPACE)}`, created, modified: created,
      relationship_type: edge.relation.toLowerCase().replace(/[^a-z0-9-]+/g, "-"), source_ref: from, target_ref: target,
      description,
      confidence: Math.round(edge.confidence * 100),
    });
  }
  if (graph.interrupted) {
    // PARTIAL_MARKS.stix: a note on the seeds' objects (any object when no seed has one; a note needs at least one).
    const seedRefs = [...new Set(graph.seeds.map((seed) => ids.get(seed)).filter((id): id is string => id !== undefined))];
    const refs = seedRefs.length > 0 ? seedRefs : objects.slice(0, 1).map((o) => o.id);
    if (refs.length > 0) {
      objects.push({
        type: "note", spec_version: "2.1", id: `note--${uuidv5(`partial|${graph.seeds.join(",")}|${graph.finishedAt}`, WHOISLENS_NAMESPACE)}`, created, modified: created,
        abstract: "Partial footprint", content: `Partial: ${PARTIAL_SENTENCE}.`, object_refs: refs,
      });
    }
  }
  const bundle = { type: "bundle", id: `bundle--${uuidv5(`${graph.seeds.join(",")}|${graph.finishedAt}`, WHOISLENS_NAMESPACE)}`, objects };
  return `${JSON.stringify(jsonSafe(bundle), null, 2)}\n`;
}
