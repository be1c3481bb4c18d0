import type { Contact, ContactField } from "../../record/types.js";
import { structureAddress } from "../address-lines.js";
import { countryCodeOf } from "../countries.js";
import { isRedactedValue } from "../privacy.js";

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

function set(contact: Contact, field: Exclude<ContactField, "street">, value: string | undefined): void {
  if (value === undefined) return;
  if (isRedactedValue(value)) {
    const redacted = (contact.redacted ??= []);
    if (!redacted.includes(field)) redacted.push(field);
    return;
  }
  contact[field] ??= value;
}

/** Reads the contact fields of a vcardArray; tolerant of every malformed shape. */
export function readJCard(vcardArray: unknown, contact: Contact): void {
  if (!Array.isArray(vcardArray) || !Array.isArray(vcardArray[1])) return;
  const properties = (vcardArray[1] as unknown[]).slice(0, MAX_PROPERTIES);
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
      case "email":
        set(contact, "email", text(value));
        break;
      case "tel": {
        const number = text(value)?.replace(/^tel:/i, "");
        set(contact, typesOf(params).includes("fax") ? "fax" : "phone", number);
        break;
      }
      case "adr":
        readAddress(contact, params, value);
        break;
      default:
        break;
    }
  }
}

function readAddress(contact: Contact, params: Record<string, unknown>, value: unknown): void {
  if (Array.isArray(value)) {
    const [, extended, street, city, region, postal, country] = value.map((part) => (Array.isArray(part) ? part.filter((p) => typeof p === "string" && p !== "") : part));
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
