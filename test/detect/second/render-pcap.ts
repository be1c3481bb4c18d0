/**
 * Second world as a capture: classic pcap written big-endian with the nanosecond magic (pcap-savefile(5)
 * at tcpdump.org; 0xa1b23c4d), link type LINUX_SLL2 (276, tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html),
 * host A over IPv6 (RFC 8200 header), B and C over IPv4. Written here, not with src/detect/pcap/write.ts,
 * so the reader is checked against bytes its own writer did not lay out.
 */
import { isIPv4 } from "node:net";
import { HOST, timeline } from "./scenario.js";

function ipBytes(a: string): Buffer {
  if (isIPv4(a)) return Buffer.from(a.split(".").map(Number));
  const [l, r = ""] = a.split("::");
  const left = l ? l.split(":") : [], right = r ? r.split(":") : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => b.writeUInt16BE(parseInt(g, 16), i * 2));
  return b;
}

const SYN = 0x02, ACK = 0x10, PSH = 0x08, FIN = 0x01;
function packet(src: string, dst: string, sport: number, dport: number, flags: number, seq: number, ack: number, data: Uint8Array = new Uint8Array(0)): Buffer {
  const tcp = Buffer.alloc(20);
  tcp.writeUInt16BE(sport, 0); tcp.writeUInt16BE(dport, 2); tcp.writeUInt32BE(seq >>> 0, 4); tcp.writeUInt32BE(ack >>> 0, 8);
  tcp[12] = 5 << 4; tcp[13] = flags; tcp.writeUInt16BE(64240, 14);
  const seg = Buffer.concat([tcp, data]);
  const v6 = !isIPv4(src);
  let ip: Buffer;
  if (v6) {
    ip = Buffer.alloc(40);
    ip.writeUInt32BE(0x60000000, 0); ip.writeUInt16BE(seg.length, 4); ip[6] = 6; ip[7] = 64;
    ipBytes(src).copy(ip, 8); ipBytes(dst).copy(ip, 24);
  } else {
    ip = Buffer.alloc(20);
    ip[0] = 0x45; ip.writeUInt16BE(20 + seg.length, 2); ip[8] = 64; ip[9] = 6;
    ipBytes(src).copy(ip, 12); ipBytes(dst).copy(ip, 16);
  }
  const sll2 = Buffer.alloc(20);
  sll2.writeUInt16BE(v6 ? 0x86dd : 0x0800, 0); sll2.writeUInt32BE(2, 4); sll2.writeUInt16BE(1, 8); sll2[10] = 4; sll2[11] = 6;
  Buffer.from([0x52, 0x54, 0, 0x12, 0x34, 0x56]).copy(sll2, 12);
  return Buffer.concat([sll2, ip, seg]);
}

export function pcapSll2BigEndian(): Buffer {
  const recs: [number, Buffer][] = [];
  const conv = (t: number, c: string, s: string, sp: number, dp: number, req: Uint8Array, resp: Uint8Array) => {
    recs.push([t, packet(c, s, sp, dp, SYN, 1000, 0)], [t + 20, packet(s, c, dp, sp, SYN | ACK, 5000, 1001)], [t + 21, packet(c, s, sp, dp, ACK, 1001, 5001)],
      [t + 22, packet(c, s, sp, dp, PSH | ACK, 1001, 5001, req)], [t + 80, packet(s, c, dp, sp, PSH | ACK, 5001, 1001 + req.length, resp)],
      [t + 81, packet(s, c, dp, sp, FIN | ACK, 5001 + resp.length, 1001 + req.length)], [t + 82, packet(c, s, sp, dp, FIN | ACK, 1001 + req.length, 5002 + resp.length)]);
  };
  for (const it of timeline()) {
    if (it.host === "A") conv(it.l.ts, HOST.A6, it.l.serverIp6, it.l.sport, 43, Buffer.from(`${it.l.query}\r\n`), Buffer.from(`Domain Name: ${it.l.query.toUpperCase()}\r\nRegistrar: Example\r\n`));
    else if (it.host === "B") recs.push([it.p.ts, packet(HOST.B, it.p.dst, it.p.sport, it.p.dport, SYN, 77, 0)]);
    else conv(it.b.ts, HOST.C, it.b.ip, it.b.sport, 443, Buffer.from([0x17, 0x03, 0x03, 0x00, 0x20, ...Array<number>(32).fill(0xa5)]), Buffer.from([0x17, 0x03, 0x03, 0x00, 0x10, ...Array<number>(16).fill(0x5a)]));
  }
  recs.sort((a, b) => a[0] - b[0]);
  const head = Buffer.alloc(24);
  head.writeUInt32BE(0xa1b23c4d, 0); head.writeUInt16BE(2, 4); head.writeUInt16BE(4, 6); head.writeUInt32BE(262144, 16); head.writeUInt32BE(276, 20);
  const body = recs.map(([ms, p]) => {
    const h = Buffer.alloc(16);
    h.writeUInt32BE(Math.floor(ms / 1000), 0); h.writeUInt32BE((ms % 1000) * 1_000_000, 4); h.writeUInt32BE(p.length, 8); h.writeUInt32BE(p.length, 12);
    return Buffer.concat([h, p]);
  });
  return Buffer.concat([head, ...body]);
}
