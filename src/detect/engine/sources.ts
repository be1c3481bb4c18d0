/**
 * What is known about a source: internal or not (RFC 1918/ULA/… via isPrivateAddress, or the
 * --internal CIDRs), on the known-bad list (--bad-sources), its country (--watch-countries).
 */
import ipaddr from "ipaddr.js";
import { InvalidOptionError } from "../../errors.js";
import { isPrivateAddress } from "../../net/address-guard.js";
import type { CountryDb } from "./geo.js";
import { Lru } from "./lru.js";

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Documentation prefixes (RFC 5737, RFC 3849) stand for public addresses in examples and test captures. */
const DOCUMENTATION: Cidr[] = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"].map((c) => ipaddr.parseCIDR(c));

export function parseCidrs(items: readonly string[], what: string): Cidr[] {
  return items.map((raw) => raw.trim()).filter((s) => s !== "" && !s.startsWith("#")).map((s) => {
    try {
      return s.includes("/") ? ipaddr.parseCIDR(s) : ([ipaddr.parse(s), ipaddr.parse(s).kind() === "ipv4" ? 32 : 128] as Cidr);
    } catch {
      throw new InvalidOptionError(`${what}: not an IP address or CIDR: ${s.slice(0, 80)}`);
    }
  });
}

/** Whether an address (IPv4-mapped IPv6 as IPv4) is in one of the CIDRs; false for a non-address. */
export function inAny(ip: string, cidrs: readonly Cidr[]): boolean {
  if (cidrs.length === 0 || !ipaddr.isValid(ip)) return false;
  let a = ipaddr.parse(ip);
  if (a.kind() === "ipv6" && (a as ipaddr.IPv6).isIPv4MappedAddress()) a = (a as ipaddr.IPv6).toIPv4Address();
  return cidrs.some(([net, bits]) => net.kind() === a.kind() && a.match(net, bits));
}

export interface SourceFacts { internal: boolean; bad: boolean; country?: string }

export class Sources {
  private readonly cache = new Lru<string, SourceFacts>(65_536);

  constructor(private readonly internal: Cidr[], private readonly bad: Cidr[], private readonly geo?: CountryDb) {}

  isInternal = (address: string): boolean => this.facts(address).internal;

  facts(address: string): SourceFacts {
    const seen = this.cache.get(address);
    if (seen) return seen;
    const ip = ipaddr.isValid(address);
    // A host name (endpoint logs) is one of ours.
    const internal = !ip || inAny(address, this.internal) || (isPrivateAddress(address) && !inAny(address, DOCUMENTATION));
    const facts: SourceFacts = { internal, bad: ip && inAny(address, this.bad) };
    if (ip && !internal && this.geo) {
      const c = this.geo.country(address);
      if (c) facts.country = c;
    }
    this.cache.set(address, facts);
    return facts;
  }
}
