import type { Contact, ContactRole, WhoisRecord } from "../record/types.js";

/** One asserted value compared with what the parser produced. */
export interface FieldResult {
  field: string;
  ok: boolean;
  expected: unknown;
  actual: unknown;
}

type Expected = Record<string, unknown>;

/** The peers' extra status words that still mean "the object exists". */
const EXISTING_STATUS_WORDS = new Set(["registered", "redemption", "expired", "inactive", "suspended"]);
const CONTACT_ROLES: Record<string, ContactRole> = {
  registrant: "registrant",
  admin: "administrative",
  administrative: "administrative",
  technical: "technical",
  tech: "technical",
  billing: "billing",
  abuse: "abuse",
  noc: "noc",
};
const CONTACT_FIELDS: Record<string, (c: Contact) => unknown> = {
  id: (c) => c.handle,
  name: (c) => c.name,
  organization: (c) => c.organization,
  address: (c) => c.street?.join("\n"),
  city: (c) => c.city,
  state: (c) => c.state,
  zip: (c) => c.postalCode,
  country: (c) => c.country,
  country_code: (c) => c.countryCode,
  phone: (c) => c.phone,
  fax: (c) => c.fax,
  email: (c) => c.email,
  created: (c) => c.created,
  updated: (c) => c.updated,
};
/** extra.nonempty names → where our record keeps them. */
const PRESENCE: Record<string, (r: WhoisRecord) => unknown> = {
  nameservers: (r) => (r.nameservers?.length ? r.nameservers : undefined),
  created: (r) => r.dates?.created,
  updated: (r) => r.dates?.updated,
  expires: (r) => r.dates?.expires,
  statuses: (r) => (r.statuses?.length ? r.statuses : undefined),
  "registrar.name": (r) => r.registrar?.name,
  "registrar.url": (r) => r.registrar?.url,
  "registrar.id": (r) => r.registrar?.ianaId ?? r.registrar?.handle,
  domain_id: (r) => r.domain?.handle,
  "extra.whois_server": (r) => r.registrar?.whoisServer ?? r.referral?.server,
  "contacts.registrant": (r) => contactsWithRole(r, "registrant")[0],
  "contacts.admin": (r) => contactsWithRole(r, "administrative")[0],
  "contacts.technical": (r) => contactsWithRole(r, "technical")[0],
};
/** Expected `extra` keys that have a counterpart in the record; the rest are not scored. */
const EXTRA: Record<string, (r: WhoisRecord) => unknown> = {
  dnssec: (r) => (r.dnssec === undefined ? undefined : r.dnssec === "signed"),
  referral_whois: (r) => r.referral?.server ?? r.registrar?.whoisServer,
  referral_url: (r) => r.registrar?.url,
  parse_ok: (r) => r.status !== "unknown" || undefined,
};

export function contactsWithRole(record: WhoisRecord, role: ContactRole): Contact[] {
  return (record.contacts ?? []).filter((contact) => contact.roles.includes(role));
}

/** "" and null mean "no value", like absence. */
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function normalizeText(value: unknown): string {
  return String(value).replace(/\s+/g, " ").trim();
}

