import type { Contact, ContactRole, WhoisRecord } from "../../record/types.js";
import type { ContactFieldTarget, FieldTarget } from "./aliases.js";
import { ContactBuilder, draftContact, assignContactField } from "./contacts.js";
import { expandShortCidr, withoutPrefixNote } from "./network.js";
import type { Entry } from "./tokenize.js";
import { ownValue } from "../../util/own.js";

/**
 * Number resources over port 43 said the way RDAP says them (issue 13, the second number world's parity gaps):
 * the resource's holder as a registrant contact (RDAP's registrant entity), an AS number's holder and country
 * under asn/contacts rather than a network that is none, LACNIC's abbreviated blocks named in full, JPNIC's
 * bracketed English labels, and ARIN's POC answers as the one contact they describe. Every layout is a row of the
 * tables below, with the registry's document beside it. Labels are compared in the tokenizer's normal form
 * ("OrgId" → "org id", "org-name" → "org name", "[Network Number]" → "network number").
 */

interface HolderLayout {
  /** The block describes the holder when it has this label; its value is the holder's handle. */
  handle: string;
  /** The holder's name. */
  name: string;
  /** Contact fields read from the same block, label → field (street lines repeat). */
  fields: Readonly<Record<string, ContactFieldTarget>>;
  /**
   * The resource object names its holder by handle in this label ("org: ORG-FA1-RIPE", ARIN's "Organization: Name
   * (ORGID)"): only the block with that handle is the holder (an answer may carry other organisations, ARIN's nested
   * networks one each). Without the label in the answer, the first block of the layout is, unless `required`.
   */
  reference?: { label: string; inParentheses: boolean; required: boolean };
  /**
   * The layout names a domain's holder too: in a domain answer, the block with the `handle` label is the holder
   * (RDAP's registrant entity) and the role its `-c` line names is an administrative contact, not the holder.
   */
  domains?: boolean;
  /** The `handle` label holds only the holder's name (ARIN's "CustName:"): the handle is the one the reference names. */
  handleFromReference?: boolean;
  /** Where the layout is documented. */
  source: string;
}

export const HOLDER_LAYOUTS: readonly HolderLayout[] = [
  {
    handle: "org id",
    name: "org name",
    fields: { address: "street", city: "city", "state prov": "state", "postal code": "postalCode", country: "country" },
    // (The first network's: the one whose Organization line network.organization keeps.)
    reference: { label: "organization", inParentheses: true, required: false },
    source: "ARIN Whois-RWS, https://www.arin.net/resources/registry/whois/rws/api/ (Org: OrgName, OrgId, Address, City, StateProv, PostalCode, Country)",
  },
  {
    // A network reassigned to a customer (NetType "Reassigned", no Org of its own): "Customer: Name (C01234567)" then the
    // customer's block, which names no handle of its own (RDAP gives it as the registrant entity C01234567).
    handle: "cust name",
    name: "cust name",
    fields: { address: "street", city: "city", "state prov": "state", "postal code": "postalCode", country: "country" },
    reference: { label: "customer", inParentheses: true, required: true },
    handleFromReference: true,
    source: "ARIN Whois-RWS, https://www.arin.net/resources/registry/whois/rws/api/ (Customer: CustName, Address, City, StateProv, PostalCode, Country)",
  },
  {
    handle: "organisation",
    name: "org name",
    fields: { address: "street", country: "country", phone: "phone", "e mail": "email" },
    reference: { label: "org", inParentheses: false, required: true },
    source: "RIPE Database documentation, https://docs.db.ripe.net/RPSL-Object-Types/Descriptions-of-Secondary-Objects/#description-of-the-organisation-object (also APNIC, AFRINIC: same software)",
  },
  {
    handle: "ownerid",
    name: "owner",
    fields: { address: "street", country: "country" },
    // registro.br prints its .br domains' holder the same way (whois.registro.br: domain, owner, ownerid, responsible,
    // country, owner-c, admin-c, tech-c, billing-c), and its RDAP (rdap.registro.br) gives that owner as the domain's
    // registrant entity (the ownerid, a CPF/CNPJ, its id) and owner-c's person as a contact of its own.
    domains: true,
    source: "LACNIC WHOIS, https://www.lacnic.net/1040 (owner, ownerid, responsible, address, country; registro.br's blocks and domains alike)",
  },
];

