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

/** RIR port-43 servers keyed by the host of their RDAP base URL in the IANA bootstrap. */
export const RIR_WHOIS_BY_RDAP_HOST: Readonly<Record<string, string>> = Object.freeze({
  "rdap.arin.net": RIR_WHOIS.arin,
  "rdap.db.ripe.net": RIR_WHOIS.ripe,
  "rdap.apnic.net": RIR_WHOIS.apnic,
  "rdap.lacnic.net": RIR_WHOIS.lacnic,
  "rdap.afrinic.net": RIR_WHOIS.afrinic,
});

/**
 * Each RIR's RDAP base (IANA's RDAP bootstrap, https://data.iana.org/rdap/), keyed by its RDAP host and
 * its port-43 host. For a handle met in an RIR's answer that carries no RFC 8521 tag (ARIN's OrgIds:
 * "NWT-7"), the registry that answered is the only way to know where its entity lives.
 */
export const RIR_RDAP_BASE: Readonly<Record<string, string>> = Object.freeze({
  "rdap.arin.net": "https://rdap.arin.net/registry/",
  "rdap.db.ripe.net": "https://rdap.db.ripe.net/",
  "rdap.apnic.net": "https://rdap.apnic.net/",
  "rdap.lacnic.net": "https://rdap.lacnic.net/rdap/",
  "rdap.afrinic.net": "https://rdap.afrinic.net/rdap/",
  [RIR_WHOIS.arin]: "https://rdap.arin.net/registry/",
  [RIR_WHOIS.ripe]: "https://rdap.db.ripe.net/",
  [RIR_WHOIS.apnic]: "https://rdap.apnic.net/",
  [RIR_WHOIS.lacnic]: "https://rdap.lacnic.net/rdap/",
  [RIR_WHOIS.afrinic]: "https://rdap.afrinic.net/rdap/",
});

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
