import type { Contact, ContactField, ContactRole, WhoisRecord } from "../../record/types.js";

/**
 * RFC 9537 `redacted` members: each names a withheld field ("Registrant Email",
 * per the gTLD RDAP Response Profile) or points at it with a JSONPath. They
 * become contact.redacted entries, so a withheld value is reported as withheld
 * instead of being absent without explanation.
 */
const ROLE_WORDS: readonly [string, ContactRole][] = [
  ["registrant", "registrant"],
  ["administrative", "administrative"],
  ["admin", "administrative"],
  ["technical", "technical"],
  ["tech", "technical"],
  ["billing", "billing"],
  ["abuse", "abuse"],
];

const FIELD_WORDS: readonly [string, ContactField][] = [
  ["organization", "organization"],
  ["organisation", "organization"],
  ["name", "name"],
  ["email", "email"],
  ["e-mail", "email"],
  ["fax", "fax"],
  ["phone", "phone"],
  ["street", "street"],
  ["city", "city"],
  ["state", "state"],
  ["province", "state"],
  ["postal", "postalCode"],
  ["country", "country"],
  ["id", "handle"],
  ["handle", "handle"],
];

/** jCard property names in a JSONPath, when the redaction has no name. */
const PATH_FIELDS: Record<string, ContactField> = { fn: "name", org: "organization", email: "email", tel: "phone", adr: "street" };

const MAX_REDACTIONS = 100;

export function applyRedactions(record: WhoisRecord, root: Record<string, unknown>): void {
  const list = Array.isArray(root.redacted) ? root.redacted.slice(0, MAX_REDACTIONS) : [];
  for (const item of list) {
    if (item === null || typeof item !== "object") continue;
    const redaction = item as Record<string, unknown>;
    const nameObject = redaction.name as Record<string, unknown> | undefined;
    const label = String(nameObject?.type ?? nameObject?.description ?? "").toLowerCase();
    // RFC 9535 §2.3.1.1 string literals take either quote: ==\"registrant\" reads as =='registrant'.
    const path = String(redaction.prePath ?? redaction.postPath ?? "").toLowerCase().replaceAll('"', "'");
    const role = ROLE_WORDS.find(([word]) => label.includes(word) || path.includes(`'${word}'`))?.[1];
    if (!role) continue;
    // "Registrant Phone Ext" / "Tech Fax Ext" (IANA redacted names): only the extension is withheld, which the
    // record has no field for; read as "phone" it reported a phone that is shown as withheld.
    if (/\bext\b/.test(label)) continue;
    const field =
      FIELD_WORDS.find(([word]) => new RegExp(`\\b${word}\\b`).test(label))?.[1] ??
      Object.entries(PATH_FIELDS).find(([prop]) => path.includes(`'${prop}'`))?.[1];
    if (!field) continue;
    const contact = contactFor(record, role);
    const redacted = (contact.redacted ??= []);
    if (!redacted.includes(field)) redacted.push(field);
  }
}

function contactFor(record: WhoisRecord, role: ContactRole): Contact {
  const contacts = (record.contacts ??= []);
  let contact = contacts.find((c) => c.roles.includes(role));
  if (!contact) {
    contact = { roles: [role] };
    contacts.push(contact);
  }
  return contact;
}
