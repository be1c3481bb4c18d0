import { z } from "zod";
import { ConfigError } from "../errors.js";

/**
 * The `--servers` map: where each named server really is. Keys are the host
 * names the lookup would contact (IANA, registries, registrars, RDAP hosts);
 * values are one of
 *   "host:port"                       a port-43 service
 *   "http://host:port/base/"          an RDAP base; the original URL's path is appended
 *   { "address": <either of the above>, "qps": 20, "concurrency": 4 }
 *   { "whois": "host:port", "rdap": "http://…", "qps": …, "concurrency": … }  both at once
 * The entries are the user's explicit choice, so the private-address guard lets them through.
 */
export interface Endpoint {
  host: string;
  port: number;
}

export interface ServerPolicy {
  qps?: number;
  concurrency?: number;
}

const address = z.string().min(1);
const policyFields = {
  qps: z.number().positive().optional(),
  concurrency: z.number().int().positive().optional(),
};
const EntrySchema = z.union([
  address,
  z.object({ address, ...policyFields }).strict(),
  z
    .object({ whois: address.optional(), rdap: address.optional(), ...policyFields })
    .strict()
    .refine((value) => value.whois !== undefined || value.rdap !== undefined, "needs \"whois\" or \"rdap\""),
]);
const MapSchema = z.record(z.string().min(1), EntrySchema);

export type ServerMapInput = z.input<typeof MapSchema>;

interface ParsedEntry {
  whois?: Endpoint;
  rdapBase?: URL;
  policy?: ServerPolicy;
}

export class ServerMap {
  private readonly entries = new Map<string, ParsedEntry>();

  constructor(entries: Map<string, ParsedEntry>) {
    for (const [key, value] of entries) this.entries.set(key.toLowerCase(), value);
  }

  /** Where the port-43 server `host` really is, if mapped. */
  whois(host: string): Endpoint | undefined {
    return this.entries.get(host.toLowerCase())?.whois;
  }

  /** The URL rewritten onto the mapped RDAP base of its host, if mapped. */
  rdap(url: string): string | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    const base = this.entries.get(parsed.hostname.toLowerCase())?.rdapBase;
    if (!base) return undefined;
    const basePath = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
    return `${base.origin}${basePath}${parsed.pathname.replace(/^\/+/, "")}${parsed.search}`;
  }

  policy(host: string): ServerPolicy | undefined {
    return this.entries.get(host.toLowerCase())?.policy;
  }

  hosts(): string[] {
    return [...this.entries.keys()];
  }
}

/** Validates a parsed JSON map; ConfigError names the bad key. */
export function loadServerMap(json: unknown): ServerMap {
  const parsed = MapSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `"${issue.path.join(".")}"` : "the map";
    throw new ConfigError(`invalid --servers map at ${where}: ${issue?.message ?? "invalid"}`);
  }
  const entries = new Map<string, ParsedEntry>();
  for (const [key, value] of Object.entries(parsed.data)) {
    const entry: ParsedEntry = {};
    const targets = typeof value === "string" ? [value] : "address" in value ? [value.address] : [value.whois, value.rdap];
    for (const target of targets) {
      if (target === undefined) continue;
      if (/^https?:\/\//i.test(target)) entry.rdapBase = parseBase(key, target);
      else entry.whois = parseEndpoint(key, target);
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

function parseEndpoint(key: string, value: string): Endpoint {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[2]);
  if (!match || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`invalid --servers map at "${key}": "${value}" is neither host:port nor an http(s):// RDAP base`);
  }
  return { host: (match[1] ?? "").replace(/^\[|\]$/g, ""), port };
}

function parseBase(key: string, value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new ConfigError(`invalid --servers map at "${key}": "${value}" is not a valid URL`);
  }
}
