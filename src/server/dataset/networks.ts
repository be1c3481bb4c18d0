import ipaddr from "ipaddr.js";
import { arinAddressFields, HOLDER_ADDRESSES, holderAddress } from "./holders.js";

/** The registries of the world: ARIN and RIPE for Acme; APNIC and LACNIC for the second world (other holders, other layouts). */
export type SandboxRir = "arin" | "ripe" | "apnic" | "lacnic";

/** Each registry's port-43 and RDAP hosts (RDAP base path included). */
export const RIR_HOSTS: Readonly<Record<SandboxRir, { whois: string; rdap: string; rdapBase: string }>> = {
  arin: { whois: "whois.arin.net", rdap: "rdap.arin.net", rdapBase: "https://rdap.arin.net/registry/" },
  ripe: { whois: "whois.ripe.net", rdap: "rdap.db.ripe.net", rdapBase: "https://rdap.db.ripe.net/" },
  apnic: { whois: "whois.apnic.net", rdap: "rdap.apnic.net", rdapBase: "https://rdap.apnic.net/" },
  lacnic: { whois: "whois.lacnic.net", rdap: "rdap.lacnic.net", rdapBase: "https://rdap.lacnic.net/rdap/" },
};

/** The sandbox's address space and AS numbers (documentation ranges, RFC 5737/3849/5398). */
export interface SandboxNetwork {
  cidr: string;
  start: string;
  end: string;
  rir: SandboxRir;
  handle: string;
  name: string;
  type: string;
  org: string;
  orgHandle: string;
  country: string;
  parent: string;
  created: string;
  updated: string;
  abuseEmail: string;
}

export const NETWORKS: SandboxNetwork[] = [
  {
    cidr: "198.51.100.0/24", start: "198.51.100.0", end: "198.51.100.255", rir: "arin", handle: "NET-198-51-100-0-1",
    name: "ACME-WIDGETS-NET", type: "Direct Allocation", org: "Acme Widgets Inc.", orgHandle: "ACMEW-ARIN", country: "US",
    parent: "NET-198-0-0-0-0", created: "2009-04-01T00:00:00Z", updated: "2024-06-01T00:00:00Z", abuseEmail: "abuse@acme-widgets.example",
  },
  {
    cidr: "203.0.113.0/24", start: "203.0.113.0", end: "203.0.113.255", rir: "ripe", handle: "203.0.113.0 - 203.0.113.255",
    name: "ACME-EU-NET", type: "ASSIGNED PA", org: "Acme Widgets Europe B.V.", orgHandle: "ORG-AWE1-RIPE", country: "NL",
    parent: "203.0.0.0 - 203.0.255.255", created: "2011-05-05T00:00:00Z", updated: "2025-01-15T00:00:00Z", abuseEmail: "abuse@acme-widgets.example",
  },
  {
    cidr: "2001:db8:1234::/48", start: "2001:db8:1234::", end: "2001:db8:1234:ffff:ffff:ffff:ffff:ffff", rir: "ripe", handle: "2001:db8:1234::/48",
    name: "ACME-EU-V6", type: "ASSIGNED", org: "Acme Widgets Europe B.V.", orgHandle: "ORG-AWE1-RIPE", country: "NL",
    parent: "2001:db8::/32", created: "2015-09-09T00:00:00Z", updated: "2025-01-15T00:00:00Z", abuseEmail: "abuse@acme-widgets.example",
  },
  // The second world: two holders in 2001:db8:a000::/36 (APNIC-style) and 2001:db8:c000::/36 (LACNIC-style).
  // Each holds a second block that no address of the world points at: only the organisation's resources reach it.
  {
    cidr: "2001:db8:a000::/40", start: "2001:db8:a000::", end: "2001:db8:a0ff:ffff:ffff:ffff:ffff:ffff", rir: "apnic", handle: "2001:db8:a000::/40",
    name: "KANGAROO-NET", type: "ASSIGNED NON-PORTABLE", org: "Kangaroo Logistics Pty Ltd", orgHandle: "ORG-KL1-AP", country: "AU",
    parent: "2001:db8:a000::/36", created: "2016-03-01T00:00:00Z", updated: "2024-10-01T00:00:00Z", abuseEmail: "abuse@kangaroo-logistics.example",
  },
  {
    cidr: "2001:db8:a100::/40", start: "2001:db8:a100::", end: "2001:db8:a1ff:ffff:ffff:ffff:ffff:ffff", rir: "apnic", handle: "2001:db8:a100::/40",
    name: "KANGAROO-DR", type: "ASSIGNED NON-PORTABLE", org: "Kangaroo Logistics Pty Ltd", orgHandle: "ORG-KL1-AP", country: "AU",
    parent: "2001:db8:a000::/36", created: "2019-07-15T00:00:00Z", updated: "2024-10-01T00:00:00Z", abuseEmail: "abuse@kangaroo-logistics.example",
  },
  {
    cidr: "2001:db8:c000::/40", start: "2001:db8:c000::", end: "2001:db8:c0ff:ffff:ffff:ffff:ffff:ffff", rir: "lacnic", handle: "2001:db8:c000::/40",
    name: "COOPEJEMPLO-NET", type: "assigned", org: "Cooperativa Ejemplo Ltda.", orgHandle: "UY-COEJ-LACNIC", country: "UY",
    parent: "2001:db8:c000::/36", created: "2018-02-20T00:00:00Z", updated: "2023-05-05T00:00:00Z", abuseEmail: "abuse@coopejemplo.example",
  },
  {
    cidr: "2001:db8:c100::/40", start: "2001:db8:c100::", end: "2001:db8:c1ff:ffff:ffff:ffff:ffff:ffff", rir: "lacnic", handle: "2001:db8:c100::/40",
    name: "COOPEJEMPLO-LAB", type: "assigned", org: "Cooperativa Ejemplo Ltda.", orgHandle: "UY-COEJ-LACNIC", country: "UY",
    parent: "2001:db8:c000::/36", created: "2021-09-09T00:00:00Z", updated: "2023-05-05T00:00:00Z", abuseEmail: "abuse@coopejemplo.example",
  },
];

