import type { Contact } from "../../record/types.js";
import { isRedactedValue } from "../privacy.js";
import { withoutTelScheme } from "../tel-uri.js";
import { type Ranks, preferenceOf, set, setRanked } from "./jcard.js";

/**
 * JSContact cards in RDAP (draft-ietf-regext-rdap-jscontact: an entity's "jscontact_card", an RFC 9553 Card, in place
 * of or beside vcardArray) into the same contact fields as jCard. Maps are keyed by ids the server picks; what a value
 * is comes from its members (a phone's "features", an address component's "kind"), read through the tables below.
 */

type Json = Record<string, unknown>;

const MAX_ENTRIES = 50;

const asObject = (value: unknown): Json | undefined => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined);
const asText = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);
/** The values of an RFC 9553 map ("Id": object), capped: a hostile card may hold millions. */
const entriesOf = (map: unknown): Json[] => {
  const object = asObject(map);
  if (!object) return [];
  const out: Json[] = [];
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const entry = asObject(object[key]);
    if (entry) out.push(entry);
    if (out.length >= MAX_ENTRIES) break;
  }
  return out;
};
const componentsOf = (value: unknown): Json[] => (Array.isArray(value) ? value.slice(0, MAX_ENTRIES).map(asObject).filter((c): c is Json => c !== undefined) : []);

/** RFC 9553 §2.2.1.2 name component kinds, in the order a name is written when the card does not order them. */
const NAME_ORDER: readonly string[] = ["title", "given", "given2", "surname", "surname2", "generation", "credential"];

/** RFC 9553 §2.5.1.2 address component kinds: the street line's parts, and the kinds with a field of their own. */
const STREET_KINDS: ReadonlySet<string> = new Set(["postOfficeBox", "room", "apartment", "floor", "building", "number", "name", "block", "subdistrict", "district", "direction", "landmark"]);
const ADDRESS_FIELDS: ReadonlyMap<string, "city" | "state" | "postalCode" | "country"> = new Map([
  ["locality", "city"],
  ["region", "state"],
  ["postcode", "postalCode"],
  ["country", "country"],
]);

export function readJSContact(card: unknown, contact: Contact): void {
  const root = asObject(card);
  if (!root) return;
  set(contact, "name", fullName(asObject(root.name)));
  for (const organization of entriesOf(root.organizations)) set(contact, "organization", asText(organization.name));
  const ranks: Ranks = new Map();
  for (const email of entriesOf(root.emails)) setRanked(contact, "email", asText(email.address), preferenceOf(email.pref), ranks);
  for (const phone of entriesOf(root.phones)) {
    const features = asObject(phone.features);
    const raw = asText(phone.number);
    const number = raw === undefined ? undefined : withoutTelScheme(raw);
    setRanked(contact, features?.fax === true && features.voice !== true ? "fax" : "phone", number, preferenceOf(phone.pref), ranks);
  }
  const addresses = entriesOf(root.addresses).sort((a, b) => preferenceOf(a.pref) - preferenceOf(b.pref));
  if (addresses[0]) readAddress(contact, addresses[0]);
}

function fullName(name: Json | undefined): string | undefined {
  if (!name) return undefined;
  const full = asText(name.full);
  if (full) return full;
  const parts = componentsOf(name.components).filter((c) => asText(c.value) !== undefined && asText(c.kind) !== "separator");
  const ordered = name.isOrdered === true ? parts : [...parts].sort((a, b) => rankOf(asText(a.kind)) - rankOf(asText(b.kind)));
  const joined = ordered.map((c) => asText(c.value)).join(" ");
  return joined === "" ? undefined : joined;
}

function rankOf(kind: string | undefined): number {
  const index = kind === undefined ? -1 : NAME_ORDER.indexOf(kind);
  return index === -1 ? NAME_ORDER.length : index;
}

function readAddress(contact: Contact, address: Json): void {
  const street: string[] = [];
  for (const component of componentsOf(address.components)) {
    const kind = asText(component.kind);
    const value = asText(component.value);
    if (kind === undefined || value === undefined) continue;
    const field = ADDRESS_FIELDS.get(kind);
    if (field) set(contact, field, value);
    else if (STREET_KINDS.has(kind)) street.push(value);
  }
  // A card with the address only as text ("full", RFC 9553 §2.5.1) gives its lines as the street.
  const full = asText(address.full);
  const lines = street.length > 0 ? [street.join(" ")] : full !== undefined && componentsOf(address.components).length === 0 ? full.split("\n").map((line) => line.trim()).filter(Boolean) : [];
  if (lines.length > 0 && contact.street === undefined) {
    const redacted = lines.some((line) => isRedactedValue(line));
    if (!redacted) contact.street = lines;
    else if (!contact.redacted?.includes("street")) (contact.redacted ??= []).push("street");
  }
  const code = asText(address.countryCode);
  if (code && /^[A-Za-z]{2}$/.test(code)) contact.countryCode ??= code.toUpperCase();
}
