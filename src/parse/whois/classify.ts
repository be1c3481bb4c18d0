/**
 * What a normalized label or heading means, worked out once and memoized (bounded): labels repeat across
 * answers, so mapping an entry costs a map lookup, not a walk through the alias tables. Importing this
 * module also gives the tokenizer its heading and label recognizers.
 */
import type { ContactRole } from "../../record/types.js";
import { CONTACT_FIELD_ALIASES, FIELD_ALIASES, splitRole, type ContactFieldTarget, type FieldTarget } from "./aliases.js";
import { labelSlot } from "./chars.js";
import { HANDLE_KEYS, OBJECT_REFERENCES } from "./rpsl.js";
import { ownValue } from "../../util/own.js";
import { setRecognizers } from "./tokenize.js";

/** What a normalized label can feed, worked out once per label (labels repeat across answers). */
export interface KeyInfo {
  /** Field alias, also for the label without its counter ("Name Server 3"). */
  target: FieldTarget | undefined;
  /** Contact field of the bare label, inside a role section or role context. */
  contactField: ContactFieldTarget | undefined;
  /** Registrar field of the label inside a "Registrar:" section. */
  registrarField: FieldTarget | undefined;
  /** Role prefix ("registrant phone"), also after "registry ". */
  prefixed: { role: ContactRole; rest: string } | undefined;
  /** The prefixed label names the role's handle or contact ("admin-c", "Registrant"). */
  reference: boolean;
  /** The reference is a handle whatever its shape ("admin-c: jones"), not a name ("Registrant: Jones", "Administrative Contact(AC): Jones"). */
  explicitHandle: boolean;
  /** Contact field after the role prefix. */
  prefixedField: ContactFieldTarget | undefined;
  /** The label names a contact object's own handle ("nic-hdl"): its block is a contact object (rpsl.ts HANDLE_KEYS). */
  handleKey: boolean;
  /** The label names an object that is a contact with this role when the answer holds it ("mnt-irt", rpsl.ts OBJECT_REFERENCES). */
  objectReference: ContactRole | undefined;
}

/** A heading's meaning: a field list ("Name servers"), a role's contact ("Technical contact") or the registrar's block. */
export interface SectionInfo {
  target: FieldTarget | undefined;
  role: ContactRole | undefined;
  /** The registrar's own block ("Registrar:", "Sponsoring Registrar:", "Registrar Information:", "Registrador:"): its bare lines and its Name/Web labels are the registrar's. */
  registrar: boolean;
  /** A role's address block ("Registrant's Address:", ZACR's older layout): its "Code:" is the postal code, not a handle. */
  address: boolean;
}

const keyInfos = new Map<string, KeyInfo>();
const sectionInfos = new Map<string, SectionInfo>();
const MAX_INFOS = 10_000;

/**
 * The infos of labels seen lately, in a fixed table indexed by the label's length and five of its
 * characters (labelSlot): one string comparison instead of a map probe per entry (issue #13). A miss reads the map.
 */
const INFO_SLOTS = 2048;
const slotKeys: string[] = new Array<string>(INFO_SLOTS).fill("");
const slotInfos: (KeyInfo | undefined)[] = new Array<KeyInfo | undefined>(INFO_SLOTS).fill(undefined);

export function keyInfo(key: string): KeyInfo {
  const slot = key.length === 0 ? 0 : labelSlot(key, INFO_SLOTS - 1);
  const cached = slotInfos[slot];
  if (cached !== undefined && slotKeys[slot] === key) return cached;
  const info = infoOf(key);
  slotKeys[slot] = key;
  slotInfos[slot] = info;
  return info;
}

function infoOf(key: string): KeyInfo {
  let info = keyInfos.get(key);
  if (info !== undefined) return info;
  const prefixed = splitRole(key) ?? (key.startsWith("registry ") ? splitRole(key.slice(9)) : undefined);
  const abbreviation = prefixed !== undefined && isOwnAbbreviation(prefixed);
  const reference = prefixed !== undefined && (prefixed.rest === "" || prefixed.rest === "c" || prefixed.rest === "contact" || prefixed.rest === "handle" || prefixed.rest === "id" || abbreviation);
  info = {
    target: FIELD_ALIASES.get(key) ?? FIELD_ALIASES.get(withoutNumbers(key)),
    contactField: CONTACT_FIELD_ALIASES.get(key),
    registrarField: REGISTRAR_SECTION.get(key),
    prefixed,
    reference,
    // (RPSL's "-c" attributes, admin-c, tech-c, owner-c, abuse-c, hold a handle whatever its characters: registro.br's
    // are letters only, "FAN". RFC 2622 §3.1: "admin-c", "tech-c" contain NIC handles.)
    explicitHandle: reference && ((prefixed.rest !== "" && prefixed.rest !== "contact" && !abbreviation) || (prefixed.rest === "" && key.endsWith(" c"))),
    prefixedField:
      prefixed === undefined || reference
        ? undefined
        : (CONTACT_FIELD_ALIASES.get(prefixed.rest) ??
          CONTACT_FIELD_ALIASES.get(prefixed.rest.replace(/^contact /, "")) ??
          CONTACT_FIELD_ALIASES.get(withoutNumbers(prefixed.rest))),
    handleKey: HANDLE_KEYS.has(key),
    objectReference: ownValue(OBJECT_REFERENCES, key),
  };
  if (keyInfos.size < MAX_INFOS) keyInfos.set(key, info);
  return info;
}