/**
 * Labels whose meaning depends on the heading above them (JPNIC's `/e` layout: "Network Information:" then
 * "a. [Network Number]", "g. [Organization]"…). JPRS's .jp domain answers use the same bracketed labels under
 * "Domain Information:", where [Organization] is the registrant's: so the heading decides.
 * Source: JPNIC, https://www.nic.ad.jp/en/whois/ ([Network Information] and [AS Information] objects) and its guides to
 * reading the answers, https://blog.nic.ad.jp/2021/6863/ (AS numbers: "[AS情報]", a. [AS番号], b. [AS名], g. [組織名]).
 */
const SECTION_FIELDS: ReadonlyMap<string, FieldTarget> = new Map<string, FieldTarget>([
  // (A range, not a bare CIDR: the block is the network's handle too, as RDAP names the NIR's own block.)
  ["network information|network number", "network.range"],
  ["network information|organization", "network.organization"],
  // JPNIC's Japanese layout: "[組織名]" is the network's holder there ([組織名] is the registrant's under JPRS's "Domain Information").
  ["network information|組織名", "network.organization"],
  ["as information|as number", "asn.number"],
  ["as information|as name", "asn.name"],
  ["as information|organization", "network.organization"],
  // w20: EURid's "Keys:" section may open its key lines with the flags ("flags:KSK protocol:3 algorithm:RSA_SHA512 pubKey:…",
  // pasted in https://github.com/richardpenman/whois/pull/298), not "keyTag:": the domain's key data there.
  ["keys|flags", "dnssec.data"],
]);

/** The field a label means under its heading, where the heading changes it (see SECTION_FIELDS). */
export function sectionField(section: string, key: string): FieldTarget | undefined {
  // (The heading is checked first: most entries stand under none of these, and need no key string built.)
  return section !== "" && SECTIONS.has(section) ? SECTION_FIELDS.get(`${section}|${key}`) : undefined;
}

const SECTIONS: ReadonlySet<string> = new Set([...SECTION_FIELDS.keys()].map((key) => key.slice(0, key.indexOf("|"))));

/** One to three octets and a prefix length: "198.18/15", "10/8" (a full address is kept as written). */
const SHORT_IPV4_BLOCK = /^\d{1,3}(?:\.\d{1,3}){0,2}\/\d{1,2}$/;

/**
 * LACNIC and registro.br shorten blocks ("198.18/15", "200.57.128/20"); RDAP names them in full ("198.18.0.0/15").
 * The network's handle is the full form; any other range text is kept as written (RIPE's "a - b" is RDAP's handle too).
 */
export function rangeHandle(value: string): string {
  const trimmed = withoutPrefixNote(value.trim());
  // (The padding is the parser's own, network.ts's expandShortCidr: the handle and the CIDR expand alike.)
  return SHORT_IPV4_BLOCK.test(trimmed) ? (expandShortCidr(trimmed) as string) : trimmed.replace(/\s+/g, " ");
}

/**
 * ARIN's POC answer (`p + HANDLE`): Name, Handle, Company, Address, City, StateProv, PostalCode, Country, Phone, Email.
 * Source: ARIN Whois-RWS, https://www.arin.net/resources/registry/whois/rws/api/ (POC). The block is the POC's when it
 * has all of POC_MARKERS and one of POC_DETAILS; its Phone lines end in ARIN's phone type ("(Office)"), which RDAP gives apart.
 */
const POC_MARKERS = ["name", "handle"] as const;
/** …and one of these: what a contact has that a bare name/handle pair of another layout may not. */
const POC_DETAILS = ["company", "email", "phone"] as const;
const POC_FIELDS: Readonly<Record<string, ContactFieldTarget>> = {
  name: "name",
  handle: "handle",
  company: "organization",
  address: "street",
  city: "city",
  "state prov": "state",
  "postal code": "postalCode",
  country: "country",
  phone: "phone",
  email: "email",
};
const PHONE_TYPE = /\((?:office|mobile|fax)\)$/i;

