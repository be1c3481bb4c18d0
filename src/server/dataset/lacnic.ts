import { addressLines, HOLDER_ADDRESSES } from "./holders.js";
import { ASNS, findAsn, findNetwork, NETWORKS, type SandboxAsn, type SandboxNetwork } from "./networks.js";

/**
 * The LACNIC-style port-43 server of the second world: LACNIC's own layout, not
 * RPSL objects. A resource answer is one block (inetnum/aut-num, status, owner,
 * ownerid, responsible, address, country, phone, owner-c/tech-c/abuse-c, created,
 * changed) followed by the nic-hdl/person blocks it names; an `ownerid` query
 * answers the owner with its `aut-num:` and `inetnum:` lines. Sources: LACNIC's
 * WHOIS page (lacnic.net/1040: the attributes and their meaning) and the server's
 * own footer ("Types of queries are: POCs, ownerid, CIDR blocks, IP and AS numbers").
 * Dates are YYYYMMDD, IPv6 blocks are `inetnum:` too, `aut-num: N/A` when none.
 */

const CRLF = "\r\n";
const PAD = 13;
const OWNER_ID = "UY-COEJ-LACNIC";

const field = (name: string, value: string): string => `${`${name}:`.padEnd(PAD)}${value}`;
const day = (iso: string): string => iso.slice(0, 10).replace(/-/g, "");

const HEADER = [
  "",
  "% Joint Whois - whois.lacnic.net",
  "%  This server accepts single ASN, IPv4 or IPv6 queries",
  " ",
  "% LACNIC resource: whois.lacnic.net",
  "",
  "",
  "% Copyright LACNIC lacnic.net",
  "%  The use of the data below is only permitted as described in",
  "%  full by the Use Policy at:",
  "%",
  "%  https://www.lacnic.net/4517/2/lacnic/lacnic-whois-data-use-policy",
  "%",
  "% 2026-11-24 07:00:00 (-03 -03:00)",
  "",
];
const FOOTER = ["% whois.lacnic.net accepts only direct match queries.", "% Types of queries are: POCs, ownerid, CIDR blocks, IP", "% and AS numbers.", "", ""];

/** The owner's address (holders.ts: the row its RDAP entity's adr is written from), in LACNIC's two lines. */
const ADDRESS = HOLDER_ADDRESSES[OWNER_ID]!;
const ADDRESS_LINES = addressLines("lacnic", ADDRESS).map((line) => field("address", line));

/** The owner's lines, shared by every answer about its resources. */
const OWNER = [
  field("owner", "Cooperativa Ejemplo Ltda."), field("ownerid", OWNER_ID), field("responsible", "Maria Ejemplo"),
  ...ADDRESS_LINES, field("country", ADDRESS.countryCode), field("phone", "+598  25550100 []"),
];
const CONTACTS = [field("owner-c", "MAE2"), field("tech-c", "MAE2"), field("abuse-c", "ABE3")];

/** LACNIC's persons (nic-hdl, no -SUFFIX), at the owner's address: one row each for port 43 and RDAP (rdap.ts). */
export interface LacnicPerson {
  handle: string;
  name: string;
  email: string;
  /** Port 43's phone as LACNIC writes it ("+598  25550101 [12]": number, then the extension in brackets). */
  phone: string;
  /** RDAP's tel: URI of the same number. */
  tel: string;
  roles: string[];
}

export const LACNIC_PERSONS: readonly LacnicPerson[] = [
  { handle: "MAE2", name: "Maria Ejemplo", email: "maria@coopejemplo.example", phone: "+598  25550101 [12]", tel: "+598-2555-0101;ext=12", roles: ["administrative", "technical"] },
  { handle: "ABE3", name: "Abuse Cooperativa Ejemplo", email: "abuse@coopejemplo.example", phone: "+598  25550102 []", tel: "+598-2555-0102", roles: ["abuse"] },
];
export const LACNIC_PERSON_ADDRESS = ADDRESS;

function personBlock(person: LacnicPerson): string[] {
  return [
    field("nic-hdl", person.handle), field("person", person.name), field("e-mail", person.email), ...ADDRESS_LINES, field("country", ADDRESS.countryCode),
    field("phone", person.phone), field("created", "20180115"), field("changed", "20230505"),
  ];
}

const PERSONS: Record<string, string[]> = Object.fromEntries(LACNIC_PERSONS.map((person) => [person.handle, personBlock(person)]));

function networkBlock(network: SandboxNetwork): string[] {
  return [field("inetnum", network.cidr), field("status", network.type), field("aut-num", "N/A"), ...OWNER, ...CONTACTS, field("created", day(network.created)), field("changed", day(network.updated))];
}

function asnBlock(asn: SandboxAsn): string[] {
  return [field("aut-num", `AS${asn.number}`), ...OWNER, field("routing-c", "MAE2"), field("abuse-c", "ABE3"), field("created", "20180220"), field("changed", "20230505")];
}

/** The owner's own answer lists what it holds, resources of both kinds, ASNs first. */
function ownerBlock(): string[] {
  const asns = ASNS.filter((a) => a.rir === "lacnic" && a.orgHandle === OWNER_ID).map((a) => field("aut-num", `AS${a.number}`));
  const networks = NETWORKS.filter((n) => n.rir === "lacnic" && n.orgHandle === OWNER_ID).map((n) => field("inetnum", n.cidr));
  return [...OWNER, field("owner-c", "MAE2"), ...asns, ...networks, field("created", "20180115"), field("changed", "20230505")];
}

function answer(blocks: string[][]): string {
  return [...HEADER, ...blocks.flatMap((block) => [...block, ""]), ...FOOTER].join(CRLF);
}

export function lacnicAnswer(rawQuery: string): string {
  const query = rawQuery.trim();
  const upper = query.toUpperCase();
  if (upper === OWNER_ID) return answer([ownerBlock(), PERSONS.MAE2 ?? []]);
  const person = Object.hasOwn(PERSONS, upper) ? PERSONS[upper] : undefined;
  if (person) return answer([person]);
  const asn = /^AS\d+$/.test(upper) ? findAsn(upper) : undefined;
  if (asn && asn.rir === "lacnic") return answer([asnBlock(asn), PERSONS.MAE2 ?? [], PERSONS.ABE3 ?? []]);
  const network = asn ? undefined : findNetwork(query);
  if (network && network.rir === "lacnic") return answer([networkBlock(network), PERSONS.MAE2 ?? [], PERSONS.ABE3 ?? []]);
  return answer([["% Not assigned to LACNIC", "% No match for \"" + query.replace(/[^\w.:/-]/g, "") + "\""]]);
}

export const LACNIC_HANDLES = [OWNER_ID];
