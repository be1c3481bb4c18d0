import type { Contact, WhoisRecord } from "../../record/types.js";
import type { Entry } from "./tokenize.js";

/** Labels of a registrar object that give its name and its web address. */
const NAME_KEYS = new Set(["name", "organization", "organisation", "registrar name", "org name"]);
const URL_KEYS = new Set(["website", "web", "www", "url", "homepage", "registrar url"]);

/**
 * Registries that print the registrar as an object of its own after the domain's (AFNIC `registrar: OVH`
 * … `website: http://www.ovh.com`; SK-NIC `Registrar: FAJN-0002` … `Name: FAJNOR IP s. r. o.`): a
 * blank-line block opened by `registrar:` naming the record's registrar (by name or handle) gives the web
 * address, and the name when the domain's block named the registrar by handle only. One pass over the entries.
 */
export function applyRegistrarObject(record: WhoisRecord, entries: readonly Entry[], domainBlock: number | undefined): void {
  const registrar = record.registrar;
  if (registrar === undefined) return;
  const ids = new Set([registrar.name, registrar.handle].filter((id): id is string => id !== undefined).map((id) => id.toLowerCase()));
  let openBlock: number | undefined;
  let name: string | undefined;
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index] as Entry;
    const opens = index === 0 || (entries[index - 1] as Entry).block !== entry.block;
    if (opens) {
      openBlock = entry.section === "" && entry.key === "registrar" && entry.block !== domainBlock && ids.has(entry.value.trim().toLowerCase()) ? entry.block : undefined;
      continue;
    }
    if (openBlock === undefined || entry.block !== openBlock || entry.section !== "") continue;
    const value = entry.value.trim();
    if (value === "") continue;
    if (NAME_KEYS.has(entry.key)) name ??= value;
    else if (URL_KEYS.has(entry.key)) registrar.url ??= value;
  }
  // Only a registrar known by its handle takes the object's name ("FAJN-0002" → "FAJNOR IP s. r. o.").
  if (name !== undefined && (registrar.name === undefined || registrar.name === registrar.handle)) {
    registrar.handle ??= registrar.name;
    registrar.name = name;
  }
}

/**
 * Sections that hold the registrar's abuse contact in a registry's own layout, when they follow the registrar's
 * section: their bare e-mail and phone lines are `registrar.abuseEmail`/`abusePhone` (as ICANN's "Registrar Abuse
 * Contact Email"), not a contact of the domain's. One row per layout, with its source.
 */
const REGISTRAR_ABUSE_SECTIONS: readonly { section: string; after: string; source: string }[] = [
  // SIDN (.nl) prints "Registrar:" (an address block), then "Abuse Contact:" with the registrar's phone and e-mail,
  // since 10 Aug 2017: https://www.sidn.nl/en/news-and-blogs/domain-name-data-to-include-registrars-abuse-contact-details
  { section: "abuse contact", after: "registrar", source: "SIDN" },
];

/** A bare e-mail address line; a bare phone number line (digits with the usual separators, an optional leading +). */
const EMAIL_LINE = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const PHONE_LINE = /^\+?[\d(][\d().\s-]{5,30}$/;

/**
 * The registrar's abuse e-mail and phone from a section of REGISTRAR_ABUSE_SECTIONS that follows the registrar's
 * own section; the abuse contact the generic reader made of the same lines is dropped (its role, when it has others).
 */
export function applyRegistrarAbuseSection(record: WhoisRecord, entries: readonly Entry[]): void {
  let email: string | undefined;
  let phone: string | undefined;
  let registrars = false;
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index] as Entry;
    const before = index > 0 ? (entries[index - 1] as Entry) : undefined;
    if (before === undefined || before.section !== entry.section) {
      const row = entry.section === "" ? undefined : REGISTRAR_ABUSE_SECTIONS.find((candidate) => candidate.section === entry.section);
      registrars = row !== undefined && before !== undefined && before.section === row.after;
    }
    if (!registrars || entry.key !== "") continue;
    const value = entry.value.trim();
    if (EMAIL_LINE.test(value)) email ??= value;
    else if (PHONE_LINE.test(value)) phone ??= value;
  }
  if (email === undefined && phone === undefined) return;
  const registrar = (record.registrar ??= {});
  if (email !== undefined) registrar.abuseEmail ??= email;
  if (phone !== undefined) registrar.abusePhone ??= phone;
  const contacts = record.contacts === undefined ? undefined : withoutAbuseCopy(record.contacts, email, phone);
  if (contacts === undefined) delete record.contacts;
  else record.contacts = contacts;
}

/** The contacts without the abuse contact made of the registrar's abuse lines (nothing but that e-mail and phone). */
function withoutAbuseCopy(contacts: Contact[], email: string | undefined, phone: string | undefined): Contact[] | undefined {
  const kept: Contact[] = [];
  for (const contact of contacts) {
    const copy = contact.roles.includes("abuse") && (contact.email === undefined || contact.email === email) && (contact.phone === undefined || contact.phone === phone)
      && contact.name === undefined && contact.organization === undefined && contact.handle === undefined;
    if (!copy) kept.push(contact);
    else if (contact.roles.length > 1) kept.push({ ...contact, roles: contact.roles.filter((role) => role !== "abuse") });
  }
  return kept.length > 0 ? kept : undefined;
}