function sameText(expected: unknown, actual: unknown, caseInsensitive = false): boolean {
  if (isBlank(expected)) return isBlank(actual);
  if (isBlank(actual)) return false;
  const a = normalizeText(expected);
  const b = normalizeText(actual);
  return caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function sameInstant(expected: unknown, actual: unknown): boolean {
  if (isBlank(expected)) return isBlank(actual);
  if (typeof actual !== "string") return false;
  return Date.parse(String(expected)) === Date.parse(actual);
}

/** Status words compare without their ICANN URL or comment, case-insensitively, as sets. */
function statusWord(value: string): string {
  return value.replace(/\s*\(.*$/, "").replace(/\s*https?:\/\/\S+/g, "").trim().toLowerCase().replace(/[\s_-]+/g, "");
}

function sameStatuses(expected: unknown, actual: string[] | undefined): boolean {
  if (isBlank(expected) || (Array.isArray(expected) && expected.length === 0)) return !actual || actual.length === 0;
  if (!Array.isArray(expected) || !actual) return false;
  const want = new Set(expected.map((s) => statusWord(String(s))));
  const have = new Set(actual.map(statusWord));
  return want.size === have.size && [...want].every((word) => have.has(word));
}

export function compareCase(expected: Expected, record: WhoisRecord): FieldResult[] {
  const results: FieldResult[] = [];
  const check = (field: string, ok: boolean, want: unknown, got: unknown): void => {
    results.push({ field, ok, expected: want, actual: got });
  };

  if ("status" in expected && expected.status !== null) {
    const word = String(expected.status);
    const want = EXISTING_STATUS_WORDS.has(word) ? "registered" : word;
    check("status", record.status === want, word, record.status);
  }
  for (const [flag, status] of [["available", "available"], ["registered", "registered"], ["throttled", "throttled"], ["reserved", "reserved"]] as const) {
    if (typeof expected[flag] === "boolean") check(flag, (record.status === status) === expected[flag], expected[flag], record.status);
  }
  if ("domain" in expected) {
    const ok = isBlank(expected.domain)
      ? isBlank(record.domain?.name)
      : sameText(expected.domain, record.domain?.name, true) || sameText(expected.domain, record.domain?.unicodeName, true);
    check("domain", ok, expected.domain, record.domain?.name);
  }
  if ("domain_id" in expected) check("domain_id", sameText(expected.domain_id, record.domain?.handle), expected.domain_id, record.domain?.handle);
  for (const key of ["created", "updated", "expires"] as const) {
    if (key in expected) check(key, sameInstant(expected[key], record.dates?.[key]), expected[key], record.dates?.[key]);
  }
  if ("registrar" in expected) compareRegistrar(expected.registrar, record, check);
  if ("nameservers" in expected) compareNameservers(expected.nameservers, record, check);
  if ("statuses" in expected) check("statuses", sameStatuses(expected.statuses, record.statuses), expected.statuses, record.statuses);
  if ("contacts" in expected && expected.contacts !== null) compareContacts(expected.contacts as Record<string, unknown>, record, check);
  const extra = (expected.extra ?? {}) as Record<string, unknown>;
  for (const [key, read] of Object.entries(EXTRA)) {
    if (!(key in extra)) continue;
    const actual = read(record);
    const ok = typeof extra[key] === "boolean" && key !== "dnssec" ? Boolean(actual) === extra[key] : key === "dnssec" ? (actual ?? false) === extra[key] : sameText(extra[key], actual, true);
    check(`extra.${key}`, ok, extra[key], actual);
  }
  for (const name of (extra.nonempty as string[] | undefined) ?? []) {
    const read = PRESENCE[name];
    if (read) check(`nonempty.${name}`, !isBlank(read(record)), "present", read(record));
  }
  return results;
}

type Check = (field: string, ok: boolean, want: unknown, got: unknown) => void;

function compareRegistrar(expected: unknown, record: WhoisRecord, check: Check): void {
  const registrar = record.registrar;
  if (expected === null) {
    check("registrar", isBlank(registrar?.name), null, registrar?.name);
    return;
  }
  const want = expected as Record<string, unknown>;
  const readers: Record<string, () => unknown> = {
    name: () => registrar?.name,
    organization: () => registrar?.name,
    id: () => registrar?.ianaId ?? registrar?.handle,
    url: () => registrar?.url,
    email: () => registrar?.abuseEmail,
    phone: () => registrar?.abusePhone,
    port43: () => registrar?.whoisServer,
  };
  for (const [key, value] of Object.entries(want)) {
    const read = readers[key];
    // The record keeps one registrar name: a peer's nil name or organization beside a stated one says nothing about it.
    if (!read || ((key === "organization" || key === "name") && isBlank(value) && !isBlank(want[key === "name" ? "organization" : "name"]))) continue;
    if (key === "organization" && isBlank(value)) continue;
    // A peer's registrar "id" is whichever id the registry prints: the IANA id or its own handle.
    const ok =
      key === "url" ? sameUrl(value, read()) : key === "id" ? sameText(value, registrar?.ianaId, true) || sameText(value, registrar?.handle, true) : sameText(value, read());
    check(`registrar.${key}`, ok, value, read());
  }
}

/** URLs compare without scheme case or a trailing slash. */
function sameUrl(expected: unknown, actual: unknown): boolean {
  if (isBlank(expected)) return isBlank(actual);
  if (isBlank(actual)) return false;
  const simplify = (value: unknown): string => normalizeText(value).toLowerCase().replace(/\/+$/, "");
  return simplify(expected) === simplify(actual);
}

function compareNameservers(expected: unknown, record: WhoisRecord, check: Check): void {
  const actual = record.nameservers ?? [];
  if (expected === null) {
    check("nameservers", actual.length === 0, null, actual.length);
    return;
  }
  const want = expected as Record<string, unknown>[];
  check("nameservers.count", want.length === actual.length, want.length, actual.length);
  want.forEach((item, index) => {
    const have = actual[index];
    if ("name" in item) check("nameservers.name", sameText(item.name, have?.name, true), item.name, have?.name);
    for (const family of ["ipv4", "ipv6"] as const) {
      if (!(family in item)) continue;
      const got = have?.[family]?.[0];
      const ok = isBlank(item[family]) ? isBlank(got) : typeof got === "string" && sameAddress(item[family], got);
      check(`nameservers.${family}`, ok, item[family], got);
    }
  });
}

function sameAddress(expected: unknown, actual: string): boolean {
  return normalizeText(expected).toLowerCase() === actual.toLowerCase();
}

/**
 * A peer's address is one string whose lines some peers join with newlines and others with ", "
 * ("P.O. BOX 7449, 5808 LAKE WASHINGTON BLVD."); the record keeps the lines as a list. Both joins count.
 */
function sameAddressLines(expected: unknown, street: string[] | undefined): boolean {
  const joined = street?.join("\n");
  if (sameText(expected, joined)) return true;
  return street !== undefined && street.length > 1 && sameText(expected, street.join(", "));
}

function compareContacts(expected: Record<string, unknown>, record: WhoisRecord, check: Check): void {
  for (const [peerRole, list] of Object.entries(expected)) {
    const role = CONTACT_ROLES[peerRole];
    if (!role || !Array.isArray(list)) continue;
    const have = contactsWithRole(record, role);
    if (list.length === 0) {
      check(`contacts.${peerRole}`, have.length === 0, [], have.length);
      continue;
    }
    list.forEach((contact: Record<string, unknown>, index) => {
      const mine = have[index];
      for (const [key, value] of Object.entries(contact)) {
        const read = CONTACT_FIELDS[key];
        if (!read) continue;
        const got = mine ? read(mine) : undefined;
        const ok =
          key === "created" || key === "updated"
            ? sameInstant(value, got)
            : key === "address"
              ? sameAddressLines(value, mine?.street)
              : sameText(value, got, key === "email" || key === "country_code");
        check(`contacts.${key}`, ok, value, got);
      }
    });
  }
}
