import { ipaddr } from "../util/cjs-deps.js";
import { readRoutesSync, writeRoutes, type StoredRoute } from "./discovery-file.js";

/**
 * Server discovery, learned once: which port-43 server answers for a TLD (IANA's `refer:`) or for an
 * address block (an RIR's `ReferralServer:` for the block its answer names). Those answers depend on
 * the TLD or block alone, so one question per TLD/block is enough for days; asking IANA again for
 * every domain of a bulk run made IANA's 5 q/s the pace of the whole run (issue #13).
 *
 * This is not the answer cache: `--no-cache` does not turn it off (it says where to ask, not what
 * the answer was). Registrar referrals depend on the domain and are never kept here.
 */
export interface DiscoveredRoute {
  host: string;
  port?: number;
  /** Whose answer taught this route. */
  from: string;
}

export interface DiscoveryOptions {
  /** How long a learned route is trusted. IANA's root zone changes a TLD's server rarely. */
  ttlMs: number;
  /** Directory of the on-disk copy (discovery.json); memory only when absent. */
  directory?: string;
  /** Routes kept (on disk: those expiring last). */
  maxEntries: number;
  now: () => number;
}

export const DISCOVERY_DEFAULTS: Readonly<Omit<DiscoveryOptions, "directory">> = Object.freeze({
  ttlMs: 7 * 24 * 60 * 60 * 1000,
  maxEntries: 10_000,
  now: Date.now,
});

/**
 * Widest block an RIR's referral may be learned for, per family: IANA hands the RIRs /8s (IPv4) and
 * /12s (IPv6), so an answer naming a wider block (0.0.0.0/0…) is not about one RIR's space and would
 * poison every later lookup.
 */
const WIDEST_PREFIX: Readonly<Record<"ipv4" | "ipv6", number>> = { ipv4: 8, ipv6: 12 };

export class DiscoveryCache {
  private readonly options: DiscoveryOptions;
  private loaded: Map<string, StoredRoute> | undefined;
  /** Prefix lengths present per "scope|family", most specific first: an address is matched by masking. */
  private readonly prefixes = new Map<string, number[]>();
  private writing: Promise<void> | undefined;
  private dirty = false;

  constructor(options: Partial<DiscoveryOptions> = {}) {
    this.options = { ...DISCOVERY_DEFAULTS, ...options };
  }

  /** The TLD's WHOIS server, if learned in this scope (see discoveryScope). */
  tld(scope: string, tld: string): DiscoveredRoute | undefined {
    return this.get(tldKey(scope, tld));
  }

  learnTld(scope: string, tld: string, route: DiscoveredRoute): void {
    this.set(tldKey(scope, tld), route);
  }

  /** The server for the most specific learned block holding `address`. */
  block(scope: string, address: string): DiscoveredRoute | undefined {
    if (!ipaddr.isValid(address)) return undefined;
    const ip = ipaddr.process(address);
    const family = ip.kind();
    for (const length of this.prefixLengths(scope, family)) {
      const network = networkOf(ip, length);
      const hit = this.get(`${scope}|${family}|${network}/${length}`);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * Keeps `route` for `cidr` when the block really holds the address asked about and is no wider than
   * an RIR allocation; returns whether it was kept.
   */
  learnBlock(scope: string, cidr: string, address: string, route: DiscoveredRoute): boolean {
    let block: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      block = ipaddr.parseCIDR(cidr);
    } catch {
      return false;
    }
    if (!ipaddr.isValid(address)) return false;
    const ip = ipaddr.process(address);
    const [network, length] = block;
    const family = network.kind();
    if (ip.kind() !== family || length < WIDEST_PREFIX[family] || !ip.match(block)) return false;
    this.set(`${scope}|${family}|${networkOf(network, length)}/${length}`, route);
    return true;
  }

  /** Whether a route is known under `key` (from tldKey). */
  known(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Resolves when every learned route is on disk. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private routes(): Map<string, StoredRoute> {
    if (!this.loaded) {
      this.loaded = this.options.directory === undefined ? new Map() : readRoutesSync(this.options.directory);
      for (const key of this.loaded.keys()) this.indexBlock(key);
    }
    return this.loaded;
  }

  private get(key: string): DiscoveredRoute | undefined {
    const route = this.routes().get(key);
    if (!route) return undefined;
    if (route.expiresAt <= this.options.now()) {
      this.routes().delete(key);
      return undefined;
    }
    return route.port === undefined ? { host: route.host, from: route.from } : { host: route.host, port: route.port, from: route.from };
  }

  private set(key: string, route: DiscoveredRoute): void {
    const routes = this.routes();
    const stored: StoredRoute = { host: route.host.toLowerCase(), from: route.from.toLowerCase(), expiresAt: this.options.now() + this.options.ttlMs };
    if (route.port !== undefined && route.port !== 43) stored.port = route.port;
    routes.delete(key);
    routes.set(key, stored);
    while (routes.size > this.options.maxEntries) {
      const oldest = routes.keys().next().value;
      if (oldest === undefined) break;
      routes.delete(oldest);
    }
    this.indexBlock(key);
    this.save();
  }

  private indexBlock(key: string): void {
    const match = /^(.*\|ipv[46])\|[^/]+\/(\d{1,3})$/.exec(key);
    if (!match) return;
    const group = match[1] as string;
    const length = Number(match[2]);
    const lengths = this.prefixes.get(group) ?? [];
    if (!lengths.includes(length)) {
      lengths.push(length);
      lengths.sort((a, b) => b - a);
      this.prefixes.set(group, lengths);
    }
  }

  private prefixLengths(scope: string, family: string): number[] {
    this.routes();
    return this.prefixes.get(`${scope}|${family}`) ?? [];
  }

  /** One write at a time; routes learned during a write are written right after it. */
  private save(): void {
    const directory = this.options.directory;
    if (directory === undefined) return;
    if (this.writing) {
      this.dirty = true;
      return;
    }
    this.dirty = false;
    this.writing = writeRoutes(directory, this.routes(), this.options.now(), this.options.maxEntries)
      .catch(() => {
        // A cache that cannot write is only slower, never wrong.
      })
      .finally(() => {
        this.writing = undefined;
        if (this.dirty) this.save();
      });
  }
}

/** The key a TLD's route is kept under: bulk holds a TLD's queries back on it while one learns it. */
export function tldKey(scope: string, tld: string): string {
  return `${scope}|tld|${tld.toLowerCase()}`;
}

function networkOf(ip: ipaddr.IPv4 | ipaddr.IPv6, length: number): string {
  const Family = ip.kind() === "ipv4" ? ipaddr.IPv4 : ipaddr.IPv6;
  return Family.networkAddressFromCIDR(`${ip.toString()}/${length}`).toString();
}

const shared = new Map<string, DiscoveryCache>();

/** One cache per directory in a process, so every command and lookup in it shares what was learned. */
export function discoveryCacheFor(directory: string): DiscoveryCache {
  let cache = shared.get(directory);
  if (!cache) {
    cache = new DiscoveryCache({ directory });
    shared.set(directory, cache);
  }
  return cache;
}
