import { isIPv6 } from "node:net";
import { ConfigError } from "../errors.js";
import type { Endpoint, ServerPolicy } from "./server-map-parse.js";
import { normalizeHost } from "../util/chars.js";
import { checkMap, describeIssue, isHttp, KEY, rdapTarget, whoisTarget, type MapInput } from "./server-map-parse.js";

/**
 * The `--servers FILE` map: where each named server really is, applied to every
 * hop (IANA, registries, registrars, RDAP hosts, referrals). Keys are the host
 * names a lookup would contact; values are one of
 *   "host:port"                                   a port-43 service ("[::1]:4343" for IPv6)
 *   "http://host:port/base/"                      an RDAP base: the original URL's path is appended to it
 *   { "address": <either of the above>, "qps": 20, "concurrency": 4 }
 *   { "whois": "host:port", "rdap": "http://…", "qps": …, "concurrency": … }   both services of one name
 * Entries are the user's explicit choice, so resolved targets carry `explicit: true`
 * and the private-address guard lets them through.
 */
export type { Endpoint, ServerPolicy };

export interface ResolvedWhois extends Endpoint {
  /** The user chose this target (--servers entry or -h): private addresses are allowed. */
  explicit: boolean;
}

export interface ResolvedRdap {
  url: string;
  explicit: boolean;
}

/** -h/--host, -p/--port and --rdap-url, composed over a map by ServerMap.withOverrides. */
export interface ServerOverrides {
  host?: string;
  port?: number;
  rdapUrl?: string;
}

export type ServerMapInput = MapInput;

interface ParsedEntry {
  whois?: Endpoint;
  rdapBase?: URL;
  policy?: ServerPolicy;
}

export class ServerMap {
  private readonly entries: ReadonlyMap<string, ParsedEntry>;

  constructor(
    entries: Map<string, ParsedEntry> = new Map(),
    private readonly overrides: ServerOverrides = {},
  ) {
    const normalized = new Map<string, ParsedEntry>();
    for (const [key, value] of entries) normalized.set(normalizeHost(key), value);
    this.entries = normalized;
  }

  /** Where the port-43 server `host` really is, if mapped (or named by -h). */
  whois(host: string): Endpoint | undefined {
    const resolved = this.resolveWhois(host);
    return resolved.explicit ? { host: resolved.host, port: resolved.port } : undefined;
  }

  /** The URL rewritten onto its host's mapped RDAP base, if mapped. */
  rdap(url: string): string | undefined {
    return this.rdapBaseFor(url) !== undefined ? this.resolveRdap(url).url : undefined;
  }

  /** Every hop's WHOIS target: mapped, or -h (with -p), or the host itself on `port`. */
  resolveWhois(host: string, port = 43): ResolvedWhois {
    const key = normalizeHost(host);
    const mapped = this.entries.get(key)?.whois;
    const isOverrideHost = this.overrides.host !== undefined && normalizeHost(this.overrides.host) === key;
    if (isOverrideHost) {
      const base = mapped ?? { host: key, port };
      return { host: base.host, port: this.overrides.port ?? base.port, explicit: true };
    }
    if (mapped) return { host: mapped.host, port: mapped.port, explicit: true };
    return { host: key, port, explicit: false };
  }

  /**
   * Every hop's RDAP URL: scheme, host and port replaced by the mapped base, the
   * original path appended to the base's path. URLs under --rdap-url are explicit.
   */
  resolveRdap(url: string): ResolvedRdap {
    const base = this.rdapBaseFor(url);
    if (base) {
      const original = new URL(url);
      const basePath = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
      return { url: `${base.origin}${basePath}${original.pathname.replace(/^\/+/, "")}${original.search}`, explicit: true };
    }
    const explicit = this.overrides.rdapUrl !== undefined && isUnder(url, this.overrides.rdapUrl);
    return { url, explicit };
  }

  /**
   * The URL is already at one of the map's RDAP targets (under its base URL): a link or redirect that a
   * mapped server wrote with its own address (a test server that knows only 127.0.0.1:port) goes to that
   * mapped server, the user's choice, not to a host outside the map.
   */
  isRdapTarget(url: string): boolean {
    for (const entry of this.entries.values()) if (entry.rdapBase !== undefined && isUnder(url, entry.rdapBase.href)) return true;
    return false;
  }

