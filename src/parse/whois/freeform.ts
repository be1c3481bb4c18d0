import type { ContactRole } from "../../record/types.js";
import type { ContactBuilder } from "./contacts.js";
import { countryCodeOf } from "../countries.js";

/**
 * Contact blocks written as bare lines under a role heading:
 *   Registrant:
 *      Example University
 *      1000 W. Garden Avenue
 *      Springfield, IL 62701
 *      UNITED STATES
 *      (555) 555-0100
 *      hostmaster@example.edu
 * Each line is classified by its shape; the first lines before the street are
 * the name and organization.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^(?:tel[.:]?\s*)?\+?\s?[\d(][\d\s().\-/]{5,24}(?:\s*(?:ext|x)\.?\s*\d{1,6})?$/i;
const FAX = /^fax[.:]?\s*(.+)$/i;
const US_CITY = /^(.+?),\s*([A-Z]{2})\.?\s+(\d{5}(?:-\d{4})?)$/;
/**
 * "8001 Zürich", "SW1A 1AA London", and with the country's letters before it ("CH-8001 Zürich", "US-94043 Mountain View",
 * SWITCH: the postcode without them); Portugal's "1000-001 Lisboa" (DNS.PT) and Poland's "00-001 Warszawa" (NASK).
 */
const POSTCODE_FIRST = /^(?:[A-Z]{1,3}-)?(\d{4}-\d{3}|\d{2}-\d{3}|\d{4,6}|\d{2} \d{3}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|\d{4}\s?[A-Z]{2})\s+(\D.+)$/;
const STREET_WORDS = "street|st\\.|avenue|ave\\.?|road|rd\\.|suite|floor|box|straße|strasse|rue|via|calle|plaza|boulevard|blvd|lane|drive|way|parkway|pkwy|court|place|square|highway|hwy|terrace|building|quay";
const STREETISH = new RegExp(`\\d|\\b(${STREET_WORDS})\\b`, "i");
/** A street word alone (no flags that keep state: one instance serves every call, not a pattern compiled per contact). */
const STREET_WORD = new RegExp(`\\b(${STREET_WORDS})\\b`, "i");
/** Tail lines "City / ST / 94043 / Country" (each on its own line, as Nominet prints them). */
const ZIP_LINE = /^(\d{3,6}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})$/;

/**
 * Lines as the shape rules read them: a line holding two values apart ("Admin Person   admin@example.tw",
 * "Name<TAB>(info [at] example.uz)") is two lines, brackets around a value are dropped, and a last line
 * that is a two-letter country code ("TW", "PT") is the contact's country code.
 */
function splitLines(contacts: ContactBuilder, role: ContactRole, lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    // Two spaces part values only before an e-mail address ("Admin Person  admin@example.tw"): a name may hold two spaces.
    const parts = line.includes("\t") || line.includes("   ") ? line.split(/\t|\s{3,}/) : line.includes("  ") && line.includes("@") ? line.split(/\s{2,}(?=\S+@)/) : [line];
    for (const part of parts) {
      const trimmed = part.trim();
      const bare = trimmed.startsWith("(") && trimmed.endsWith(")") ? trimmed.slice(1, -1).trim() : trimmed;
      if (bare !== "") out.push(bare);
    }
  }
  const last = out[out.length - 1];
  if (out.length >= 2 && last !== undefined && /^[A-Z]{2}$/.test(last)) {
    contacts.set(role, "countryCode", last);
    out.pop();
  }
  return out;
}

/**
 * How the lines before a block's street are read: `person` (the name, then the organization last, lines between them
 * the first lines of the address), `organization` (the organization, then its address), `name-block` (every line up
 * to the first that starts with a number is one name of several lines: EDUCAUSE's person, job title and institution).
 */
export type FreeformNames = "person" | "organization" | "name-block";

/**
 * A block's first line naming the contact with its handle after it: SaudiNIC "Abdullah Example (ADM-837-AD59-SA)"
 * in its "Administrative Contact:" block. The handle holds a digit and no space; the name before it no digit (else
 * the line is a street with a bracketed note). Cut at the last "(" (no pattern runs over the name).
 */
const HANDLE = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,40}$/;

function nameWithHandle(line: string): [string, string] | undefined {
  if (!line.endsWith(")")) return undefined;
  const open = line.lastIndexOf("(");
  if (open < 2) return undefined;
  const handle = line.slice(open + 1, -1);
  const name = line.slice(0, open).trim();
  return HANDLE.test(handle) && /\d/.test(handle) && name.length >= 2 && !/[\d()]/.test(name) ? [name, handle] : undefined;
}

