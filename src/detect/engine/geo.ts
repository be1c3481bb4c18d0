/**
 * Source country from @ip-location-db/geo-whois-asn-country (CC0; RIR delegation + WHOIS/ASN data,
 * refreshed upstream daily). Loaded lazily — only when --watch-countries is used — into sorted
 * typed arrays: IPv4 ranges as uint32, IPv6 ranges by their upper 64 bits. Binary search per lookup.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ipaddr from "ipaddr.js";
import { ConfigError } from "../../errors.js";

export interface CountryDb { country(ip: string): string | undefined }

interface Table<N> { starts: N; ends: N; codes: string[] }

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("@ip-location-db/geo-whois-asn-country/package.json"));
}

function parse<T extends Float64Array | BigUint64Array>(text: string, make: (n: number) => T, conv: (s: string) => number | bigint): Table<T> {
  const lines = text.split("\n").filter((l) => l !== "");
  const starts = make(lines.length), ends = make(lines.length);
  const codes: string[] = new Array(lines.length);
  lines.forEach((line, i) => {
    const [a, b, c] = line.split(",");
    starts[i] = conv(a!) as never;
    ends[i] = conv(b!) as never;
    codes[i] = (c ?? "").trim();
  });
  return { starts, ends, codes };
}

function search<T extends Float64Array | BigUint64Array>(t: Table<T>, value: number | bigint): string | undefined {
  let lo = 0, hi = t.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t.starts[mid]! > value) hi = mid - 1;
    else if (t.ends[mid]! < value) lo = mid + 1;
    else return t.codes[mid];
  }
  return undefined;
}

let cached: CountryDb | undefined;

export function loadCountryDb(dir?: string): CountryDb {
  if (cached && dir === undefined) return cached;
  let base: string;
  try {
    base = dir ?? packageDir();
  } catch (error) {
    throw new ConfigError("the IP-to-country dataset (@ip-location-db/geo-whois-asn-country) is not installed", { cause: error });
  }
  const v4 = parse(readFileSync(join(base, "geo-whois-asn-country-ipv4-num.csv"), "utf8"), (n) => new Float64Array(n), Number);
  const v6 = parse(readFileSync(join(base, "geo-whois-asn-country-ipv6-num.csv"), "utf8"), (n) => new BigUint64Array(n), (s) => BigInt(s) >> 64n);
  const db: CountryDb = {
    country(ip: string): string | undefined {
      if (!ipaddr.isValid(ip)) return undefined;
      let addr = ipaddr.parse(ip);
      if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
      if (addr.kind() === "ipv4") {
        const b = addr.toByteArray();
        return search(v4, ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!);
      }
      const b = addr.toByteArray();
      let hi = 0n;
      for (let i = 0; i < 8; i += 1) hi = (hi << 8n) | BigInt(b[i]!);
      return search(v6, hi);
    },
  };
  if (dir === undefined) cached = db;
  return db;
}