/** "+1-217-555-0142 (Office)" → "+1-217-555-0142" (trimmed first, then the anchored type: no backtracking over spaces). */
function withoutPhoneType(value: string): string {
  const trimmed = value.trim();
  return PHONE_TYPE.test(trimmed) ? trimmed.replace(PHONE_TYPE, "").trimEnd() : trimmed;
}

/** The number resource's holder, as RDAP's registrant entity gives it; undefined when the answer names none. */
export function numberHolder(entries: readonly Entry[]): Contact | undefined {
  for (const layout of HOLDER_LAYOUTS) {
    const holder = layoutHolder(entries, layout);
    if (holder !== undefined) return holder;
  }
  return undefined;
}

/** The handle labels of the layouts that name a domain's holder (`domains`): what the parser watches for in a domain answer. */
export const DOMAIN_HOLDER_LABELS: ReadonlySet<string> = new Set(HOLDER_LAYOUTS.filter((layout) => layout.domains === true).map((layout) => layout.handle));

/** A domain answer's holder (registro.br's owner/ownerid), as RDAP's registrant entity; called only when a DOMAIN_HOLDER_LABELS label was read. */
export function domainHolder(entries: readonly Entry[]): Contact | undefined {
  for (const layout of HOLDER_LAYOUTS) {
    if (layout.domains !== true) continue;
    const holder = layoutHolder(entries, layout);
    if (holder !== undefined) return holder;
  }
  return undefined;
}

/** The holder as one layout describes it; undefined when the answer holds no block of that layout. */
function layoutHolder(entries: readonly Entry[], layout: HolderLayout): Contact | undefined {
  const wanted = layout.reference === undefined ? undefined : referencedHandle(entries, layout.reference);
  if (layout.reference?.required === true && wanted === undefined) return undefined;
  let start = findHolderBlock(entries, layout.handle, layout.handleFromReference === true ? undefined : wanted);
  // A handle named in passing ("Organization: Foo (UK)") that no block has: the layout's first block.
  if (start === -1 && layout.reference?.required === false) start = findHolderBlock(entries, layout.handle, undefined);
  if (start === -1) {
    // "org: ORG-X" with no organisation object in the answer (a brief query): the handle is all there is.
    if (layout.reference?.required === true && wanted !== undefined) return builtContact("registrant", [["handle", wanted]]);
    return undefined;
  }
  const block = (entries[start] as Entry).block;
  const fields: [ContactFieldTarget, string][] = [["handle", layout.handleFromReference === true && wanted !== undefined ? wanted : (entries[start] as Entry).value]];
  for (const entry of entries) {
    if (entry.block !== block || entry.key === "") continue;
    if (entry.key === layout.name) fields.push(["name", entry.value]);
    const field = ownValue(layout.fields, entry.key);
    if (field !== undefined) pushFieldLines(fields, field, entry);
  }
  return builtContact("registrant", fields);
}

/** ARIN's POC answer as its one contact (no roles: the entity itself, as RDAP's entity answer); undefined for other layouts. */
export function pocContact(entries: readonly Entry[]): Contact | undefined {
  const block = entries.find((entry) => entry.key === "handle")?.block;
  if (block === undefined) return undefined;
  const keys = new Set(entries.filter((entry) => entry.block === block).map((entry) => entry.key));
  if (!POC_MARKERS.every((key) => keys.has(key)) || !POC_DETAILS.some((key) => keys.has(key))) return undefined;
  const fields: [ContactFieldTarget, string][] = [];
  for (const entry of entries) {
    const field = entry.block === block ? ownValue(POC_FIELDS, entry.key) : undefined;
    if (field !== undefined) fields.push([field, field === "phone" ? withoutPhoneType(entry.value) : entry.value]);
  }
  return builtContact(undefined, fields);
}

/**
 * An AS number's record over port 43 carries its holder's name and country in labels the parser reads into a
 * network (ARIN's OrgName/Country after ASNumber, RPSL's org-name, LACNIC's owner): for an ASN they are the ASN's
 * country and its registrant, and a network with no range, CIDR, name or handle is none.
 */
