import type { Disagreement, WhoisRecord } from "../record/types.js";

/**
 * How a referred answer combines with the one that referred to it.
 * Domains: the registrar knows the contacts, the registry is authoritative for
 * dates, statuses and name servers. IP/ASN: the referred RIR is more specific,
 * so its answer wins. Either way a field only one side states is taken from it,
 * and a field both state differently is kept twice in `disagreements`.
 */
type Preference = "first" | "second";

interface FieldRule {
  field: keyof WhoisRecord;
  domain: Preference;
  network: Preference;
}

const FIELD_RULES: readonly FieldRule[] = [
  { field: "domain", domain: "first", network: "second" },
  { field: "dates", domain: "first", network: "second" },
  { field: "statuses", domain: "first", network: "second" },
  { field: "nameservers", domain: "first", network: "second" },
  { field: "dnssec", domain: "first", network: "second" },
  { field: "contacts", domain: "second", network: "second" },
  { field: "network", domain: "first", network: "second" },
  { field: "asn", domain: "first", network: "second" },
  { field: "remarks", domain: "second", network: "second" },
];

/** Sub-fields compared one by one (a date each) rather than as a whole. */
const PER_KEY_FIELDS = new Set<keyof WhoisRecord>(["dates", "domain", "network", "asn"]);
/** Compared for disagreements: what a hijack or a stale registrar would change. */
const COMPARED_FIELDS = new Set<keyof WhoisRecord>(["dates", "statuses", "nameservers", "dnssec", "domain"]);

/**
 * Fields of an IP or ASN answer that describe its object: when the referred RIR's object is another (more
 * specific) one than the referring server's, these come from the referred answer alone.
 */
const NUMBER_OBJECT_FIELDS = new Set<keyof WhoisRecord>(["network", "asn", "dates", "statuses", "contacts", "remarks"]);

/**
 * IANA's or ARIN's answer for a block it handed to another RIR describes that allocation (its holder is the
 * RIR, its type "Allocated to RIPE NCC", its dates the hand-over), not the network the referred RIR returns.
 * The two are the same object only when both give the same range (or AS range).
 */
function sameNumberObject(first: WhoisRecord, second: WhoisRecord): boolean {
  const a = first.network;
  const b = second.network;
  if (a !== undefined || b !== undefined) return a?.startAddress !== undefined && a.startAddress === b?.startAddress && a.endAddress === b.endAddress;
  return first.asn?.start !== undefined && first.asn.start === second.asn?.start && first.asn.end === second.asn.end;
}

/**
 * The first record as the base of a merge in which the referred answer describes another object: its object's
 * fields are the referred answer's, each in the first record's key order (the JSON output keeps its shape), and
 * those the referred answer lacks are left out; the source is the referred answer's.
 */
function referredObjectBase(first: WhoisRecord, second: WhoisRecord): WhoisRecord {
  const base: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(first)) {
    if (field === "source") base[field] = second.source;
    else if (!NUMBER_OBJECT_FIELDS.has(field as keyof WhoisRecord)) base[field] = value;
    else if (second[field as keyof WhoisRecord] !== undefined) base[field] = second[field as keyof WhoisRecord];
  }
  return base as unknown as WhoisRecord;
}

export function mergeReferral(first: WhoisRecord, second: WhoisRecord): WhoisRecord {
  const isDomain = first.kind === "domain";
  // Over RDAP an RIR redirects to the holder's RIR and only that record comes back; over port 43 both answers
  // arrive, and the referred one is the record (its source too), as it is over RDAP.
  const anotherObject = !isDomain && (second.network !== undefined || second.asn !== undefined) && !sameNumberObject(first, second);
  const base = anotherObject ? referredObjectBase(first, second) : first;
  const merged: WhoisRecord = { ...base };
  const disagreements: Disagreement[] = [...(first.disagreements ?? [])];
  const firstSource = first.source.server;
  const secondSource = second.source.server;

  for (const rule of FIELD_RULES) {
    const prefer = isDomain ? rule.domain : rule.network;
    const a: unknown = base[rule.field];
    const b: unknown = second[rule.field];
    if (b === undefined) continue;
    if (a === undefined) {
      assign(merged, rule.field, b);
      continue;
    }
    if (PER_KEY_FIELDS.has(rule.field) && isPlainObject(a) && isPlainObject(b)) {
      const [winner, loser] = prefer === "first" ? [a, b] : [b, a];
      assign(merged, rule.field, { ...loser, ...winner });
      if (COMPARED_FIELDS.has(rule.field)) {
        for (const key of Object.keys(b)) {
          if (a[key] !== undefined && !sameValue(a[key], b[key])) {
            disagreements.push(disagreement(`${rule.field}.${key}`, firstSource, a[key], secondSource, b[key]));
          }
        }
      }
      continue;
    }
    assign(merged, rule.field, prefer === "first" ? a : b);
    if (COMPARED_FIELDS.has(rule.field) && !sameValue(normalizeForCompare(a), normalizeForCompare(b))) {
      disagreements.push(disagreement(rule.field, firstSource, a, secondSource, b));
    }
  }

  merged.registrar = { ...(second.registrar ?? {}), ...(first.registrar ?? {}) };
  if (Object.keys(merged.registrar).length === 0) delete merged.registrar;
  if (isDomain && first.registrar?.name && second.registrar?.name && !sameName(first.registrar.name, second.registrar.name)) {
    disagreements.push(disagreement("registrar.name", firstSource, first.registrar.name, secondSource, second.registrar.name));
  }
  if (disagreements.length > 0) merged.disagreements = disagreements;
  else delete merged.disagreements;
  merged.referral = second.referral;
  if (merged.referral === undefined) delete merged.referral;
  merged.notes = [...(first.notes ?? []), ...(second.notes ?? [])];
  if (merged.notes.length === 0) delete merged.notes;
  // A flaw in either answer (a truncated registrar answer) is a flaw in the merged record.
  const warnings = [...(first.warnings ?? []), ...(second.warnings ?? [])];
  if (warnings.length > 0) merged.warnings = warnings;
  return merged;
}

function assign(target: WhoisRecord, field: keyof WhoisRecord, value: unknown): void {
  (target as unknown as Record<string, unknown>)[field] = value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function disagreement(field: string, firstSource: string, a: unknown, secondSource: string, b: unknown): Disagreement {
  return { field, values: [{ source: firstSource, value: a }, { source: secondSource, value: b }] };
}

/** Lists compare as sets of lower-case names (name servers) or words (statuses). */
function normalizeForCompare(value: unknown): unknown {
  if (!Array.isArray(value)) return typeof value === "string" ? value.toLowerCase() : value;
  return value
    .map((item) => (isPlainObject(item) && typeof item.name === "string" ? item.name : item))
    .map((item) => (typeof item === "string" ? item.toLowerCase() : JSON.stringify(item)))
    .sort();
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") {
    const dateA = Date.parse(a);
    const dateB = Date.parse(b);
    if (/^\d{4}-\d\d-\d\d/.test(a) && /^\d{4}-\d\d-\d\d/.test(b) && !Number.isNaN(dateA)) return dateA === dateB;
    return a.toLowerCase() === b.toLowerCase();
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameName(a: string, b: string): boolean {
  const simplify = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return simplify(a).includes(simplify(b)) || simplify(b).includes(simplify(a));
}
