import ipaddr from "ipaddr.js";
import type { BootstrapFiles } from "../servers/bootstrap.js";
import { DOMAINS, UNREGISTERED } from "./dataset/domains.js";
import { ASNS, NETWORKS, arinAnswer, findNetwork, ripeAnswer } from "./dataset/networks.js";
import { denicAnswer, ianaAnswer, jprsAnswer, loopAnswer, pirAnswer, registrarAnswer, verisignThin } from "./dataset/whois-text.js";
import { RDAP_FAULTS, WHOIS_FAULTS } from "./faults.js";

/** The port-43 servers of the world: host name → answer for a query. */
export const WHOIS_HOSTS: Readonly<Record<string, (query: string) => string>> = {
  "whois.iana.org": (q) => ianaAnswer(q, ianaRefer),
  "whois.verisign-grs.com": verisignThin,
  "whois.registrar-one.sandbox": (q) => registrarAnswer("whois.registrar-one.sandbox", q),
  "whois.registrar-two.sandbox": (q) => registrarAnswer("whois.registrar-two.sandbox", q),
  "whois.loop-a.sandbox": (q) => loopAnswer("whois.loop-a.sandbox", q),
  "whois.loop-b.sandbox": (q) => loopAnswer("whois.loop-b.sandbox", q),
  "whois.publicinterestregistry.org": pirAnswer,
  "whois.denic.de": denicAnswer,
  "whois.jprs.jp": jprsAnswer,
  "whois.arin.net": arinAnswer,
  "whois.ripe.net": ripeAnswer,
  "whois.nic.fault": (q) => `No match for "${q}".\r\n`,
};

export const FAULT_WHOIS_HOST = "whois.nic.fault";

const TLD_REFER: Record<string, string> = {
  com: "whois.verisign-grs.com",
  net: "whois.verisign-grs.com",
  org: "whois.publicinterestregistry.org",
  de: "whois.denic.de",
  jp: "whois.jprs.jp",
  fault: FAULT_WHOIS_HOST,
};

function ianaRefer(query: string): string | undefined {
  const tld = query.split(".").pop() ?? query;
  if (TLD_REFER[tld]) return TLD_REFER[tld];
  const network = findNetwork(query);
  if (network) return network.rir === "arin" ? "whois.arin.net" : "whois.ripe.net";
  const asn = ASNS.find((a) => `as${a.number}` === query.toLowerCase() || String(a.number) === query);
  if (asn) return asn.rir === "arin" ? "whois.arin.net" : "whois.ripe.net";
  return undefined;
}

/** RDAP hosts of the world; each is served under /<host>/ on the sandbox's HTTP port. */
export const RDAP_HOSTS = [
  "rdap.verisign.com",
  "rdap.publicinterestregistry.org",
  "rdap.registrar-one.sandbox",
  "rdap.registrar-two.sandbox",
  "rdap.loop-a.sandbox",
  "rdap.loop-b.sandbox",
  "rdap.arin.net",
  "rdap.db.ripe.net",
  "rdap.nic.fault",
] as const;

/** IANA-format bootstrap files that point the world's names at its RDAP hosts. */
export function sandboxBootstrap(): BootstrapFiles {
  return {
    dns: {
      version: "1.0",
      publication: "2026-11-24T00:00:00Z",
      description: "whoislens sandbox world",
      services: [
        [["com"], ["https://rdap.verisign.com/com/v1/"]],
        [["net"], ["https://rdap.verisign.com/net/v1/"]],
        [["org"], ["https://rdap.publicinterestregistry.org/rdap/"]],
        [["fault"], ["https://rdap.nic.fault/"]],
      ],
    },
    ipv4: {
      version: "1.0",
      services: [
        [["198.51.100.0/24"], ["https://rdap.arin.net/registry/"]],
        [["203.0.113.0/24"], ["https://rdap.db.ripe.net/"]],
      ],
    },
    ipv6: { version: "1.0", services: [[["2001:db8::/32"], ["https://rdap.db.ripe.net/"]]] },
    asn: {
      version: "1.0",
      services: [
        [["64496-64500"], ["https://rdap.arin.net/registry/"]],
        [["64501-64511"], ["https://rdap.db.ripe.net/"]],
      ],
    },
    "object-tags": {
      version: "1.0",
      services: [
        [["info@arin.net"], ["ARIN"], ["https://rdap.arin.net/registry/"]],
        [["ripe-dbm@ripe.net"], ["RIPE"], ["https://rdap.db.ripe.net/"]],
      ] as unknown as [string[], string[]][],
    },
  };
}

export interface WorldName {
  query: string;
  kind: "domain" | "ip" | "cidr" | "asn" | "fault";
  expect: string;
  description: string;
}

/** Every name the world knows, for --describe, the demo and tests. */
export function describeWorld(): WorldName[] {
  const names: WorldName[] = [];
  for (const domain of DOMAINS) {
    const tld = domain.name.split(".").pop();
    const path = tld === "com" ? "thin registry (Verisign-style) → registrar" : "thick registry (PIR-style)";
    const extra = domain.privacy ? ", privacy service + redactions" : domain.registrarWhois ? ` (fault: referral to ${domain.registrarWhois})` : "";
    names.push({ query: domain.unicodeName ?? domain.name, kind: "domain", expect: "registered", description: `${path}${extra}` });
  }
  names.push({ query: "bücher.de", kind: "domain", expect: "registered", description: "IDN at a DENIC-style thick ccTLD (port 43 only)" });
  names.push({ query: "beispiel.de", kind: "domain", expect: "registered", description: "DENIC-style thick ccTLD (port 43 only)" });
  names.push({ query: "example.jp", kind: "domain", expect: "registered", description: "JPRS-style bracketed layout, /e queries (port 43 only)" });
  for (const name of UNREGISTERED) names.push({ query: name, kind: "domain", expect: "available", description: "not registered" });
  for (const network of NETWORKS) {
    const first = network.cidr.includes(":") ? ipaddr.parse(network.start).toString().replace(/::$/, "::1") : network.start.replace(/\.0$/, ".7");
    names.push({ query: first, kind: "ip", expect: "registered", description: `${network.rir.toUpperCase()}-style network ${network.name}` });
    names.push({ query: network.cidr, kind: "cidr", expect: "registered", description: `${network.rir.toUpperCase()}-style network ${network.name}` });
  }
  for (const asn of ASNS) names.push({ query: `AS${asn.number}`, kind: "asn", expect: "registered", description: `${asn.rir.toUpperCase()}-style AS ${asn.name}` });
  for (const fault of WHOIS_FAULTS) names.push({ query: fault.name, kind: "fault", expect: "error", description: `port 43: ${fault.description}` });
  for (const fault of RDAP_FAULTS) names.push({ query: fault.name, kind: "fault", expect: "error", description: `RDAP: ${fault.description}` });
  return names;
}
