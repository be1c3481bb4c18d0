import ipaddr from "ipaddr.js";
import type { Contact, ContactRole, WhoisRecord } from "../../record/types.js";
import type { Discovery } from "../graph.js";
import { isParkingNameserver, isSharedDnsHost, isSharedMailHost, unusableReason } from "../judge.js";
import type { GraphNode, NodeType } from "../types.js";
import type { Pivot, PivotContext } from "./types.js";

/** How strongly each contact attribute ties to its owner, by the role it is listed under. */
const CONTACT_CONFIDENCE: Record<"email" | "organization" | "person" | "phone", number> = { email: 0.9, organization: 0.9, person: 0.55, phone: 0.75 };
const ROLE_WEIGHT: Partial<Record<ContactRole, number>> = { registrant: 1, administrative: 0.9, technical: 0.85, billing: 0.85 };
const CONTACT_FIELDS: [keyof Contact, "email" | "organization" | "person" | "phone"][] = [["email", "email"], ["organization", "organization"], ["name", "person"], ["phone", "phone"]];

function sourceOf(record: WhoisRecord): string {
  return `${record.source.protocol}:${record.source.server} ${record.query}`;
}

export function registrantOf(record: WhoisRecord): Contact | undefined {
  return record.contacts?.find((c) => c.roles.includes("registrant")) ?? record.contacts?.find((c) => c.roles.includes("administrative"));
}

/** Whether the registrant is hidden behind a privacy/proxy service or redaction. */
export function isHidden(contact: Contact | undefined): boolean {
  if (!contact || contact.privacyProxy) return true;
  const usable = (type: "organization" | "email", value: string | undefined): boolean => value !== undefined && unusableReason(type, value) === undefined;
  return !usable("organization", contact.organization) && !usable("email", contact.email);
}

/** Email, organisation, person and phone of the owner's contacts, usable values only. */
export function contactDiscoveries(record: WhoisRecord, roles: readonly ContactRole[], scale = 1): Discovery[] {
  const out: Discovery[] = [];
  for (const contact of record.contacts ?? []) {
    const role = contact.roles.find((r) => roles.includes(r));
    if (!role || contact.privacyProxy) continue;
    for (const [field, type] of CONTACT_FIELDS) {
      const value = contact[field];
      if (typeof value !== "string" || unusableReason(type, value)) continue;
      out.push({
        type, value, relation: `${role}-${type}`, confidence: CONTACT_CONFIDENCE[type] * (ROLE_WEIGHT[role] ?? 0.6) * scale,
        field: `contacts[${role}].${field}`, source: sourceOf(record),
      });
    }
  }
  return out;
}

function dateAttributes(record: WhoisRecord): Record<string, string> {
  const out: Record<string, string> = { status: record.status };
  if (record.registrar?.name) out.registrar = record.registrar.name;
  if (record.dates?.created) out.created = record.dates.created;
  if (record.dates?.expires) out.expires = record.dates.expires;
  if (record.statuses?.length) out.statuses = record.statuses.join(" ");
  if (record.dnssec) out.dnssec = record.dnssec;
  return out;
}

/** Checks the looked-up record against the seed organisation; false = not ours, stop here. */
function verifyOwner(node: GraphNode, record: WhoisRecord, ctx: PivotContext): boolean {
  const owner = registrantOf(record);
  if (node.seed) {
    if (owner?.organization) ctx.identity.addOrganization(owner.organization);
    for (const contact of record.contacts ?? []) if (contact.email && contact.roles.some((role) => ROLE_WEIGHT[role] !== undefined)) ctx.identity.addEmail(contact.email);
    ctx.identity.addDomain(node.value);
    return true;
  }
  if (!ctx.identity.known) return true;
  if (isHidden(owner)) {
    node.notes.push("registrant hidden (privacy service or redaction): tied by the pivot that found it only");
    return true;
  }
  const emails = (record.contacts ?? []).map((c) => c.email).filter((e): e is string => e !== undefined);
  const byOrganization = owner?.organization !== undefined && ctx.identity.matchesOrganization(owner.organization);
  if (byOrganization || emails.some((e) => ctx.identity.matchesEmail(e))) {
    // Verified by mailbox: the registrant's organisation name is the seed organisation's too.
    if (!byOrganization && owner?.organization) ctx.identity.addOrganization(owner.organization);
    ctx.rejudge(node, Math.max(node.confidence, 0.9), "registrant matches the seed organisation");
    return true;
  }
  const who = owner?.organization ?? owner?.name ?? owner?.email ?? "another registrant";
  ctx.rejudge(node, Math.min(node.confidence, 0.15), `registrant ${who} is not the seed organisation: not followed`);
  return false;
}

