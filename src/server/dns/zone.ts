import net from "node:net";
import type { Answer } from "dns-packet";
import { InvalidOptionError } from "../../errors.js";
import type { DnsRecords, DnsZoneTable } from "../dataset/dns.js";

/** What the zone says about one question (before it is put on the wire). */
export interface ZoneAnswer {
  rcode: "NOERROR" | "NXDOMAIN" | "REFUSED";
  /** The authoritative-answer bit: set for every name under a zone apex. */
  authoritative: boolean;
  answers: Answer[];
  /** The apex SOA on NXDOMAIN and NODATA (negative caching, RFC 2308). */
  authorities: Answer[];
}

export type ZoneLookup = (name: string, type: string) => ZoneAnswer;

const TTL = 3600;
const MAX_CNAME_HOPS = 8;
const REFUSED: ZoneAnswer = { rcode: "REFUSED", authoritative: false, answers: [], authorities: [] };

/** Lower case, no trailing dot: the table's key form. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** Builds the lookup for a zone table; throws InvalidOptionError naming the first bad row. */
export function createZoneLookup(table: DnsZoneTable): ZoneLookup {
  const names = new Map<string, DnsRecords>();
  for (const [owner, records] of Object.entries(table)) {
    validate(owner, records);
    names.set(normalizeName(owner), records);
  }
  const apexes = [...names].filter(([, records]) => records.SOA).map(([owner]) => owner);
  // Names that exist only because something lives below them (empty non-terminals) are NODATA, not NXDOMAIN.
  const exists = new Set<string>();
  for (const owner of names.keys()) for (let name: string | undefined = owner; name !== undefined; name = parent(name)) exists.add(name);

  const apexOf = (name: string): string | undefined => {
    for (let candidate: string | undefined = name; candidate !== undefined; candidate = parent(candidate)) {
      if (apexes.includes(candidate)) return candidate;
    }
    return undefined;
  };
  const negative = (apex: string): Answer[] => {
    const soa = names.get(apex)?.SOA;
    return soa ? [{ type: "SOA", name: apex, ttl: soa.minimum, class: "IN", data: { ...soa } }] : [];
  };

  return (queried, type) => {
    let owner = queried.replace(/\.$/, "");
    let key = normalizeName(owner);
    let apex = apexOf(key);
    if (apex === undefined) return REFUSED;
    const answers: Answer[] = [];
    for (let hop = 0; hop <= MAX_CNAME_HOPS; hop += 1) {
      const records = names.get(key);
      if (!records) {
        const rcode = exists.has(key) ? "NOERROR" : "NXDOMAIN";
        return { rcode, authoritative: true, answers, authorities: negative(apex) };
      }
      if (records.CNAME !== undefined && type !== "CNAME") {
        answers.push({ type: "CNAME", name: owner, ttl: TTL, class: "IN", data: records.CNAME });
        owner = records.CNAME;
        key = normalizeName(owner);
        const next = apexOf(key);
        // A target outside the world's zones: the CNAME alone, as an authoritative server answers.
        if (next === undefined) return { rcode: "NOERROR", authoritative: true, answers, authorities: [] };
        apex = next;
        continue;
      }
      const found = recordsOf(owner, records, type);
      answers.push(...found);
      return { rcode: "NOERROR", authoritative: true, answers, authorities: found.length === 0 ? negative(apex) : [] };
    }
    return { rcode: "NOERROR", authoritative: true, answers, authorities: [] };
  };
}

/** The resource records of one name for a question type ("ANY": all of them). */
function recordsOf(owner: string, records: DnsRecords, type: string): Answer[] {
  const any = type === "ANY";
  const out: Answer[] = [];
  const base = { name: owner, ttl: TTL, class: "IN" as const };
  if (any || type === "A") for (const address of records.A ?? []) out.push({ ...base, type: "A", data: address });
  if (any || type === "AAAA") for (const address of records.AAAA ?? []) out.push({ ...base, type: "AAAA", data: address });
  if (any || type === "NS") for (const host of records.NS ?? []) out.push({ ...base, type: "NS", data: host });
  if (any || type === "MX") for (const mx of records.MX ?? []) out.push({ ...base, type: "MX", data: { preference: mx.priority, exchange: mx.exchange } });
  if (any || type === "TXT") for (const text of records.TXT ?? []) out.push({ ...base, type: "TXT", data: characterStrings(text) });
  if ((any || type === "CNAME") && records.CNAME !== undefined) out.push({ ...base, type: "CNAME", data: records.CNAME });
  if ((any || type === "SOA") && records.SOA) out.push({ ...base, type: "SOA", data: { ...records.SOA } });
  return out;
}

/** A TXT string as ≤255-byte character-strings (RFC 1035 §3.3.14). */
function characterStrings(text: string): Buffer[] {
  const bytes = Buffer.from(text, "utf8");
  const parts: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += 255) parts.push(bytes.subarray(offset, offset + 255));
  return parts.length > 0 ? parts : [Buffer.alloc(0)];
}

function parent(name: string): string | undefined {
  if (name === "") return undefined;
  const dot = name.indexOf(".");
  return dot === -1 ? "" : name.slice(dot + 1);
}

const LABEL = /^(?:\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)$/;

function validName(name: string): boolean {
  const bare = normalizeName(name);
  return bare.length > 0 && bare.length <= 253 && bare.split(".").every((label) => LABEL.test(label));
}

function validate(owner: string, records: DnsRecords): void {
  const bad = (what: string): never => {
    throw new InvalidOptionError(`DNS zone row "${owner}": ${what}`);
  };
  if (!validName(owner)) bad("not a valid DNS name");
  for (const address of records.A ?? []) if (!net.isIPv4(address)) bad(`A ${address} is not an IPv4 address`);
  for (const address of records.AAAA ?? []) if (!net.isIPv6(address)) bad(`AAAA ${address} is not an IPv6 address`);
  for (const host of [...(records.NS ?? []), ...(records.MX ?? []).map((mx) => mx.exchange), ...(records.CNAME === undefined ? [] : [records.CNAME])]) {
    if (!validName(host)) bad(`target "${host}" is not a valid DNS name`);
  }
  for (const mx of records.MX ?? []) if (!Number.isInteger(mx.priority) || mx.priority < 0 || mx.priority > 65535) bad(`MX priority ${mx.priority} is not 0-65535`);
  if (records.CNAME !== undefined && Object.keys(records).some((key) => key !== "CNAME")) bad("a CNAME must be alone on its name");
}
