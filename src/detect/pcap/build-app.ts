/** Application payloads for the pcap writer: DNS messages over UDP, TLS ClientHello with SNI, HTTP requests. */
import { type Packet, udpPacket } from "./build.js";

export interface UdpDnsOptions {
  src: string; dst: string; srcPort?: number; dstPort?: number;
  query: string; qtype?: string | number; id?: number; ts: number;
  /** When set, an answer with this rcode (name or number) follows the query. */
  rcode?: string | number;
}

const QTYPE_NUMBERS: Record<string, number> = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, AXFR: 252, ANY: 255 };
const RCODE_NUMBERS: Record<string, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 };

export function dnsMessage(o: { id: number; query: string; qtype: number; response?: boolean; rcode?: number }): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(o.id, 0);
  h.writeUInt16BE((o.response === true ? 0x8180 : 0x0100) | (o.rcode ?? 0), 2);
  h.writeUInt16BE(1, 4);
  const name = Buffer.concat([...o.query.split(".").filter((l) => l !== "").map((l) => {
    const b = Buffer.from(l, "latin1");
    return Buffer.concat([Buffer.from([b.length]), b]);
  }), Buffer.from([0])]);
  const q = Buffer.alloc(4);
  q.writeUInt16BE(o.qtype, 0);
  q.writeUInt16BE(1, 2);
  return Buffer.concat([h, name, q]);
}

/** A DNS query over UDP (and its answer when `rcode` is given). */
export function udpDns(o: UdpDnsOptions): Packet[] {
  const qtype = typeof o.qtype === "number" ? o.qtype : (QTYPE_NUMBERS[(o.qtype ?? "A").toUpperCase()] ?? 1);
  const id = o.id ?? 0x1234;
  const srcPort = o.srcPort ?? 53000, dstPort = o.dstPort ?? 53;
  const out = [udpPacket({ src: o.src, dst: o.dst, srcPort, dstPort, payload: dnsMessage({ id, query: o.query, qtype }), ts: o.ts })];
  if (o.rcode !== undefined) {
    const rcode = typeof o.rcode === "number" ? o.rcode : (RCODE_NUMBERS[o.rcode.toUpperCase()] ?? 0);
    out.push(udpPacket({ src: o.dst, dst: o.src, srcPort: dstPort, dstPort: srcPort,
      payload: dnsMessage({ id, query: o.query, qtype, response: true, rcode }), ts: o.ts + 1 }));
  }
  return out;
}

/** A TLS 1.2-style ClientHello record carrying `sni` in its server_name extension. */
export function clientHello(sni: string): Buffer {
  const name = Buffer.from(sni, "latin1");
  const sniExt = Buffer.alloc(9 + name.length);
  sniExt.writeUInt16BE(0, 0);
  sniExt.writeUInt16BE(5 + name.length, 2);
  sniExt.writeUInt16BE(3 + name.length, 4);
  sniExt[6] = 0;
  sniExt.writeUInt16BE(name.length, 7);
  name.copy(sniExt, 9);
  const exts = Buffer.concat([Buffer.from([0x00, 0x0b, 0x00, 0x02, 0x01, 0x00]) /* ec_point_formats */, sniExt]);
  const body = Buffer.concat([
    Buffer.from([0x03, 0x03]), Buffer.alloc(32, 7), Buffer.from([0]), // version, random, empty session id
    Buffer.from([0x00, 0x04, 0x13, 0x01, 0xc0, 0x2f]), Buffer.from([0x01, 0x00]), // ciphers, compression
    Buffer.from([exts.length >> 8, exts.length & 0xff]), exts,
  ]);
  const hs = Buffer.concat([Buffer.from([1, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]), body]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01, hs.length >> 8, hs.length & 0xff]), hs]);
}

export function httpRequest(o: { method?: string; host: string; path: string; userAgent?: string }): string {
  return `${o.method ?? "GET"} ${o.path} HTTP/1.1\r\nHost: ${o.host}\r\n${o.userAgent === undefined ? "" : `User-Agent: ${o.userAgent}\r\n`}Accept: */*\r\n\r\n`;
}

