import { ReferralError, WhoislensError } from "../errors.js";
import { isPrivateLiteral } from "../net/address-guard.js";
import type { LookupOptions } from "./options.js";

/** Where a named server really is, and whether the user chose it (so private addresses are fine). */
export interface WhoisEndpoint {
  host: string;
  port: number;
  explicit: boolean;
}

export interface RdapTarget {
  url: string;
  explicit: boolean;
}

export interface RouteResolver {
  whois(server: string, port?: number): WhoisEndpoint;
  rdap(url: string): RdapTarget;
}

/**
 * Applies the user's overrides to every hop: the --servers map first (IANA and
 * referrals included), then the plain host itself.
 */
export function routeResolver(options: LookupOptions): RouteResolver {
  return new OptionsRouteResolver(options);
}

/** (A class rather than closures: one is made per lookup.) */
class OptionsRouteResolver implements RouteResolver {
  constructor(private readonly options: LookupOptions) {}

  /** -h is the user's own choice, like a --servers entry. */
  private isExplicitHost(server: string): boolean {
    return this.options.host !== undefined && server.toLowerCase() === this.options.host.toLowerCase();
  }

  whois(server: string, port = 43): WhoisEndpoint {
    const { options } = this;
    const mapped = options.servers?.whois(server);
    if (mapped) return { host: mapped.host, port: mapped.port, explicit: true };
    if (!options.allowPrivate && isPrivateLiteral(server) && !this.isExplicitHost(server)) throw privateTarget(server);
    if (options.mappedOnly) throw notMapped(server);
    if (this.isExplicitHost(server)) return { host: server, port, explicit: true };
    return { host: server, port, explicit: false };
  }

  rdap(url: string): RdapTarget {
    const { options } = this;
    const rewritten = options.servers?.rdap(url);
    if (rewritten !== undefined && rewritten !== url) return { url: rewritten, explicit: true };
    const explicit = options.rdapUrl !== undefined && url.startsWith(options.rdapUrl);
    if (!options.allowPrivate && isPrivateLiteral(hostOfUrl(url)) && !explicit) throw privateTarget(hostOfUrl(url));
    if (options.mappedOnly) throw notMapped(hostOfUrl(url));
    if (explicit) return { url, explicit: true };
    return { url, explicit: false };
  }
}

/** Splits "whois://host:port", "rwhois://…", "host:port" or "host" as found in referrals. */
export function parseReferralTarget(value: string): { scheme: string; host: string; port?: number } | undefined {
  const trimmed = value.trim().replace(/\/+$/, "");
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\[[0-9a-f:.]+\]|[^\s:/]+)(?::(\d{1,5}))?$/i.exec(trimmed);
  if (!match) return undefined;
  const scheme = (match[1] ?? "whois").toLowerCase();
  const host = (match[2] ?? "").replace(/^\[|\]$/g, "").toLowerCase();
  const port = match[3] === undefined ? undefined : Number(match[3]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return port === undefined ? { scheme, host } : { scheme, host, port };
}

function privateTarget(server: string): ReferralError {
  return new ReferralError("WL_ERR_PRIVATE_ADDRESS", `${server} is a private/loopback/link-local address; refused (use --allow-private to permit)`, { server });
}

function notMapped(server: string): WhoislensError {
  return new WhoislensError("WL_ERR_NO_SERVER", `${server} is not in the --servers map (mapped-only mode)`, { server });
}

function hostOfUrl(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