export function settleAsnHolder(record: WhoisRecord, holder: Contact | undefined): Contact | undefined {
  const network = record.network;
  if (record.kind !== "asn" || network === undefined) return holder;
  if (network.startAddress !== undefined || network.cidrs !== undefined || network.handle !== undefined || network.name !== undefined) return holder;
  if (network.country !== undefined && record.asn !== undefined) record.asn.country ??= network.country;
  record.network = undefined;
  if (holder !== undefined || network.organization === undefined) return holder;
  return builtContact("registrant", [["name", network.organization]]);
}

/**
 * The holder among the record's contacts: merged into a contact with its handle, else first. A registrant the
 * parser already read with no handle and the holder's name (ARIN's "OrgName" read as the registrant's name) is the
 * holder itself, not a second one.
 */
export function withHolder(contacts: Contact[], holder: Contact | undefined): Contact[] {
  if (holder === undefined) return contacts;
  const same = holder.handle === undefined ? undefined : contacts.find((contact) => contact.handle?.toUpperCase() === holder.handle?.toUpperCase());
  if (same !== undefined) {
    if (!same.roles.includes("registrant")) same.roles.push("registrant");
    if (same.name === undefined && holder.name !== undefined) same.name = holder.name;
    return contacts;
  }
  const rest: Contact[] = [];
  for (const contact of contacts) {
    const twin = contact.handle === undefined && contact.roles.includes("registrant") && holder.name !== undefined && (contact.name === holder.name || contact.organization === holder.name);
    if (twin) {
      for (const role of contact.roles) if (!holder.roles.includes(role)) holder.roles.push(role);
      continue;
    }
    // Another object named as the owner's contact (LACNIC's `owner-c`: "the organization's point of contact", LACNIC
    // WHOIS FAQ, https://www.lacnic.net/1040) is not the holder: its administrative contact, as LACNIC's RDAP gives it.
    const registrant = contact.handle === undefined ? -1 : contact.roles.indexOf("registrant");
    if (registrant !== -1) {
      if (contact.roles.includes("administrative")) contact.roles.splice(registrant, 1);
      else contact.roles[registrant] = "administrative";
    }
    rest.push(contact);
  }
  return [holder, ...rest];
}

/** Every line of an entry (its value and continuation lines) as `field`; a street line without the comma LACNIC ends it with ("Av. Providencia, 1234, "). */
export function pushFieldLines(fields: [ContactFieldTarget, string][], field: ContactFieldTarget, entry: Entry): void {
  for (const line of entry.more.length === 0 ? [entry.value] : [entry.value, ...entry.more]) fields.push([field, field === "street" ? line.replace(/,\s*$/, "") : line]);
}

/** A contact from its fields, finished as every contact of the record is; `role` undefined: the entity itself (no roles, as RDAP's entity answer). */
export function builtContact(role: ContactRole | undefined, fields: readonly [ContactFieldTarget, string][]): Contact | undefined {
  const draft = draftContact([]);
  for (const [field, value] of fields) assignContactField(draft, field, value);
  // (Through a builder: the address is structured and empty contacts dropped as for every other contact.)
  const builder = new ContactBuilder();
  builder.addExtra(role ?? "registrant", draft);
  const [contact] = builder.build();
  if (contact !== undefined && role === undefined) contact.roles = [];
  return contact;
}

/** The index of the first entry labelled `label` (with `handle` as its value, when given); -1 when none. */
function findHolderBlock(entries: readonly Entry[], label: string, handle: string | undefined): number {
  return entries.findIndex((entry) => entry.key === label && entry.value.trim() !== "" && (handle === undefined || entry.value.trim().toUpperCase() === handle.toUpperCase()));
}

/** ARIN's "Organization: Name (ORGID)": the handle in the last brackets (at most 64 characters, no spaces). */
export function parenthesizedHandle(value: string): string | undefined {
  return /\(([^()\s]{1,64})\)\s*$/.exec(value)?.[1];
}

/** The holder's handle as the first line with the reference's label gives it ("ORG-X", or "Name (ORGID)"'s ORGID). */
function referencedHandle(entries: readonly Entry[], reference: NonNullable<HolderLayout["reference"]>): string | undefined {
  for (const entry of entries) {
    if (entry.key !== reference.label || entry.value.trim() === "") continue;
    if (!reference.inParentheses) return entry.value.trim();
    return parenthesizedHandle(entry.value);
  }
  return undefined;
}

