import type { Contact, ContactField } from "../../record/types.js";
import { structureAddress } from "../address-lines.js";
import { countryCodeOf } from "../countries.js";
import { isRedactedValue } from "../privacy.js";
import { withoutTelScheme } from "../tel-uri.js";

/** One jCard property: [name, params, type, value…] (RFC 7095). */
type Property = [string, Record<string, unknown>, string, ...unknown[]];

const MAX_PROPERTIES = 200;

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (Array.isArray(value)) {
    const joined = value.filter((part) => typeof part === "string" && part.trim() !== "").join(" ");
    return joined === "" ? undefined : joined;
  }
  return undefined;
}

/**
 * ORG is structured (RFC 6350 §6.6.4: "ABC\\, Inc.;North American Division;Marketing"), a text array in jCard
 * (RFC 7095 §3.3.1.3): the organization's name, then its units. The name alone is the organization: joined
 * with its units ("Stranger Holdings Ltd Domains") it matched neither the port-43 answer nor other records.
 */
function organizationName(value: unknown): string | undefined {
  if (!Array.isArray(value)) return text(value);
  const name = value.find((part) => typeof part === "string" && part.trim() !== "");
  return typeof name === "string" ? name.trim() : undefined;
}

function typesOf(params: Record<string, unknown>): string[] {
  const type = params.type;
  if (typeof type === "string") return [type.toLowerCase()];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === "string").map((t) => t.toLowerCase()) : [];
}

/**
 * RFC 6350 §5.3 PREF: 1 (most preferred) to 100; a property without it ranks after every one with it. RFC 9083 §5.1's
 * example lists a second e-mail and phone with "pref": "1": the preferred one is the contact's, not the first listed.
 */
export function preferenceOf(pref: unknown): number {
  const value = typeof pref === "number" ? pref : typeof pref === "string" && /^\s*\d{1,3}\s*$/.test(pref) ? Number(pref) : Number.NaN;
  return Number.isInteger(value) && value >= 1 && value <= 100 ? value : 101;
}

/** Fields with several values in one card (e-mail, phone, fax): the best-ranked one is kept. */
export type Ranks = Map<ContactField, number>;

/** set() for a field that may repeat: a better-ranked value replaces one set from the same card. */
export function setRanked(contact: Contact, field: "email" | "phone" | "fax", value: string | undefined, rank: number, ranks: Ranks): void {
  if (value === undefined) return;
  const held = ranks.get(field);
  if (held !== undefined && rank >= held) return;
  if (!isRedactedValue(value)) {
    ranks.set(field, rank);
    if (held !== undefined) delete contact[field];
  }
  set(contact, field, value);
}

export function set(contact: Contact, field: Exclude<ContactField, "street">, value: string | undefined): void {
  if (value === undefined) return;
  if (isRedactedValue(value)) {
    const redacted = (contact.redacted ??= []);
    if (!redacted.includes(field)) redacted.push(field);
    return;
  }
  contact[field] ??= value;
}

/**
 * The properties of a vcardArray: ["vcard", [property, …]] (RFC 7095 §3.2), or the properties listed flat after
 * "vcard" (["vcard", property, property, …]), as a registrar's RDAP sends them (mangstadt/ez-vcard#108).
 */
function propertiesOf(vcardArray: unknown): unknown[] {
  if (!Array.isArray(vcardArray) || !Array.isArray(vcardArray[1])) return [];
  const first: unknown[] = vcardArray[1];
  const flat = typeof first[0] === "string";
  return (flat ? vcardArray.slice(1, MAX_PROPERTIES + 1) : first.slice(0, MAX_PROPERTIES)) as unknown[];
}

/**
 * RDAP roles written as jCard ROLE properties (["role", {}, "text", "registrant"]) by servers that leave the entity's
 * "roles" member out (EuroDNS, pogzyb/asyncwhois#72): read only when that member is empty.
 */
export function jCardRoles(vcardArray: unknown): string[] {
  const roles: string[] = [];
  for (const item of propertiesOf(vcardArray)) {
    if (!Array.isArray(item) || typeof item[0] !== "string" || item[0].toLowerCase() !== "role") continue;
    const value = text(item[3]);
    if (value !== undefined) roles.push(value);
  }
  return roles;
}

