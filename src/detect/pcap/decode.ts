/** Link layer → IPv4/IPv6 → TCP/UDP, without copying: offsets into the captured frame. */

export interface Decoded {
  src: string;
  dst: string;
  proto: "tcp" | "udp";
  srcPort: number;
  dstPort: number;
  /** TCP only. */
  seq: number;
  flags: number;
  payload: Buffer;
}

export const TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_ACK = 0x10;

/** Link types read (LINKTYPE_* numbers from tcpdump.org) → offset of the network header and how to find its version. */
const LINK: Record<number, (f: Buffer) => number> = {
  0: (f) => (f.length >= 4 ? 4 : -1), // BSD loopback: 4-byte address family
  1: ethernet,
  101: () => 0, // raw IP
  12: () => 0, // raw IP (OpenBSD value)
  14: () => 0,
  228: () => 0, // IPv4
  229: () => 0, // IPv6
  113: (f) => (f.length >= 16 ? ipEtherType(f.readUInt16BE(14), 16) : -1), // Linux cooked (SLL)
  276: (f) => (f.length >= 20 ? ipEtherType(f.readUInt16BE(0), 20) : -1), // Linux cooked v2 (SLL2)
};

function ipEtherType(type: number, at: number): number {
  return type === 0x0800 || type === 0x86dd ? at : -2;
}

function ethernet(f: Buffer): number {
  let at = 12;
  for (let tags = 0; tags < 3; tags++) {
    if (f.length < at + 2) return -1;
    const type = f.readUInt16BE(at);
    if (type === 0x8100 || type === 0x88a8 || type === 0x9100) {
      at += 4;
      continue;
    }
    return ipEtherType(type, at + 2);
  }
  return -2;
}

export function formatIPv4(b: Buffer, at: number): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
}

/** RFC 5952 text: lowercase, no leading zeros, the longest run (≥ 2) of zero groups as "::". */
export function formatIPv6(b: Buffer, at: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push(b.readUInt16BE(at + i * 2));
  let bestAt = -1, bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { bestAt = i; bestLen = j - i; }
    i = j;
  }
  if (bestAt < 0) return g.map((x) => x.toString(16)).join(":");
  const head = g.slice(0, bestAt).map((x) => x.toString(16)).join(":");
  const tail = g.slice(bestAt + bestLen).map((x) => x.toString(16)).join(":");
  return `${head}::${tail}`;
}

/** "skip" for frames that are not TCP/UDP over IP (ARP, ICMP, later fragments); "bad" for broken headers. */
export function decodeFrame(linkType: number, f: Buffer): Decoded | "skip" | "bad" {
  const link = LINK[linkType];
  if (link === undefined) return "skip";
  const ipAt = link(f);
  if (ipAt === -2) return "skip";
  if (ipAt < 0 || f.length < ipAt + 1) return "bad";
  const version = (f[ipAt] ?? 0) >> 4;
  let proto: number, l4: number, end: number, src: string, dst: string;
  if (version === 4) {
    if (f.length < ipAt + 20) return "bad";
    const ihl = ((f[ipAt] ?? 0) & 0x0f) * 4;
    const total = f.readUInt16BE(ipAt + 2);
    if (ihl < 20 || f.length < ipAt + ihl) return "bad";
    if ((f.readUInt16BE(ipAt + 6) & 0x1fff) !== 0) return "skip"; // a later fragment
    proto = f[ipAt + 9] ?? 0;
    src = formatIPv4(f, ipAt + 12);
    dst = formatIPv4(f, ipAt + 16);
    l4 = ipAt + ihl;
    end = total >= ihl ? Math.min(f.length, ipAt + total) : f.length;
  } else if (version === 6) {
    if (f.length < ipAt + 40) return "bad";
    proto = f[ipAt + 6] ?? 0;
    src = formatIPv6(f, ipAt + 8);
    dst = formatIPv6(f, ipAt + 24);
    const plen = f.readUInt16BE(ipAt + 4);
    end = plen > 0 ? Math.min(f.length, ipAt + 40 + plen) : f.length;
    l4 = ipAt + 40;
    for (let n = 0; n < 8 && (proto === 0 || proto === 43 || proto === 60 || proto === 44); n++) {
      if (end < l4 + 8) return "bad";
      if (proto === 44 && (f.readUInt16BE(l4 + 2) & 0xfff8) !== 0) return "skip";
      const next = f[l4] ?? 0;
      l4 += proto === 44 ? 8 : ((f[l4 + 1] ?? 0) + 1) * 8;
      proto = next;
    }
  } else return "bad";
  if (proto === 6) {
    if (end < l4 + 20) return "bad";
    const off = ((f[l4 + 12] ?? 0) >> 4) * 4;
    if (off < 20 || end < l4 + off) return "bad";
    return { src, dst, proto: "tcp", srcPort: f.readUInt16BE(l4), dstPort: f.readUInt16BE(l4 + 2), seq: f.readUInt32BE(l4 + 4),
      flags: f[l4 + 13] ?? 0, payload: f.subarray(l4 + off, end) };
  }
  if (proto === 17) {
    if (end < l4 + 8) return "bad";
    const len = f.readUInt16BE(l4 + 4);
    const stop = len >= 8 ? Math.min(end, l4 + len) : end;
    return { src, dst, proto: "udp", srcPort: f.readUInt16BE(l4), dstPort: f.readUInt16BE(l4 + 2), seq: 0, flags: 0,
      payload: f.subarray(l4 + 8, stop) };
  }
  return "skip";
}
