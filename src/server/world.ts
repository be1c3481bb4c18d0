import type { BootstrapFiles } from "../servers/bootstrap.js";
import { DOMAINS, REGISTRARS, UNREGISTERED, type SandboxDomain } from "./dataset/domains.js";
import { ianaAnswer } from "./dataset/iana.js";
import { APNIC_HANDLES, apnicAnswer } from "./dataset/apnic.js";
import { LACNIC_HANDLES, lacnicAnswer } from "./dataset/lacnic.js";
import { ARIN_HANDLES, arinAnswer, ASNS, NETWORKS, RIR_HOSTS } from "./dataset/networks.js";
import { RIPE_HANDLES, ripeAnswer } from "./dataset/ripe.js";
import { denicAnswer, jprsAnswer, loopAnswer, pirAnswer, registrarAnswer, verisignThin } from "./dataset/whois-text.js";
import { RDAP_FAULTS, WHOIS_FAULTS } from "./faults.js";

/** The port-43 servers of the world: host name → answer for a query. */
export const WHOIS_HOSTS: Readonly<Record<string, (query: string) => string | Buffer>> = {
  "whois.iana.org": ianaAnswer,
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
  "whois.apnic.net": apnicAnswer,
  "whois.lacnic.net": lacnicAnswer,
  "whois.nic.fault": (q) => `No match for "${q}".\r\n`,
};

export const FAULT_WHOIS_HOST = "whois.nic.fault";
export const FAULT_RDAP_HOST = "rdap.nic.fault";

/** RDAP hosts of the world; each is served under /<host>/ on the sandbox's HTTP port. */
export const RDAP_HOSTS = [
  "rdap.verisign.com",
  "rdap.publicinterestregistry.org",
  "pubapi.registry.google",
  "rdap.registrar-one.sandbox",
  "rdap.registrar-two.sandbox",
  "rdap.loop-a.sandbox",
  "rdap.loop-b.sandbox",
  "rdap.arin.net",
  "rdap.db.ripe.net",
  "rdap.apnic.net",
  "rdap.lacnic.net",
  FAULT_RDAP_HOST,
] as const;

const PUBLICATION = "2026-11-24T00:00:00Z";
const DESCRIPTION = "whoislens sandbox world";

/** IANA-format bootstrap files that point the world's names at its RDAP hosts (real-looking https URLs). */
export function sandboxBootstrap(): BootstrapFiles {
  const file = <T>(services: T) => ({ version: "1.0", publication: PUBLICATION, description: DESCRIPTION, services });
  return {
    dns: file<[string[], string[]][]>([
      [["com"], ["https://rdap.verisign.com/com/v1/"]],
      [["net"], ["https://rdap.verisign.com/net/v1/"]],
      [["org"], ["https://rdap.publicinterestregistry.org/rdap/"]],
      [["app"], ["https://pubapi.registry.google/rdap/"]],
      [["fault"], [`https://${FAULT_RDAP_HOST}/`]],
    ]),
    ipv4: file<[string[], string[]][]>([
      [["198.51.100.0/24"], ["https://rdap.arin.net/registry/"]],
      [["203.0.113.0/24"], ["https://rdap.db.ripe.net/"]],
    ]),
    // The second world's blocks are more specific than RIPE's 2001:db8::/32: the most specific entry wins (RFC 9224 §5.1).
    ipv6: file<[string[], string[]][]>([
      [["2001:db8::/32"], ["https://rdap.db.ripe.net/"]],
      [["2001:db8:a000::/36"], [RIR_HOSTS.apnic.rdapBase]],
      [["2001:db8:c000::/36"], [RIR_HOSTS.lacnic.rdapBase]],
    ]),
    asn: file<[string[], string[]][]>([
      [["64496-64500"], ["https://rdap.arin.net/registry/"]],
      [["64501-64511"], ["https://rdap.db.ripe.net/"]],
      [["65536-65539", "65550-65551"], ["https://rdap.db.ripe.net/"]],
      [["65540-65544"], [RIR_HOSTS.lacnic.rdapBase]],
      [["65545-65549"], [RIR_HOSTS.apnic.rdapBase]],
    ]),
    "object-tags": file([
      [["info@arin.net"], ["ARIN"], ["https://rdap.arin.net/registry/"]],
      [["ripe-dbm@ripe.net"], ["RIPE"], ["https://rdap.db.ripe.net/"]],
      [["helpdesk@apnic.net"], ["AP"], [RIR_HOSTS.apnic.rdapBase]],
      [["hostmaster@lacnic.net"], ["LACNIC"], [RIR_HOSTS.lacnic.rdapBase]],
    ] as unknown as [string[], string[]][]),
  };
}

