// Single files, not servers/index.js, which also loads `update` (zod schemas and the RDAP client).
import type { Bootstrap } from "../servers/bootstrap.js";
import { curatedRdapBases } from "../servers/curated-rdap.js";
import { profileFor, type QueryKindForServer } from "../servers/profiles.js";
import { rirRdapBase, rirWhoisServerForRdapBase, whoisServerForDomain } from "../servers/whois-servers.js";
import type { RecordKind } from "../record/types.js";
import { WhoislensError } from "../errors.js";
import { isSuffixlessHandle, tldOf, type ClassifiedQuery } from "./classify.js";
import { registryWhoisForHandle, rirRdapBaseForHandle } from "./handle-suffixes.js";
import type { LookupOptions } from "./options.js";

export const IANA_WHOIS = "whois.iana.org";
/** Where IP, ASN and handle questions start when the bootstrap names no RIR: ARIN refers onwards. */
export const DEFAULT_RIR_WHOIS = "whois.arin.net";
/**
 * The same default over RDAP, for a handle with no RFC 8521 tag the bootstrap knows: ARIN's OrgIds
 * ("NWT-7") carry none, and port 43 already asks ARIN for them (DEFAULT_RIR_WHOIS).
 */
export const DEFAULT_RIR_RDAP = rirRdapBase(DEFAULT_RIR_WHOIS) as string;

/** RDAP URLs to try in order: --rdap-url, then the IANA bootstrap, then the curated list. */
export function rdapUrls(query: ClassifiedQuery, options: LookupOptions, bootstrap: Bootstrap): string[] {
  const path = rdapPath(query);
  if (path === undefined) return [];
  const bases = options.rdapUrl !== undefined ? [withSlash(options.rdapUrl)] : [...rdapBases(query, bootstrap)];
  return [...new Set(bases)].map((base) => base + path);
}

function rdapBases(query: ClassifiedQuery, bootstrap: Bootstrap): string[] {
  switch (query.kind) {
    case "domain": {
      const fromBootstrap = bootstrap.domain(query.value);
      return fromBootstrap.length > 0 ? fromBootstrap : curatedRdapBases(tldOf(query));
    }
    case "ipv4":
      return bootstrap.ipv4(query.value);
    case "ipv6":
      return bootstrap.ipv6(query.value);
    case "cidr": {
      const address = query.value.split("/")[0] ?? "";
      return query.family === 4 ? bootstrap.ipv4(address) : bootstrap.ipv6(address);
    }
    case "asn":
      return query.asn === undefined ? [] : bootstrap.asn(query.asn);
    case "handle": {
      const tagged = bootstrap.entity(query.value);
      if (tagged.length > 0) return tagged;
      // An RIR's own suffix IANA's tags miss ("-AP", "-AFRINIC"); a handle with no suffix at all names no
      // registry: no default (see handleRegistryUnknown).
      const bySuffix = rirRdapBaseForHandle(query.value);
      return bySuffix !== undefined ? [bySuffix] : isSuffixlessHandle(query) ? [] : [DEFAULT_RIR_RDAP];
    }
    case "tld":
      return [];
  }
}

function rdapPath(query: ClassifiedQuery): string | undefined {
  switch (query.kind) {
    case "domain":
      return `domain/${query.value}`;
    case "ipv4":
    case "ipv6":
    case "cidr":
      return `ip/${query.value}`;
    case "asn":
      return `autnum/${query.asn ?? ""}`;
    case "handle":
      return `entity/${encodeURIComponent(query.value)}`;
    case "tld":
      return undefined;
  }
}

function withSlash(base: string): string {
  return base.endsWith("/") ? base : `${base}/`;
}

/**
 * The port-43 server to ask first, or undefined when only IANA can tell
 * (an unknown TLD: ask whois.iana.org and follow its `refer:`).
 */