export interface SandboxAsn {
  number: number;
  rir: SandboxRir;
  name: string;
  org: string;
  orgHandle: string;
  country: string;
}

export const ASNS: SandboxAsn[] = [
  { number: 64500, rir: "arin", name: "ACME-AS", org: "Acme Widgets Inc.", orgHandle: "ACMEW-ARIN", country: "US" },
  { number: 64501, rir: "ripe", name: "ACME-EU-AS", org: "Acme Widgets Europe B.V.", orgHandle: "ORG-AWE1-RIPE", country: "NL" },
  { number: 65550, rir: "ripe", name: "ACME-EU-AS32", org: "Acme Widgets Europe B.V.", orgHandle: "ORG-AWE1-RIPE", country: "NL" },
  { number: 65540, rir: "lacnic", name: "COOPEJEMPLO-AS", org: "Cooperativa Ejemplo Ltda.", orgHandle: "UY-COEJ-LACNIC", country: "UY" },
  { number: 65545, rir: "apnic", name: "KANGAROO-AS-AP", org: "Kangaroo Logistics Pty Ltd", orgHandle: "ORG-KL1-AP", country: "AU" },
];

export function findNetwork(query: string): SandboxNetwork | undefined {
  const text = query.replace(/^(n \+|-[A-Za-z]+)\s*/g, "").replace(/^-B\s+/, "").trim();
  try {
    const isCidr = text.includes("/");
    const address = isCidr ? ipaddr.parseCIDR(text)[0] : ipaddr.parse(text);
    return NETWORKS.find((network) => {
      const [base, bits] = ipaddr.parseCIDR(network.cidr);
      return base.kind() === address.kind() && address.match(base, bits);
    });
  } catch {
    return undefined;
  }
}

export function findAsn(query: string): SandboxAsn | undefined {
  const number = Number(/(\d+)\s*$/.exec(query)?.[1]);
  return ASNS.find((asn) => asn.number === number);
}

const CRLF = "\r\n";
const lines = (...rows: (string | undefined)[]): string => `${rows.filter((r): r is string => r !== undefined).join(CRLF)}${CRLF}`;

const ARIN_HEADER = ["#", "# ARIN WHOIS data and services are subject to the Terms of Use", "# available at: https://www.arin.net/resources/registry/whois/tou/", "#"];

/** Acme's address at ARIN (holders.ts: the same row its RDAP entity's adr is written from). */
const ACME_ADDRESS = arinAddressFields(HOLDER_ADDRESSES["ACMEW-ARIN"]!);

const ARIN_ORG = [
  "OrgName:        Acme Widgets Inc.", "OrgId:          ACMEW-ARIN", ...ACME_ADDRESS, "RegDate:        2009-03-30", "Updated:        2024-06-01", "Ref:            https://rdap.arin.net/registry/entity/ACMEW-ARIN",
];

const ARIN_ABUSE = ["OrgAbuseHandle: ABUSE-ACMEW-ARIN", "OrgAbuseName:   Abuse Desk", "OrgAbusePhone:  +1-217-555-0100", "OrgAbuseEmail:  abuse@acme-widgets.example", "OrgAbuseRef:    https://rdap.arin.net/registry/entity/ABUSE-ACMEW-ARIN"];

const ARIN_POC = [
  "Name:           Abuse Desk", "Handle:         ABUSE-ACMEW-ARIN", "Company:        Acme Widgets Inc.", ...ACME_ADDRESS, "RegDate:        2009-03-30", "Updated:        2024-06-01",
  "Phone:          +1-217-555-0100 (Office)", "Email:          abuse@acme-widgets.example", "Ref:            https://rdap.arin.net/registry/entity/ABUSE-ACMEW-ARIN",
];

/** ARIN handles a `+ HANDLE` / `o + HANDLE` query finds. */
export const ARIN_HANDLES = ["ACMEW-ARIN", "ABUSE-ACMEW-ARIN"];

/**
 * `o ! > ORGID`: the organisation's related records as ARIN's summary lines
 * ("Name NETNAME (NET-HANDLE) start - end", "Name ASNAME (ASn) n"); ARIN "Searching Whois Using a CLI".
 */
