import { ipaddr } from "../util/cjs-deps.js";
import type { QueryLogEntry } from "./contract.js";
import { flagRow, INFO_QUERIES, MORE_SPECIFIC_MIN_LENGTH, rpslType, SERVE_SOURCE, TEMPLATES, type FlagRow, type InfoQuery, type IpFlag, type RpslType } from "./rpsl-flags.js";

/** RIPE-style options of a port-43 query (`-r`, `-T`, an IP hierarchy flag); RDAP queries have none. */
export interface RpslOptions {
  /** false with `-r`: the referenced persons, roles and organisations are not appended (nor counted). */
  referenced: boolean;
  /** `-T`: only objects of these types are answered. */
  types?: RpslType[];
  /** `-x`/`-l`/`-L`/`-m`/`-M` on an IP key. */
  ip?: IpFlag;
}

/** Why a query is refused, as the RIPE query server's error it is answered with (whois-text.ts WHOIS_ERRORS). */
export type BadQueryCode = "unknownAttribute" | "notSearchable" | "unknownSource" | "unknownType" | "badOption" | "duplicateIpFlags" | "rangeTooLarge" | "notImplemented";

/** What a port-43 line or an RDAP path asks for, before the dataset is consulted. */
export type ParsedQuery =
  | { type: "domain" | "nameserver" | "entity" | "ip"; value: string; options?: RpslOptions }
  | { type: "name"; value: string; options?: RpslOptions }
  | { type: "autnum"; value: number; options?: RpslOptions }
  | { type: "help" }
  /** `-q version|sources|types` and `-t TYPE` (RIPE): answered by the server itself, no object. */
  | { type: "info"; what: InfoQuery }
  | { type: "template"; objectType: RpslType }
  /** RFC 9082 §3.2 searches: by name pattern, or (`by: "ip"`) name servers by their address (§3.2.2). */
  | { type: "search"; over: "domains" | "nameservers"; value: string; by?: "ip" }
  /** RPSL inverse query (`-i org,admin-c HANDLE`); `referenced`: append the persons and roles named (no `-r`). */
  | { type: "inverse"; attributes: InverseAttribute[]; value: string; referenced: boolean; types?: RpslType[] }
  | { type: "bad"; reason: string; code?: BadQueryCode };

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

const KEYWORDS = new Set(["domain", "nameserver", "entity", "n", "="]);

/** RIPE's allowed query characters (Appendix C, %ERROR:108), plus "*" and "%" kept for search keys. */
const ALLOWED = /^[\p{L}\p{N}\-_:+=.,@/?'* ]*$/u;

const bad = (code: BadQueryCode, reason: string): ParsedQuery => ({ type: "bad", code, reason });

/** The flags of a line, each with its argument: short clusters ("-rBG", "-Tinetnum") split as RIPE's parser does. */
function readFlags(words: readonly string[]): { flags: { row: FlagRow; name: string; argument: string }[]; keys: string[] } | ParsedQuery {
  const flags: { row: FlagRow; name: string; argument: string }[] = [];
  const keys: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? "";
    if (word === "--") continue;
    if (!word.startsWith("-") || word.length === 1) {
      keys.push(word);
      continue;
    }
    const names = word.startsWith("--") ? [word] : [...word.slice(1)].map((letter) => `-${letter}`);
    for (let j = 0; j < names.length; j += 1) {
      const name = names[j] ?? "";
      const row = flagRow(name);
      if (row === undefined) return bad("badOption", `unknown flag "${name}"`);
      if (!row.argument) {
        flags.push({ row, name, argument: "" });
        continue;
      }
      // The rest of a short cluster is the argument ("-Tperson"), else the next word.
      const rest = word.startsWith("--") ? "" : word.slice(j + 2);
      const argument = rest !== "" ? rest : (words[(i += 1)] ?? "");
      if (argument === "") return bad("badOption", `flag "${name}" needs an argument`);
      flags.push({ row, name, argument });
      break;
    }
  }
  return { flags, keys };
}

