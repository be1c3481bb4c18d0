import { WhoislensError } from "../errors.js";
import { assertNotPrivateLiteral } from "../net/address-guard.js";
import { sameOrigin, urlHasCredentials } from "../net/origin.js";
import type { LookupOptions } from "./options.js";
import { normalizeHost } from "../util/chars.js";

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
 *
 * Trust is decided on parsed values only, never on string prefixes: a port-43 target is the
 * user's (-h) when host AND port equal -h/-p; an RDAP URL is the user's (--rdap-url) when its
 * origin (scheme, host, port) equals the base's and it carries no userinfo. Anything else a
 * server names (referral, related link, redirect) goes through the private-address guard.
 */
export function routeResolver(options: LookupOptions): RouteResolver {
  return new OptionsRouteResolver(options);
}

/** (A class rather than closures: one is made per lookup.) */
class OptionsRouteResolver implements RouteResolver {
  constructor(private readonly options: LookupOptions) {}

  /**
   * -h/-p is the user's own choice, like a --servers entry: that host on that port only. A referral
   * to another port of the same host (`127.0.0.1:6379`) is a server's choice, not the user's.
   */
  private isExplicitEndpoint(server: string, port: number): boolean {
    const { host } = this.options;
    if (host === undefined || port !== (this.options.port ?? 43)) return false;
    // The first hop asks -h's own string: equal without normalizing either.
    return server === host || normalizeHost(server) === normalizeHost(host);
  }

  whois(server: string, port = 43): WhoisEndpoint {
    const { options } = this;
    const mapped = options.servers?.whois(server);
    if (mapped) return { host: mapped.host, port: mapped.port, explicit: true };
    const explicit = this.isExplicitEndpoint(server, port);
    if (!options.allowPrivate && !explicit) assertNotPrivateLiteral(server);
    if (options.mappedOnly) throw notMapped(server);
    return { host: server, port, explicit };
  }

  rdap(url: string): RdapTarget {
    const { options } = this;
    // Credentials in a link are a server's doing (the user's base cannot carry any): never sent, never trusted.
    if (urlHasCredentials(url)) throw withCredentials(url);
    const rewritten = options.servers?.rdap(url);
    if (rewritten !== undefined && rewritten !== url) return { url: rewritten, explicit: true };
    if (options.servers?.isRdapTarget(url) === true) return { url, explicit: true };
    const explicit = options.rdapUrl !== undefined && sameOrigin(url, options.rdapUrl);
    if (!options.allowPrivate && !explicit) assertNotPrivateLiteral(hostOfUrl(url));
    if (options.mappedOnly) throw notMapped(hostOfUrl(url));
    return { url, explicit };
  }
}

/**
 * Splits "whois://host:port", "rwhois://…", "host:port" or "host" as found in referrals. After a scheme, a
 * path is dropped as GNU whois drops it (whois.c cuts the referral at its first "/"): an RWhois URL's query
 * part ("rwhois://host:4321/auth-area=192.0.2.0/24", draft-mealling-rwhoisurl) is not a server.
 */
export function parseReferralTarget(value: string): ReferralTarget | undefined {
  const trimmed = value.trim().replace(/^([a-z][a-z0-9+.-]*:\/\/[^/\s]+)\/.*$/i, "$1").replace(/\/+$/, "");
  const target = serverOf(trimmed);
  if (target === undefined || target.scheme !== "rwhois") return target;
  // The auth-area an RWhois referral names (RFC 2167 §3.3.11 "rwhois://host:port/auth-area=192.0.2.0/24"): not a
  // server, but part of the question — the same server under another auth-area is another question.
  const area = /\/auth-area=([\w.:/-]{1,100})\/?$/i.exec(value.trim());
  return area?.[1] === undefined ? target : { ...target, authArea: area[1].toLowerCase() };
}

/** A referral's server: its scheme (whois when none), host and port; an RWhois one's auth-area. */
export interface ReferralTarget {
  scheme: string;
  host: string;
  port?: number;
  authArea?: string;
}

function serverOf(trimmed: string): ReferralTarget | undefined {
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\[[0-9a-f:.]+\]|[^\s:/@]+)(?::(\d{1,5}))?$/i.exec(trimmed);
  if (!match) return undefined;
  const scheme = (match[1] ?? "whois").toLowerCase();
  const host = normalizeHost(match[2] ?? "");
  if (host === "") return undefined;
  const port = match[3] === undefined ? undefined : Number(match[3]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return port === undefined ? { scheme, host } : { scheme, host, port };
}

function withCredentials(url: string): WhoislensError {
  const host = hostOfUrl(url);
  return new WhoislensError("WL_ERR_PROTOCOL", `RDAP link to ${host} carries a user name or password; refused`, { server: host });
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
