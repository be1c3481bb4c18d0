/**
 * The second detection world (w11): one scenario told in every log format detect reads, rendered by
 * second/render-*.ts from each vendor's documentation in layouts the first world (test/detect/fixtures,
 * src/detect/eval) does not use. Host A makes 25 WHOIS/RDAP lookups in 2 minutes; host B scans ~200
 * ports of one host, 43/tcp once, without answer; host C is benign noise that resembles the signal.
 * Server names come from the project's own tables (src/servers), never invented.
 */
import { CURATED_RDAP, LEGACY_GTLD_WHOIS, CCTLD_WHOIS } from "../../../src/servers/index.js";

export const T0 = Date.UTC(2026, 11, 6, 14, 0, 0, 250);
export const HOST = {
  A: "10.20.30.40", A6: "fd00:20::40", B: "10.20.30.66", C: "10.20.30.77",
  nameA: "ws-analyst-07", nameC: "ws-sales-02", resolver: "10.20.0.53",
} as const;

/** A port-43 or RDAP lookup by host A. */
export interface Lookup { ts: number; server: string; serverIp: string; serverIp6: string; sport: number; query: string; rdapUrl: string; rdapHost: string }
/** One probe of host B's scan: a SYN that got no answer. */
export interface Probe { ts: number; dst: string; dport: number; sport: number }
/** Host C's benign traffic: HTTPS to a registrar's storefront and DNS for ordinary names. */
export interface Benign { ts: number; name: string; ip: string; sport: number }

const whoisServers = [...new Set([...Object.values(LEGACY_GTLD_WHOIS), ...Object.values(CCTLD_WHOIS)])].slice(0, 6);
const rdapBases = Object.values(CURATED_RDAP).flatMap((r) => r.bases).slice(0, 5);
const TARGETS = ["acme-widgets", "northwind", "contoso", "fabrikam", "tailspin"] as const;
const TLDS = ["com", "net", "org", "info", "biz"] as const;

export const lookups: Lookup[] = Array.from({ length: 25 }, (_, i) => {
  const server = whoisServers[i % whoisServers.length] ?? "whois.verisign-grs.com";
  const base = rdapBases[i % rdapBases.length] ?? "https://rdap.verisign.com/com/v1/";
  const query = `${TARGETS[i % 5]}${i}.${TLDS[Math.floor(i / 5) % 5]}`;
  const rdapHost = new URL(base).hostname;
  return { ts: T0 + i * 4_700, server, serverIp: `199.7.${50 + (i % 6)}.${10 + (i % 6)}`, serverIp6: `2001:500:${(i % 6).toString(16)}::43`, sport: 41_000 + i, query,
    rdapUrl: `${base.endsWith("/") ? base : `${base}/`}domain/${query}`, rdapHost };
});

/** ~200 ports of one host in ascending order, 43 among them, none answered. */
export const probes: Probe[] = Array.from({ length: 200 }, (_, j) => ({ ts: T0 + 30_000 + j * 20, dst: "198.51.100.200", dport: j < 40 ? j + 20 : 1000 + j * 7, sport: 61_000 }));

export const benign: Benign[] = [
  { name: "www.godaddy.com", ip: "208.109.192.70" }, { name: "www.namecheap.com", ip: "162.255.119.254" },
  { name: "www.wikipedia.org", ip: "185.15.59.224" }, { name: "mail.google.com", ip: "142.250.74.37" },
  { name: "www.godaddy.com", ip: "208.109.192.70" }, { name: "outlook.office365.com", ip: "52.97.146.162" },
].map((b, k) => ({ ...b, ts: T0 + 5_000 + k * 9_000, sport: 52_000 + k }));

/** Every event of the world in time order, tagged with its host. */
export type Item = { host: "A"; l: Lookup } | { host: "B"; p: Probe } | { host: "C"; b: Benign };
export function timeline(): Item[] {
  const all: [number, Item][] = [
    ...lookups.map((l) => [l.ts, { host: "A", l }] as [number, Item]),
    ...probes.map((p) => [p.ts, { host: "B", p }] as [number, Item]),
    ...benign.map((b) => [b.ts, { host: "C", b }] as [number, Item]),
  ];
  return all.sort((x, y) => x[0] - y[0]).map(([, it]) => it);
}

export const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
const MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
/** RFC 3164 "Mmm dd hh:mm:ss" (day space-padded), UTC. */
export function bsd(ms: number): string {
  const d = new Date(ms);
  return `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
export const mon = (ms: number): string => MON[new Date(ms).getUTCMonth()] ?? "Jan";
/** ISO 8601 in a fixed +01:00 offset (a log written in local time that says so). */
export function isoPlus1(ms: number, sep = ":"): string {
  const d = new Date(ms + 3_600_000);
  return `${d.toISOString().slice(0, 23)}+01${sep}00`;
}