/** A port-43 query line: flags read and checked (RIPE's errors for bad ones), keywords dropped, then classified. */
export function parseWhoisQuery(line: string): ParsedQuery {
  const trimmed = line.trim();
  if (!ALLOWED.test(trimmed)) return { type: "bad", reason: "bad character in input" };
  const read = readFlags(trimmed.split(/ +/).filter(Boolean));
  if ("type" in read) return read;
  let referenced = true;
  let types: RpslType[] | undefined;
  let inverse: string | undefined;
  let ip: IpFlag | undefined;
  let template: RpslType | undefined;
  let info: InfoQuery | undefined;
  for (const { row, argument } of read.flags) {
    switch (row.role) {
      case "no-referenced":
        referenced = false;
        break;
      case "types":
        types = [];
        for (const word of argument.split(",").filter(Boolean)) {
          const type = rpslType(word);
          if (type === undefined) return bad("unknownType", `unknown object type '${word}'`);
          types.push(type);
        }
        break;
      case "inverse":
        inverse = argument;
        break;
      case "sources":
        for (const source of argument.split(",").filter(Boolean)) if (source.toUpperCase() !== SERVE_SOURCE) return bad("unknownSource", `"${source}" is not a known source; use "-q sources" to list known sources`);
        break;
      case "template": {
        const type = rpslType(argument);
        if (type === undefined || TEMPLATES[type] === undefined) return bad("unknownType", `unknown object type '${argument}'`);
        template = type;
        break;
      }
      case "info": {
        const what = INFO_QUERIES.find((known) => known === argument.toLowerCase());
        if (what === undefined) return bad("badOption", `"-q ${argument}": the -q queries are ${INFO_QUERIES.join(", ")}`);
        info = what;
        break;
      }
      case "exact":
      case "one-less":
      case "all-less":
      case "one-more":
      case "all-more":
        if (ip !== undefined && ip !== row.role) return bad("duplicateIpFlags", "More than one IP flag (-l, -L, -m, -M or -x) passed to the server.");
        ip = row.role;
        break;
      default:
        // client-tag and the output options without effect here: accepted.
        break;
    }
  }
  if (info !== undefined) return { type: "info", what: info };
  if (template !== undefined) return { type: "template", objectType: template };
  const keys: string[] = [];
  let explicit: "domain" | "nameserver" | "entity" | undefined;
  for (const word of read.keys) {
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
  if (inverse !== undefined) return inverseQuery(inverse, key, referenced, types);
  if (key.toLowerCase() === "help") return { type: "help" };
  const options: RpslOptions = { referenced, ...(types ? { types } : {}), ...(ip ? { ip } : {}) };
  const plain = referenced && types === undefined && ip === undefined;
  if (explicit) return plain ? { type: explicit, value: key } : { type: explicit, value: key, options };
  const classified = classifyKey(key);
  if (classified.type === "ip" && (ip === "one-more" || ip === "all-more")) {
    const [address = "", length] = classified.value.split("/");
    const v6 = address.includes(":");
    const bits = length === undefined ? (v6 ? 128 : 32) : Number(length);
    if (bits < MORE_SPECIFIC_MIN_LENGTH[v6 ? "v6" : "v4"]) return bad("rangeTooLarge", `-m and -M are not allowed on prefixes shorter than /${MORE_SPECIFIC_MIN_LENGTH[v6 ? "v6" : "v4"]}`);
  }
  if (plain || (classified.type !== "domain" && classified.type !== "nameserver" && classified.type !== "entity" && classified.type !== "ip" && classified.type !== "name" && classified.type !== "autnum")) return classified;
  return { ...classified, options };
}

function inverseQuery(list: string, value: string, referenced: boolean, types: RpslType[] | undefined): ParsedQuery {
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
  return { type: "inverse", attributes, value, referenced, ...(types ? { types } : {}) };
}

/**
 * An IPv4 range key as RIPE prints and accepts it ("192.0.2.0 - 192.0.2.255", spaces optional) as the smallest
 * prefix covering it: exact for the CIDR-aligned ranges every inetnum here is; an unaligned range is looked up by
 * its covering prefix. Undefined when the key is no such range.
 */
export function rangeToPrefix(key: string): string | undefined {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3}) ?- ?(\d{1,3}(?:\.\d{1,3}){3})$/.exec(key);
  if (!match) return undefined;
  const [first, last] = [match[1] ?? "", match[2] ?? ""].map((text) => (ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text).toByteArray().reduce((n, byte) => n * 256 + byte, 0) : -1));
  if (first === undefined || last === undefined || first < 0 || last < first) return undefined;
  let length = 32;
  while (length > 0 && Math.floor(first / 2 ** (32 - length)) !== Math.floor(last / 2 ** (32 - length))) length -= 1;
  const base = Math.floor(first / 2 ** (32 - length)) * 2 ** (32 - length);
  return `${[24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256).join(".")}/${length}`;
}

/** A bare key: an address or prefix, an IPv4 range, an AS number, a name with a dot, else a handle. */
export function classifyKey(key: string): ParsedQuery {
  const range = rangeToPrefix(key);
  if (range !== undefined) return { type: "ip", value: range };
  const asn = /^as(\d{1,10})$/i.exec(key);
  if (asn) return { type: "autnum", value: Number(asn[1]) };
  const [address = "", length] = key.split("/");
  // Only hex digits, dots and colons can be an address: names skip the parser.
  if (/^[0-9a-f.:]+$/i.test(address) && ipaddr.isValid(address) && (length === undefined || /^\d{1,3}$/.test(length))) return { type: "ip", value: key };
  if (key.includes(".") && !key.includes(" ")) return { type: "name", value: key };
  return { type: "entity", value: key };
}

/**
 * An RDAP path (RFC 9082 §3.1) after the base; the search key comes from `name=`, or for a name server search
 * from `ip=` (`searchIp`). Entity search (§3.2.3, `entities?fn=` / `handle=`) is a contact-harvesting path we do
 * not offer: answered 501 with an error body (RFC 9082 §3.2 / RFC 7480 §5.5 let a server leave a search out).
 */
export function parseRdapPath(path: string, searchName: string | undefined, searchIp?: string): ParsedQuery {
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
    case "nameservers":
      if (slash === -1 && (searchName === undefined || searchName === "") && searchIp !== undefined) return ipaddr.isValid(searchIp) ? { type: "search", over: kind, value: searchIp, by: "ip" } : { type: "bad", reason: "nameservers search: ip= is not an IP address" };
      return slash === -1 && searchName !== undefined && searchName !== "" ? { type: "search", over: kind, value: searchName } : { type: "bad", reason: `${kind} search takes name=PATTERN` };
    case "domains":
      return slash === -1 && searchName !== undefined && searchName !== "" ? { type: "search", over: kind, value: searchName } : { type: "bad", reason: `${kind} search takes name=PATTERN` };
    case "entities":
      return { type: "bad", code: "notImplemented", reason: "entity search (fn=, handle=) is not offered by this server" };
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
    case "info":
    case "template":
      return "help";
    default:
      return query.type;
  }
}
