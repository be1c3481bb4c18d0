import type { Contact, ContactRole } from "../../record/types.js";
import { CONTACT_FIELD_ALIASES, type ContactFieldTarget } from "./aliases.js";
import { assignContactField, copyContact, draftContact, type ContactBuilder } from "./contacts.js";
import { builtContact, pushFieldLines } from "./number-holder.js";
import type { Entry } from "./tokenize.js";
import { ownValue } from "../../util/own.js";

/** Object classes that describe a contact, with the key that holds its name. */
const CONTACT_CLASSES: Readonly<Record<string, "name" | "organization">> = {
  person: "name",
  // nic.at's contact objects: `personname:` (possibly empty), organization, street address, …, nic-hdl, changed, source.
  personname: "name",
  role: "name",
  organisation: "organization",
  organization: "organization",
  irt: "name",
  contact: "name",
};
/** Words that make a line a street, not an organization's name. */
const STREET_WORD = /\b(street|avenue|road|parkway|boulevard|lane|drive|suite|floor|box|rue|via|calle|strasse|straße|immeuble|building|bldg|p\.?o\.?|bp|cs)\b/i;
/** Keys that identify a contact object, in order of preference. */
const ID_KEYS = ["nic hdl", "nic handle", "nic hdl br", "contact id", "contato id", "organisation", "organization", "irt", "handle", "contact"];
/**
 * Keys that make a block a contact object wherever they stand in it (.br "nic-hdl-br", .ua "nic-handle"; registro.br's
 * Portuguese answer "Contato (ID):", as its web whois prints it: https://github.com/funcoeszz/funcoeszz/issues/141).
 */
export const HANDLE_KEYS: ReadonlySet<string> = new Set(["nic hdl", "nic handle", "nic hdl br", "contact id", "contato id"]);
/**
 * RPSL attributes that name an object which is a contact of the resource only when the answer holds that object (a bare
 * handle adds nothing: RDAP gives no entity for it either), with the role RDAP gives the object's entity. Labels are
 * normalized ("mnt-irt" is "mnt irt").
 * - `mnt-irt`: the resource's incident-response team, an `irt` object (`e-mail:`, `abuse-mailbox:`) that APNIC's and
 *   the RIPE Database's answers append and their RDAP gives as an entity with the "abuse" role. Source: RIPE Database
 *   documentation, "Description of the IRT Object" (https://docs.db.ripe.net/RPSL-Object-Types/Descriptions-of-Secondary-Objects/),
 *   APNIC's "IRT object" (https://www.apnic.net/manage-ip/apnic-services/registration-services/irt/).
 */
/**
 * RPSL objects a server prints around the one asked about, as its context: RIPE's, APNIC's and AFRINIC's answer for an AS
 * number opens with the "as-block" holding it (RIPE Database Query Reference Manual, "as-block" objects,
 * https://docs.db.ripe.net/RPSL-Object-Types/Descriptions-of-Primary-Objects/#description-of-the-as-block-object). Such a
 * block's dates are the block's, not the record's (the aut-num's), as RDAP's autnum events are the aut-num's.
 */
export const CONTEXT_CLASSES: ReadonlySet<string> = new Set(["as block"]);

/**
 * An RPSL value without its end-of-line comment: "#" to the end of the line is a comment (RFC 2622 §2), as in RIPE's
 * "country: EU # Country is really world wide" on the blocks it does not manage (the RIPE Database's own tests, e.g.
 * RIPE-NCC/whois InetnumTransferInternalTest). Only for values that are codes: free text may hold a "#" of its own.
 */
export function withoutRpslComment(value: string): string {
  const hash = value.indexOf(" #");
  return hash === -1 ? value : value.slice(0, hash).trimEnd();
}

export const OBJECT_REFERENCES: Readonly<Record<string, ContactRole>> = {
  "mnt irt": "abuse",
};

/** Contact fields whose repeated lines are one value written over several lines (.ua's organization in three scripts). */
const JOINED_FIELDS = new Set(["organization"]);

/**
 * Contact objects in an answer (RPSL person/role/organisation blocks, and the
 * handle-keyed blocks of registries like AFNIC), by handle.
 */
export function collectObjects(entries: Entry[]): Map<string, Contact> {
  const objects = new Map<string, Contact>();
  // (Plain loops over index ranges, no slices, closures or spreads: V8 compiles this function in every
  // process that parses RPSL answers, and the inlined array builtins made it one of the costliest, issue #13.)
  let start = 0;
  while (start < entries.length) {
    const first = entries[start] as Entry;
    let end = start + 1;
    while (end < entries.length && (entries[end] as Entry).block === first.block) end += 1;
    const object = contactObject(entries, start, end);
    start = end;
    if (object !== undefined) objects.set(object.id, object.contact);
  }
  return objects;
}