function arinRelated(handle: string): string {
  const networks = NETWORKS.filter((n) => n.rir === "arin" && n.orgHandle === handle);
  const asns = ASNS.filter((a) => a.rir === "arin" && a.orgHandle === handle);
  if (networks.length + asns.length === 0) return lines(...ARIN_HEADER, "", `No match found for o ! > ${handle}.`);
  return lines(...ARIN_HEADER, "", ...networks.map((n) => `${n.org} ${n.name} (${n.handle}) ${n.start} - ${n.end}`), ...asns.map((a) => `${a.org} ${a.name} (AS${a.number}) ${a.number}`), "", ...ARIN_HEADER);
}

/** How ARIN answers for space another RIR holds: the block "Allocated to" it and a ReferralServer. */
const ARIN_REFERRALS: Record<Exclude<SandboxRir, "arin">, { netName: string; name: string; org: string; orgId: string }> = {
  ripe: { netName: "APNIC-RIPE-TRANSFERRED", name: "RIPE NCC", org: "RIPE Network Coordination Centre", orgId: "RIPE" },
  apnic: { netName: "APNIC-IPV6-BLOCK", name: "APNIC", org: "Asia Pacific Network Information Centre", orgId: "APNIC" },
  lacnic: { netName: "LACNIC-IPV6-BLOCK", name: "LACNIC", org: "Latin American and Caribbean IP address Regional Registry", orgId: "LACNIC" },
};

/** An ARIN org's address fields from holders.ts, or its country alone. */
function orgAddress(handle: string, country: string): string[] {
  const address = holderAddress(handle);
  return address ? arinAddressFields(address) : [`Country:        ${country}`];
}

export function arinAnswer(query: string): string {
  const related = /^o\s+!\s*>\s*([A-Z0-9-]+)$/i.exec(query.trim());
  if (related) return arinRelated((related[1] ?? "").toUpperCase());
  const handle = /^(?:[op]\s+)?\+?\s*([A-Z0-9-]+-ARIN)$/i.exec(query.trim())?.[1]?.toUpperCase();
  if (handle === "ACMEW-ARIN") return lines(...ARIN_HEADER, "", ...ARIN_ORG, "", ...ARIN_ABUSE);
  if (handle === "ABUSE-ACMEW-ARIN") return lines(...ARIN_HEADER, "", ...ARIN_POC);
  if (handle) return lines(...ARIN_HEADER, "", `No match found for + ${handle}.`);
  if (/^a\s/i.test(query) || /^as\d+$/i.test(query.trim())) {
    const asn = findAsn(query);
    if (!asn || asn.rir !== "arin") return lines("#", "# ARIN WHOIS data and services are subject to the Terms of Use", "#", "", "No match found for a + " + query.replace(/^a\s*\+?\s*/i, "") + ".");
    return lines("#", "# ARIN WHOIS data and services are subject to the Terms of Use", "#", "",
      `ASNumber:       ${asn.number}`, `ASName:         ${asn.name}`, `ASHandle:       AS${asn.number}`, "RegDate:        2009-04-01", "Updated:        2024-06-01",
      `Ref:            https://rdap.arin.net/registry/autnum/${asn.number}`, "", `OrgName:        ${asn.org}`, `OrgId:          ${asn.orgHandle}`,
      ...orgAddress(asn.orgHandle, asn.country));
  }
  const network = findNetwork(query);
  if (!network) return lines("#", "# ARIN WHOIS data and services are subject to the Terms of Use", "#", "", "No match found for n + " + query.replace(/^n\s*\+?\s*/i, "") + ".");
  if (network.rir !== "arin") {
    const rir = ARIN_REFERRALS[network.rir];
    return lines("#", "# ARIN WHOIS data and services are subject to the Terms of Use", "#", "",
      `NetRange:       ${network.cidr.includes(":") ? network.parent : "203.0.0.0 - 203.0.255.255"}`, `NetName:        ${rir.netName}`, `NetType:        Allocated to ${rir.name}`,
      `OrgName:        ${rir.org}`, `OrgId:          ${rir.orgId}`, `ReferralServer:  whois://${RIR_HOSTS[network.rir].whois}`, "");
  }
  return lines("#", "# ARIN WHOIS data and services are subject to the Terms of Use", "#", "",
    `NetRange:       ${network.start} - ${network.end}`, `CIDR:           ${network.cidr}`, `NetName:        ${network.name}`, `NetHandle:      ${network.handle}`,
    `Parent:         NET198 (${network.parent})`, `NetType:        ${network.type}`, "OriginAS:       AS64500", `Organization:   ${network.org} (${network.orgHandle})`,
    `RegDate:        ${network.created.slice(0, 10)}`, `Updated:        ${network.updated.slice(0, 10)}`, "", `OrgName:        ${network.org}`, `OrgId:          ${network.orgHandle}`,
    ...orgAddress(network.orgHandle, network.country), "",
    "OrgAbuseHandle: ABUSE-ACMEW-ARIN", "OrgAbuseName:   Abuse Desk", "OrgAbusePhone:  +1-217-555-0100", `OrgAbuseEmail:  ${network.abuseEmail}`);
}
