import type { Contact, WhoisRecord } from "../../record/types.js";
import type { Discovery } from "../graph.js";
import { answerStyle, port43Pivots, type HolderHandle } from "../port43-holder.js";
import { canonicalCidr, rangeToCidrs } from "../rpsl-objects.js";
import { placeholderReason } from "./placeholder-networks.js";
import type { GraphNode } from "../types.js";
import { contactDiscoveries } from "./domain.js";
import type { Pivot, PivotContext } from "./types.js";

const HOSTING_CONFIDENCE = 0.3;

export function sourceOf(record: WhoisRecord): string {
  return `${record.source.protocol}:${record.source.server} ${record.query}`;
}

/** The record's network as one CIDR, spelled canonically (`2001:0240:010c::/48` is 2001:240:10c::/48). */
function networkValue(record: WhoisRecord): string | undefined {
  const net = record.network;
  const cidr = net?.cidrs?.[0] ?? (net?.startAddress && net.endAddress ? rangeToCidrs(`${net.startAddress} - ${net.endAddress}`)[0] : undefined);
  return cidr === undefined ? undefined : (canonicalCidr(cidr) ?? cidr);
}

/**
 * The server whose answer the holder's handles were read from. Over RDAP, the record's source: after a
 * redirect (ARIN's 303 to RIPE) it is the server redirected to, while the hop names the server asked — and
 * only RIPE answers for ORG-…-RIPE. Over port 43, the last hop that gave text: after a referral (ARIN's
 * ReferralServer to RIPE) to the same object the merged record keeps the first server as its source, but
 * `org:`/`mnt-by:` are RIPE's handles and only RIPE answers the inverse query about them.
 */
export function answeredBy(record: WhoisRecord): string {
  if (record.source.protocol === "rdap") return record.source.server;
  const chain = record.chain ?? [];
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const hop = chain[i]!;
    if (hop.status !== "error" && hop.raw !== undefined) return hop.server;
  }
  return record.source.server;
}

/** Over port 43 the answer's text also names the holder's maintainer and roles (RPSL), which the record does not carry. */
function textPivots(record: WhoisRecord): HolderHandle[] {
  return record.source.protocol === "whois" && record.raw ? port43Pivots(record.raw) : [];
}

/**
 * The resource's holder: the registrant contact, as RDAP's registrant entity gives it and as the parser reads
 * it over port 43 (RPSL `org:` and its organisation object, ARIN's OrgId block, LACNIC's ownerid), the first
 * registrant (the parser puts the holder first).
 */
export function holderOf(record: WhoisRecord): Contact | undefined {
  return record.contacts?.find((c) => c.roles.includes("registrant"));
}

/** One address line from the contact's structured fields, in the same order whichever protocol it came by. */
export function addressOf(contact: Contact | undefined): string {
  if (contact === undefined) return "";
  return [...(contact.street ?? []), contact.city, contact.state, contact.postalCode].filter((part) => part !== undefined && part.trim() !== "").join(", ");
}

/**
 * Who holds a network or AS number: the registrant entity (handle) and organisation.
 * The holder is the seed organisation's only when its name or mailboxes match;
 * otherwise it is a hosting provider or ISP, noted and not followed.
 */