export function firstWhoisServer(query: ClassifiedQuery, options: LookupOptions, bootstrap: Bootstrap): string | undefined {
  if (options.host !== undefined) return options.host;
  switch (query.kind) {
    case "tld":
      return IANA_WHOIS;
    case "domain":
      return whoisServerForDomain(query.value);
    default: {
      // A registry's own handle suffix (-FRNIC, -NORID…) names its server, unless the user named a registry.
      const registry = query.kind === "handle" && options.rdapUrl === undefined ? registryWhoisForHandle(query.value) : undefined;
      if (registry !== undefined) return registry;
      // A handle asked of a registry's RDAP (--rdap-url) is asked of the same registry over port 43.
      const base = (query.kind === "handle" && options.rdapUrl !== undefined ? options.rdapUrl : undefined) ?? rdapBases(query, bootstrap)[0];
      const rir = base !== undefined ? rirWhoisServerForRdapBase(base) : undefined;
      return rir ?? (isSuffixlessHandle(query) ? undefined : DEFAULT_RIR_WHOIS);
    }
  }
}

/**
 * A handle with no `-SUFFIX` ("AMU2", LACNIC's persons) and no registry named by the user: every registry
 * could hold it, and asking one at random would answer "not found" for a handle that exists. GNU whois
 * says so too ("No whois server is known for this kind of object"); RDAP's bootstrap has nothing to match
 * (RFC 8521 tags are the part after the last hyphen). Undefined when the lookup has a route.
 */
export function handleRegistryUnknown(query: ClassifiedQuery, options: LookupOptions, bootstrap: Bootstrap): WhoislensError | undefined {
  if (!isSuffixlessHandle(query) || options.host !== undefined || options.rdapUrl !== undefined) return undefined;
  if (bootstrap.entity(query.value).length > 0) return undefined;
  return new WhoislensError(
    "WL_ERR_NO_SERVER",
    `${query.value} is a registry handle without a -SUFFIX naming its registry (RFC 8521), so no server is known for it: ` +
      "ask its registry with -h (LACNIC: -h whois.lacnic.net) or --rdap-url (LACNIC: --rdap-url https://rdap.lacnic.net/rdap/)",
  );
}

/** Whether port 43 has a server to ask for this query (a suffixless handle asked of a non-RIR --rdap-url has none). */
export function hasWhoisRoute(query: ClassifiedQuery, options: LookupOptions, bootstrap: Bootstrap): boolean {
  return !isSuffixlessHandle(query) || options.host !== undefined || firstWhoisServer(query, options, bootstrap) !== undefined;
}

/** The question as `server` wants it written (Verisign's `domain x`, DENIC's `-T dn,ace x`, ARIN's `n + x`). */
export function whoisRequest(server: string, query: ClassifiedQuery): string {
  const profile = profileFor(server);
  const kind = serverKind(query);
  const value = kind === "domain" && profile.idn === "unicode" && query.unicode !== undefined ? query.unicode : query.value;
  return profile.formatQuery(value, kind);
}

function serverKind(query: ClassifiedQuery): QueryKindForServer {
  switch (query.kind) {
    case "tld":
    case "domain":
      return "domain";
    case "ipv4":
    case "ipv6":
      return "ip";
    default:
      return query.kind;
  }
}

export function recordKindFor(query: ClassifiedQuery): RecordKind {
  switch (query.kind) {
    case "domain":
    case "tld":
      return "domain";
    case "asn":
      return "asn";
    case "handle":
      return "entity";
    default:
      return "ip";
  }
}

/** The host a lookup will ask first: the key bulk collection balances its in-flight lookups on. */
export function firstHopServer(query: ClassifiedQuery, options: LookupOptions, bootstrap: Bootstrap): string {
  if (options.protocol !== "whois" && options.host === undefined) {
    const url = rdapUrls(query, options, bootstrap)[0];
    if (url !== undefined) return new URL(url).hostname;
  }
  return firstWhoisServer(query, options, bootstrap) ?? IANA_WHOIS;
}
