import { lookup } from "node:dns/promises";
import { ReferralError, NetworkError } from "../errors.js";
import { ipaddr } from "../util/cjs-deps.js";

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

export function isPrivateAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return true;
  let address = ipaddr.process(ip);
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  if (NON_PUBLIC_RANGES.has(address.range())) return true;
  return DOCUMENTATION.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

/**
 * Resolves `host` and returns its addresses, refusing private ones unless allowed.
 * Callers connect to the returned address, not the name, so the answer checked is
 * the answer used (no DNS rebinding between check and connect).
 */
export async function assertPublicHost(host: string, allowPrivate: boolean): Promise<string[]> {
  const literal = host.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (ipaddr.isValid(literal)) {
    addresses = [literal];
  } else {
    try {
      addresses = (await lookup(literal, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch (error) {
      throw new NetworkError("WL_ERR_CONNECT", `cannot resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
        cause: error,
        server: host,
      });
    }
  }
  if (allowPrivate) return addresses;
  const blocked = addresses.find(isPrivateAddress);
  if (blocked !== undefined) {
    throw new ReferralError(
      "WL_ERR_PRIVATE_ADDRESS",
      `${host} resolves to ${blocked}, a private/loopback/link-local address; refused (use --allow-private to permit)`,
      { server: host },
    );
  }
  return addresses;
}

/** The guard's decision for a URL or host without resolving names (literal IPs only). */
export function isPrivateLiteral(host: string): boolean {
  const literal = host.replace(/^\[|\]$/g, "");
  if (literal === "localhost" || literal.endsWith(".localhost")) return true;
  return ipaddr.isValid(literal) ? isPrivateAddress(literal) : false;
}
