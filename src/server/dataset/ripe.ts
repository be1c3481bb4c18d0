import { addressLines, HOLDER_ADDRESSES } from "./holders.js";
import { ASNS, findAsn, findNetwork, NETWORKS, type SandboxNetwork } from "./networks.js";

/**
 * The RIPE-style port-43 server: RPSL objects, the query flags clients send
 * (-B unfiltered, -r no contact lookups, -T type, -i inverse) and the
 * "%ERROR:101" answer. Objects are attribute lists so inverse queries work on
 * any attribute, as the real database does for its indexed ones.
 */
export type RpslObject = readonly (readonly [attribute: string, value: string])[];

const CRLF = "\r\n";
const PAD = 16;

export function render(object: RpslObject, unfiltered: boolean): string {
  return object
    .filter(([attribute]) => unfiltered || (attribute !== "e-mail" && attribute !== "notify"))
    .map(([attribute, value]) => `${`${attribute}:`.padEnd(PAD)}${value}`)
    .join(CRLF);
}

const MNTNER: RpslObject = [
  ["mntner", "ACME-MNT"], ["descr", "Acme Widgets Europe maintainer"], ["admin-c", "CB123-RIPE"], ["tech-c", "AWE1-RIPE"],
  ["upd-to", "hostmaster@acme-widgets.example"], ["auth", "# Filtered"], ["mnt-by", "ACME-MNT"],
  ["created", "2011-05-01T09:00:00Z"], ["last-modified", "2024-02-02T10:00:00Z"], ["source", "RIPE"],
];

/** The organisation's address lines (holders.ts: the row its RDAP entity's adr is written from); its role and person sit there too. */
const ADDRESS = addressLines("ripe", HOLDER_ADDRESSES["ORG-AWE1-RIPE"]!).map((line) => ["address", line] as const);
const POSTAL = ADDRESS.slice(0, -1);

const ORGANISATION: RpslObject = [
  ["organisation", "ORG-AWE1-RIPE"], ["org-name", "Acme Widgets Europe B.V."], ["country", "NL"], ["org-type", "LIR"],
  ...ADDRESS, ["phone", "+31 20 555 0100"],
  ["e-mail", "lir@acme-widgets.example"], ["admin-c", "CB123-RIPE"], ["abuse-c", "AWE1-RIPE"], ["mnt-ref", "ACME-MNT"], ["mnt-by", "RIPE-NCC-HM-MNT"],
  ["mnt-by", "ACME-MNT"], ["created", "2011-05-01T09:00:00Z"], ["last-modified", "2025-01-15T00:00:00Z"], ["source", "RIPE"],
];

const ROLE: RpslObject = [
  ["role", "Acme Widgets NOC"], ...POSTAL, ["phone", "+31 20 555 0101"],
  ["e-mail", "noc@acme-widgets.example"], ["abuse-mailbox", "abuse@acme-widgets.example"], ["admin-c", "CB123-RIPE"], ["nic-hdl", "AWE1-RIPE"],
  ["mnt-by", "ACME-MNT"], ["created", "2011-05-01T09:00:00Z"], ["last-modified", "2024-02-02T10:00:00Z"], ["source", "RIPE"],
];

const PERSON: RpslObject = [
  ["person", "Clara Beispiel"], ...POSTAL, ["phone", "+31 20 555 0102"],
  ["e-mail", "clara@acme-widgets.example"], ["nic-hdl", "CB123-RIPE"], ["mnt-by", "ACME-MNT"],
  ["created", "2011-05-01T09:00:00Z"], ["last-modified", "2023-03-03T10:00:00Z"], ["source", "RIPE"],
];

function networkObject(network: SandboxNetwork): RpslObject {
  const v6 = network.cidr.includes(":");
  return [
    [v6 ? "inet6num" : "inetnum", v6 ? network.cidr : `${network.start} - ${network.end}`], ["netname", network.name], ["country", network.country],
    ["org", network.orgHandle], ["admin-c", "CB123-RIPE"], ["tech-c", "AWE1-RIPE"], ["status", network.type], ["mnt-by", "ACME-MNT"],
    ["created", network.created], ["last-modified", network.updated], ["source", "RIPE"],
  ];
}

const AUT_NUMS: RpslObject[] = ASNS.filter((asn) => asn.rir === "ripe").map((asn) => [
  ["aut-num", `AS${asn.number}`], ["as-name", asn.name], ["org", asn.orgHandle], ["import", "from AS64500 accept ANY"], ["export", `to AS64500 announce AS${asn.number}`],
  ["admin-c", "CB123-RIPE"], ["tech-c", "AWE1-RIPE"], ["status", "ASSIGNED"], ["mnt-by", "RIPE-NCC-END-MNT"], ["mnt-by", "ACME-MNT"],
  ["created", "2011-05-05T00:00:00Z"], ["last-modified", "2025-01-15T00:00:00Z"], ["source", "RIPE"],
]);

