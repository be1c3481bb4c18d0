import type { Contact } from "../../record/types.js";
import { CONTACT_FIELD_ALIASES } from "./aliases.js";
import { assignContactField, type ContactBuilder } from "./contacts.js";
import type { Entry } from "./tokenize.js";

/** Object classes that describe a contact, with the key that holds its name. */
const CONTACT_CLASSES: Readonly<Record<string, "name" | "organization">> = {
  person: "name",
  role: "name",
  organisation: "organization",
  organization: "organization",
  irt: "name",
  contact: "name",
};
/** Keys that identify a contact object, in order of preference. */
const ID_KEYS = ["nic hdl", "nic handle", "contact id", "organisation", "organization", "irt", "handle", "contact"];

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
    const nameField = first ? CONTACT_CLASSES[first.key] : undefined;
    const idEntry = group.find((entry) => ID_KEYS.includes(entry.key) && /^[A-Za-z0-9][\w.-]*$/.test(entry.value));
    if (!first || (!nameField && !group.some((e) => e.key === "nic hdl" || e.key === "contact id"))) continue;
    const contact: Contact = { roles: [] };
    for (const entry of group) {
      if (entry === first && nameField) {
        assignContactField(contact, nameField, entry.value);
        continue;
      }
      const field = entry.key === "org name" ? "organization" : entry.key === "contact id" ? "handle" : CONTACT_FIELD_ALIASES.get(entry.key);
      if (!field) continue;
      for (const line of [entry.value, ...entry.more]) assignContactField(contact, field, line);
    }
    // AFNIC-style "type: ORGANIZATION": the contact's name is an organisation's.
    const type = group.find((entry) => entry.key === "type")?.value.toLowerCase();
    if ((type === "organization" || type === "organisation") && contact.name !== undefined && contact.organization === undefined) {
      contact.organization = contact.name;
      delete contact.name;
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
    contacts.adoptMerged(role, { ...object, handle: object.handle ?? handle });
  }
}
