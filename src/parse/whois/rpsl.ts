import type { Contact } from "../../record/types.js";
import { CONTACT_FIELD_ALIASES } from "./aliases.js";
import { assignContactField, copyContact, draftContact, type ContactBuilder } from "./contacts.js";
import type { Entry } from "./tokenize.js";
import { ownValue } from "../../util/own.js";

/** Object classes that describe a contact, with the key that holds its name. */
const CONTACT_CLASSES: Readonly<Record<string, "name" | "organization">> = {
  person: "name",
  role: "name",
  organisation: "organization",
  organization: "organization",
  irt: "name",
  contact: "name",
};
/** Words that make a line a street, not an organization's name. */
const STREET_WORD = /\b(street|avenue|road|parkway|boulevard|lane|drive|suite|floor|box|rue|via|calle|strasse|straße|immeuble|building|bldg|p\.?o\.?|bp|cs)\b/i;
/** Keys that identify a contact object, in order of preference. */
const ID_KEYS = ["nic hdl", "nic handle", "nic hdl br", "contact id", "organisation", "organization", "irt", "handle", "contact"];
/** Keys that make a block a contact object wherever they stand in it (.br "nic-hdl-br", .ua "nic-handle"). */
export const HANDLE_KEYS: ReadonlySet<string> = new Set(["nic hdl", "nic handle", "nic hdl br", "contact id"]);
/** Contact fields whose repeated lines are one value written over several lines (.ua's organization in three scripts). */
const JOINED_FIELDS = new Set(["organization"]);

/**
 * Contact objects in an answer (RPSL person/role/organisation blocks, and the
 * handle-keyed blocks of registries like AFNIC), by handle.
 */
export function collectObjects(entries: Entry[]): Map<string, Contact> {
  const objects = new Map<string, Contact>();
  let start = 0;
  while (start < entries.length) {
    const block = (entries[start] as Entry).block;
    let end = start;
    while (end < entries.length && (entries[end] as Entry).block === block) end += 1;
    const group = entries.slice(start, end);
    start = end;
    const first = group[0];
    const nameField = first ? ownValue(CONTACT_CLASSES, first.key) : undefined;
    const idEntry = group.find((entry) => ID_KEYS.includes(entry.key) && /^[A-Za-z0-9][\w.-]*$/.test(entry.value));
    if (!first || (!nameField && !group.some((e) => HANDLE_KEYS.has(e.key)))) continue;
    const contact = draftContact([]);
    // FRED "contact: CM7-TZNIC" then "name: Collins Mtita": the object's first value is its handle.
    const firstIsHandle =
      nameField !== undefined && /^[A-Za-z0-9][\w.:-]*$/.test(first.value.trim()) && /[\d-]/.test(first.value) && group.some((e) => e !== first && CONTACT_FIELD_ALIASES.get(e.key) === "name");
    for (const entry of group) {
      if (entry === first && nameField) {
        assignContactField(contact, firstIsHandle ? "handle" : nameField, entry.value);
        continue;
      }
      const field = entry.key === "org name" ? "organization" : entry.key === "contact id" ? "handle" : CONTACT_FIELD_ALIASES.get(entry.key);
      if (!field) continue;
      if (JOINED_FIELDS.has(field) && contact.organization !== undefined && entry.value.trim() !== "") {
        contact.organization = `${contact.organization}\n${entry.value.trim()}`;
        continue;
      }
      for (const line of [entry.value, ...entry.more]) assignContactField(contact, field, line);
    }
    // AFNIC-style "type: ORGANIZATION": the contact's name is an organisation's.
    const type = group.find((entry) => entry.key === "type")?.value.toLowerCase();
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
    if (idEntry) objects.set(idEntry.value.toUpperCase(), contact);
  }
  return objects;
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
}

/** A copy of the object, with the handle it was referenced by when it states none. */
function withHandle(object: Contact, handle: string): Contact {
  const copy = copyContact(object, object.roles);
  copy.handle ??= handle;
  return copy;
}