/**
 * "Administrative Contact(AC)" (KISA): the role followed by its own abbreviation, which the answer then uses as the
 * prefix of the role's fields ("AC E-Mail"). The label names the contact, as "Administrative Contact" alone does.
 */
function isOwnAbbreviation(prefixed: { role: ContactRole; rest: string }): boolean {
  if (prefixed.rest.length > 3 || prefixed.rest.includes(" ")) return false;
  const again = splitRole(prefixed.rest);
  return again !== undefined && again.rest === "" && again.role === prefixed.role;
}

const NO_SECTION: SectionInfo = { target: undefined, role: undefined, registrar: false, address: false };

/**
 * Headings over a registrar's block besides the registrar labels of the alias table (issue #13: small ccTLD registries
 * print the registrar as an address block under "Registrar Information:", "Registrar Details:" …). "Reseller" and
 * Nominet's "Registered through:" (the reseller, printed above "Registrar:") are registrar labels of the table but
 * not the registrar's block.
 */
const REGISTRAR_HEADINGS: ReadonlySet<string> = new Set(["registrar information", "registrar info", "registrar details", "registrar data", "registrar contact", "sponsoring registrar information", "registrar informations", "información del registrador", "informacion del registrador", "dados do registrador"]);
const NOT_REGISTRAR_HEADINGS: ReadonlySet<string> = new Set(["reseller", "provider", "agent", "registrant registrar", "registered through", "registration service provided by"]);

/**
 * "Registrant type:" (Nominet: "UK Limited Company", "UK Individual", "Unknown"…) says what kind of holder it
 * is: the lines under it are not the contact's name, organisation or address.
 */
const CONTACT_KIND_HEADINGS = new Set(["type", "kind", "category"]);

export function sectionInfo(section: string): SectionInfo {
  if (section === "") return NO_SECTION;
  let info = sectionInfos.get(section);
  if (info !== undefined) return info;
  const role = splitRole(section);
  const target = FIELD_ALIASES.get(section);
  info = {
    target,
    role: role && role.rest.split(" ").length <= 2 && !CONTACT_KIND_HEADINGS.has(role.rest) ? role.role : undefined,
    registrar: (target === "registrar.name" && !NOT_REGISTRAR_HEADINGS.has(section)) || REGISTRAR_HEADINGS.has(section),
    address: role !== undefined && role.rest.endsWith("address"),
  };
  if (sectionInfos.size < MAX_INFOS) sectionInfos.set(section, info);
  return info;
}

/** "Name Server 3", "ns1 hostname", "Registrant Street2": the label without its counter. */
function withoutNumbers(key: string): string {
  return /\d/.test(key) ? key.replace(/\d+/g, " ").replace(/\s+/g, " ").trim() : key;
}

