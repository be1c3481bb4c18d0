/** The checks one domain's record answers by itself (the cross-domain ones are in org-checks.ts). */
import type { WhoisRecord } from "../../record/types.js";
import { tldts } from "../../util/cjs-deps.js";
import { EXPIRY_WINDOWS } from "./checks.js";
import { finding, type Origin } from "./finding.js";
import { registryWithoutEppLocks } from "./lock-publishing.js";
import { personalDataFindings } from "./personal.js";
import type { Finding } from "./types.js";

const DAY_MS = 86_400_000;

/** EPP status names compared without case or spaces: RDAP says "client transfer prohibited" (RFC 8056), EPP "clientTransferProhibited". */
export function statusKey(status: string): string {
  return status.toLowerCase().replace(/[\s_-]+/g, "");
}

/** Client locks, each with the registry lock that makes it unnecessary (RFC 5731 §2.3). */
const CLIENT_LOCKS = [
  { status: "clientTransferProhibited", server: "serverTransferProhibited", id: "WL-AUDIT-LOCK-CLIENT-TRANSFER" },
  { status: "clientUpdateProhibited", server: "serverUpdateProhibited", id: "WL-AUDIT-LOCK-CLIENT-UPDATE" },
  { status: "clientDeleteProhibited", server: "serverDeleteProhibited", id: "WL-AUDIT-LOCK-CLIENT-DELETE" },
] as const;

const REGISTRY_LOCK = ["serverTransferProhibited", "serverUpdateProhibited", "serverDeleteProhibited"] as const;

/** Ways a record states auto-renewal: the RGP status autoRenewPeriod (RFC 3915 §3.1) or a registrar remark. */
const AUTORENEW_STATED = /auto[\s-]?renew/i;

/** Whole days from `asOf` to `date` (negative when past); undefined when the date does not parse. */
export function daysUntil(date: string | undefined, asOf: Date): number | undefined {
  if (date === undefined) return undefined;
  const at = Date.parse(date);
  return Number.isNaN(at) ? undefined : Math.floor((at - asOf.getTime()) / DAY_MS);
}

/** The registrable domain a name server lives under (tldts, ICANN section of the Public Suffix List). */
export function providerOf(nameserver: string): string {
  const name = nameserver.toLowerCase().replace(/\.$/, "");
  return tldts.getDomain(name, { allowPrivateDomains: false }) ?? name;
}

function expiryFindings(record: WhoisRecord, origin: Origin, asOf: Date): Finding[] {
  const expires = record.dates?.expires;
  const days = daysUntil(expires, asOf);
  if (expires === undefined || days === undefined) return [];
  if (days < 0) return [finding("WL-AUDIT-EXPIRED", origin, "dates.expires", expires, `expired ${-days} day(s) before ${asOf.toISOString().slice(0, 10)} (${expires})`)];
  const window = EXPIRY_WINDOWS.find((w) => days <= w.days);
  return window ? [finding(window.id, origin, "dates.expires", expires, `expires in ${days} day(s) (${expires})`)] : [];
}

function autoRenewFindings(record: WhoisRecord, origin: Origin): Finding[] {
  const texts = [...(record.statuses ?? []), ...(record.remarks ?? [])];
  if (texts.some((text) => AUTORENEW_STATED.test(text))) return [];
  return [finding("WL-AUDIT-AUTORENEW-UNSTATED", origin, "statuses", (record.statuses ?? []).join(" "), "neither a status nor a remark says the domain renews automatically")];
}

const EPP_LOCKS = new Set([...CLIENT_LOCKS.flatMap((lock) => [lock.status, lock.server])].map(statusKey));

function lockFindings(record: WhoisRecord, origin: Origin, crownJewel: boolean): Finding[] {
  const have = new Set((record.statuses ?? []).map(statusKey));
  const shown = (record.statuses ?? []).join(" ");
  // A registry that publishes no EPP locks: their absence says nothing (unless this answer does show one).
  const registry = registryWithoutEppLocks(origin.domain);
  if (registry !== undefined && ![...have].some((status) => EPP_LOCKS.has(status))) {
    // The registry's own lock value shown (JPRS "[Lock Status] AgentChangeLocked"): the domain is locked its way.
    if (registry.ownLocks?.some((lock) => have.has(statusKey(lock.status)))) return [];
    const name = `${registry.registry} (.${registry.tld})`;
    return [finding("WL-AUDIT-LOCK-NOT-PUBLISHED", origin, "registry", name, `lock status not published by this registry — check with your registrar: ${name} publishes no EPP lock statuses (statuses: ${shown || "none stated"}); ${registry.locksBy}`)];
  }
  const out: Finding[] = [];
  for (const lock of CLIENT_LOCKS) {
    if (have.has(statusKey(lock.status)) || have.has(statusKey(lock.server))) continue;
    out.push(finding(lock.id, origin, "statuses", shown, `${lock.status} is not set (statuses: ${shown || "none stated"})`));
  }
  if (crownJewel) {
    const missing = REGISTRY_LOCK.filter((status) => !have.has(statusKey(status)));
    if (missing.length > 0) out.push(finding("WL-AUDIT-REGISTRY-LOCK-MISSING", origin, "statuses", shown, `crown-jewel domain lacks ${missing.join(", ")}`));
  }
  return out;
}

function nameserverFindings(record: WhoisRecord, origin: Origin): Finding[] {
  const names = (record.nameservers ?? []).map((ns) => ns.name.toLowerCase());
  if (names.length === 0) return [];
  const providers = new Set(names.map(providerOf));
  const shown = names.join(" ");
  if (providers.size === 1 && providers.has(origin.domain)) return [finding("WL-AUDIT-NS-IN-DOMAIN", origin, "nameservers", shown, `every name server is under ${origin.domain} itself`)];
  if (providers.size === 1) return [finding("WL-AUDIT-NS-SINGLE-PROVIDER", origin, "nameservers", shown, `every name server is under ${[...providers][0] ?? ""}`)];
  return [];
}

function abuseFindings(record: WhoisRecord, origin: Origin): Finding[] {
  if (record.registrar?.abuseEmail || record.registrar?.abusePhone) return [];
  const who = record.registrar?.name ?? record.registrar?.ianaId ?? "";
  // The evidence is the registrar the abuse contact is missing for; the missing fields are named in the message.
  return [finding("WL-AUDIT-ABUSE-CONTACT-MISSING", origin, "registrar", who || "(not stated)", `the record names no abuse email or phone (registrar.abuseEmail, registrar.abusePhone) for registrar ${who || "(not stated)"}`)];
}

/** Every single-record check on a registered domain's record. */
export function domainFindings(record: WhoisRecord, origin: Origin, context: { asOf: Date; crownJewel: boolean }): Finding[] {
  return [
    ...personalDataFindings(record, origin),
    ...expiryFindings(record, origin, context.asOf),
    ...autoRenewFindings(record, origin),
    ...lockFindings(record, origin, context.crownJewel),
    ...(record.dnssec === "unsigned" ? [finding("WL-AUDIT-DNSSEC-UNSIGNED", origin, "dnssec", "unsigned", "the registry holds no DS record for the domain")] : []),
    ...nameserverFindings(record, origin),
    ...abuseFindings(record, origin),
  ];
}