export interface WorldName {
  query: string;
  kind: "domain" | "tld" | "ip" | "cidr" | "asn" | "handle" | "raw" | "fault";
  /** "registered", "available" or "error" (fault modes); "raw" names say what comes back. */
  expect: string;
  description: string;
  /** The port-43 servers that answer it, in referral order ("raw" names: send verbatim to the first). */
  whois?: string;
  /** The RDAP servers that answer it, in order. */
  rdap?: string;
}

function domainName(domain: SandboxDomain): WorldName {
  const registrar = REGISTRARS[domain.registrar];
  const tld = domain.name.split(".").pop();
  const who = `${registrar.name} (${domain.privacy ? "privacy service, redacted contacts" : "full contacts"})`;
  const base = { query: domain.unicodeName ?? domain.name, kind: "domain" as const, expect: "registered" };
  if (domain.registrarWhois === "10.1.2.3") {
    return { ...base, description: "thin registry referring to a private address (refused; registry data kept)", whois: "whois.verisign-grs.com → 10.1.2.3 (refused)", rdap: "rdap.verisign.com → http://10.1.2.3/ (refused)" };
  }
  if (domain.registrarWhois) {
    return { ...base, description: "thin registry → registrars referring to each other (loop stopped)", whois: "whois.verisign-grs.com → whois.loop-a.sandbox → whois.loop-b.sandbox → loop", rdap: "rdap.verisign.com → rdap.loop-a.sandbox → rdap.loop-b.sandbox → loop" };
  }
  if (tld === "com" || tld === "net") {
    const idn = domain.unicodeName ? `IDN (${domain.name}), ` : "";
    const kind = `${idn}thin registry (Verisign-style${tld === "net" ? ", .net" : ""})`;
    return { ...base, description: `${kind} → ${who}`, whois: `whois.verisign-grs.com → ${registrar.whois}`, rdap: `rdap.verisign.com → ${registrar.rdapHost}` };
  }
  if (tld === "app") {
    return { ...base, description: `post-sunset gTLD: RDAP only (IANA lists no whois) → ${who}`, rdap: `pubapi.registry.google → ${registrar.rdapHost}` };
  }
  return { ...base, description: `thick registry (PIR-style), ${who}`, whois: "whois.publicinterestregistry.org", rdap: "rdap.publicinterestregistry.org" };
}

const UNREGISTERED_PATHS: Record<string, Pick<WorldName, "whois" | "rdap">> = {
  com: { whois: "whois.verisign-grs.com", rdap: "rdap.verisign.com (404)" },
  org: { whois: "whois.publicinterestregistry.org", rdap: "rdap.publicinterestregistry.org (404)" },
  de: { whois: "whois.denic.de" },
};

const RAW_QUERIES: WorldName[] = [
  // No -RIPE suffix, so nothing routes it to RIPE by itself: ask whois.ripe.net (or rdap.db.ripe.net/entity/ACME-MNT) directly.
  { query: "ACME-MNT", kind: "raw", expect: "the mntner object", description: "RIPE-style maintainer", whois: "whois.ripe.net", rdap: "rdap.db.ripe.net" },
  { query: "-i org ORG-AWE1-RIPE", kind: "raw", expect: "inetnum, inet6num and aut-num objects of ORG-AWE1-RIPE", description: "RIPE-style inverse query", whois: "whois.ripe.net" },
  { query: "-i mnt-by ACME-MNT", kind: "raw", expect: "every object maintained by ACME-MNT", description: "RIPE-style inverse query", whois: "whois.ripe.net" },
  { query: "-i admin-c CB123-RIPE", kind: "raw", expect: "objects naming person CB123-RIPE", description: "RIPE-style inverse query", whois: "whois.ripe.net" },
  { query: "-r -B 203.0.113.0/24", kind: "raw", expect: "the inetnum alone, unfiltered (e-mail shown)", description: "RIPE flags: -r no contact objects, -B unfiltered", whois: "whois.ripe.net" },
  { query: "example.jp", kind: "raw", expect: "the Japanese layout in ISO-2022-JP", description: "JPRS without /e: legacy charset", whois: "whois.jprs.jp" },
  { query: "-r -i mnt-by MAINT-AU-KANGAROO", kind: "raw", expect: "the objects MAINT-AU-KANGAROO maintains (APNIC-style)", description: "APNIC-style inverse query", whois: "whois.apnic.net" },
  { query: "UY-COEJ-LACNIC", kind: "raw", expect: "the owner with its aut-num: and inetnum: lines", description: "LACNIC-style ownerid query", whois: "whois.lacnic.net" },
  { query: "o ! > ACMEW-ARIN", kind: "raw", expect: "ARIN summary lines of the organisation's networks and AS numbers", description: "ARIN-style related records", whois: "whois.arin.net" },
  { query: "n + 203.0.113.9", kind: "raw", expect: "ReferralServer: whois://whois.ripe.net", description: "ARIN for RIPE space", whois: "whois.arin.net" },
];

