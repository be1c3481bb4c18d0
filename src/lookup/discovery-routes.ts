import { createHash } from "node:crypto";
import type { WhoisRecord } from "../record/types.js";
import type { ServerMap } from "../servers/server-map.js";
import { RIR_WHOIS } from "../servers/whois-servers.js";
import { tldOf, type ClassifiedQuery } from "./classify.js";
import { tldKey, type DiscoveredRoute } from "./discovery.js";
import type { LookupOptions } from "./options.js";
import { IANA_WHOIS } from "./plan.js";

/**
 * Which answers teach a route, and which queries may use one (discovery.ts keeps them). Only
 * referrals that depend on the TLD or the block alone: IANA's `refer:` for a TLD, and an RIR's
 * referral to another RIR for the block its answer names. A registry's referral to a registrar is
 * about one domain and is never learned.
 */
const RIR_HOSTS: ReadonlySet<string> = new Set(Object.values(RIR_WHOIS));

function addressOf(query: ClassifiedQuery): string | undefined {
  if (query.kind === "ipv4" || query.kind === "ipv6") return query.value;
  if (query.kind === "cidr") return query.value.split("/")[0];
  return undefined;
}

/** The learned port-43 server for a domain whose TLD no table names (else undefined: ask IANA). */
export function learnedTldRoute(query: ClassifiedQuery, options: LookupOptions): DiscoveredRoute | undefined {
  if (options.discovery === undefined || query.kind !== "domain") return undefined;
  return options.discovery.tld(discoveryScope(options.servers), tldOf(query));
}

/** The learned RIR for an address whose block an RIR referred elsewhere. */
export function learnedBlockRoute(query: ClassifiedQuery, options: LookupOptions): DiscoveredRoute | undefined {
  const address = addressOf(query);
  if (options.discovery === undefined || address === undefined) return undefined;
  return options.discovery.block(discoveryScope(options.servers), address);
}

/**
 * What a bulk runner holds duplicates back on while one query learns the route: the TLD of a domain
 * whose first hop would be IANA. Undefined when the route is known or not IANA's to give.
 */
export function discoveryKeyFor(query: ClassifiedQuery, options: LookupOptions, firstServer: string): string | undefined {
  if (options.discovery === undefined || query.kind !== "domain" || firstServer !== IANA_WHOIS) return undefined;
  return tldKey(discoveryScope(options.servers), tldOf(query));
}

/** IANA named the TLD's server: keep it for every later domain under that TLD. */
export function learnFromIana(query: ClassifiedQuery, options: LookupOptions, target: { host: string; port?: number }): void {
  options.discovery?.learnTld(discoveryScope(options.servers), tldOf(query), routeTo(target, IANA_WHOIS));
}

/**
 * An RIR referred an address to another RIR: keep that for the most specific block the answer names
 * that holds the address (discovery.ts refuses blocks wider than an RIR allocation).
 */
export function learnFromRir(query: ClassifiedQuery, options: LookupOptions, asked: string, record: WhoisRecord, target: { host: string; port?: number }): void {
  const address = addressOf(query);
  if (options.discovery === undefined || address === undefined) return;
  if (!RIR_HOSTS.has(asked.toLowerCase()) || !RIR_HOSTS.has(target.host.toLowerCase())) return;
  const cidrs = record.network?.cidrs ?? [];
  const bySpecificity = [...cidrs].sort((a, b) => Number(b.split("/")[1] ?? 0) - Number(a.split("/")[1] ?? 0));
  const scope = discoveryScope(options.servers);
  const route = routeTo(target, asked);
  for (const cidr of bySpecificity) if (options.discovery.learnBlock(scope, cidr, address, route)) return;
}

/** The route to `target` as learned from `from` (no port key when the referral named none). */
function routeTo(target: { host: string; port?: number }, from: string): DiscoveredRoute {
  return target.port === undefined ? { host: target.host, from } : { host: target.host, port: target.port, from };
}

/** Provenance: a record whose first hop came from discovery says so. */
export function noteLearned(record: WhoisRecord | undefined, what: string, route: DiscoveredRoute): void {
  if (record) (record.notes ??= []).push(`${what} asked at ${route.host} as learned earlier from ${route.from} (discovery cache)`);
}

const scopes = new WeakMap<ServerMap, string>();

/**
 * Routes learned through a `--servers` map belong to that map: IANA there is a test server, and what
 * it says must never steer a real run (nor a run with another map). Real-world routes have scope "".
 */
export function discoveryScope(servers: ServerMap | undefined): string {
  if (servers === undefined || servers.size === 0) return "";
  let scope = scopes.get(servers);
  if (scope === undefined) {
    const hash = createHash("sha256");
    for (const host of servers.hosts().sort()) {
      const whois = servers.resolveWhois(host);
      hash.update(`${host}=${whois.explicit ? `${whois.host}:${whois.port}` : ""};${rdapOf(servers, host)}\n`);
    }
    scope = `map:${hash.digest("hex").slice(0, 16)}`;
    scopes.set(servers, scope);
  }
  return scope;
}

function rdapOf(servers: ServerMap, host: string): string {
  try {
    return servers.rdap(`https://${host}/`) ?? "";
  } catch {
    return "";
  }
}
