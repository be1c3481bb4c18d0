import { domainToASCII } from "node:url";
import { CCTLD_WHOIS, IDN_CCTLD_WHOIS, LEGACY_GTLD_WHOIS, NEW_GTLD_WHOIS, SUFFIX_WHOIS } from "./whois-table.js";

/** Where a lookup starts when no table knows the TLD: IANA answers `refer:`/`whois:` for every TLD, IP block and ASN. */
export const IANA_WHOIS_SERVER = "whois.iana.org";

/** Every TLD row in one map (the tables do not overlap; the tests check it). */
export const TLD_WHOIS: Readonly<Record<string, string>> = Object.freeze({ ...LEGACY_GTLD_WHOIS, ...CCTLD_WHOIS, ...IDN_CCTLD_WHOIS, ...NEW_GTLD_WHOIS });

/** The five Regional Internet Registries' port-43 servers, keyed by registry. */
export const RIR_WHOIS = Object.freeze({
  arin: "whois.arin.net",
  ripe: "whois.ripe.net",
  apnic: "whois.apnic.net",
  lacnic: "whois.lacnic.net",
  afrinic: "whois.afrinic.net",
});
export type Rir = keyof typeof RIR_WHOIS;

/** Each RIR's RDAP base (IANA's RDAP bootstrap, https://data.iana.org/rdap/), keyed by registry: the tables below come from it. */
const RIR_RDAP: Readonly<Record<Rir, string>> = Object.freeze({
  arin: "https://rdap.arin.net/registry/",
  ripe: "https://rdap.db.ripe.net/",
  apnic: "https://rdap.apnic.net/",
  lacnic: "https://rdap.lacnic.net/rdap/",
  afrinic: "https://rdap.afrinic.net/rdap/",
});
const RIRS = Object.keys(RIR_WHOIS) as Rir[];
const rdapHost = (rir: Rir): string => new URL(RIR_RDAP[rir]).host;

/** RIR port-43 servers keyed by the host of their RDAP base URL in the IANA bootstrap. */
export const RIR_WHOIS_BY_RDAP_HOST: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(RIRS.map((rir) => [rdapHost(rir), RIR_WHOIS[rir]])));

/**
 * Each RIR's RDAP base, keyed by its RDAP host and its port-43 host. For a handle met in an RIR's answer
 * that carries no RFC 8521 tag (ARIN's OrgIds: "NWT-7"), the registry that answered is the only way to
 * know where its entity lives.
 */
export const RIR_RDAP_BASE: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(RIRS.flatMap((rir) => [[rdapHost(rir), RIR_RDAP[rir]], [RIR_WHOIS[rir], RIR_RDAP[rir]]])),
);

/** The RDAP base of the RIR whose RDAP or port-43 host is `host`, or undefined. */
export function rirRdapBase(host: string): string | undefined {
  const key = host.trim().toLowerCase();
  return Object.hasOwn(RIR_RDAP_BASE, key) ? RIR_RDAP_BASE[key] : undefined;
}

/** The port-43 server of a TLD ("com", ".COM", "рф"), or undefined: then ask whois.iana.org and follow `refer:`. */
export function whoisServerForTld(tld: string): string | undefined {
  const key = normalize(tld);
  return key !== "" && Object.hasOwn(TLD_WHOIS, key) ? TLD_WHOIS[key] : undefined;
}

/**
 * The port-43 server for a domain name: a second-level suffix with its own
 * server ("example.ac.uk" → Jisc) wins over the TLD's; undefined when neither is known.
 */
export function whoisServerForDomain(name: string): string | undefined {
  let rest = normalize(name);
  while (rest.includes(".")) {
    if (Object.hasOwn(SUFFIX_WHOIS, rest)) return SUFFIX_WHOIS[rest];
    rest = rest.slice(rest.indexOf(".") + 1);
  }
  return whoisServerForTld(rest);
}

/** The RIR WHOIS server for an RDAP base URL from the bootstrap (ip/asn/entity answers), or undefined. */
export function rirWhoisServerForRdapBase(base: string): string | undefined {
  try {
    const host = new URL(base).hostname.toLowerCase();
    return Object.hasOwn(RIR_WHOIS_BY_RDAP_HOST, host) ? RIR_WHOIS_BY_RDAP_HOST[host] : undefined;
  } catch {
    return undefined;
  }
}

/** True for the five RIR WHOIS hosts. */
export function isRirWhoisServer(host: string): boolean {
  return (Object.values(RIR_WHOIS) as string[]).includes(host.toLowerCase());
}

function normalize(value: string): string {
  let text = value.trim().toLowerCase();
  if (text.length > 1024) return "";
  while (text.endsWith(".")) text = text.slice(0, -1);
  while (text.startsWith(".")) text = text.slice(1);
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(text) ? domainToASCII(text) : text;
}
