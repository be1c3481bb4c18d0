/**
 * Which address a host name had when: endpoint logs key alerts by host name, and DHCP moves a
 * workstation between addresses all day. Each sighting (a Sysmon event with its own SourceIp or
 * host.ip) is kept per host in time order; an event without an address of its own takes the one the
 * host had last before it (or, when none is known yet, the first one after). Bounded: hosts in an LRU,
 * at most MAX_PER_HOST address changes per host.
 */
import { isIP } from "node:net";
import { Lru } from "./lru.js";

interface Sighting { ts: number; ip: string }

/**
 * Addresses a host also has but that never name it on the network: loopback (a local proxy such as
 * Fiddler at 127.0.0.1:8888), link-local (DHCPv6 solicits from fe80::, APIPA 169.254/16), the
 * unspecified address and multicast. A Sysmon 3 event from one of them says nothing about which
 * address the host had on the LAN.
 */
const NOT_HOST_IDENTITY = /^(?:127\.|169\.254\.|0\.0\.0\.0$|2(?:2[4-9]|3\d)\.|::1?$|::ffff:(?:127|169\.254)\.|fe[89ab][0-9a-f]:|ff[0-9a-f]{2}:)/i;

/** An address that names its host to the rest of the network (see NOT_HOST_IDENTITY). */
export function isHostIdentityAddress(ip: string): boolean {
  return isIP(ip) !== 0 && !NOT_HOST_IDENTITY.test(ip);
}

const MAX_PER_HOST = 32;

export class HostAddresses {
  private readonly hosts: Lru<string, Sighting[]>;

  constructor(maxHosts: number) {
    this.hosts = new Lru(maxHosts);
  }

  /** Records that `host` had `ip` at `ts`; loopback, link-local and the like are not recorded. */
  add(host: string, ts: number, ip: string): void {
    if (!isHostIdentityAddress(ip)) return;
    const list = this.hosts.upsert(host, () => []);
    let i = list.length;
    while (i > 0 && list[i - 1]!.ts > ts) i--;
    // Only changes matter: the same address as the sighting before it adds nothing.
    if (i > 0 && list[i - 1]!.ip === ip) return;
    if (i < list.length && list[i]!.ip === ip) {
      list[i]!.ts = ts;
      return;
    }
    list.splice(i, 0, { ts, ip });
    if (list.length > MAX_PER_HOST) list.shift();
  }

  /** The address `host` had at `ts`: the last one seen at or before it, else the first one after. */
  at(host: string, ts: number): string | undefined {
    const list = this.hosts.get(host);
    if (list === undefined || list.length === 0) return undefined;
    let best: Sighting | undefined;
    for (const s of list) {
      if (s.ts > ts) break;
      best = s;
    }
    return (best ?? list[0])!.ip;
  }
}