/** The contact object in entries [start, end) (one blank-line block), with the value that identifies it; undefined when the block is none. */
function contactObject(entries: readonly Entry[], start: number, end: number): { id: string; contact: Contact } | undefined {
  const first = entries[start] as Entry;
  const nameField = ownValue(CONTACT_CLASSES, first.key);
  // (Most blocks are no contact object, the record's own among them: one look for a handle key rules them out.)
  if (!nameField && !hasHandleKeyIn(entries, start, end)) return undefined;
  let idEntry: Entry | undefined;
  let hasHandleKey = false;
  let hasNameField = false;
  let typeEntry: Entry | undefined;
  for (let index = start; index < end; index += 1) {
    const entry = entries[index] as Entry;
    // (FRED handles may hold a colon: "contact: SB:EXAMPLE-1".)
    if (idEntry === undefined && ID_KEYS.includes(entry.key) && /^[A-Za-z0-9][\w.:-]*$/.test(entry.value)) idEntry = entry;
    if (HANDLE_KEYS.has(entry.key)) hasHandleKey = true;
    if (index > start && CONTACT_FIELD_ALIASES.get(entry.key) === "name") hasNameField = true;
    if (typeEntry === undefined && entry.key === "type") typeEntry = entry;
  }
  // (Without an identifying line the object is no one's to reference: nothing of it is built.)
  if ((!nameField && !hasHandleKey) || idEntry === undefined) return undefined;
  const contact = draftContact([]);
  // FRED "contact: CM7-TZNIC" then "name: Collins Mtita": the object's first value is its handle. A "contact:" object
  // with a name line of its own is named by handle whatever the handle's characters (SK-NIC "Contact: Google").
  const firstIsHandle = nameField !== undefined && /^[A-Za-z0-9][\w.:-]*$/.test(first.value.trim()) && (/[\d-]/.test(first.value) || first.key === "contact") && hasNameField;
  for (let index = start; index < end; index += 1) {
    const entry = entries[index] as Entry;
    if (index === start && nameField) {
      assignContactField(contact, firstIsHandle ? "handle" : nameField, entry.value);
      continue;
    }
    const field = entry.key === "org name" ? "organization" : entry.key === "contact id" ? "handle" : CONTACT_FIELD_ALIASES.get(entry.key);
    if (!field) continue;
    if (JOINED_FIELDS.has(field) && contact.organization !== undefined && entry.value.trim() !== "") {
      contact.organization = `${contact.organization}\n${entry.value.trim()}`;
      continue;
    }
    assignContactField(contact, field, entry.value);
    for (const line of entry.more) assignContactField(contact, field, line);
  }
  // AFNIC-style "type: ORGANIZATION": the contact's name is an organisation's.
  const type = typeEntry?.value.toLowerCase();
  if ((type === "organization" || type === "organisation") && contact.name !== undefined && contact.organization === undefined) {
    contact.organization = contact.name;
    contact.name = undefined;
  }
  // A person or role object's first address line that names no street ("AFNIC", then the street) is its organization.
  const type2 = type ?? "";
  const street = contact.street;
  if (type2 !== "organization" && type2 !== "organisation" && contact.name !== undefined && contact.organization === undefined && street && street.length >= 3 && !/\d/.test(street[0] ?? "") && !STREET_WORD.test(street[0] ?? "")) {
    contact.organization = street[0] as string;
    contact.street = street.slice(1);
  }
  return { id: idEntry.value.toUpperCase(), contact };
}

function hasHandleKeyIn(entries: readonly Entry[], start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if (HANDLE_KEYS.has((entries[index] as Entry).key)) return true;
  return false;
}

/** Gives each role that only named a handle the contact object with that handle. */
export function resolveReferences(contacts: ContactBuilder, objects: Map<string, Contact>): void {
  for (const [role, handle] of contacts.references) {
    const object = objects.get(handle.toUpperCase());
    if (!object) continue;
    contacts.adoptMerged(role, withHandle(object, handle));
  }
  for (const [role, handle] of contacts.moreReferences.items) {
    const object = objects.get(handle.toUpperCase());
    contacts.addExtra(role, object ? withHandle(object, handle) : withHandle(draftContact([]), handle));
  }
  for (const [role, handle] of contacts.objectReferences.items) {
    const object = objects.get(handle.toUpperCase());
    if (object === undefined) continue;
    if (contacts.has(role)) contacts.addExtra(role, withHandle(object, handle));
    else contacts.adopt(role, withHandle(object, handle));
  }
}