  policy(host: string): ServerPolicy | undefined {
    return this.entries.get(normalizeHost(host))?.policy;
  }

  /** The mapped host names (lower case). */
  hosts(): string[] {
    return [...this.entries.keys()];
  }

  get size(): number {
    return this.entries.size;
  }

  /** A copy with -h/-p and --rdap-url applied on top of the map (the flags win for their own host). */
  withOverrides(overrides: ServerOverrides): ServerMap {
    if (overrides.port !== undefined && (!Number.isInteger(overrides.port) || overrides.port < 1 || overrides.port > 65535)) {
      throw new ConfigError(`--port must be 1-65535, got ${overrides.port}`);
    }
    if (overrides.rdapUrl !== undefined) {
      const checked = rdapTarget(overrides.rdapUrl);
      if (typeof checked === "string") throw new ConfigError(`invalid --rdap-url: ${checked}`);
    }
    return new ServerMap(new Map(this.entries), { ...this.overrides, ...overrides });
  }

  /** A map with no entries: only the overrides, if any. */
  static empty(overrides: ServerOverrides = {}): ServerMap {
    return new ServerMap(new Map()).withOverrides(overrides);
  }

  private rdapBaseFor(url: string): URL | undefined {
    try {
      return this.entries.get(normalizeHost(new URL(url).hostname))?.rdapBase;
    } catch {
      return undefined;
    }
  }
}

/** Validates a parsed JSON map; a ConfigError names the bad key and what is wrong with it. */
export function loadServerMap(json: unknown): ServerMap {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ConfigError("invalid --servers map: expected a JSON object of host name → target");
  }
  const parsed = checkMap(json);
  if (!parsed.ok) {
    const issue = parsed.issue;
    const key = issue?.path[0];
    throw new ConfigError(`invalid --servers map at "${String(key ?? "?")}": ${describeIssue(issue)}`);
  }
  const entries = new Map<string, ParsedEntry>();
  for (const [rawKey, value] of Object.entries(parsed.data)) {
    const key = normalizeHost(rawKey);
    const fail = (why: string): never => {
      throw new ConfigError(`invalid --servers map at "${rawKey.slice(0, 200)}": ${why}`);
    };
    if (!KEY.test(key) && !isIPv6(key)) fail("the key must be a bare host name or IP address (no scheme, path or port)");
    if (entries.has(key)) fail("the same host is listed twice (keys compare case-insensitively)");
    const entry: ParsedEntry = {};
    const targets: { text: string; want?: "whois" | "rdap" }[] =
      typeof value === "string" ? [{ text: value }] : "address" in value ? [{ text: value.address }] : [];
    if (typeof value === "object" && !("address" in value)) {
      if (value.whois === undefined && value.rdap === undefined) fail('needs "whois", "rdap" or "address"');
      if (value.whois !== undefined) targets.push({ text: value.whois, want: "whois" });
      if (value.rdap !== undefined) targets.push({ text: value.rdap, want: "rdap" });
    }
    for (const { text, want } of targets) {
      const http = isHttp(text);
      if (want === "whois" && http) fail(`"whois" must be host:port, got a URL`);
      if (want === "rdap" && !http) fail(`"rdap" must be an http(s):// URL`);
      if (http) {
        const url = rdapTarget(text);
        if (typeof url === "string") fail(url);
        else entry.rdapBase = url;
      } else {
        const endpoint = whoisTarget(text);
        if (typeof endpoint === "string") fail(`${endpoint}; use host:port for port 43 or an http(s):// RDAP base`);
        else entry.whois = endpoint;
      }
    }
    if (typeof value === "object") {
      const policy: ServerPolicy = {};
      if (value.qps !== undefined) policy.qps = value.qps;
      if (value.concurrency !== undefined) policy.concurrency = value.concurrency;
      if (Object.keys(policy).length > 0) entry.policy = policy;
    }
    entries.set(key, entry);
  }
  return new ServerMap(entries);
}

function isUnder(url: string, base: string): boolean {
  try {
    const target = new URL(url);
    const root = new URL(base.endsWith("/") ? base : `${base}/`);
    return target.origin === root.origin && target.pathname.startsWith(root.pathname);
  } catch {
    return false;
  }
}
