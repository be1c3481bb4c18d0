import type { Contact, WhoisRecord } from "../../record/types.js";
import { ownValue } from "../../util/own.js";
import { ALERT_KIND_TABLE, LOCK_STATUSES, REGISTRY_STATUS_WORDS, STATUS_SEVERITY } from "./kinds.js";
import { SEVERITIES, type AlertKind, type AlertSeverity } from "./types.js";

/** One difference between two fetches of the same object, before it becomes an alert. */
export interface Change {
  kind: AlertKind;
  severity: AlertSeverity;
  before: string | null;
  after: string | null;
  /** The record field compared. */
  field: string;
  note?: string;
}

export interface DiffContext {
  /** The time of the newer fetch (expiry-near counts days from it). */
  now: Date;
  nearDays: number;
}

const DAY_MS = 86_400_000;

/**
 * Statuses compared case-, space-, hyphen- and underscore-blind, in EPP's words: RDAP's "active" is EPP's
 * "ok" (RFC 8056 §2), a registry's own words map through REGISTRY_STATUS_WORDS, and ICANN's trailing
 * "https://icann.org/epp#…" link or a closing full stop is not part of the status.
 */
export function statusKey(status: string): string {
  const word = status.trim().split(/\s+https?:\/\//)[0] ?? "";
  const key = word.toLowerCase().replace(/[\s_.-]+/g, "");
  return ownValue(REGISTRY_STATUS_WORDS, key)?.epp ?? key;
}

const sortedJoin = (values: readonly string[]): string => [...new Set(values)].sort().join(" ");

/** The registrar as compared: its name, else its IANA id (a name reworded alone is no transfer). */
function registrarOf(record: WhoisRecord): string | null {
  const r = record.registrar;
  if (!r) return null;
  return r.ianaId !== undefined ? `${r.name ?? ""} (IANA ${r.ianaId})`.trim() : (r.name ?? null);
}

const registrarName = (record: WhoisRecord): string | undefined => record.registrar?.name?.toLowerCase().replace(/[\s,.]+/g, " ").trim() || undefined;

/**
 * Whether the registrar changed, comparing like with like: IANA ids when both records state one, else
 * names. A port-43 answer that names the registrar without its id (AFNIC, Nominet) against an RDAP
 * answer that gives the id is no transfer; undefined when the two do not state a comparable value.
 */
function registrarChanged(before: WhoisRecord, after: WhoisRecord): boolean | undefined {
  const [bi, ai] = [before.registrar?.ianaId, after.registrar?.ianaId];
  if (bi !== undefined && ai !== undefined) return bi !== ai;
  const [bn, an] = [registrarName(before), registrarName(after)];
  return bn !== undefined && an !== undefined ? bn !== an : undefined;
}

function nameserversOf(record: WhoisRecord): string | null {
  const names = (record.nameservers ?? []).map((ns) => ns.name.toLowerCase().replace(/\.$/, ""));
  return names.length === 0 ? null : sortedJoin(names);
}

/** Locks and other statuses; "ok" only when nothing else is stated (RFC 5731 §2.3: "ok" combines with no other status). */
function statusSets(record: WhoisRecord): { locks: Set<string>; other: Set<string> } {
  const locks = new Set<string>();
  const other = new Set<string>();
  for (const status of record.statuses ?? []) {
    const key = statusKey(status);
    (LOCK_STATUSES.includes(key) ? locks : other).add(key);
  }
  if (other.has("ok") && (other.size > 1 || locks.size > 0)) other.delete("ok");
  return { locks, other };
}

/** A status change's severity: the highest STATUS_SEVERITY row among the statuses that appeared, else the kind's. */
function statusSeverity(appeared: readonly string[]): AlertSeverity {
  const rows = appeared.map((s) => ownValue(STATUS_SEVERITY, s)?.severity).filter((s): s is AlertSeverity => s !== undefined);
  if (rows.length === 0) return ALERT_KIND_TABLE["status-changed"].severity;
  return rows.reduce((a, b) => (SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a));
}

/** The contact as compared: organisation and e-mail of the registrant and admin (redacted fields stay absent). */
/**
 * Who holds a contact: its organisation, else its name. Nominet's port 43 prints the registrant's legal
 * name alone under "Registrant:" (often a company), with no organisation and no e-mail: without the
 * name its registrant could never be compared.
 */
const holderOf = (contact: Contact): string | undefined => contact.organization?.trim() || contact.name?.trim() || undefined;

function contactsOf(record: WhoisRecord): string | null {
  const pick = (contact: Contact | undefined): string => [contact ? holderOf(contact) : undefined, contact?.email?.toLowerCase()].filter((v) => v !== undefined && v !== "").join(" / ");
  const of = (role: Contact["roles"][number]): string => pick(record.contacts?.find((c) => c.roles.includes(role)));
  const parts = [["registrant", of("registrant")], ["admin", of("administrative")]].filter(([, v]) => v !== "").map(([role, v]) => `${role}: ${v}`);
  return parts.length === 0 ? null : parts.join("; ");
}

/**
 * Registrant/admin organisation or e-mail stated in both records and different (one redacted is no
 * change); where neither record states an organisation, the names stated in both (Nominet's registrant).
 */
function contactFieldsDiffer(before: WhoisRecord, after: WhoisRecord): boolean {
  for (const role of ["registrant", "administrative"] as const) {
    const [b, a] = [before.contacts?.find((c) => c.roles.includes(role)), after.contacts?.find((c) => c.roles.includes(role))];
    if (!b || !a) continue;
    const org = (c: Contact): string | undefined => c.organization?.trim().toLowerCase() || undefined;
    const email = (c: Contact): string | undefined => c.email?.trim().toLowerCase() || undefined;
    const name = (c: Contact): string | undefined => (org(b) === undefined && org(a) === undefined ? c.name?.trim().toLowerCase() || undefined : undefined);
    for (const read of [org, email, name]) {
      const [x, y] = [read(b), read(a)];
      if (x !== undefined && y !== undefined && x !== y) return true;
    }
  }
  return false;
}

const expiryOf = (record: WhoisRecord): string | null => record.dates?.expires ?? null;

function daysLeft(expires: string, now: Date): number | undefined {
  const at = Date.parse(expires);
  return Number.isNaN(at) ? undefined : Math.floor((at - now.getTime()) / DAY_MS);
}

const change = (kind: AlertKind, field: string, before: string | null, after: string | null, severity: AlertSeverity = ALERT_KIND_TABLE[kind].severity, note?: string): Change =>
  note === undefined ? { kind, severity, before, after, field } : { kind, severity, before, after, field, note };

/**
 * The differences between two fetches of a watched domain, as alert-kind changes. A value one of
 * the two records does not state (redacted, or a thinner answer) is no change: only two stated
 * values that differ are. `before` undefined is the first fetch: only expiry-near can fire.
 */
export function diffDomain(before: WhoisRecord | undefined, after: WhoisRecord, ctx: DiffContext): Change[] {
  const changes: Change[] = [];
  if (before?.status === "registered" && after.status === "available") {
    return [change("domain-dropped", "status", "registered", "available")];
  }
  if (after.status !== "registered") return changes;
  if (before?.status === "registered") {
    if (registrarChanged(before, after) === true) changes.push(change("registrar-changed", "registrar", registrarOf(before), registrarOf(after)));
    const [bn, an] = [nameserversOf(before), nameserversOf(after)];
    if (bn !== null && an !== null && bn !== an) changes.push(change("nameservers-changed", "nameservers", bn, an));
    const [bs, as] = [statusSets(before), statusSets(after)];
    if (before.statuses !== undefined && after.statuses !== undefined) {
      const removed = [...bs.locks].filter((s) => !as.locks.has(s));
      const added = [...as.locks].filter((s) => !bs.locks.has(s));
      if (removed.length > 0) changes.push(change("lock-removed", "statuses", sortedJoin([...bs.locks]), sortedJoin([...as.locks]) || null, "high", `removed: ${removed.sort().join(" ")}`));
      if (added.length > 0) changes.push(change("lock-added", "statuses", sortedJoin([...bs.locks]) || null, sortedJoin([...as.locks]), "info", `added: ${added.sort().join(" ")}`));
      const [bo, ao] = [sortedJoin([...bs.other]), sortedJoin([...as.other])];
      if (bo !== ao) {
        const appeared = [...as.other].filter((s) => !bs.other.has(s)).sort();
        changes.push(change("status-changed", "statuses", bo || null, ao || null, statusSeverity(appeared), appeared.length > 0 ? `appeared: ${appeared.join(" ")}` : undefined));
      }
    }
    if (contactFieldsDiffer(before, after)) changes.push(change("contact-changed", "contacts", contactsOf(before), contactsOf(after)));
    if (before.dnssec !== undefined && after.dnssec !== undefined && before.dnssec !== after.dnssec) {
      changes.push(change("dnssec-changed", "dnssec", before.dnssec, after.dnssec, after.dnssec === "unsigned" ? "high" : "medium"));
    }
  }
  const [be, ae] = [before?.status === "registered" ? expiryOf(before) : null, expiryOf(after)];
  const left = ae === null ? undefined : daysLeft(ae, ctx.now);
  const near = left !== undefined && left <= ctx.nearDays;
  if (be !== null && ae !== null && be !== ae) {
    const forward = Date.parse(ae) > Date.parse(be);
    changes.push(change("expiry-changed", "dates.expires", be, ae, forward && !near ? "info" : "high", forward ? "moved forward (renewal)" : "moved back"));
  }
  if (ae !== null && near) changes.push(change("expiry-near", "dates.expires", null, ae, "high", `${left} days left`));
  return changes;
}

/** A lookalike candidate: registered since the last look, or changed while registered. */
export function diffLookalike(before: WhoisRecord | undefined, after: WhoisRecord): Change[] {
  if (after.status !== "registered") return [];
  if (before?.status !== "registered") {
    return [change("lookalike-registered", "status", before?.status ?? null, summary(after))];
  }
  const [b, a] = [summary(before), summary(after)];
  return b === a ? [] : [change("lookalike-changed", "registrar, nameservers, contacts", b, a)];
}

/** What identifies a lookalike's registration: registrar, name servers, registrant, creation date. */
function summary(record: WhoisRecord): string {
  const parts = [
    ["registrar", registrarOf(record)],
    ["nameservers", nameserversOf(record)],
    ["contacts", contactsOf(record)],
    ["created", record.dates?.created ?? null],
  ].filter((part): part is [string, string] => part[1] !== null);
  return parts.map(([field, value]) => `${field}: ${value}`).join("; ") || "registered";
}

/**
 * A watched netblock: holder, handle, range, name or contacts changed, or the answer's status (a
 * dropped block). As for domains, a field one answer does not state (a thinner port-43 fallback) is
 * no change: only two stated values that differ are.
 */
export function diffNetwork(before: WhoisRecord | undefined, after: WhoisRecord): Change[] {
  if (before === undefined) return [];
  const [b, a] = [networkOf(before), networkOf(after)];
  if (b === a) return [];
  if (before.status === after.status) {
    const [bf, af] = [networkFields(before), networkFields(after)];
    const differs = Object.entries(bf).some(([field, value]) => value !== undefined && af[field] !== undefined && af[field]?.toLowerCase() !== value.toLowerCase());
    if (!differs) return [];
  }
  return [change("network-changed", "network", b, a)];
}

function networkFields(record: WhoisRecord): Record<string, string | undefined> {
  const n = record.network ?? {};
  const blank = (value: string | null | undefined): string | undefined => (value === null || value === undefined || value === "" ? undefined : value);
  return {
    handle: blank(n.handle),
    name: blank(n.name),
    organization: blank(n.organization),
    range: blank(n.cidrs?.join(" ") ?? (n.startAddress && n.endAddress ? `${n.startAddress} - ${n.endAddress}` : undefined)),
    contacts: blank(contactsOf(record)),
  };
}

function networkOf(record: WhoisRecord): string {
  if (record.status !== "registered") return record.status;
  return Object.entries(networkFields(record))
    .filter((part): part is [string, string] => part[1] !== undefined)
    .map(([field, value]) => `${field}: ${value}`)
    .join("; ");
}

/** The contact roles the diff compares (contactsOf, contactFieldsDiffer). */
const COMPARED_ROLES = ["registrant", "administrative"] as const;

/**
 * The baseline to keep after a fetch: the newer record, with what it does not state taken from the
 * older one (registrar, name servers, statuses, DNSSEC, dates, the registrant's and admin's
 * organisation and e-mail, the network's fields). A partial answer — the registrar's server down
 * behind a thin registry, a port-43 fallback that omits DNSSEC, a redacted field — must not erase
 * the last stated value, or a change made meanwhile would never be compared (stated vs stated).
 * Only between two registered records of the same object; anything else keeps the newer as it is.
 */
export function carryForward(before: WhoisRecord | undefined, after: WhoisRecord): WhoisRecord {
  if (before === undefined || before.status !== "registered" || after.status !== "registered") return after;
  const kept: WhoisRecord = { ...after };
  if (kept.registrar === undefined && before.registrar !== undefined) kept.registrar = before.registrar;
  if ((kept.nameservers === undefined || kept.nameservers.length === 0) && before.nameservers !== undefined && before.nameservers.length > 0) kept.nameservers = before.nameservers;
  if (kept.statuses === undefined && before.statuses !== undefined) kept.statuses = before.statuses;
  if (kept.dnssec === undefined && before.dnssec !== undefined) kept.dnssec = before.dnssec;
  if (before.dates !== undefined) kept.dates = { ...before.dates, ...definedOnly(after.dates ?? {}) };
  if (before.network !== undefined) kept.network = { ...before.network, ...definedOnly(after.network ?? {}) };
  const contacts = [...(after.contacts ?? [])];
  for (const role of COMPARED_ROLES) {
    const old = before.contacts?.find((c) => c.roles.includes(role));
    if (!old) continue;
    const index = contacts.findIndex((c) => c.roles.includes(role));
    const current = contacts[index];
    if (current === undefined) {
      contacts.push({ ...old, roles: [role] });
      continue;
    }
    const filled: Contact = { ...current };
    if (!filled.organization && old.organization) filled.organization = old.organization;
    if (!filled.name && old.name) filled.name = old.name;
    if (!filled.email && old.email) filled.email = old.email;
    contacts[index] = filled;
  }
  if (contacts.length > 0) kept.contacts = contacts;
  return kept;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== "")) as Partial<T>;
}
