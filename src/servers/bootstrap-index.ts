import { ipaddr } from "../util/cjs-deps.js";

/**
 * Lookup structures for the IANA bootstrap, built once per file so that a
 * lookup costs a handful of map probes or a binary search, never a scan.
 */

/** IP prefixes grouped by length: probe each distinct length, longest first (RFC 9224 §5.2: most specific wins). */
export class PrefixIndex {
  private readonly byLength = new Map<number, Map<bigint, string[]>>();
  private lengths: number[] = [];

  constructor(private readonly bits: 32 | 128) {}

  add(cidr: string, urls: string[]): void {
    let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      parsed = ipaddr.parseCIDR(cidr);
    } catch {
      return; // a malformed entry in a bootstrap file: skip it
    }
    const [network, length] = parsed;
    if ((network.kind() === "ipv4" ? 32 : 128) !== this.bits) return;
    let table = this.byLength.get(length);
    if (!table) {
      table = new Map();
      this.byLength.set(length, table);
      this.lengths = [...this.byLength.keys()].sort((a, b) => b - a);
    }
    const key = maskTo(toBigInt(network.toByteArray()), length, this.bits);
    if (!table.has(key)) table.set(key, urls);
  }

  /** The most specific entry containing `address` whose length is at most `maxLength` (a CIDR query's own length). */
  match(address: bigint, maxLength: number = this.bits): string[] {
    for (const length of this.lengths) {
      if (length > maxLength) continue;
      const urls = this.byLength.get(length)?.get(maskTo(address, length, this.bits));
      if (urls) return urls;
    }
    return [];
  }

  /** Every URL list in the index (for host listings). */
  *values(): Iterable<string[]> {
    for (const table of this.byLength.values()) yield* table.values();
  }
}

const MASKS = new Map<string, bigint>();

function maskTo(value: bigint, length: number, bits: number): bigint {
  const cacheKey = `${bits}/${length}`;
  let mask = MASKS.get(cacheKey);
  if (mask === undefined) {
    mask = length === 0 ? 0n : ((1n << BigInt(length)) - 1n) << BigInt(bits - length);
    MASKS.set(cacheKey, mask);
  }
  return value & mask;
}

function toBigInt(bytes: number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export interface ParsedAddress {
  family: 4 | 6;
  value: bigint;
  /** The prefix length when the input was a CIDR. */
  length?: number;
}

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses "1.2.3.4", "2001:db8::1" or either with "/len"; IPv4-mapped IPv6 becomes IPv4. undefined for garbage. */
export function parseAddress(input: string): ParsedAddress | undefined {
  if (input.length > 100) return undefined;
  const slash = input.indexOf("/");
  const text = slash === -1 ? input.trim() : input.slice(0, slash).trim();
  let length: number | undefined;
  if (slash !== -1) {
    const suffix = input.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(suffix)) return undefined;
    length = Number(suffix);
  }
  const quad = DOTTED_QUAD.exec(text);
  if (quad) {
    let value = 0;
    for (let index = 1; index <= 4; index += 1) {
      const octet = Number(quad[index]);
      if (octet > 255) return undefined;
      value = value * 256 + octet;
    }
    if (length !== undefined && length > 32) return undefined;
    return withLength({ family: 4, value: BigInt(value) }, length);
  }
  if (!text.includes(":")) return undefined;
  let parsed: ipaddr.IPv6;
  try {
    parsed = ipaddr.IPv6.parse(text);
  } catch {
    return undefined;
  }
  if (length !== undefined && length > 128) return undefined;
  if (parsed.isIPv4MappedAddress()) {
    const mappedLength = length === undefined ? undefined : Math.max(0, length - 96);
    return withLength({ family: 4, value: toBigInt(parsed.toIPv4Address().toByteArray()) }, mappedLength);
  }
  return withLength({ family: 6, value: toBigInt(parsed.toByteArray()) }, length);
}

function withLength(address: ParsedAddress, length: number | undefined): ParsedAddress {
  if (length !== undefined) address.length = length;
  return address;
}

interface AsnRange {
  start: number;
  end: number;
  urls: string[];
}

/** ASN ranges sorted by start; lookups binary-search the last range starting at or below the number. */
export class AsnIndex {
  private ranges: AsnRange[] = [];
  private sorted = true;

  add(entry: string, urls: string[]): void {
    const match = /^\s*(\d{1,10})\s*(?:-\s*(\d{1,10})\s*)?$/.exec(entry);
    if (!match) return;
    const start = Number(match[1]);
    const end = match[2] === undefined ? start : Number(match[2]);
    if (end < start || end > 0xffff_ffff) return;
    this.ranges.push({ start, end, urls });
    this.sorted = false;
  }

  match(asn: number): string[] {
    if (!Number.isInteger(asn) || asn < 0) return [];
    if (!this.sorted) {
      this.ranges.sort((a, b) => a.start - b.start);
      this.sorted = true;
    }
    let low = 0;
    let high = this.ranges.length - 1;
    let candidate: AsnRange | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const range = this.ranges[middle] as AsnRange;
      if (range.start <= asn) {
        candidate = range;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return candidate !== undefined && asn <= candidate.end ? candidate.urls : [];
  }

  *values(): Iterable<string[]> {
    for (const range of this.ranges) yield range.urls;
  }
}

/** https before http (RFC 9224 §3 lets clients choose; TLS is the safe one), every base ending in "/", junk dropped. */
export function orderUrls(urls: unknown): string[] {
  if (!Array.isArray(urls)) return [];
  const valid = urls
    .filter((url): url is string => typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) && url.length <= 2048)
    .map((url) => (url.endsWith("/") ? url : `${url}/`));
  return [...valid.filter((url) => /^https:/i.test(url)), ...valid.filter((url) => !/^https:/i.test(url))];
}
