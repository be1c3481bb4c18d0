import type { HostResolver } from "./address-guard.js";

/**
 * How long a name's resolved addresses are reused, and how many names are kept. getaddrinfo (dns.lookup)
 * reports no TTL; 30 s is the JDK's default positive cache time (`networkaddress.cache.ttl` without a
 * security manager), short next to the TTLs registries publish for their WHOIS hosts (minutes to hours),
 * so a renumbered server is followed within half a minute. 1,000 names is far more than the WHOIS and
 * RDAP hosts any run asks (bulk spreads over a few hundred registries at most).
 */
export const RESOLVER_CACHE = Object.freeze({ ttlMs: 30_000, maxNames: 1_000 });

export interface ResolverCacheOptions {
  ttlMs: number;
  maxNames: number;
  /** Monotonic milliseconds; tests pass their own clock. */
  now: () => number;
}

/**
 * `resolve` with its answers kept per name for `ttlMs`: every port-43 query opens a new connection, and
 * without this each one of a bulk run paid a getaddrinfo call (≈ 35 µs of CPU for a name in /etc/hosts,
 * a DNS round trip otherwise) for the same registry host. Concurrent questions for a name share one
 * resolution. Only answers with addresses are kept (a failure is asked again next time). The guard
 * still judges every use: the cache holds addresses, not verdicts, so `--allow-private` and the
 * private-address check apply to each hop as before, and the checked addresses stay the ones connected to.
 */
export function cachingResolver(resolve: HostResolver, options: Partial<ResolverCacheOptions> = {}): HostResolver {
  const { ttlMs, maxNames, now } = { ...RESOLVER_CACHE, now: () => performance.now(), ...options };
  const kept = new Map<string, { addresses: readonly string[]; until: number }>();
  const pending = new Map<string, Promise<string[]>>();
  return (host) => {
    const key = host.toLowerCase();
    const hit = kept.get(key);
    if (hit !== undefined) {
      if (hit.until > now()) return Promise.resolve(hit.addresses as string[]);
      kept.delete(key);
    }
    const waiting = pending.get(key);
    if (waiting !== undefined) return waiting;
    const asked = resolve(host).then((answer) => {
      // Frozen: every caller gets this one list, and none can change what the others are given.
      const addresses = Object.freeze([...answer]);
      if (addresses.length > 0) {
        // Oldest first in a Map's order: at the cap the name asked longest ago goes.
        if (kept.size >= maxNames) kept.delete(kept.keys().next().value as string);
        kept.set(key, { addresses, until: now() + ttlMs });
      }
      return addresses as string[];
    });
    pending.set(key, asked);
    const settled = (): void => {
      if (pending.get(key) === asked) pending.delete(key);
    };
    asked.then(settled, settled);
    return asked;
  };
}
