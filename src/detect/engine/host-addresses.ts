/**
 * Which address a host name had when: endpoint logs key alerts by host name, and DHCP moves a
 * workstation between addresses all day. Each sighting (a Sysmon event with its own SourceIp or
 * host.ip) is kept per host in time order; an event without an address of its own takes the one the
 * host had last before it (or, when none is known yet, the first one after). Bounded: hosts in an LRU,
 * at most MAX_PER_HOST address changes per host.
 */
import { Lru } from "./lru.js";

interface Sighting { ts: number; ip: string }

const MAX_PER_HOST = 32;

export class HostAddresses {
  private readonly hosts: Lru<string, Sighting[]>;

  constructor(maxHosts: number) {
    this.hosts = new Lru(maxHosts);
  }

  /** Records that `host` had `ip` at `ts`. */
  add(host: string, ts: number, ip: string): void {
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
