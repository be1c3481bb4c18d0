import type { NetworkInfo } from "../../record/types.js";
import { ipaddr } from "../../util/cjs-deps.js";

/** "a - b", "a/len", or LACNIC's shortened "200.57.128/20" into start, end and CIDRs. */
/** KRNIC "192.0.2.0 - 192.0.2.255 (/24)", "(/12+/13)": the prefix lengths in brackets after a range restate it. */
export function withoutPrefixNote(range: string): string {
  return range.endsWith(")") ? range.replace(/\s\(\/[\d/+]{1,40}\)$/, "") : range;
}

export function applyRange(network: NetworkInfo, value: string): void {
  const text = withoutPrefixNote(value.trim());
  const dash = /^([0-9a-fA-F.:]+)\s*-\s*([0-9a-fA-F.:]+)$/.exec(text);
  if (dash) {
    const [start, end] = [dash[1] ?? "", dash[2] ?? ""];
    // Most RIR ranges are plain dotted quads, which ipaddr.js would print back unchanged (issue #13: its parsing
    // was most of this function's 0.1–0.3 ms a call).
    const plain = plainIpv4(start) !== -1 && plainIpv4(end) !== -1;
    if (plain) {
      network.startAddress ??= start;
      network.endAddress ??= end;
      if (network.cidrs === undefined) {
        const cidrs = rangeToCidrs(start, end);
        if (cidrs.length > 0) network.cidrs = cidrs;
      }
      return;
    }
    if (!ipaddr.isValid(start) || !ipaddr.isValid(end)) return;
    network.startAddress ??= ipaddr.parse(start).toString();
    network.endAddress ??= ipaddr.parse(end).toString();
    if (network.cidrs === undefined) {
      const cidrs = rangeToCidrs(start, end);
      if (cidrs.length > 0) network.cidrs = cidrs;
    }
    return;
  }
  applyCidr(network, text);
}

export function applyCidr(network: NetworkInfo, value: string): void {
  for (const part of value.split(/[,\s]+/)) {
    const cidr = expandShortCidr(part.trim());
    if (cidr === undefined) continue;
    const slash = cidr.indexOf("/");
    const address = plainIpv4(cidr.slice(0, slash));
    if (address !== -1) {
      // A plain dotted quad: its block worked out as a number, as ipaddr.js would (a prefix over 32 is no CIDR).
      const bits = Number(cidr.slice(slash + 1));
      if (bits > 32) continue;
      const size = 2 ** (32 - bits);
      const start = address - (address % size);
      addCidr(network, `${ipv4Text(start)}/${bits}`, ipv4Text(start), ipv4Text(start + size - 1));
      continue;
    }
    try {
      const [address, bits] = ipaddr.parseCIDR(cidr);
      const family = address.kind() === "ipv4" ? ipaddr.IPv4 : ipaddr.IPv6;
      const start = family.networkAddressFromCIDR(cidr).toString();
      addCidr(network, `${start}/${bits}`, start, family.broadcastAddressFromCIDR(cidr).toString());
    } catch {
      // not a CIDR after all
    }
  }
}

function addCidr(network: NetworkInfo, canonical: string, start: string, end: string): void {
  network.cidrs = [...(network.cidrs ?? []), canonical].filter((item, index, all) => all.indexOf(item) === index);
  network.startAddress ??= start;
  network.endAddress ??= end;
}

/**
 * A dotted quad exactly as ipaddr.js prints one (four decimal octets of 0–255, no leading zero), as a number;
 * -1 for anything else (other IPv4 spellings ipaddr.js accepts, "010.1", "0x0a.0.0.1", go through it).
 */
export function plainIpv4(text: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const code = index < text.length ? text.charCodeAt(index) : 0x2e;
    if (code === 0x2e) {
      if (digits === 0 || octet > 255) return -1;
      value = value * 256 + octet;
      dots += 1;
      octet = 0;
      digits = 0;
    } else if (code >= 0x30 && code <= 0x39) {
      if (digits > 0 && octet === 0) return -1;
      if (++digits > 3) return -1;
      octet = octet * 10 + (code - 0x30);
    } else {
      return -1;
    }
  }
  return dots === 4 ? value : -1;
}

function ipv4Text(value: number): string {
  return `${Math.floor(value / 0x1000000)}.${Math.floor(value / 0x10000) % 256}.${Math.floor(value / 0x100) % 256}.${value % 256}`;
}

/** rangeToCidrs for two plain dotted quads (plainIpv4's numbers): the same cover, stepped as numbers, not BigInts. */
function ipv4RangeToCidrs(low: number, high: number): string[] {
  const out: string[] = [];
  let next = low;
  while (next <= high && out.length < 64) {
    let bits = 0;
    while (bits < 32 && next % 2 ** (bits + 1) === 0 && next + 2 ** (bits + 1) - 1 <= high) bits += 1;
    out.push(`${ipv4Text(next)}/${32 - bits}`);
    next += 2 ** bits;
  }
  return out;
}

/** "200.57.128/20" → "200.57.128.0/20" (LACNIC and registro.br shorten IPv4 blocks); an IPv6 CIDR as written; undefined otherwise. */
export function expandShortCidr(value: string): string | undefined {
  const match = /^([0-9.]+)\/(\d{1,2})$/.exec(value);
  if (match) {
    const octets = (match[1] ?? "").split(".").filter((o) => o !== "");
    while (octets.length < 4) octets.push("0");
    return `${octets.join(".")}/${match[2]}`;
  }
  return /^[0-9a-fA-F:]+\/\d{1,3}$/.test(value) ? value : undefined;
}

/** The minimal CIDR cover of an address range (at most 64 prefixes); [] for mixed families or a reversed range. */
export function rangeToCidrs(start: string, end: string): string[] {
  const low = plainIpv4(start);
  const high = plainIpv4(end);
  if (low !== -1 && high !== -1) return ipv4RangeToCidrs(low, high);
  return rangeToCidrsByIpaddr(start, end);
}

/** rangeToCidrs through ipaddr.js and BigInts, for every spelling and both families (tests compare the IPv4 path with it). */
export function rangeToCidrsByIpaddr(start: string, end: string): string[] {
  const a = ipaddr.parse(start);
  const b = ipaddr.parse(end);
  if (a.kind() !== b.kind()) return [];
  const width = a.kind() === "ipv4" ? 32 : 128;
  let low = addressToBigInt(a);
  const high = addressToBigInt(b);
  if (high < low) return [];
  const out: string[] = [];
  while (low <= high && out.length < 64) {
    let bits = 0;
    while (bits < width && (low & ((1n << BigInt(bits + 1)) - 1n)) === 0n && low + (1n << BigInt(bits + 1)) - 1n <= high) bits += 1;
    out.push(`${fromBig(low, width)}/${width - bits}`);
    low += 1n << BigInt(bits);
  }
  return out;
}

/** An address as one number (its bytes, most significant first): ranges compare and step as integers. */
export function addressToBigInt(address: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  let value = 0n;
  for (const byte of address.toByteArray()) value = (value << 8n) | BigInt(byte);
  return value;
}

function fromBig(value: bigint, width: number): string {
  const bytes: number[] = [];
  for (let index = width / 8 - 1; index >= 0; index -= 1) bytes.push(Number((value >> BigInt(index * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}