/** What a careful client ends with for the faults that are not plain errors. */
const FAULT_OUTCOMES: Record<string, string> = {
  "charset.fault": "registered",
  "escape.fault": "registered",
  "throttle.fault": "throttled",
  "private.fault": "registered",
  "loop.fault": "registered",
};

/** Every name the world knows, for --describe, the demo and tests. */
export function describeWorld(): WorldName[] {
  const names: WorldName[] = DOMAINS.map(domainName);
  names.push({ query: "bücher.de", kind: "domain", expect: "registered", description: "IDN (xn--bcher-kva.de) at a DENIC-style thick ccTLD, port 43 only", whois: "whois.denic.de" });
  names.push({ query: "beispiel.de", kind: "domain", expect: "registered", description: "DENIC-style thick ccTLD (Domain:/Nserver:/Status: connect), port 43 only", whois: "whois.denic.de" });
  names.push({ query: "example.jp", kind: "domain", expect: "registered", description: "JPRS-style bracketed layout, `/e` English queries, port 43 only", whois: "whois.jprs.jp" });
  for (const name of UNREGISTERED) names.push({ query: name, kind: "domain", expect: "available", description: "not registered", ...UNREGISTERED_PATHS[name.split(".").pop() ?? ""] });
  names.push({ query: "com", kind: "tld", expect: "registered", description: "IANA TLD object with refer:/whois: lines", whois: "whois.iana.org" });
  names.push({ query: "app", kind: "tld", expect: "registered", description: "IANA TLD object with an empty whois: (RDAP only)", whois: "whois.iana.org" });
  for (const network of NETWORKS) {
    const v6 = network.cidr.includes(":");
    const ip = v6 ? `${network.start}7` : network.start.replace(/\.0$/, ".7");
    const paths = { whois: RIR_HOSTS[network.rir].whois, rdap: RIR_HOSTS[network.rir].rdap };
    const label = `${network.rir.toUpperCase()}-style ${v6 ? "IPv6" : "IPv4"} network ${network.name} (${network.handle})`;
    names.push({ query: ip, kind: "ip", expect: "registered", description: label, ...paths });
    names.push({ query: network.cidr, kind: "cidr", expect: "registered", description: label, ...paths });
  }
  for (const asn of ASNS) {
    const paths = { whois: RIR_HOSTS[asn.rir].whois, rdap: RIR_HOSTS[asn.rir].rdap };
    const size = asn.number > 65535 ? "32-bit " : "";
    names.push({ query: `AS${asn.number}`, kind: "asn", expect: "registered", description: `${asn.rir.toUpperCase()}-style ${size}AS ${asn.name}`, ...paths });
  }
  names.push({ query: "AS64510", kind: "asn", expect: "available", description: "an unallocated documentation AS (no entries found / 404)", whois: "whois.ripe.net", rdap: "rdap.db.ripe.net (404)" });
  for (const handle of ARIN_HANDLES) {
    names.push({ query: handle, kind: "handle", expect: "registered", description: "ARIN-style handle (+ HANDLE)", whois: "whois.arin.net", rdap: "rdap.arin.net" });
  }
  for (const handle of RIPE_HANDLES.filter((h) => h.endsWith("-RIPE"))) {
    names.push({ query: handle, kind: "handle", expect: "registered", description: "RIPE-style organisation/role/person", whois: "whois.ripe.net", rdap: "rdap.db.ripe.net" });
  }
  for (const [handle, rir] of [...APNIC_HANDLES.map((h) => [h, "apnic"] as const), ...LACNIC_HANDLES.map((h) => [h, "lacnic"] as const)]) {
    names.push({ query: handle, kind: "handle", expect: "registered", description: `${rir.toUpperCase()}-style ${handle.startsWith("ORG-") || rir === "lacnic" ? "organisation" : "role"} (second world)`, whois: RIR_HOSTS[rir].whois, rdap: RIR_HOSTS[rir].rdap });
  }
  names.push(...RAW_QUERIES);
  for (const name of new Set([...WHOIS_FAULTS, ...RDAP_FAULTS].map((fault) => fault.name))) {
    const overWhois = WHOIS_FAULTS.find((fault) => fault.name === name);
    const overRdap = RDAP_FAULTS.find((fault) => fault.name === name);
    const description = [overWhois && `port 43: ${overWhois.description}`, overRdap && `RDAP: ${overRdap.description}`].filter(Boolean).join("; ");
    names.push({ query: name, kind: "fault", expect: FAULT_OUTCOMES[name] ?? "error", description, ...(overWhois ? { whois: FAULT_WHOIS_HOST } : {}), ...(overRdap ? { rdap: FAULT_RDAP_HOST } : {}) });
  }
  return names;
}
