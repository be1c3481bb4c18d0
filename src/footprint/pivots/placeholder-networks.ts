import ipaddr from "ipaddr.js";

/**
 * Blocks no registry allocates to a holder: what a registry answers for space it does not manage is a
 * placeholder covering far more than any allocation. One row per address family: the shortest prefix a
 * holder can have, with its source. Data, so a family or a finer rule is a row.
 */
const SHORTEST_ALLOCATION: readonly { kind: "ipv4" | "ipv6"; bits: number; source: string }[] = [
  // IANA delegates IPv4 to the RIRs in /8s at most (IANA IPv4 Address Space Registry); no holder gets more.
  { kind: "ipv4", bits: 8, source: "IANA IPv4 Address Space Registry: /8 units to the RIRs" },
  // IANA's IPv6 unicast allocations to the RIRs are /12 at most (IANA IPv6 Global Unicast Address Assignments).
  { kind: "ipv6", bits: 12, source: "IANA IPv6 Global Unicast Address Assignments: /12 units to the RIRs" },
];

/** Why a CIDR is a registry's placeholder rather than a holder's network, or undefined when it can be one. */
export function placeholderReason(cidr: string): string | undefined {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(cidr);
  } catch {
    return undefined;
  }
  const [address, bits] = parsed;
  const row = SHORTEST_ALLOCATION.find((r) => r.kind === address.kind());
  return row !== undefined && bits < row.bits ? `wider than any allocation (/${bits} < /${row.bits}: ${row.source}), the registry's placeholder for space it does not hold` : undefined;
}