export const domainRegistration: Pivot = {
  name: "domain.registration",
  from: ["domain"],
  description: "look the domain up (RDAP first, WHOIS fallback); its registrar, contacts and name servers",
  async run(node, ctx) {
    const record = await ctx.lookup(node.value);
    Object.assign(node.attributes, dateAttributes(record));
    if (record.status !== "registered") return [];
    const source = sourceOf(record);
    const found: Discovery[] = [];
    if (record.registrar?.name) found.push({ type: "registrar", value: record.registrar.name, relation: "registered-with", confidence: 1, field: "registrar.name", source });
    if (!verifyOwner(node, record, ctx)) return found;
    found.push(...contactDiscoveries(record, ["registrant", "administrative", "technical", "billing"]));
    for (const ns of record.nameservers ?? []) found.push(nameserverDiscovery(ns.name, "nameservers[].name", source, 0.9));
    return found;
  },
};

export function nameserverDiscovery(name: string, field: string, source: string, confidence: number): Discovery {
  const notes = isSharedDnsHost(name) ? ["shared DNS hosting provider"] : isParkingNameserver(name) ? ["parking / registrar default name server"] : [];
  return { type: "nameserver", value: name, relation: "uses-nameserver", confidence, field, source, notes, ...(notes.length ? { attributes: { shared: "yes" } } : {}) };
}

/** Address ranges no registry holds for anyone: nothing to look up (documentation ranges are looked up). */
const UNREGISTERED_RANGES = new Set(["private", "loopback", "linkLocal", "uniqueLocal", "unspecified", "carrierGradeNat", "multicast", "broadcast", "ipv4Mapped"]);

function unregisteredAddress(address: string): boolean {
  try {
    return UNREGISTERED_RANGES.has(ipaddr.parse(address).range());
  } catch {
    return true;
  }
}

function addressDiscoveries(addresses: string[], relation: string, field: string, source: string, confidence: number): Discovery[] {
  return addresses.map((address) =>
    unregisteredAddress(address)
      ? { type: "ip" as NodeType, value: address, relation, confidence: 0.1, field, source, notes: ["private or unregistered address: not looked up"], attributes: { shared: "yes" } }
      : { type: "ip" as NodeType, value: address, relation, confidence, field, source },
  );
}

export const domainDns: Pivot = {
  name: "domain.dns",
  from: ["domain"],
  description: "resolve A, AAAA, MX and NS (node:dns; --resolver host:port)",
  async run(node, ctx) {
    if (!ctx.dns || node.attributes.status === "available") return [];
    const answers = await ctx.dns.lookup(node.value);
    const source = `dns ${node.value}`;
    return [
      ...addressDiscoveries(answers.a, "resolves-to", "A", source, 0.8),
      ...addressDiscoveries(answers.aaaa, "resolves-to", "AAAA", source, 0.8),
      ...answers.mx.map((mx): Discovery => ({
        type: "mailserver", value: mx, relation: "mail-handled-by", confidence: 0.7, field: "MX", source,
        ...(isSharedMailHost(mx) ? { notes: ["shared mail provider"], attributes: { shared: "yes" } } : {}),
      })),
      ...answers.ns.map((ns) => nameserverDiscovery(ns, "NS", source, 0.9)),
    ];
  },
};

export const hostAddresses: Pivot = {
  name: "host.addresses",
  from: ["nameserver", "mailserver"],
  description: "resolve a name server's or mail server's own addresses (not for shared providers)",
  async run(node, ctx) {
    if (!ctx.dns || node.attributes.shared === "yes") return [];
    return addressDiscoveries(await ctx.dns.addresses(node.value), "host-address", "A/AAAA", `dns ${node.value}`, 0.6);
  },
};