export function applyFreeformContact(contacts: ContactBuilder, role: ContactRole, given: string[], names: FreeformNames = "person"): void {
  const organizationFirst = names === "organization";
  const lines = splitLines(contacts, role, given);
  const first = lines[0] === undefined ? undefined : nameWithHandle(lines[0]);
  if (first !== undefined) {
    contacts.set(role, "handle", first[1]);
    lines[0] = first[0];
  }
  const rest: string[] = [];
  let phoneSeen = false;
  for (const line of lines) {
    const fax = FAX.exec(line);
    if (fax?.[1]) contacts.set(role, "fax", fax[1]);
    else if (EMAIL.test(line)) contacts.set(role, "email", line);
    else if (PHONE.test(line) && /\d{5,}/.test(line.replace(/\D/g, ""))) {
      // Two bare numbers: the voice number, then the fax (.tr, .za).
      if (phoneSeen) contacts.set(role, "fax", line);
      else contacts.set(role, "phone", line);
      phoneSeen = true;
    }
    else rest.push(line);
  }
  let cityIndex = rest.findLastIndex((line) => US_CITY.test(line));
  if (cityIndex === -1) cityIndex = rest.findLastIndex((line) => POSTCODE_FIRST.test(line) && !STREET_WORD.test(line));
  const zipIndex = rest.findLastIndex((line) => ZIP_LINE.test(line));
  if (cityIndex === -1 && zipIndex >= 2) {
    const country = rest[zipIndex + 1];
    if (country && !/\d/.test(country)) contacts.set(role, "country", country);
    contacts.set(role, "postalCode", rest[zipIndex] as string);
    let cityAt = zipIndex - 1;
    if (/^[A-Z]{2,3}$/.test(rest[cityAt] ?? "")) {
      contacts.set(role, "state", rest[cityAt] as string);
      cityAt -= 1;
    }
    contacts.set(role, "city", rest[cityAt] as string);
    const before = rest.slice(0, cityAt);
    const streetAt = before.findIndex((line) => STREETISH.test(line));
    const names = streetAt === -1 ? before.slice(0, 1) : before.slice(0, streetAt);
    setNamesAndStreet(contacts, role, names, streetAt === -1 ? before.slice(1) : before.slice(streetAt));
    return;
  }
  if (cityIndex === -1) {
    // No city line, but the block ends in a country's name (.tr's "Registrant:" block: name, street lines, a city with its
    // state, then "United States of America"): the lines between the name and the country are the address.
    const countryAt = rest.length >= 3 && countryCodeOf(rest[rest.length - 1] as string) !== undefined ? rest.length - 1 : -1;
    if (countryAt !== -1) {
      contacts.set(role, "name", rest[0] as string);
      // (A second line with no number or street word is the organisation, as below.)
      const organization = countryAt > 2 && !STREETISH.test(rest[1] as string);
      if (organization) contacts.set(role, "organization", rest[1] as string);
      for (const street of rest.slice(organization ? 2 : 1, countryAt)) contacts.set(role, "street", street);
      contacts.set(role, "country", rest[countryAt] as string);
      return;
    }
    if (rest[0]) contacts.set(role, "name", rest[0]);
    if (rest[1] && !STREETISH.test(rest[1])) contacts.set(role, "organization", rest[1]);
    return;
  }
  const cityLine = rest[cityIndex] as string;
  const us = US_CITY.exec(cityLine);
  if (us) {
    contacts.set(role, "city", us[1] ?? "");
    contacts.set(role, "state", us[2] ?? "");
    contacts.set(role, "postalCode", us[3] ?? "");
  } else {
    const eu = POSTCODE_FIRST.exec(cityLine);
    contacts.set(role, "postalCode", eu?.[1] ?? "");
    contacts.set(role, "city", eu?.[2] ?? "");
  }
  const country = rest[cityIndex + 1];
  if (country && !/\d/.test(country)) contacts.set(role, "country", country);
  const before = rest.slice(0, cityIndex);
  let streetStart = before.length;
  while (streetStart > 0 && STREETISH.test(before[streetStart - 1] ?? "")) streetStart -= 1;
  if (streetStart === before.length && before.length > 1) streetStart = before.length - 1;
  if (names === "name-block" && before.length > 0) {
    const numbered = before.findIndex((line) => /^\d/.test(line));
    const nameLines = numbered === -1 ? before : before.slice(0, Math.max(numbered, 1));
    contacts.set(role, "name", nameLines.join("\n"));
    for (const street of before.slice(nameLines.length)) contacts.set(role, "street", street);
    return;
  }
  if (organizationFirst && before.length > 0) {
    contacts.set(role, "organization", before[0] as string);
    for (const street of before.slice(1)) contacts.set(role, "street", street);
    return;
  }
  setNamesAndStreet(contacts, role, before.slice(0, streetStart), before.slice(streetStart));
}

/**
 * The lines before the street: the first is the name, the last the organization, and any between them
 * (a department, a job title: EDUCAUSE's "Domain Admin / Cornell Information Technologies / Cornell
 * University") the first lines of the address, so no line of the block is lost.
 */
function setNamesAndStreet(contacts: ContactBuilder, role: ContactRole, names: readonly string[], street: readonly string[]): void {
  if (names[0]) contacts.set(role, "name", names[0]);
  if (names.length > 1) contacts.set(role, "organization", names[names.length - 1] as string);
  for (const line of names.slice(1, -1)) contacts.set(role, "street", line);
  for (const line of street) contacts.set(role, "street", line);
}