/** Gives each role whose contact is only a one-word name the object of that name, if the answer defines one (ContactBuilder.nameOnlyRoles). */
export function resolveNamedObjects(contacts: ContactBuilder, named: readonly [ContactRole, string][], objects: Map<string, Contact>): void {
  for (const [role, name] of named) {
    const object = objects.get(name.toUpperCase());
    if (object) contacts.adoptNamed(role, withHandle(object, name));
  }
}

/** A copy of the object, with the handle it was referenced by when it states none. */
function withHandle(object: Contact, handle: string): Contact {
  const copy = copyContact(object, object.roles);
  copy.handle ??= handle;
  return copy;
}

/**
 * An RPSL contact-class object answered by itself for a handle query (`-B KF42-AP`): the entity RDAP's
 * /entity/{handle} gives, with the object's own handle, name, address, e-mail and phones. One row per class, with
 * the label holding its handle and the one holding its name (none: RDAP names it by its handle). Source: RIPE Database
 * documentation, https://docs.db.ripe.net/RPSL-Object-Types/ (person, role, organisation, mntner, irt; APNIC and
 * AFRINIC run the same software); LACNIC's WHOIS prints a person as `nic-hdl:` then `person:` (https://www.lacnic.net/1040).
 */
const ENTITY_CLASSES: Readonly<Record<string, EntityLayout>> = {
  person: { handle: "nic hdl", name: "person" },
  role: { handle: "nic hdl", name: "role" },
  organisation: { handle: "organisation", name: "org name" },
  mntner: { handle: "mntner", name: undefined },
  irt: { handle: "irt", name: undefined },
  // CZ.NIC's FRED (whois.nic.cz, and the registries running FRED) answers a contact handle with its `contact:` object:
  // contact (the handle), org, name, address (one line each: street, city, postcode, country code), phone, fax-no,
  // e-mail, registrar, created, changed. Its `org:` is the organisation's name, not a handle as in RPSL. Source: the
  // answers of CZ.NIC's public WHOIS (whois.nic.cz, "Whoisd Server Version" 3.x, https://www.nic.cz/whois/) that FRED
  // (https://fred.nic.cz, CZ.NIC's registry software, run by other ccTLD registries too) prints.
  contact: { handle: "contact", name: "name", fields: { org: "organization", created: "created", changed: "updated" }, needs: ["name", "org"] },
};

interface EntityLayout {
  /** The label holding the object's handle, and the one holding its name (none: RDAP names it by its handle). */
  handle: string;
  name: string | undefined;
  /** Labels read in this class besides ENTITY_FIELDS (and over them). */
  fields?: Readonly<Record<string, ContactFieldTarget>>;
  /** The object is this class only when its block holds one of these labels too (a bare `contact: technical` line is not). */
  needs?: readonly string[];
}
/** The object's contact fields, label → field (the RIPE documentation's attributes of the classes above; LACNIC's alike). */
const ENTITY_FIELDS: Readonly<Record<string, ContactFieldTarget>> = {
  address: "street",
  phone: "phone",
  "fax no": "fax",
  "e mail": "email",
  "abuse mailbox": "email",
  country: "country",
};

/**
 * The entity an answer is about when its first object is one of ENTITY_CLASSES (or LACNIC's person), the contact
 * without roles; undefined otherwise. Called only for answers that hold no domain, network or AS number.
 */
export function entityObject(entries: readonly Entry[]): Contact | undefined {
  const first = entries[0];
  if (first === undefined) return undefined;
  let end = 1;
  while (end < entries.length && (entries[end] as Entry).block === first.block) end += 1;
  let layout = ownValue(ENTITY_CLASSES, first.key);
  // LACNIC: "nic-hdl: AMU2" then "person: Ana Muñoz".
  if (layout === undefined && first.key === "nic hdl" && end > 1 && (entries[1] as Entry).key === "person") layout = ENTITY_CLASSES.person;
  if (layout === undefined) return undefined;
  const needs = layout.needs;
  if (needs !== undefined && !hasLabel(entries, end, needs)) return undefined;
  const fields: [ContactFieldTarget, string][] = [];
  for (let index = 0; index < end; index += 1) {
    const entry = entries[index] as Entry;
    if (entry.section !== "") continue;
    if (entry.key === layout.handle) fields.push(["handle", entry.value]);
    else if (entry.key === layout.name) fields.push(["name", entry.value]);
    else {
      const field = (layout.fields !== undefined ? ownValue(layout.fields, entry.key) : undefined) ?? ownValue(ENTITY_FIELDS, entry.key);
      if (field !== undefined) pushFieldLines(fields, field, entry);
    }
  }
  return builtContact(undefined, fields);
}

/** Some entry among the first `end` has one of `labels`. */
function hasLabel(entries: readonly Entry[], end: number, labels: readonly string[]): boolean {
  for (let index = 1; index < end; index += 1) if (labels.includes((entries[index] as Entry).key)) return true;
  return false;
}
