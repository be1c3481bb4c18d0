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
    try {
      const [address, bits] = ipaddr.parseCIDR(cidr);
      const family = address.kind() === "ipv4" ? ipaddr.IPv4 : ipaddr.IPv6;
      const start = family.networkAddressFromCIDR(cidr).toString();
      const canonical = `${start}/${bits}`;
      network.cidrs = [...(network.cidrs ?? []), canonical].filter((item, index, all) => all.indexOf(item) === index);
      network.startAddress ??= start;
      network.endAddress ??= family.broadcastAddressFromCIDR(cidr).toString();
    } catch {
      // not a CIDR after all
    }
  }
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
