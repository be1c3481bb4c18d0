import { ipaddr } from "../util/cjs-deps.js";
import type { QueryLogEntry } from "./contract.js";

/** What a port-43 line or an RDAP path asks for, before the dataset is consulted. */
export type ParsedQuery =
  | { type: "domain" | "nameserver" | "entity" | "ip"; value: string }
  | { type: "name"; value: string }
  | { type: "autnum"; value: number }
  | { type: "help" }
  | { type: "search"; over: "domains" | "nameservers"; value: string }
  /** RPSL inverse query (`-i org,admin-c HANDLE`); `referenced`: append the persons and roles named (no `-r`). */
  | { type: "inverse"; attributes: InverseAttribute[]; value: string; referenced: boolean }
  | { type: "bad"; reason: string; code?: "unknownAttribute" | "notSearchable" };

/**
 * The attributes an inverse query (`-i`) may name, as the RIPE Database indexes them ("Inverse Queries" in its
 * query reference), and which objects each reaches here: resources by their holder's handles, domains by their
 * contacts and name servers; `person` (short `pn`) is admin-c, tech-c and zone-c at once, as RIPE reads it.
 * `mnt-by` is searchable but the datasets hold no maintainers (no entries).
 */
export const INVERSE_ATTRIBUTES = ["org", "admin-c", "tech-c", "abuse-c", "zone-c", "person", "pn", "nserver", "mnt-by", "mnt-lower", "mnt-routes", "mnt-irt", "origin", "notify"] as const;
export type InverseAttribute = (typeof INVERSE_ATTRIBUTES)[number];
/** RPSL attributes that exist but are not inverse keys (RIPE: %ERROR:105 attribute is not searchable). */
const NOT_SEARCHABLE = new Set(["netname", "descr", "country", "status", "remarks", "address", "phone", "e-mail", "source", "created", "last-modified", "as-name", "inetnum", "inet6num", "aut-num", "domain", "nic-hdl"]);

/**
 * Query flags real clients send before the key (RIPE's -r/-B/-G, GNU whois -T type, Verisign's
 * "domain ", "=" for an exact match); one row each, with the number of arguments it takes.
 */
const FLAG_ARGUMENTS: Readonly<Record<string, number>> = { "-T": 1, "-s": 1, "-i": 1, "--inverse": 1, "--types": 1, "--sources": 1, "-V": 1, "-t": 1, "-v": 1 };
const KEYWORDS = new Set(["domain", "nameserver", "entity", "n", "="]);

/** RIPE's allowed query characters (Appendix C, %ERROR:108), plus "*" and "%" kept for search keys. */
const ALLOWED = /^[\p{L}\p{N}\-_:+=.,@/?'* ]*$/u;

/** A port-43 query line: flags and keywords dropped, then classified. */
export function parseWhoisQuery(line: string): ParsedQuery {
  const trimmed = line.trim();
  if (!ALLOWED.test(trimmed)) return { type: "bad", reason: "bad character in input" };
  const words = trimmed.split(/ +/).filter(Boolean);
  const keys: string[] = [];
  let explicit: "domain" | "nameserver" | "entity" | undefined;
  let inverse: string | undefined;
  let referenced = true;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? "";
    if (word.startsWith("-")) {
      if (word === "-i" || word === "--inverse") inverse = words[i + 1];
      // RIPE's combined short flags ("-rB") carry -r too.
      if (word === "--no-referenced" || (/^-[A-Za-z]*r[A-Za-z]*$/.test(word) && !(word in FLAG_ARGUMENTS))) referenced = false;
      i += FLAG_ARGUMENTS[word] ?? 0;
      continue;
    }
    const lowered = word.toLowerCase();
    if (keys.length === 0 && KEYWORDS.has(lowered)) {
      if (lowered === "domain") explicit = "domain";
      else if (lowered === "nameserver" || lowered === "n") explicit = "nameserver";
      else if (lowered === "entity") explicit = "entity";
      continue;
    }
    keys.push(word.replace(/^=/, ""));
  }
  if (keys.length === 0) return { type: "bad", reason: "no query argument specified" };
  const key = keys.join(" ");
  if (inverse !== undefined) return inverseQuery(inverse, key, referenced);
  if (key.toLowerCase() === "help") return { type: "help" };
  if (explicit) return { type: explicit, value: key };
  return classifyKey(key);
}

