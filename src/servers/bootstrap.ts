import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { domainToASCII } from "node:url";
import { ConfigError } from "../errors.js";
import { dataPath } from "../paths.js";
import { decodeText } from "../util/text-encoding.js";
import { AsnIndex, orderUrls, parseAddress, PrefixIndex } from "./bootstrap-index.js";
import { cachedBootstrapDir, type Env } from "./paths.js";

/** One IANA bootstrap file (RFC 9224 §3): services are [entries, urls] pairs; object tags are [emails, tags, urls] (RFC 8521). */
export interface BootstrapFile {
  version?: string;
  publication?: string;
  description?: string;
  services: string[][][];
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

/** The snapshot shipped in the package (found from the package root: src/, dist/ and the CLI bundle sit at different depths). */
export const SHIPPED_BOOTSTRAP_DIR = dataPath("iana-bootstrap");
/** Written by `whoislens update` beside the five files once all of them are in place. */
export const BOOTSTRAP_STAMP_FILE = "fetched.json";
/** Bootstrap files are ~70 KB; anything far larger is not one. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * The IANA RDAP bootstrap, indexed once: domains by label suffix (longest wins),
 * IP prefixes by length (most specific wins), ASN ranges sorted for binary search,
 * object tags by tag. Every answer is a list of base URLs ending in "/", https first.
 */
export class Bootstrap {
  private readonly domains = new Map<string, string[]>();
  private readonly ipv4Index = new PrefixIndex(32);
  private readonly ipv6Index = new PrefixIndex(128);
  private readonly asnIndex = new AsnIndex();
  private readonly tags = new Map<string, string[]>();

  private constructor(
    files: BootstrapFiles,
    /** Where the files came from: a directory, or "memory" for fromFiles. */
    readonly source: string,
  ) {
    for (const [entries, urls] of pairs(files.dns)) {
      for (const entry of entries) {
        const key = normalizeDomain(entry);
        if (key !== "" && !this.domains.has(key)) this.domains.set(key, urls);
      }
    }
    for (const [entries, urls] of pairs(files.ipv4)) for (const entry of entries) this.ipv4Index.add(entry, urls);
    for (const [entries, urls] of pairs(files.ipv6)) for (const entry of entries) this.ipv6Index.add(entry, urls);
    for (const [entries, urls] of pairs(files.asn)) for (const entry of entries) this.asnIndex.add(entry, urls);
    for (const service of servicesOf(files["object-tags"])) {
      // [emails, tags, urls]; a two-element [tags, urls] is tolerated.
      const tagList = service.length >= 3 ? service[1] : service[0];
      const urls = orderUrls(service[service.length - 1]);
      if (!Array.isArray(tagList) || urls.length === 0) continue;
      for (const tag of tagList) if (typeof tag === "string" && tag !== "") this.tags.set(tag.toUpperCase(), urls);
    }
  }

  static fromFiles(files: BootstrapFiles): Bootstrap {
    return new Bootstrap(files, "memory");
  }

