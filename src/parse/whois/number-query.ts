import { isIP } from "node:net";

/**
 * What an IP or AS number query asks for, when the answer names no object: an RIR's "%ERROR:101: no entries found",
 * ARIN's "No match found for n + 192.0.2.1.", LACNIC's "% No match for "AS64496"" are about that address or AS
 * number, not a domain (w20: the record was kind "domain" with the address as its domain name).
 * Queries as users type them: an address, a CIDR ("192.0.2.0/24"), "AS64496" (the prefix required: a bare number
 * may be a handle). Anything else: undefined.
 */
export function numberQueryKind(query: string): "ip" | "asn" | undefined {
  const trimmed = query.trim();
  if (trimmed.length > 64) return undefined;
  if (/^AS\d{1,10}$/i.test(trimmed)) return "asn";
  const slash = trimmed.indexOf("/");
  const address = slash === -1 ? trimmed : trimmed.slice(0, slash);
  if (slash !== -1 && !/^\d{1,3}$/.test(trimmed.slice(slash + 1))) return undefined;
  return isIP(address) !== 0 ? "ip" : undefined;
}
