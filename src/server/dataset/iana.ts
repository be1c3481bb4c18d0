import { ASNS, findNetwork } from "./networks.js";
import { bare } from "./whois-text.js";

/**
 * whois.iana.org of the sandbox: TLD objects with `refer:`/`whois:` lines, and
 * the top-level allocations of the world's address space and AS numbers.
 * A TLD without `whois` is a post-sunset gTLD: IANA lists it with an empty
 * `whois:` and no `refer:`, so only RDAP reaches it.
 */
interface IanaTld {
  whois?: string;
  organisation: string;
  type: "generic" | "country-code";
  created: string;
  changed: string;
}

export const IANA_TLDS: Readonly<Record<string, IanaTld>> = {
  com: { whois: "whois.verisign-grs.com", organisation: "VeriSign Global Registry Services", type: "generic", created: "1985-01-01", changed: "2023-12-07" },
  net: { whois: "whois.verisign-grs.com", organisation: "VeriSign Global Registry Services", type: "generic", created: "1985-01-01", changed: "2023-12-07" },
  org: { whois: "whois.publicinterestregistry.org", organisation: "Public Interest Registry (PIR)", type: "generic", created: "1985-01-01", changed: "2024-02-16" },
  de: { whois: "whois.denic.de", organisation: "DENIC eG", type: "country-code", created: "1986-11-05", changed: "2024-05-27" },
  jp: { whois: "whois.jprs.jp", organisation: "Japan Registry Services Co., Ltd.", type: "country-code", created: "1986-08-05", changed: "2024-03-14" },
  app: { organisation: "Charleston Road Registry Inc.", type: "generic", created: "2015-06-25", changed: "2025-02-03" },
  fault: { whois: "whois.nic.fault", organisation: "Sandbox Fault Registry", type: "generic", created: "2026-01-01", changed: "2026-01-01" },
};

const CRLF = "\r\n";
const HEADER = ["% IANA WHOIS server", "% for more information on IANA, visit http://www.iana.org", "% This query returned 1 object", ""];
const NO_MATCH = ["% IANA WHOIS server", "% for more information on IANA, visit http://www.iana.org", "", "% This query returned 0 objects.", ""];
const RIR = {
  arin: { whois: "whois.arin.net", organisation: "ARIN" },
  ripe: { whois: "whois.ripe.net", organisation: "RIPE NCC" },
  apnic: { whois: "whois.apnic.net", organisation: "APNIC" },
  lacnic: { whois: "whois.lacnic.net", organisation: "LACNIC" },
} as const;

const field = (name: string, value: string): string => `${`${name}:`.padEnd(14)}${value}`.trimEnd();

function tldObject(tld: string, entry: IanaTld): string[] {
  return [
    ...(entry.whois ? [field("refer", entry.whois), ""] : []),
    field("domain", tld.toUpperCase()),
    "",
    field("organisation", entry.organisation),
    field("address", "1 Registry Way"),
    "",
    field("nserver", `A.NIC.${tld.toUpperCase()} 192.0.2.53`),
    "",
    field("whois", entry.whois ?? ""),
    "",
    field("status", "ACTIVE"),
    field("remarks", `Registration information: https://www.nic.${tld}`),
    "",
    field("created", entry.created),
    field("changed", entry.changed),
    field("source", "IANA"),
  ];
}

export function ianaAnswer(query: string): string {
  const q = bare(query);
  const tld = q.split(".").pop() ?? q;
  const entry = IANA_TLDS[tld];
  let body: string[] | undefined;
  if (entry) body = tldObject(tld, entry);
  const network = body ? undefined : findNetwork(q);
  if (network) {
    const rir = RIR[network.rir];
    const block = network.cidr.includes(":") ? "2001:db8::/32" : `${network.start.split(".")[0]}.0.0.0 - ${network.start.split(".")[0]}.255.255.255`;
    body = [field("refer", rir.whois), "", field(network.cidr.includes(":") ? "inet6num" : "inetnum", block), field("organisation", rir.organisation), field("status", "ALLOCATED"), "", field("whois", rir.whois), "", field("changed", "1993-05"), field("source", "IANA")];
  }
  const asn = body ? undefined : ASNS.find((a) => `as${a.number}` === q || String(a.number) === q);
  if (asn) {
    const rir = RIR[asn.rir];
    body = [field("refer", rir.whois), "", field("as-block", `${asn.number}-${asn.number}`), field("organisation", rir.organisation), "", field("whois", rir.whois), "", field("changed", "2008-02-01"), field("source", "IANA")];
  }
  return `${(body ? [...HEADER, ...body, ""] : NO_MATCH).join(CRLF)}${CRLF}`;
}
