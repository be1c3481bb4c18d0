import { lookup } from "node:dns/promises";
import { ReferralError, NetworkError } from "../errors.js";
import { ipaddr } from "../util/cjs-deps.js";
import { cachingResolver } from "./resolver-cache.js";

/**
 * ipaddr.js range names that are not the public internet. A referral or redirect
 * into one of these could reach the user's own network (SSRF), so it is refused
 * unless the user allowed it.
 */
const NON_PUBLIC_RANGES = new Set([
  "unspecified",
  "broadcast",
  "multicast",
  "linkLocal",
  "loopback",
  "carrierGradeNat",
  "private",
  "reserved",
  "uniqueLocal",
  "ipv4Mapped", // judged by the embedded IPv4 address instead
  "rfc6145",
  "rfc6052",
  "6to4",
  "teredo",
  "benchmarking",
  "amt",
  "as112",
  "as112v6",
  "deprecated",
  "orchid2",
  "droneRemoteIdProtocolEntityTags",
]);

/** Documentation ranges are not routable either. */
const DOCUMENTATION = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "192.0.0.0/24"].map((cidr) =>
  ipaddr.parseCIDR(cidr),
);

/**
 * Whether `text` can be an address in any form ipaddr.js accepts. Every IPv6 form has a colon; every
 * IPv4 form (1–4 parts, each decimal, octal or 0x-hex) is hex digits, x and dots only. A host name
 * fails this at its first other letter, without ipaddr.isValid, which answers "no" by catching a thrown
 * Error (≈ 20 µs a name, on every hop). Only ever says "maybe" wrongly (the exact check then decides):
 * the case fold below maps a few control characters onto digits and the dot, never an accepted one away.
 */
export function mayBeAddressLiteral(text: string): boolean {
  if (text.includes(":")) return true;
  for (let index = 0; index < text.length; index += 1) {
    const folded = text.charCodeAt(index) | 0x20;
    if (!((folded >= 0x30 && folded <= 0x39) || (folded >= 0x61 && folded <= 0x66) || folded === 0x78 || folded === 0x2e)) return false;
  }
  return true;
}

/** Whether ipaddr.js reads `text` as an address (the guard's notion of a literal), cheaply for names. */
function isAddress(text: string): boolean {
  return mayBeAddressLiteral(text) && ipaddr.isValid(text);
}

/** Verdicts already given, per address text: a resolver's few addresses are judged on every hop. */
const verdicts = new Map<string, boolean>();
/** Bounded (a run meets a few hundred server addresses); emptied when full. */
const MAX_VERDICTS = 1024;

/** Whether `ip` is not a public address (anything that is not an address counts as not public). */
export function isPrivateAddress(ip: string): boolean {
  const known = verdicts.get(ip);
  if (known !== undefined) return known;
  const verdict = judgeAddress(ip);
  // (Long texts are never addresses: judged, not kept.)
  if (ip.length <= 64) {
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(ip, verdict);
  }
  return verdict;
}

/** ipaddr.js's parse and range tables, ≈ 2.6 µs for an IPv4 address and 9 µs for an IPv6 one. */
function judgeAddress(ip: string): boolean {
  if (!isAddress(ip)) return true;
  let address = ipaddr.process(ip);
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  if (NON_PUBLIC_RANGES.has(address.range())) return true;
  return DOCUMENTATION.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

/** Resolves a host name to its addresses (all of them, in resolver order). Injectable for tests. */
export type HostResolver = (host: string) => Promise<string[]>;

/**
 * The operating system's resolver (getaddrinfo through dns.lookup, as net.connect would use), its answers
 * reused for a short time (resolver-cache.ts: 30 s, 1,000 names).
 */
export const systemResolver: HostResolver = cachingResolver(async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address));

/**
 * Resolves `host` and returns its addresses, refusing private ones unless allowed.
 * Callers connect to the returned address, not the name, so the answer checked is
 * the answer used (no DNS rebinding between check and connect).
 */
export async function assertPublicHost(host: string, allowPrivate: boolean, resolve: HostResolver = systemResolver): Promise<string[]> {
  const literal = stripBrackets(host);
  let addresses: string[];
  if (isAddress(literal)) {
    // Normalized: getaddrinfo would read "127.1" or "0x7f.1" as 127.0.0.1 too.
    addresses = [ipaddr.process(literal).toString()];
  } else {
    try {
      addresses = await resolve(literal);
    } catch (error) {
      throw new NetworkError("WL_ERR_CONNECT", `cannot resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
        cause: error,
        server: host,
      });
    }
    if (addresses.length === 0) throw new NetworkError("WL_ERR_CONNECT", `cannot resolve ${host}: no addresses`, { server: host });
  }
  if (!allowPrivate) assertPublicAddresses(host, addresses);
  return addresses;
}

/** Throws WL_ERR_PRIVATE_ADDRESS when any of `host`'s addresses is not public (one bad answer taints the name). */
export function assertPublicAddresses(host: string, addresses: readonly string[]): void {
  const blocked = addresses.find(isPrivateAddress);
  if (blocked !== undefined) {
    throw new ReferralError(
      "WL_ERR_PRIVATE_ADDRESS",
      `${host} resolves to ${blocked}, a private/loopback/link-local address; refused (use --allow-private to permit)`,
      { server: host },
    );
  }
}

/** The guard's decision for a URL or host without resolving names (literal IPs only). */
export function isPrivateLiteral(host: string): boolean {
  const literal = stripBrackets(host).toLowerCase().replace(/\.$/, "");
  if (literal === "localhost" || literal.endsWith(".localhost")) return true;
  return isAddress(literal) ? isPrivateAddress(literal) : false;
}

/** Throws WL_ERR_PRIVATE_ADDRESS for a private address literal or a localhost name (no resolution). */
export function assertNotPrivateLiteral(host: string): void {
  if (isPrivateLiteral(host)) {
    throw new ReferralError("WL_ERR_PRIVATE_ADDRESS", `${host} is a private/loopback/link-local address; refused (use --allow-private to permit)`, {
      server: host,
    });
  }
}

/** Whether `host` is an IP literal (brackets allowed), i.e. nothing to resolve. */
export function isAddressLiteral(host: string): boolean {
  return isAddress(stripBrackets(host));
}

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}