function inverseQuery(list: string, value: string, referenced: boolean): ParsedQuery {
  const attributes: InverseAttribute[] = [];
  for (const attribute of list.toLowerCase().split(",").filter(Boolean)) {
    const known = INVERSE_ATTRIBUTES.find((name) => name === attribute);
    if (known !== undefined) {
      attributes.push(known);
      continue;
    }
    return NOT_SEARCHABLE.has(attribute)
      ? { type: "bad", reason: `attribute "${attribute}" is not searchable`, code: "notSearchable" }
      : { type: "bad", reason: `unknown attribute "${attribute}"`, code: "unknownAttribute" };
  }
  return { type: "inverse", attributes, value, referenced };
}

/** A bare key: an address or prefix, an AS number, a name with a dot, else a handle. */
export function classifyKey(key: string): ParsedQuery {
  const asn = /^as(\d{1,10})$/i.exec(key);
  if (asn) return { type: "autnum", value: Number(asn[1]) };
  const [address = "", length] = key.split("/");
  // Only hex digits, dots and colons can be an address: names skip the parser.
  if (/^[0-9a-f.:]+$/i.test(address) && ipaddr.isValid(address) && (length === undefined || /^\d{1,3}$/.test(length))) return { type: "ip", value: key };
  if (key.includes(".") && !key.includes(" ")) return { type: "name", value: key };
  return { type: "entity", value: key };
}

/** An RDAP path (RFC 9082 §3.1) after the base; the search key comes from `name=`. */
export function parseRdapPath(path: string, searchName: string | undefined): ParsedQuery {
  // Read with indexOf and slice, not a regex and split/join: this runs on every RDAP query.
  let start = 0;
  while (path.charCodeAt(start) === 0x2f) start += 1;
  const slash = path.indexOf("/", start);
  const kind = slash === -1 ? path.slice(start) : path.slice(start, slash);
  /** Everything after the kind ("" when nothing follows, not even a slash). */
  const value = slash === -1 ? "" : path.slice(slash + 1);
  /** One segment follows the kind (a non-empty one is checked by each case). */
  const single = slash !== -1 && !value.includes("/");
  switch (kind) {
    case "help":
      return slash === -1 ? { type: "help" } : { type: "bad", reason: "unknown path" };
    case "domain":
    case "nameserver":
    case "entity":
      return single && value !== "" ? { type: kind, value } : { type: "bad", reason: `${kind} takes one name` };
    case "ip": {
      const [address = "", length, extra] = value.split("/");
      return slash !== -1 && extra === undefined && ipaddr.isValid(address) && (length === undefined || /^\d{1,3}$/.test(length)) ? { type: "ip", value } : { type: "bad", reason: "not an IP address or prefix" };
    }
    case "autnum":
      return single && /^\d{1,10}$/.test(value) ? { type: "autnum", value: Number(value) } : { type: "bad", reason: "not an AS number" };
    case "domains":
    case "nameservers":
      return slash === -1 && searchName !== undefined && searchName !== "" ? { type: "search", over: kind, value: searchName } : { type: "bad", reason: `${kind} search takes name=PATTERN` };
    default:
      return { type: "bad", reason: "unknown path" };
  }
}

export function logObjectType(query: ParsedQuery): QueryLogEntry["objectType"] {
  switch (query.type) {
    case "bad":
      return "unknown";
    case "name":
      return "domain";
    case "inverse":
      return "search";
    default:
      return query.type;
  }
}