/** Labels inside a "Registrar:" section. */
const REGISTRAR_SECTION = new Map<string, FieldTarget>([
  ["organization", "registrar.name"],
  ["organisation", "registrar.name"],
  ["name", "registrar.name"],
  ["registrar name", "registrar.name"],
  ["web", "registrar.url"],
  ["url", "registrar.url"],
  ["website", "registrar.url"],
  ["www", "registrar.url"],
  ["whois server", "registrar.whoisServer"],
  ["iana id", "registrar.ianaId"],
  ["id", "registrar.ianaId"],
  ["handle", "registrar.handle"],
  ["number", "registrar.ianaId"],
  ["email", "registrar.abuseEmail"],
  // Trabis (.tr, whois.trabis.gov.tr): "** Registrar:" over "NIC Handle : …" and "Organization Name : …" (its answer's
  // layout as quoted in https://github.com/FurqanSoftware/node-whois/pull/146); the contact sections use the same labels.
  ["organization name", "registrar.name"],
  ["organisation name", "registrar.name"],
  ["nic handle", "registrar.handle"],
  // w12: the same labels in the registries' languages (fr, es, pt, it, de, nl, pl, cs, ru, uk, tr, zh, ja) inside a registrar's
  // section ("Bureau d'enregistrement:" / "Nom:", "Agente Registrador:" / "Nombre:", "Регистратор:" / "Название:").
  ["nom", "registrar.name"],
  ["nombre", "registrar.name"],
  ["nome", "registrar.name"],
  ["naam", "registrar.name"],
  ["nazwa", "registrar.name"],
  ["jméno", "registrar.name"],
  ["název", "registrar.name"],
  ["название", "registrar.name"],
  ["назва", "registrar.name"],
  ["ad", "registrar.name"],
  ["名称", "registrar.name"],
  ["名前", "registrar.name"],
  ["site web", "registrar.url"],
  ["sitio web", "registrar.url"],
  ["página web", "registrar.url"],
  ["página", "registrar.url"],
  ["pagina", "registrar.url"],
  ["sito web", "registrar.url"],
  ["webseite", "registrar.url"],
  ["strona www", "registrar.url"],
  ["сайт", "registrar.url"],
  ["веб сайт", "registrar.url"],
  ["web sitesi", "registrar.url"],
  ["网址", "registrar.url"],
  ["homepage", "registrar.url"],
  // w20: NIC.EC "Registrar Information" over "Registrar Name: …" and "Registration URL: www.…" (the registrar's site).
  ["registration url", "registrar.url"],
]);

const headings = new Map<string, boolean>();
const MAX_HEADINGS = 10_000;

/**
 * A label read without a colon ("Registrar URL        http://…", tokenize.ts splitAnyLayout): a field's or a contact
 * field's label, a role's, a registrar section's ("website", "Web"), or ICANN's "Registry Registrant ID" (the RDDS
 * specification's handle labels: "Registry" before a role's label the tables know).
 */
function isColumnLabel(key: string): boolean {
  if (isFieldLabel(key) || CONTACT_FIELD_ALIASES.has(key) || REGISTRAR_SECTION.has(key) || sectionInfo(key).role !== undefined) return true;
  if (key.startsWith("registry ") && isFieldLabel(key.slice(9))) return true;
  // NASK "registrant type                 organization": a role's kind.
  const role = splitRole(key);
  if (role !== undefined && CONTACT_KIND_HEADINGS.has(role.rest)) return true;
  // Numbered labels (.ax "Name Server 1", .nc "Domain server 2"), as the field tables read them.
  const unnumbered = withoutNumbers(key);
  return unnumbered !== key && unnumbered !== "" && isFieldLabel(unnumbered);
}

function isFieldLabel(key: string): boolean {
  if (FIELD_ALIASES.has(key)) return true;
  const role = splitRole(key);
  return role !== undefined && role.rest !== "" && CONTACT_FIELD_ALIASES.has(role.rest);
}

const columnLabels = new Map<string, boolean>();

setRecognizers({
  column: (key) => {
    let known = columnLabels.get(key);
    if (known === undefined) {
      known = isColumnLabel(key);
      if (columnLabels.size < MAX_HEADINGS) columnLabels.set(key, known);
    }
    return known;
  },
  heading: (key) => {
    let known = headings.get(key);
    if (known === undefined) {
      known = isHeading(key);
      if (headings.size < MAX_HEADINGS) headings.set(key, known);
    }
    return known;
  },
  label: isFieldLabel,
  contactField: (key) => CONTACT_FIELD_ALIASES.has(key),
  roleField: (key) => {
    const role = splitRole(key);
    return role !== undefined && role.rest !== "" && CONTACT_FIELD_ALIASES.has(role.rest) && !CONTACT_REFERENCE_WORDS.has(role.rest);
  },
  roleHeading: (key) => sectionInfo(key).role !== undefined,
});

/** A role's label ending in one of these names the role's contact (a heading over its block), not one of its fields. */
const CONTACT_REFERENCE_WORDS: ReadonlySet<string> = new Set(["contact", "c", "id", "handle", "contact id", "contact handle", "nic", "nic handle", "nic hdl", "code"]);

/** A heading worth opening even before a non-indented block: a field list or a role's contact. */
function isHeading(key: string): boolean {
  const target = FIELD_ALIASES.get(key);
  // (w20: NIC.EC's "Registrar Information" over its unindented "Registrar Name:" / "Registration URL:" lines.)
  if (target === "nameserver" || target === "status" || key === "registrar" || REGISTRAR_HEADINGS.has(key)) return true;
  const role = splitRole(key);
  return role !== undefined && role.rest.split(" ").length <= 2;
}

