import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ipaddr from "ipaddr.js";
import { ConfigError } from "../errors.js";

/** One IANA bootstrap file (RFC 9224 §3): services are [entries, urls] pairs. */
export interface BootstrapFile {
  version?: string;
  publication?: string;
  description?: string;
  services: [string[], string[]][];
}

export interface BootstrapFiles {
  dns?: BootstrapFile;
  ipv4?: BootstrapFile;
  ipv6?: BootstrapFile;
  asn?: BootstrapFile;
  "object-tags"?: BootstrapFile;
}

export const BOOTSTRAP_KINDS = ["dns", "ipv4", "ipv6", "asn", "object-tags"] as const;
export type BootstrapKind = (typeof BOOTSTRAP_KINDS)[number];

/** The snapshot shipped in the package. */
export const SHIPPED_BOOTSTRAP_DIR = fileURLToPath(new URL("../../data/iana-bootstrap/", import.meta.url));

interface Prefix {
  network: ipaddr.IPv4 | ipaddr.IPv6;
  bits: number;
  urls: string[];
}

interface AsnRange {
  start: number;
  end: number;
  urls: string[];
}

/**
 * The IANA RDAP bootstrap, indexed once: domains by label suffix (longest wins),
 * IP prefixes by specificity, ASN ranges sorted for binary search, object tags
 * by tag. Each answer is a list of base URLs ending in "/", https first.
 */
export class Bootstrap {
  private readonly domains = new Map<string, string[]>();
  private readonly ipv4Prefixes: Prefix[] = [];
  private readonly ipv6Prefixes: Prefix[] = [];
  private readonly asnRanges: AsnRange[] = [];
  private readonly tags = new Map<string, string[]>();

  private constructor(files: BootstrapFiles) {
    for (const [entries, urls] of services(files.dns)) for (const entry of entries) this.domains.set(entry.toLowerCase().replace(/^\.|\.$/g, ""), urls);
    for (const [entries, urls] of services(files.ipv4)) this.ipv4Prefixes.push(...prefixes(entries, urls));
    for (const [entries, urls] of services(files.ipv6)) this.ipv6Prefixes.push(...prefixes(entries, urls));
    for (const [entries, urls] of services(files.asn)) {
      for (const entry of entries) {
        const [start, end = start] = entry.split("-").map(Number);
        if (Number.isInteger(start) && Number.isInteger(end)) this.asnRanges.push({ start: start as number, end: end as number, urls });
      }
    }
    this.asnRanges.sort((a, b) => a.start - b.start);
    // object-tags services are [emails, tags, urls] (RFC 8521 §2.1).
    for (const service of files["object-tags"]?.services ?? []) {
      const tuple = service as unknown as string[][];
      const tagList = tuple.length === 3 ? tuple[1] : tuple[0];
      const urls = orderUrls(tuple[tuple.length - 1] ?? []);
      for (const tag of tagList ?? []) this.tags.set(tag.toUpperCase(), urls);
    }
    for (const list of [this.ipv4Prefixes, this.ipv6Prefixes]) list.sort((a, b) => b.bits - a.bits);
  }

  static fromFiles(files: BootstrapFiles): Bootstrap {
    return new Bootstrap(files);
  }

  /** Loads from `dir`, else a fresh copy in the cache directory, else the shipped snapshot. */
  static load(dir?: string): Bootstrap {
    const directory = dir ?? SHIPPED_BOOTSTRAP_DIR;
    const files: BootstrapFiles = {};
    for (const kind of BOOTSTRAP_KINDS) {
      const path = join(directory, `${kind}.json`);
      if (!existsSync(path) || !statSync(path).isFile()) continue;
      try {
        files[kind] = JSON.parse(readFileSync(path, "utf8")) as BootstrapFile;
      } catch (error) {
        throw new ConfigError(`bootstrap file ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
      }
    }
    return new Bootstrap(files);
  }

  domain(name: string): string[] {
    const labels = name.toLowerCase().replace(/\.$/, "").split(".");
    for (let index = 0; index < labels.length; index += 1) {
      const urls = this.domains.get(labels.slice(index).join("."));
      if (urls) return urls;
    }
    return [];
  }

  ipv4(address: string): string[] {
    return matchPrefix(this.ipv4Prefixes, address);
  }

  ipv6(address: string): string[] {
    return matchPrefix(this.ipv6Prefixes, address);
  }

  asn(number: number): string[] {
    let low = 0;
    let high = this.asnRanges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const range = this.asnRanges[middle] as AsnRange;
      if (number < range.start) high = middle - 1;
      else if (number > range.end) low = middle + 1;
      else return range.urls;
    }
    return [];
  }

  /** Entity handles tagged per RFC 8521: "XYZ-ARIN" → ARIN's RDAP. */
  entity(handle: string): string[] {
    const dash = handle.lastIndexOf("-");
    if (dash === -1) return [];
    return this.tags.get(handle.slice(dash + 1).toUpperCase()) ?? [];
  }

  /** Every RDAP host named anywhere in the bootstrap (detection rules use it). */
  hosts(): string[] {
    const all = new Set<string>();
    const add = (urls: string[]): void => {
      for (const url of urls) {
        try {
          all.add(new URL(url).hostname.toLowerCase());
        } catch {
          // not a URL: skip
        }
      }
    };
    for (const urls of this.domains.values()) add(urls);
    for (const prefix of [...this.ipv4Prefixes, ...this.ipv6Prefixes]) add(prefix.urls);
    for (const range of this.asnRanges) add(range.urls);
    for (const urls of this.tags.values()) add(urls);
    return [...all].sort();
  }
}

function services(file: BootstrapFile | undefined): [string[], string[]][] {
  if (!file || !Array.isArray(file.services)) return [];
  return file.services
    .filter((service) => Array.isArray(service) && Array.isArray(service[0]) && Array.isArray(service[1]))
    .map(([entries, urls]) => [entries, orderUrls(urls)]);
}

/** https before http; every base ends in "/". */
function orderUrls(urls: string[]): string[] {
  return urls
    .filter((url) => typeof url === "string" && /^https?:\/\//i.test(url))
    .map((url) => (url.endsWith("/") ? url : `${url}/`))
    .sort((a, b) => Number(b.startsWith("https:")) - Number(a.startsWith("https:")));
}

function prefixes(entries: string[], urls: string[]): Prefix[] {
  const out: Prefix[] = [];
  for (const entry of entries) {
    try {
      const [network, bits] = ipaddr.parseCIDR(entry);
      out.push({ network, bits, urls });
    } catch {
      // malformed entry in a bootstrap file: ignore it
    }
  }
  return out;
}

function matchPrefix(list: Prefix[], address: string): string[] {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return [];
  }
  for (const prefix of list) {
    if (prefix.network.kind() === parsed.kind() && parsed.match(prefix.network, prefix.bits)) return prefix.urls;
  }
  return [];
}