const NETWORK_OBJECTS = NETWORKS.filter((network) => network.rir === "ripe").map(networkObject);
const ALL_OBJECTS: RpslObject[] = [...NETWORK_OBJECTS, ...AUT_NUMS, ORGANISATION, ROLE, PERSON, MNTNER];
/** Primary keys a plain query finds (besides addresses and AS numbers). */
const BY_KEY = new Map<string, RpslObject>([["ORG-AWE1-RIPE", ORGANISATION], ["AWE1-RIPE", ROLE], ["CB123-RIPE", PERSON], ["ACME-MNT", MNTNER]]);
const CONTACT_ATTRIBUTES = new Set(["org", "admin-c", "tech-c", "abuse-c"]);

export const RIPE_HANDLES = [...BY_KEY.keys()];

export interface RipeQuery {
  key: string;
  unfiltered: boolean;
  noRecursion: boolean;
  inverse?: string;
}

const FLAGS_WITHOUT_ARGUMENT = new Set(["-B", "-r", "-G", "-b", "-x", "-l", "-L", "-M", "-m", "-c"]);
const FLAGS_WITH_ARGUMENT = new Set(["-T", "-s", "-V", "-t", "-v"]);

export function parseQuery(query: string): RipeQuery {
  const tokens = query.trim().split(/\s+/);
  const parsed: RipeQuery = { key: "", unfiltered: false, noRecursion: false };
  const rest: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? "";
    if (token === "-B") parsed.unfiltered = true;
    if (token === "-r") parsed.noRecursion = true;
    if (token === "-i") {
      parsed.inverse = (tokens[i + 1] ?? "").toLowerCase();
      i += 1;
    } else if (FLAGS_WITH_ARGUMENT.has(token)) i += 1;
    else if (!FLAGS_WITHOUT_ARGUMENT.has(token)) rest.push(token);
  }
  parsed.key = rest.join(" ");
  return parsed;
}

/** The contact objects an object references, as the server appends them unless -r. */
function referenced(objects: RpslObject[]): RpslObject[] {
  const handles = new Set(objects.flatMap((object) => object.filter(([attribute]) => CONTACT_ATTRIBUTES.has(attribute)).map(([, value]) => value.toUpperCase())));
  return [...handles].map((handle) => BY_KEY.get(handle)).filter((object): object is RpslObject => object !== undefined && !objects.includes(object));
}

/**
 * The objects an inverse query finds: "-i admin-c,tech-c KEY" takes a comma-separated list of attributes
 * (RIPE Database Query Reference Manual, inverse queries). Shared with the APNIC-style server (same software).
 */
export function inverseFind(objects: readonly RpslObject[], inverse: string, key: string): RpslObject[] {
  const attributes = inverse.split(",");
  const upper = key.toUpperCase();
  return objects.filter((object) => object.some(([name, value]) => attributes.includes(name) && value.toUpperCase() === upper));
}

function find(query: RipeQuery): RpslObject[] {
  const key = query.key.toUpperCase();
  if (query.inverse) return inverseFind(ALL_OBJECTS, query.inverse, key);
  const byKey = BY_KEY.get(key);
  if (byKey) return [byKey];
  if (/^AS\d+$/.test(key)) {
    const asn = findAsn(key);
    return AUT_NUMS.filter((object) => object[0]?.[1] === `AS${asn?.number ?? -1}`);
  }
  const network = findNetwork(query.key);
  return network && network.rir === "ripe" ? [networkObject(network)] : [];
}

const HEADER = ["% This is the RIPE Database query service.", "% The objects are in RPSL format.", "%", "% The RIPE Database is subject to Terms and Conditions.", "% See https://apps.db.ripe.net/docs/HTML-Terms-And-Conditions", ""];
const FILTERED = ["% Note: this output has been filtered.", "%       To receive output for a database update, use the \"-B\" flag.", ""];

export function ripeAnswer(rawQuery: string): string {
  const query = parseQuery(rawQuery);
  const found = find(query);
  const head = [...HEADER, ...(query.unfiltered ? [] : FILTERED)];
  if (found.length === 0) return [...head, "%ERROR:101: no entries found", "%", "% No entries found in source RIPE.", "", ""].join(CRLF);
  const objects = query.noRecursion || query.inverse ? found : [...found, ...referenced(found)];
  const blocks = objects.map((object) => render(object, query.unfiltered));
  return `${[...head, blocks.join(`${CRLF}${CRLF}`), "", "% This query was served by the RIPE Database Query Service version 1.114 (SANDBOX)", "", ""].join(CRLF)}`;
}