function holderDiscoveries(node: GraphNode, record: WhoisRecord, ctx: PivotContext): Discovery[] {
  const source = sourceOf(record);
  const registrant = holderOf(record);
  // (The parser's own rule for a network's organisation over RDAP: the registrant's organisation, else its name.)
  const organization = record.network?.organization ?? registrant?.organization ?? registrant?.name;
  if (node.seed && organization) ctx.identity.addOrganization(organization);
  const ours = !ctx.identity.known || (organization !== undefined && ctx.identity.matchesOrganization(organization)) ||
    (record.contacts ?? []).some((c) => c.email !== undefined && ctx.identity.matchesEmail(c.email));
  if (!ours) {
    ctx.rejudge(node, Math.min(node.confidence, HOSTING_CONFIDENCE), `held by ${organization ?? "another organisation"} (hosting provider or ISP?), not the seed organisation`);
    node.attributes.shared = "yes";
  }
  const weight = ours ? 0.95 : HOSTING_CONFIDENCE;
  const found: Discovery[] = [];
  if (organization) {
    const address = addressOf(registrant);
    const country = registrant?.countryCode ?? registrant?.country ?? record.network?.country ?? record.asn?.country;
    const attributes: Record<string, string> = { ...(address ? { address } : {}), ...(country ? { country } : {}) };
    found.push({ type: "organization", value: organization, relation: "held-by", confidence: weight, field: registrant ? "contacts[registrant]" : "network.organization", source, attributes });
  }
  const server = answeredBy(record);
  // A server no style row names (`-h`, a mirror) takes the inverse queries of the layout it answered in.
  const layout = record.source.protocol === "whois" && record.raw !== undefined ? answerStyle(record.raw) : undefined;
  const style: Record<string, string> = layout !== undefined ? { style: layout } : {};
  if (registrant?.handle) {
    found.push({ type: "handle", value: registrant.handle.toUpperCase(), relation: "registered-to", confidence: weight, field: "contacts[registrant].handle", source, attributes: { server, kind: "organisation", ...style, ...(organization ? { name: organization } : {}) } });
  }
  for (const handle of textPivots(record)) {
    // Maintainers and roles tie less than the organisation itself: an LIR's maintainer also holds its customers' objects.
    found.push({ type: "handle", value: handle.value, relation: HANDLE_RELATIONS[handle.kind], confidence: weight * 0.9, field: handle.field, source, attributes: { server, kind: handle.kind, ...style } });
  }
  if (ours) found.push(...contactDiscoveries(record, ["administrative", "technical", "abuse", "noc"], 0.7));
  return found;
}

const HANDLE_RELATIONS = { organisation: "registered-to", maintainer: "maintained-by", role: "contact-role" } as const;

export const ipNetwork: Pivot = {
  name: "ip.network",
  from: ["ip"],
  description: "look the address up at its RIR: the network that holds it, and that network's holder",
  async run(node, ctx) {
    const record = await ctx.lookup(node.value);
    if (record.status !== "registered") return [];
    // The most specific object's network: the parser reads an answer holding the allocation and the
    // assignment inside it (APNIC, ARIN) as the assignment.
    const value = networkValue(record);
    // A registry's placeholder for space it does not hold (APNIC's IANA-BLOCK 0.0.0.0 - 255.255.255.255 after a
    // referral elsewhere, RIPE's NON-RIPE-NCC-MANAGED-ADDRESS-BLOCK) is nobody's network: noted, nothing kept.
    const placeholder = value === undefined ? undefined : placeholderReason(value);
    if (placeholder !== undefined) {
      node.notes.push(`${sourceOf(record)}: ${record.network?.name ?? "a block"} ${value} is ${placeholder}; not the address's network`);
      return [];
    }
    const found = holderDiscoveries(node, record, ctx);
    if (!value) return found;
    const attributes: Record<string, string> = { owner: record.network?.organization ?? "", name: record.network?.name ?? "", rir: record.source.server };
    const confidence = node.attributes.shared === "yes" ? HOSTING_CONFIDENCE : 0.95;
    const network: Discovery = { type: "network", value, relation: "in-network", confidence, field: "network.cidrs", source: sourceOf(record), attributes };
    if (node.attributes.shared === "yes") network.notes = [`held by ${record.network?.organization ?? "another organisation"}`];
    return [network, ...found];
  },
};

export const networkRegistration: Pivot = {
  name: "network.registration",
  from: ["network", "asn"],
  description: "look a netblock or AS number up: its holder (skipped when already read with the network)",
  async run(node, ctx) {
    if (node.attributes.owner) return [];
    const record = await ctx.lookup(node.value);
    if (record.status !== "registered") return [];
    if (record.network?.name) node.attributes.name = record.network.name;
    if (record.asn?.name) node.attributes.name = record.asn.name;
    node.attributes.rir = record.source.server;
    return holderDiscoveries(node, record, ctx);
  },
};