/** Reads the contact fields of a vcardArray; tolerant of every malformed shape. */
export function readJCard(vcardArray: unknown, contact: Contact): void {
  const properties = propertiesOf(vcardArray);
  if (properties.length === 0) return;
  const ranks: Ranks = new Map();
  let structuredName: unknown;
  for (const item of properties) {
    if (!Array.isArray(item) || typeof item[0] !== "string") continue;
    const [name, rawParams, , ...values] = item as Property;
    const params = rawParams && typeof rawParams === "object" ? rawParams : {};
    const value = values[0];
    switch (name.toLowerCase()) {
      case "fn":
        set(contact, "name", text(value));
        break;
      case "org":
        set(contact, "organization", organizationName(value));
        break;
      case "n":
        structuredName ??= value;
        break;
      case "email":
        setRanked(contact, "email", text(value), preferenceOf(params.pref), ranks);
        break;
      case "tel": {
        const raw = text(value);
        const number = raw === undefined ? undefined : withoutTelScheme(raw);
        setRanked(contact, typesOf(params).includes("fax") ? "fax" : "phone", number, preferenceOf(params.pref), ranks);
        break;
      }
      case "adr":
        readAddress(contact, params, value);
        break;
      default:
        break;
    }
  }
  if (contact.name === undefined && !contact.redacted?.includes("name")) set(contact, "name", nameFromParts(structuredName));
}

/**
 * RFC 6350 §6.2.2 N: family;given;additional;prefixes;suffixes (each a text or a list, RFC 7095 §3.3.1.3). Read only
 * when FN is absent or empty, in display order: "Dr. Joe User".
 */
function nameFromParts(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const [family, given, additional, prefixes, suffixes] = value.slice(0, 5).map(text);
  const name = [prefixes, given, additional, family, suffixes].filter((part) => part !== undefined).join(" ");
  return name === "" ? undefined : name;
}

/**
 * A server that printed its empty database columns ("Giesserstrasse 27 null null", pogzyb/asyncwhois#72): the
 * trailing "null" words are not the address's. Word by word, so a hostile line costs linear time.
 */
function withoutNulls(part: unknown): unknown {
  if (typeof part !== "string" || !part.endsWith("null")) return part;
  const words = part.split(" ");
  while (words.length > 0 && (words[words.length - 1] === "null" || words[words.length - 1] === "")) words.pop();
  return words.join(" ");
}

function readAddress(contact: Contact, params: Record<string, unknown>, value: unknown): void {
  if (Array.isArray(value)) {
    // RFC 6350 ADR has seven parts; EuroDNS sends six, the PO box left out (["", "1 Main St", "Leipzig", "", "04229",
    // "GERMANY"], pogzyb/asyncwhois#72): the parts are aligned on the country, the last.
    const parts = value.length === 6 ? ["", ...value] : value.slice(0, 7);
    const [, extended, street, city, region, postal, country] = parts.map((part) => (Array.isArray(part) ? part.map(withoutNulls).filter((p) => p !== "") : withoutNulls(part)));
    const lines = [extended, street].flatMap((part) => (Array.isArray(part) ? part : typeof part === "string" && part !== "" ? [part] : []));
    if (lines.length > 0 && contact.street === undefined) {
      if (lines.some((line) => isRedactedValue(String(line)))) (contact.redacted ??= []).push("street");
      else contact.street = lines.map(String);
    }
    set(contact, "city", text(city));
    set(contact, "state", text(region));
    set(contact, "postalCode", text(postal));
    const countryName = text(country);
    set(contact, "country", countryName);
  }
  const label = typeof params.label === "string" ? params.label : undefined;
  const cc = typeof params.cc === "string" ? params.cc : undefined;
  if (cc && /^[A-Za-z]{2}$/.test(cc)) contact.countryCode ??= cc.toUpperCase();
  // The country named in the structured address (RFC 9083 §5.1's example: "Canada", no cc parameter) gives its code,
  // as the same name on a label's last line does.
  // Two letters there are the ISO code itself ("US"): the part is the country, not a free-text line.
  if (contact.country !== undefined) contact.countryCode ??= /^[A-Za-z]{2}$/.test(contact.country) ? contact.country.toUpperCase() : countryCodeOf(contact.country);
  if (label === undefined || isRedactedValue(label)) return;
  // Some servers (APNIC, ARIN) send the label vCard-escaped (RFC 6350 §3.4): a two-character "\n" between lines.
  const lines = label.split(/\n|\\n/).map((l) => l.trim()).filter(Boolean);
  // A last line naming the country ("United States", "BR"), often the only place it is (ARIN leaves the part empty).
  // Two letters only after a line with a postcode: "Springfield / IL" ends with a US state, not Israel.
  const last = lines[lines.length - 1];
  const afterPostcode = /\d/.test(lines[lines.length - 2] ?? "");
  const code = last === undefined ? undefined : /^[A-Za-z]{2}$/.test(last) ? (afterPostcode ? last.toUpperCase() : undefined) : countryCodeOf(last);
  if (code !== undefined && lines.length > 1) {
    lines.pop();
    if (contact.countryCode === undefined && contact.country === undefined) {
      contact.countryCode = code;
      if (last !== undefined && last.length > 2) contact.country = last;
    }
  }
  if (contact.street !== undefined) return;
  // The label's lines are what port 43 prints (ARIN "…/Chantilly/VA/20151", LACNIC "01310-100 - Sao Paulo - SP"):
  // their tail is read as the WHOIS parser reads the same lines, so both protocols give one card.
  contact.street = lines;
  structureAddress(contact);
}
