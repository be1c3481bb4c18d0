import { addressLines, HOLDER_ADDRESSES } from "./holders.js";
import { ASNS, findAsn, findNetwork, NETWORKS, type SandboxNetwork } from "./networks.js";
import { inverseFind, parseQuery, render, type RpslObject } from "./ripe.js";

/**
 * The APNIC-style port-43 server of the second world: the RIPE software's query
 * flags (APNIC runs it), but APNIC's own habits: `% [whois.apnic.net]` comments,
 * `descr:` and `remarks:` blocks, an `irt` object (mnt-irt), the registry's
 * APNIC-HM beside the holder's MAINT-… maintainer, and the contact objects after
 * the resource. Source: APNIC "Using the APNIC Whois Database" and the RIPE
 * Database Query Reference Manual for the flags.
 */

const CRLF = "\r\n";
const HOLDER = "ORG-KL1-AP";
const MAINTAINER = "MAINT-AU-KANGAROO";
const ROLE = "KL1-AP";
const IRT = "IRT-KANGAROO-AU";
const STAMP = "2024-10-01T00:00:00Z";

/** The holder's address lines (holders.ts: the row its RDAP entity's adr label is written from); its irt sits there too. */
const ADDRESS = addressLines("apnic", HOLDER_ADDRESSES[HOLDER]!).map((line) => ["address", line] as const);

const ORGANISATION: RpslObject = [
  ["organisation", HOLDER], ["org-name", "Kangaroo Logistics Pty Ltd"], ["org-type", "OTHER"], ["country", "AU"],
  ...ADDRESS, ["phone", "+61-7-5550-0100"], ["e-mail", "hostmaster@kangaroo-logistics.example"],
  ["mnt-ref", "APNIC-HM"], ["mnt-by", "APNIC-HM"], ["last-modified", STAMP], ["source", "APNIC"],
];

const IRT_OBJECT: RpslObject = [
  ["irt", IRT], ...ADDRESS, ["e-mail", "abuse@kangaroo-logistics.example"],
  ["abuse-mailbox", "abuse@kangaroo-logistics.example"], ["admin-c", ROLE], ["tech-c", ROLE], ["auth", "# Filtered"], ["remarks", "abuse reports are answered within one business day"],
  ["mnt-by", MAINTAINER], ["last-modified", STAMP], ["source", "APNIC"],
];

const ROLE_OBJECT: RpslObject = [
  ["role", "Kangaroo Logistics network operations"], ["address", "1 Example Wharf Road, Brisbane QLD 4000"], ["country", "AU"], ["phone", "+61-7-5550-0101"],
  ["e-mail", "noc@kangaroo-logistics.example"], ["admin-c", ROLE], ["tech-c", ROLE], ["nic-hdl", ROLE], ["mnt-by", MAINTAINER], ["last-modified", STAMP], ["source", "APNIC"],
];

const MNTNER: RpslObject = [
  ["mntner", MAINTAINER], ["descr", "Kangaroo Logistics maintainer"], ["country", "AU"], ["admin-c", ROLE], ["tech-c", ROLE], ["auth", "# Filtered"],
  ["mnt-by", MAINTAINER], ["last-modified", STAMP], ["source", "APNIC"],
];

function networkObject(network: SandboxNetwork): RpslObject {
  return [
    ["inet6num", network.cidr], ["netname", network.name], ["descr", network.org], ["descr", network.name === "KANGAROO-DR" ? "Disaster recovery site, Perth" : "Warehouse network, Brisbane"],
    ["country", network.country], ["org", network.orgHandle], ["admin-c", ROLE], ["tech-c", ROLE], ["status", network.type],
    ["remarks", "--------------------------------------------------------"], ["remarks", "To report network abuse, please contact mnt-irt"], ["remarks", "--------------------------------------------------------"],
    ["mnt-by", "APNIC-HM"], ["mnt-by", MAINTAINER], ["mnt-irt", IRT], ["last-modified", network.updated], ["source", "APNIC"],
  ];
}

const NETWORK_OBJECTS = NETWORKS.filter((network) => network.rir === "apnic").map(networkObject);
const AUT_NUMS: RpslObject[] = ASNS.filter((asn) => asn.rir === "apnic").map((asn) => [
  ["aut-num", `AS${asn.number}`], ["as-name", asn.name], ["descr", asn.org], ["country", asn.country], ["org", asn.orgHandle],
  ["import", "from AS64500 action pref=100; accept ANY"], ["export", `to AS64500 announce AS${asn.number}`], ["admin-c", ROLE], ["tech-c", ROLE],
  ["mnt-by", MAINTAINER], ["mnt-irt", IRT], ["last-modified", STAMP], ["source", "APNIC"],
]);
const ALL_OBJECTS: RpslObject[] = [...NETWORK_OBJECTS, ...AUT_NUMS, ORGANISATION, IRT_OBJECT, ROLE_OBJECT, MNTNER];
const BY_KEY = new Map<string, RpslObject>([[HOLDER, ORGANISATION], [IRT, IRT_OBJECT], [ROLE, ROLE_OBJECT], [MAINTAINER, MNTNER]]);

/** Handles a plain query finds, for the world's description. */
export const APNIC_HANDLES = [HOLDER, ROLE];

function find(key: string, inverse: string | undefined): RpslObject[] {
  const upper = key.toUpperCase();
  if (inverse) return inverseFind(ALL_OBJECTS, inverse, upper);
  const byKey = BY_KEY.get(upper);
  if (byKey) return [byKey];
  if (/^AS\d+$/.test(upper)) return AUT_NUMS.filter((object) => object[0]?.[1] === `AS${findAsn(upper)?.number ?? -1}`);
  const network = findNetwork(key);
  return network && network.rir === "apnic" ? NETWORK_OBJECTS.filter((object) => object[0]?.[1] === network.cidr) : [];
}

const HEADER = ["% [whois.apnic.net]", "% Whois data copyright terms    http://www.apnic.net/db/dbcopyright.html", ""];

export function apnicAnswer(rawQuery: string): string {
  const query = parseQuery(rawQuery);
  const found = find(query.key, query.inverse);
  if (found.length === 0) return [...HEADER, "% No entries found for the selected source(s).", "", ""].join(CRLF);
  // Without -r the resource's organisation, irt and role follow it, as APNIC groups them.
  const contacts = query.noRecursion || query.inverse ? [] : [ORGANISATION, IRT_OBJECT, ROLE_OBJECT].filter((object) => !found.includes(object));
  const related = found.length === 1 && (found[0]?.[0]?.[0] === "inet6num" || found[0]?.[0]?.[0] === "aut-num") ? contacts : [];
  const blocks = [...found, ...related].map((object) => render(object, true));
  const about = `% Information related to '${query.key}'`;
  return [...HEADER, about, "", blocks.join(`${CRLF}${CRLF}`), "", "% This query was served by the APNIC Whois Service version 1.88.25 (SANDBOX)", "", ""].join(CRLF);
}
