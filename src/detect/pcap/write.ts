/**
 * A small pcap/pcapng writer for fixtures and evaluation sets: build IP packets with `tcpSession`,
 * `udpDns` and `udpPacket`, then frame them with `writePcap` (Ethernet, raw IP or Linux SLL;
 * pcap or pcapng; either byte order). Timestamps are epoch milliseconds.
 */
import type { Packet } from "./build.js";

export { FLAGS, ipBytes, ipPacket, tcpPacket, tcpSession, udpPacket, type Packet, type Payload, type TcpSessionOptions } from "./build.js";
export { clientHello, dnsMessage, httpRequest, udpDns, type UdpDnsOptions } from "./build-app.js";

export interface WritePcapOptions {
  format?: "pcap" | "pcapng";
  endian?: "little" | "big";
  link?: "ethernet" | "raw" | "sll";
  /** pcap: nanosecond magic; pcapng: if_tsresol 9. */
  nanoseconds?: boolean;
}

/** Several packet lists merged by time (stable). */
export function mergePackets(...lists: Packet[][]): Packet[] {
  return lists.flat().map((p, i) => ({ p, i })).sort((a, b) => a.p.ts - b.p.ts || a.i - b.i).map((x) => x.p);
}

const LINKS = { ethernet: 1, raw: 101, sll: 113 } as const;

function frame(link: keyof typeof LINKS, ip: Buffer): Buffer {
  const type = (ip[0] ?? 0) >> 4 === 6 ? 0x86dd : 0x0800;
  if (link === "raw") return ip;
  if (link === "ethernet") {
    const h = Buffer.from([0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, type >> 8, type & 0xff]);
    return Buffer.concat([h, ip]);
  }
  const h = Buffer.alloc(16);
  h.writeUInt16BE(4, 0); // sent by us
  h.writeUInt16BE(1, 2); // ARPHRD_ETHER
  h.writeUInt16BE(6, 4);
  h.writeUInt16BE(type, 14);
  return Buffer.concat([h, ip]);
}

/** A capture file with `packets` in the given order. */
export function writePcap(packets: Packet[], options: WritePcapOptions = {}): Buffer {
  const le = (options.endian ?? "little") === "little";
  const link = options.link ?? "ethernet";
  const nanos = options.nanoseconds === true;
  const u32 = (b: Buffer, v: number, at: number) => (le ? b.writeUInt32LE(v >>> 0, at) : b.writeUInt32BE(v >>> 0, at));
  const u16 = (b: Buffer, v: number, at: number) => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const parts: Buffer[] = [];
  if ((options.format ?? "pcap") === "pcap") {
    const h = Buffer.alloc(24);
    u32(h, nanos ? 0xa1b23c4d : 0xa1b2c3d4, 0);
    u16(h, 2, 4);
    u16(h, 4, 6);
    u32(h, 262144, 16);
    u32(h, LINKS[link], 20);
    parts.push(h);
    for (const p of packets) {
      const f = frame(link, p.ip);
      const r = Buffer.alloc(16);
      const sec = Math.floor(p.ts / 1000);
      u32(r, sec, 0);
      u32(r, Math.round((p.ts - sec * 1000) * (nanos ? 1_000_000 : 1000)), 4);
      u32(r, f.length, 8);
      u32(r, f.length, 12);
      parts.push(r, f);
    }
    return Buffer.concat(parts);
  }
  const block = (type: number, body: Buffer) => {
    const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
    const b = Buffer.alloc(12 + padded.length);
    u32(b, type, 0);
    u32(b, b.length, 4);
    padded.copy(b, 8);
    u32(b, b.length, b.length - 4);
    return b;
  };
  const shb = Buffer.alloc(16);
  u32(shb, 0x1a2b3c4d, 0);
  u16(shb, 1, 4);
  shb.writeInt32LE(-1, 8);
  shb.writeInt32LE(-1, 12);
  parts.push(block(0x0a0d0d0a, shb));
  const idb = Buffer.alloc(nanos ? 20 : 8);
  u16(idb, LINKS[link], 0);
  u32(idb, 262144, 4);
  if (nanos) {
    u16(idb, 9, 8); // if_tsresol
    u16(idb, 1, 10);
    idb[12] = 9;
    // opt_endofopt at 16 is zeros
  }
  parts.push(block(1, idb));
  for (const p of packets) {
    const f = frame(link, p.ip);
    const units = Math.round(p.ts * (nanos ? 1_000_000 : 1000));
    const e = Buffer.alloc(20);
    u32(e, 0, 0);
    u32(e, Math.floor(units / 4294967296), 4);
    u32(e, units % 4294967296, 8);
    u32(e, f.length, 12);
    u32(e, f.length, 16);
    parts.push(block(6, Buffer.concat([e, f])));
  }
  return Buffer.concat(parts);
}