/**
 * Free-text lines of a number resource's own object, which RDAP gives as the network's or autnum's remarks: RPSL
 * "descr:" and "remarks:" (RIPE's, APNIC's and AFRINIC's RDAP turn both into remarks; https://docs.db.ripe.net/RPSL-Object-Types/),
 * ARIN's "Comment:" (its RDAP's "Registration Comments" remark; https://www.arin.net/resources/registry/whois/rws/api/).
 * Lines of other objects (the holder's, a contact's) are theirs, not the resource's, as RDAP's entities keep their own.
 */
const REMARK_LABELS: ReadonlySet<string> = new Set(["descr", "remarks", "comment"]);

/** At most this many lines and characters a line: an answer is attacker-controlled. */
export const REMARK_LIMITS = { lines: 100, characters: 1000 } as const;

/** The remark lines of the entries in `block`, in answer order (continuation lines each a line of their own). */
export function resourceRemarks(entries: readonly Entry[], block: number): string[] {
  const out: string[] = [];
  const add = (line: string): void => {
    const text = line.trim();
    if (text !== "" && out.length < REMARK_LIMITS.lines) out.push(text.slice(0, REMARK_LIMITS.characters));
  };
  for (const entry of entries) {
    if (entry.block !== block || !REMARK_LABELS.has(entry.key)) continue;
    add(entry.value);
    for (const line of entry.more) add(line);
  }
  return out;
}

/**
 * Labels of a network's type that RDAP spells in capitals: ARIN's port-43 "NetType: Direct Allocation" is its RDAP
 * network's "type" : "DIRECT ALLOCATION" (rdap.arin.net/registry/ip/8.8.8.0, NET-8-8-8-0-2, as kept in public RDAP
 * samples; RFC 9083 §5.4's example spells it so too). RPSL's "status:" values are capitals already.
 */
export const TYPE_IN_CAPITALS: ReadonlySet<string> = new Set(["net type"]);

/**
 * The RIPE Database software's abuse line (RIPE, APNIC, AFRINIC): "% Abuse contact for '192.0.2.0 - 192.0.2.255' is
 * 'abuse@example.net'", printed above the object even when the abuse-c role object is not (the organisation's abuse-c,
 * filtered answers). RDAP gives that mailbox as the network's abuse entity. Sources: RIPE Database documentation,
 * "Abuse-c" (https://docs.db.ripe.net/RPSL-Object-Types/Descriptions-of-Primary-Objects/); the APNIC answer pasted in
 * https://github.com/rfc1036/whois/pull/122.
 */
const ABUSE_COMMENT = "% Abuse contact for '";
const ABUSE_COMMENT_MAILBOX = /' is '([^'\s@]{1,64}@[^'\s@]{1,253})'\s*$/;

/** The mailbox of the answer's first abuse line; undefined when it has none. */
export function abuseCommentMailbox(text: string): string | undefined {
  const at = text.indexOf(ABUSE_COMMENT);
  if (at === -1) return undefined;
  const end = text.indexOf("\n", at);
  const line = text.slice(at, end === -1 ? Math.min(text.length, at + 1024) : Math.min(end, at + 1024));
  return ABUSE_COMMENT_MAILBOX.exec(line)?.[1];
}

/**
 * The abuse mailbox of the comment line given to the record's abuse contact: as its email when it is an abuse contact only
 * and has none (a contact that is the technical one too keeps its own fields), else as a contact of its own.
 */
export function withAbuseMailbox(contacts: Contact[] | undefined, mailbox: string): Contact[] {
  const list = contacts ?? [];
  const abuse = list.filter((contact) => contact.roles.includes("abuse"));
  if (abuse.some((contact) => contact.email !== undefined)) return list;
  const first = abuse.find((contact) => contact.roles.length === 1);
  if (first !== undefined) {
    first.email = mailbox;
    return list;
  }
  return [...list, { roles: ["abuse"], email: mailbox }];
}
