/**
 * Cross-check with a real peer (issue #5): for generated captures, the port-43 sessions and their query
 * strings we read must equal what Debian's tshark reports for the same files (also TLS SNI, HTTP and DNS).
 * Skipped with a message when tshark is not installed (CI installs it: scripts/ci-tshark.sh).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  type Packet, type WritePcapOptions, clientHello, dnsMessage, httpRequest, mergePackets, tcpSession, udpDns, writePcap,
} from "../../../src/detect/pcap/write.js";
import { readAll, tempFile } from "../readers/helpers.js";
import { scene } from "./scene.js";

const hasTshark = spawnSync("tshark", ["--version"], { stdio: "ignore" }).status === 0;
if (!hasTshark) console.warn("tshark not found: skipping the tshark cross-check (install it with scripts/ci-tshark.sh)");

function tshark(file: string, filter: string, fields: string[]): string[][] {
  const out = execFileSync("tshark", ["-n", "-r", file, "-Y", filter, "-T", "fields", ...fields.flatMap((f) => ["-e", f]), "-E", "separator=/t"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 * 1024 * 1024 });
  return out.split("\n").filter((l) => l !== "").map((l) => l.split("\t"));
}

/** tshark's view of port-43 sessions: payloads per TCP stream ordered by relative sequence number, cut at CR/LF. */
function tsharkWhois(file: string): string[] {
  const rows = tshark(file, "tcp.dstport==43 && tcp.len>0", ["tcp.stream", "ip.src", "ipv6.src", "ip.dst", "ipv6.dst", "tcp.srcport", "tcp.seq", "tcp.payload"]);
  const streams = new Map<string, { key: string; segs: Map<number, Buffer> }>();
  for (const [stream = "", ip4s = "", ip6s = "", ip4d = "", ip6d = "", sport = "", seq = "", hex = ""] of rows) {
    const s = streams.get(stream) ?? { key: `${ip4s || ip6s} ${ip4d || ip6d} ${sport}`, segs: new Map() };
    streams.set(stream, s);
    if (!s.segs.has(Number(seq))) s.segs.set(Number(seq), Buffer.from(hex.replace(/:/g, ""), "hex"));
  }
  return [...streams.values()].map(({ key, segs }) => {
    const text = Buffer.concat([...segs.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b)).toString("utf8");
    return `${key} ${text.split(/[\r\n]/)[0]?.trim() ?? ""}`;
  }).sort();
}

/** Deterministic PRNG so the captures are the same on every run. */
function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

function whoisStorm(seed: number): Packet[] {
  const r = prng(seed);
  const queries = ["example.com", "example.net", "AS64496", "192.0.2.1", "2001:db8::1", "-B example.org", "n + example.edu", "domain example.com"];
  const sessions: Packet[][] = [];
  for (let i = 0; i < 40; i++) {
    const v6 = r() < 0.3;
    const q = `${queries[Math.floor(r() * queries.length)]}${r() < 0.2 ? "" : "\r\n"}`;
    const cut = 1 + Math.floor(r() * (q.length - 1));
    sessions.push(tcpSession({
      src: v6 ? `2001:db8:1::${i + 1}` : `10.0.${i >> 4}.${i + 1}`, dst: v6 ? "2001:db8:43::1" : `198.51.100.${43 + (i % 3)}`,
      srcPort: 40000 + i, dstPort: 43, clientPayload: r() < 0.5 ? [q.slice(0, cut), q.slice(cut)] : q,
      serverPayload: "% fictional answer\r\n", ts: 1700000000000 + i * 37, reorder: r() < 0.3, duplicate: r() < 0.2, handshake: r() < 0.9,
    }));
  }
  sessions.push(tcpSession({ src: "10.0.9.9", dst: "203.0.113.5", dstPort: 443, clientPayload: clientHello("rdap.example.org"), ts: 1700000000001 }));
  sessions.push(udpDns({ src: "10.0.9.9", dst: "10.0.0.2", query: "whois.example.net", ts: 1700000000002, rcode: "NXDOMAIN" }));
  const get = (path: string) => httpRequest({ host: "rdap.example.net", path, userAgent: "fictional/1.0" });
  sessions.push(tcpSession({ src: "10.0.9.8", dst: "192.0.2.80", dstPort: 80, ts: 1700000000003,
    clientPayload: [get("/domain/example.com") + get("/ip/192.0.2.1").slice(0, 9), get("/ip/192.0.2.1").slice(9) + get("/autnum/64496")] }));
  const msg = (m: Buffer) => Buffer.concat([Buffer.from([m.length >> 8, m.length & 255]), m]);
  sessions.push(tcpSession({ src: "10.0.9.7", dst: "192.0.2.12", dstPort: 53, ts: 1700000000004,
    clientPayload: msg(dnsMessage({ id: 9, query: "example.org", qtype: 252 })) }));
  return mergePackets(...sessions);
}

const CAPTURES: [string, () => Packet[], WritePcapOptions][] = [
  ["scene.pcap", scene, {}],
  ["scene-be-sll.pcapng", scene, { format: "pcapng", endian: "big", link: "sll", nanoseconds: true }],
  ["storm-1.pcap", () => whoisStorm(1), {}],
  ["storm-2-raw-be.pcap", () => whoisStorm(2), { link: "raw", endian: "big" }],
  ["storm-3.pcapng", () => whoisStorm(3), { format: "pcapng" }],
];

describe.skipIf(!hasTshark)("tshark cross-check", () => {
  for (const [name, make, options] of CAPTURES) {
    it(`${name}: port-43 sessions, queries, SNI, HTTP requests and DNS names equal tshark's`, async () => {
      const file = tempFile(name, writePcap(make(), options));
      const { events, stats } = await readAll(file);
      expect(stats.error).toBeUndefined();
      const ours = events.flatMap((e) => (e.kind === "whois" ? [`${e.src} ${e.dst} ${e.srcPort} ${e.query}`] : [])).sort();
      const theirs = tsharkWhois(file);
      expect(ours.length).toBeGreaterThan(0);
      expect(ours).toEqual(theirs);
      const sni = events.flatMap((e) => (e.kind === "tls" ? [e.sni] : [])).sort();
      expect(sni).toEqual(tshark(file, "tls.handshake.type==1", ["tls.handshake.extensions_server_name"]).map((r) => r[0]).sort());
      const http = events.flatMap((e) => (e.kind === "http" ? [`${e.host} ${e.path}`] : [])).sort();
      // Several requests in one segment come back as comma-separated occurrences: zip them.
      const theirHttp = tshark(file, "http.request", ["http.host", "http.request.uri"]).flatMap(([hosts = "", uris = ""]) => {
        const h = hosts.split(",");
        return uris.split(",").map((u, i) => `${h[i] ?? ""} ${u}`);
      });
      expect(http).toEqual(theirHttp.sort());
      const dns = events.flatMap((e) => (e.kind === "dns" && e.rcode === undefined ? [e.query] : [])).sort();
      expect(dns).toEqual(tshark(file, "dns.flags.response==0", ["dns.qry.name"]).map((r) => r[0]).sort());
    });
  }
});
