/** The internal network: 10.0.0.0/16 workstations and servers, some Windows hosts with Sysmon. */
import type { Rng } from "./prng.js";

export interface Host {
  ip: string;
  /** FQDN for Windows hosts with Sysmon, short name otherwise. */
  name: string;
  windows: boolean;
  user: string;
}

export const SERVERS = {
  resolver: "10.0.0.53",
  mail: "10.0.0.25",
  dc: "10.0.0.10",
  files: "10.0.0.20",
  ipam: "10.0.0.30",
  scanner: "10.0.250.10",
} as const;

const FIRST = ["anna", "ben", "carla", "dmitri", "eva", "farid", "greta", "hugo", "ines", "jonas", "kemal", "lea", "marco", "nina", "omar", "petra", "quinn", "rosa", "sven", "tara"];

export function makeHosts(rng: Rng, count: number, orgDomain: string): Host[] {
  const hosts: Host[] = [];
  const used = new Set<string>();
  while (hosts.length < count) {
    const ip = `10.0.${rng.int(1, 60)}.${rng.int(2, 250)}`;
    if (used.has(ip)) continue;
    used.add(ip);
    const windows = rng.chance(0.45);
    let n = String(rng.int(1000, 9999));
    while (used.has(n)) n = String(rng.int(1000, 9999));
    used.add(n); // host names are unique, as in a real domain
    const name = windows ? `WS-${n}.corp.${orgDomain}` : rng.chance(0.5) ? `lt-${n}` : `dev-${n}`;
    hosts.push({ ip, name, windows, user: `CORP\\${rng.pick(FIRST)}.${rng.pick(FIRST).slice(0, 1)}${n.slice(2)}` });
  }
  return hosts;
}
