/** Packet captures of the world through the project's pcap writer (src/detect/pcap/write.ts). */
import {
  FLAGS, clientHello, dnsMessage, httpRequest, tcpPacket, tcpSession, udpDns, udpPacket, writePcap, type Packet,
} from "../pcap/write.js";
import type { DnsQuery, Flow, HttpRequest, World } from "./model.js";

const QTYPE: Record<string, number> = { A: 1, NS: 2, PTR: 12, MX: 15, TXT: 16, AAAA: 28, AXFR: 252, ANY: 255 };
const RCODE: Record<string, number> = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };

function index<T extends { flow: Flow }>(rows: T[]): Map<Flow, T[]> {
  const m = new Map<Flow, T[]>();
  for (const r of rows) {
    const list = m.get(r.flow);
    if (list) list.push(r);
    else m.set(r.flow, [r]);
  }
  return m;
}

const filler = (n: number, c: string) => c.repeat(Math.max(1, Math.min(n, 1400)));

function tcpFlow(f: Flow, client: (string | Buffer)[], server: (string | Buffer)[]): Packet[] {
  if (f.state === "S0") return [tcpPacket({ src: f.src, dst: f.dst, srcPort: f.sport, dstPort: f.dport, seq: 1000, ack: 0, flags: FLAGS.SYN, ts: f.ts })];
  if (f.state === "REJ") {
    return [
      tcpPacket({ src: f.src, dst: f.dst, srcPort: f.sport, dstPort: f.dport, seq: 1000, ack: 0, flags: FLAGS.SYN, ts: f.ts }),
      tcpPacket({ src: f.dst, dst: f.src, srcPort: f.dport, dstPort: f.sport, seq: 0, ack: 1001, flags: FLAGS.RST | FLAGS.ACK, ts: f.ts + 0.4 }),
    ];
  }
  const steps = 8 + client.length + server.length;
  return tcpSession({ src: f.src, dst: f.dst, srcPort: f.sport, dstPort: f.dport, ts: f.ts, stepMs: Math.max(0.05, f.durationMs / steps), clientPayload: client, serverPayload: server, clientIsn: f.sport * 7, serverIsn: f.dport * 13 });
}

function dnsPackets(f: Flow, d: DnsQuery): Packet[] {
  const id = parseInt(f.uid.slice(1, 5), 36) % 65536;
  if (f.proto === "udp") return udpDns({ src: f.src, dst: f.dst, srcPort: f.sport, dstPort: 53, query: d.qname, qtype: QTYPE[d.qtype] ?? 1, id, ts: d.ts, rcode: RCODE[d.rcode] ?? 0 });
  const framed = (b: Buffer) => Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  const q = dnsMessage({ id, query: d.qname, qtype: QTYPE[d.qtype] ?? 1 });
  const a = dnsMessage({ id, query: d.qname, qtype: QTYPE[d.qtype] ?? 1, response: true, rcode: RCODE[d.rcode] ?? 0 });
  return tcpFlow(f, [framed(q)], [framed(a)]);
}

function httpPackets(f: Flow, reqs: HttpRequest[]): Packet[] {
  const client = reqs.map((r) => httpRequest({ method: r.method, host: r.host, path: r.uri, userAgent: r.userAgent }));
  const server = reqs.map((r) => `HTTP/1.1 ${r.status} ${r.status === 302 ? "Found" : "OK"}\r\nContent-Type: ${r.host.startsWith("rdap") ? "application/rdap+json" : "text/html"}\r\nContent-Length: 2\r\n\r\n{}`);
  return tcpFlow(f, client, server);
}

/** All packets of the world in time order. */
export function worldPackets(w: World): Packet[] {
  const dns = index(w.dns), http = index(w.http), tls = index(w.tls), whois = index(w.whois);
  const out: Packet[] = [];
  for (const f of w.flows) {
    const d = dns.get(f)?.[0];
    if (d) out.push(...dnsPackets(f, d));
    else if (f.proto === "udp") out.push(udpPacket({ src: f.src, dst: f.dst, srcPort: f.sport, dstPort: f.dport, payload: Buffer.alloc(48, 0x23), ts: f.ts }));
    else if (tls.has(f)) out.push(...tcpFlow(f, [clientHello(tls.get(f)![0]!.sni), filler(f.origBytes, "\u0017")], [filler(f.respBytes, "\u0016")]));
    else if (http.has(f)) out.push(...httpPackets(f, http.get(f)!));
    else if (whois.has(f)) out.push(...tcpFlow(f, [`${whois.get(f)![0]!.query}\r\n`], [`% WHOIS answer\r\n${filler(Math.min(f.respBytes, 1200), "x")}\r\n`]));
    else out.push(...tcpFlow(f, [filler(Math.min(f.origBytes, 200), "a")], [filler(Math.min(f.respBytes, 400), "b")]));
  }
  return out.sort((a, b) => a.ts - b.ts);
}

export function renderPcap(packets: Packet[], format: "pcap" | "pcapng"): Buffer {
  return writePcap(packets, format === "pcap" ? { format } : { format, nanoseconds: true });
}
