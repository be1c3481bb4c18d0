import type { Contact, WhoisRecord } from "../../record/types.js";
import { rirRdapBase } from "../../servers/whois-servers.js";
import type { Discovery } from "../graph.js";
import { answerStyle, port43Pivots, type HolderHandle } from "../port43-holder.js";
import { canonicalCidr, MAX_RPSL_OBJECTS, rangeToCidrs } from "../rpsl-objects.js";
import { placeholderReason } from "./placeholder-networks.js";
import type { GraphNode } from "../types.js";
import { contactDiscoveries } from "./domain.js";
import { inverseQueryFor, type InverseQuery } from "./inverse-queries.js";
import type { Pivot, PivotContext } from "./types.js";

const HOSTING_CONFIDENCE = 0.3;
/** Resources kept from one answer about an organisation (the answer itself is capped at 1 MiB by the transport). */
const MAX_RESOURCES = 1000;

function sourceOf(record: WhoisRecord): string {
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
function answeredBy(record: WhoisRecord): string {
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
function holderOf(record: WhoisRecord): Contact | undefined {
  return record.contacts?.find((c) => c.roles.includes("registrant"));
}

/** One address line from the contact's structured fields, in the same order whichever protocol it came by. */
function addressOf(contact: Contact | undefined): string {
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

/** The inverse query a port-43 answer about the handle itself calls for: when it names the handle as its holder's. */
function inverseFromAnswer(handle: string, record: WhoisRecord): InverseQuery | undefined {
  if (holderOf(record)?.handle?.toUpperCase() !== handle.toUpperCase()) return undefined;
  const layout = record.raw !== undefined ? answerStyle(record.raw) : undefined;
  return inverseQueryFor(handle, { server: answeredBy(record), kind: "organisation", ...(layout !== undefined ? { style: layout } : {}) });
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

function resourceDiscovery(kind: "network" | "asn", value: string, field: string, source: string, attributes: Record<string, string>): Discovery {
  return { type: kind, value, relation: kind === "asn" ? "holds-asn" : "holds-network", confidence: 0.95, field, source, attributes };
}

/** What an inverse query about the handle lists: the holder's resources (an organisation's) or objects to check (a maintainer's, a role's). */
async function inverseResources(node: GraphNode, inverse: InverseQuery, ctx: PivotContext): Promise<Discovery[]> {
  const answer = await ctx.queryServer(inverse.server, inverse.request);
  const source = `whois:${inverse.server} ${inverse.request}`;
  // What an organisation handle lists is the organisation's; a maintainer's or role's objects are checked against their holder.
  const owned = inverse.kind === "organisation";
  const resources = inverse.style.read(answer.text);
  // An LIR's maintainer or NOC role holds its customers' objects too: past the fan-out limit, noted and not followed.
  if (!owned && resources.length > ctx.fanOut) {
    node.notes.push(`${inverse.request}: ${resources.length} objects, more than --fan-out ${ctx.fanOut}: not followed`);
    return [];
  }
  // The answer itself may have been cut at the transport's size cap (--max-bytes) or the reader's object cap:
  // then the holder has more than were listed, and the note says "at least".
  const cut = answer.record.warnings?.some((w) => w.code === "WL_WARN_TRUNCATED") === true || resources.length >= MAX_RPSL_OBJECTS;
  const listed = `${cut ? "at least " : ""}${resources.length} resources listed${cut ? " (answer cut off at a size cap)" : ""}`;
  if (resources.length > MAX_RESOURCES || cut) node.notes.push(`${inverse.request}: ${listed}, the first ${Math.min(MAX_RESOURCES, resources.length)} kept`);
  return resources.slice(0, MAX_RESOURCES).map((resource) =>
    resourceDiscovery(resource.kind, resource.value, `${resource.field} (${inverse.request})`, source, {
      ...(owned ? { owner: node.value } : { via: node.value }), name: resource.name, rir: inverse.server,
    }),
  );
}

export const handleResources: Pivot = {
  name: "handle.resources",
  from: ["handle"],
  description: "an organisation's other networks and AS numbers: port-43 inverse queries (RPSL -i org/mnt-by, ARIN o ! >, LACNIC ownerid) or the RDAP entity's networks/autnums",
  async run(node, ctx) {
    const { server, kind, style } = node.attributes;
    const inverse = inverseQueryFor(node.value, { ...(server ? { server } : {}), ...(kind ? { kind } : {}), ...(style ? { style } : {}) });
    if (inverse && !(inverse.style.rdapEntity && ctx.protocol !== "whois")) return inverseResources(node, inverse, ctx);
    // The registry that named the handle answers for it: its RDAP base, since an untagged handle (ARIN's
    // OrgIds) has no bootstrap entry of its own.
    const rdapUrl = node.attributes.server !== undefined ? rirRdapBase(node.attributes.server) : undefined;
    const record = await ctx.lookup(node.value, rdapUrl !== undefined ? { rdapUrl } : undefined);
    // A handle whose spelling names no registry (ARIN's OrgIds: RWC-42) asked over port 43: the answer says what it
    // is (the holder's own handle) and which registry holds it; the inverse query goes there.
    const learned = record.source.protocol === "whois" ? inverseFromAnswer(node.value, record) : undefined;
    if (learned !== undefined) return inverseResources(node, learned, ctx);
    const source = sourceOf(record);
    const networks = (record.resources?.networks ?? []).flatMap((net) =>
      (net.cidrs ?? (net.startAddress && net.endAddress ? rangeToCidrs(`${net.startAddress} - ${net.endAddress}`) : [])).map((cidr) =>
        resourceDiscovery("network", cidr, "networks[]", source, { owner: node.value, name: net.name ?? "", rir: record.source.server }),
      ),
    );
    const autnums = (record.resources?.autnums ?? [])
      .filter((asn) => asn.handle !== undefined || asn.start !== undefined)
      .map((asn) => resourceDiscovery("asn", asn.handle ?? `AS${asn.start}`, "autnums[]", source, { owner: node.value, name: asn.name ?? "", rir: record.source.server }));
    return [...networks, ...autnums];
  },
};
