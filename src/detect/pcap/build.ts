/** IP, TCP and UDP packet builders for the pcap writer (see write.ts): whole TCP sessions included. */
import { isIPv4, isIPv6 } from "node:net";

export interface Packet {
  /** Milliseconds since the epoch (fractions kept as microseconds). */
  ts: number;
  /** An IPv4 or IPv6 packet. */
  ip: Buffer;
}

export type Payload = string | Buffer;

export interface TcpSessionOptions {
  src: string; dst: string; srcPort?: number; dstPort: number;
  /** What the client sends; an array sends each element as its own segment. */
  clientPayload?: Payload | Payload[];
  serverPayload?: Payload | Payload[];
  /** Time of the SYN (ms). */
  ts: number;
  /** Gap between packets (ms, default 1). */
  stepMs?: number;
  /** Three-way handshake first (default true). */
  handshake?: boolean;
  /** FIN/ACK exchange at the end (default true). */
  close?: boolean;
  /** Send the client's segments in reverse order (reassembly tests). */
  reorder?: boolean;
  /** Send every client segment twice (retransmissions). */
  duplicate?: boolean;
  clientIsn?: number; serverIsn?: number;
}

export function ipBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split(".").map(Number));
  if (!isIPv6(ip)) throw new TypeError(`not an IP address: ${ip}`);
  const [head = "", tail] = ip.split("::");
  const groups = (s: string | undefined) => (s === undefined || s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16)));
  const h = groups(head), t = groups(tail);
  const all = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}

function checksum(parts: Buffer[]): number {
  let sum = 0;
  for (const b of parts) {
    for (let i = 0; i + 1 < b.length; i += 2) sum += b.readUInt16BE(i);
    if (b.length % 2 === 1) sum += (b[b.length - 1] ?? 0) << 8;
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Wraps a transport segment in IPv4 or IPv6 (by the address family), with checksums. */
export function ipPacket(src: string, dst: string, proto: number, l4: Buffer, checksumAt: number): Buffer {
  const s = ipBytes(src), d = ipBytes(dst);
  const pseudoLen = Buffer.alloc(4);
  pseudoLen.writeUInt32BE(l4.length);
  l4.writeUInt16BE(0, checksumAt);
  const ck = s.length === 4
    ? checksum([s, d, Buffer.from([0, proto]), pseudoLen.subarray(2), l4])
    : checksum([s, d, pseudoLen, Buffer.from([0, 0, 0, proto]), l4]);
  l4.writeUInt16BE(ck === 0 && proto === 17 ? 0xffff : ck, checksumAt);
  if (s.length === 4) {
    const h = Buffer.alloc(20);
    h[0] = 0x45;
    h.writeUInt16BE(20 + l4.length, 2);
    h.writeUInt16BE(0x4000, 6); // DF
    h[8] = 64;
    h[9] = proto;
    s.copy(h, 12);
    d.copy(h, 16);
    h.writeUInt16BE(checksum([h]), 10);
    return Buffer.concat([h, l4]);
  }
  const h = Buffer.alloc(40);
  h.writeUInt32BE(0x60000000, 0);
  h.writeUInt16BE(l4.length, 4);
  h[6] = proto;
  h[7] = 64;
  s.copy(h, 8);
  d.copy(h, 24);
  return Buffer.concat([h, l4]);
}

export const FLAGS = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

export function tcpPacket(o: { src: string; dst: string; srcPort: number; dstPort: number; seq: number; ack: number; flags: number; payload?: Payload; ts: number }): Packet {
  const data = typeof o.payload === "string" ? Buffer.from(o.payload, "latin1") : (o.payload ?? Buffer.alloc(0));
  const h = Buffer.alloc(20);
  h.writeUInt16BE(o.srcPort, 0);
  h.writeUInt16BE(o.dstPort, 2);
  h.writeUInt32BE(o.seq >>> 0, 4);
  h.writeUInt32BE(o.ack >>> 0, 8);
  h[12] = 5 << 4;
  h[13] = o.flags;
  h.writeUInt16BE(64240, 14);
  return { ts: o.ts, ip: ipPacket(o.src, o.dst, 6, Buffer.concat([h, data]), 16) };
}

export function udpPacket(o: { src: string; dst: string; srcPort: number; dstPort: number; payload: Payload; ts: number }): Packet {
  const data = typeof o.payload === "string" ? Buffer.from(o.payload, "latin1") : o.payload;
  const h = Buffer.alloc(8);
  h.writeUInt16BE(o.srcPort, 0);
  h.writeUInt16BE(o.dstPort, 2);
  h.writeUInt16BE(8 + data.length, 4);
  return { ts: o.ts, ip: ipPacket(o.src, o.dst, 17, Buffer.concat([h, data]), 6) };
}

const list = (p: Payload | Payload[] | undefined): Buffer[] =>
  (p === undefined ? [] : Array.isArray(p) ? p : [p]).map((x) => (typeof x === "string" ? Buffer.from(x, "latin1") : x)).filter((b) => b.length > 0);

/** A whole TCP connection: handshake, client segments, server segments, FIN exchange. */
export function tcpSession(o: TcpSessionOptions): Packet[] {
  const step = o.stepMs ?? 1;
  const c = { a: o.src, p: o.srcPort ?? 49152 }, s = { a: o.dst, p: o.dstPort };
  let cseq = o.clientIsn ?? 1000, sseq = o.serverIsn ?? 5000;
  let t = o.ts;
  const out: Packet[] = [];
  const send = (fromClient: boolean, flags: number, payload?: Buffer, seq?: number) => {
    const [from, to] = fromClient ? [c, s] : [s, c];
    out.push(tcpPacket({ src: from.a, dst: to.a, srcPort: from.p, dstPort: to.p, seq: seq ?? (fromClient ? cseq : sseq),
      ack: fromClient ? sseq : cseq, flags, payload, ts: t }));
    t += step;
  };
  if (o.handshake !== false) {
    send(true, FLAGS.SYN, undefined);
    cseq++;
    send(false, FLAGS.SYN | FLAGS.ACK, undefined);
    sseq++;
    send(true, FLAGS.ACK);
  }
  const segs = list(o.clientPayload).map((data) => {
    const seq = cseq;
    cseq += data.length;
    return { data, seq };
  });
  for (const seg of o.reorder === true ? [...segs].reverse() : segs) {
    send(true, FLAGS.PSH | FLAGS.ACK, seg.data, seg.seq);
    if (o.duplicate === true) send(true, FLAGS.PSH | FLAGS.ACK, seg.data, seg.seq);
  }
  for (const data of list(o.serverPayload)) {
    send(false, FLAGS.PSH | FLAGS.ACK, data);
    sseq += data.length;
  }
  if (o.close !== false) {
    send(true, FLAGS.FIN | FLAGS.ACK);
    cseq++;
    send(false, FLAGS.FIN | FLAGS.ACK);
    sseq++;
    send(true, FLAGS.ACK);
  }
  return out;
}