  /**
   * Loads `dir` when given; otherwise the cached copy written by `whoislens update`
   * when it is complete, else the shipped snapshot. Missing files leave that kind
   * empty; a file that is not JSON is a ConfigError naming it.
   */
  static load(dir?: string, env: Env = process.env): Bootstrap {
    const directory = dir ?? defaultBootstrapDir(env);
    const files: BootstrapFiles = {};
    for (const kind of BOOTSTRAP_KINDS) {
      const path = join(directory, `${kind}.json`);
      if (!existsSync(path) || !statSync(path).isFile()) continue;
      if (statSync(path).size > MAX_FILE_BYTES) throw new ConfigError(`bootstrap file ${path} is larger than ${MAX_FILE_BYTES} bytes`);
      try {
        files[kind] = JSON.parse(decodeText(readFileSync(path))) as BootstrapFile;
      } catch (error) {
        throw new ConfigError(`bootstrap file ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
      }
    }
    return new Bootstrap(files, directory);
  }

  /** RDAP bases for a domain name: the longest bootstrap entry that is a label-wise suffix of it. */
  domain(name: string): string[] {
    let rest = normalizeDomain(name);
    while (rest !== "") {
      const urls = this.domains.get(rest);
      if (urls) return urls;
      const dot = rest.indexOf(".");
      if (dot === -1) break;
      rest = rest.slice(dot + 1);
    }
    return [];
  }

  /** Accepts an address or a CIDR ("192.0.2.0/24": only entries at most that specific count). */
  ipv4(address: string): string[] {
    const parsed = parseAddress(address);
    return parsed?.family === 4 ? this.ipv4Index.match(parsed.value, parsed.length) : [];
  }

  /** IPv4-mapped addresses (::ffff:192.0.2.1) are answered from the IPv4 file. */
  ipv6(address: string): string[] {
    const parsed = parseAddress(address);
    if (parsed?.family === 4 && address.includes(":")) return this.ipv4Index.match(parsed.value, parsed.length);
    return parsed?.family === 6 ? this.ipv6Index.match(parsed.value, parsed.length) : [];
  }

  /** Either family. */
  ip(address: string): string[] {
    const parsed = parseAddress(address);
    if (!parsed) return [];
    return parsed.family === 4 ? this.ipv4Index.match(parsed.value, parsed.length) : this.ipv6Index.match(parsed.value, parsed.length);
  }

  asn(number: number): string[] {
    return this.asnIndex.match(number);
  }

  /** Entity handles tagged per RFC 8521: "XYZ-ARIN" → ARIN's RDAP; untagged handles → []. */
  entity(handle: string): string[] {
    const dash = handle.lastIndexOf("-");
    if (dash === -1 || dash === handle.length - 1) return [];
    return this.tags.get(handle.slice(dash + 1).trim().toUpperCase()) ?? [];
  }

  /** Every RDAP host named anywhere in the bootstrap (detection rules use it). */
  hosts(): string[] {
    const all = new Set<string>();
    const lists: Iterable<string[]>[] = [this.domains.values(), this.ipv4Index.values(), this.ipv6Index.values(), this.asnIndex.values(), this.tags.values()];
    for (const list of lists) {
      for (const urls of list) {
        for (const url of urls) {
          try {
            all.add(new URL(url).hostname.toLowerCase());
          } catch {
            // not a URL: skip
          }
        }
      }
    }
    return [...all].sort();
  }
}

/** The cached copy when `whoislens update` completed one (its stamp is written last), else the shipped snapshot. */
export function defaultBootstrapDir(env: Env = process.env): string {
  const cached = cachedBootstrapDir(env);
  const complete = existsSync(join(cached, BOOTSTRAP_STAMP_FILE)) && BOOTSTRAP_KINDS.every((kind) => existsSync(join(cached, `${kind}.json`)));
  return complete ? cached : SHIPPED_BOOTSTRAP_DIR;
}

/** Bootstrap.load() with the default directory choice; kept as a named function for callers that read better with it. */
export function loadDefaultBootstrap(env: Env = process.env): Bootstrap {
  return Bootstrap.load(undefined, env);
}

function servicesOf(file: BootstrapFile | undefined): unknown[][] {
  if (!file || typeof file !== "object" || !Array.isArray(file.services)) return [];
  return file.services.filter((service): service is string[][] => Array.isArray(service));
}

function pairs(file: BootstrapFile | undefined): [string[], string[]][] {
  const out: [string[], string[]][] = [];
  for (const service of servicesOf(file)) {
    const entries = service[0];
    if (!Array.isArray(entries)) continue;
    const urls = orderUrls(service[1]);
    if (urls.length > 0) out.push([entries.filter((entry): entry is string => typeof entry === "string"), urls]);
  }
  return out;
}

/** Lower case, no leading/trailing dots, A-labels (the bootstrap lists IDN TLDs as xn--). */
function normalizeDomain(name: string): string {
  let text = name.trim().toLowerCase();
  if (text.length > 1024) return "";
  while (text.endsWith(".")) text = text.slice(0, -1);
  while (text.startsWith(".")) text = text.slice(1);
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(text)) text = domainToASCII(text);
  return text;
}
