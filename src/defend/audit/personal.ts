/**
 * Personal data and phishable addresses in a record's contacts. A value counts as visible when it is
 * present, not listed among the contact's redacted fields (RFC 9537 / "REDACTED FOR PRIVACY"), not a
 * redaction placeholder itself, and the contact is not a privacy/proxy service.
 */
import { isPrivacyService, isRedactedValue } from "../../parse/privacy.js";
import type { Contact, ContactField, ContactRole, WhoisRecord } from "../../record/types.js";
import { isProxyEmail, isRoleEmail, isRoleName, isWithheldPhrase } from "./contact-data.js";
import { finding, type Origin } from "./finding.js";
import type { CheckId } from "./checks.js";
import type { Finding } from "./types.js";

/** The registrar's own entries (abuse desk, reseller) are not the holder's data. */
const HOLDER_ROLES: ReadonlySet<ContactRole> = new Set(["registrant", "administrative", "technical", "billing", "noc", "other"]);

function isProxied(contact: Contact): boolean {
  if (contact.privacyProxy) return true;
  return [contact.name, contact.organization].some((value) => value !== undefined && isPrivacyService(value));
}

function visible(contact: Contact, field: ContactField, value: string | undefined): value is string {
  if (value === undefined || value.trim() === "") return false;
  if (contact.redacted?.includes(field)) return false;
  return !isRedactedValue(value) && !isPrivacyService(value) && !isWithheldPhrase(value);
}

interface Exposure {
  id: CheckId;
  field: string;
  value: string;
  label: string;
}

function exposures(contact: Contact): Exposure[] {
  const out: Exposure[] = [];
  if (visible(contact, "name", contact.name) && !isRoleName(contact.name) && contact.name.trim().toLowerCase() !== contact.organization?.trim().toLowerCase()) {
    out.push({ id: "WL-AUDIT-PII-NAME", field: "name", value: contact.name, label: "name" });
  }
  if (visible(contact, "email", contact.email) && !isProxyEmail(contact.email)) {
    const role = isRoleEmail(contact.email);
    out.push({ id: role ? "WL-AUDIT-PHISH-ROLE-EMAIL" : "WL-AUDIT-PII-EMAIL", field: "email", value: contact.email, label: role ? "role email" : "email" });
  }
  if (visible(contact, "phone", contact.phone)) out.push({ id: "WL-AUDIT-PII-PHONE", field: "phone", value: contact.phone, label: "phone" });
  if (visible(contact, "fax", contact.fax)) out.push({ id: "WL-AUDIT-PII-PHONE", field: "fax", value: contact.fax, label: "fax" });
  const street = (contact.street ?? []).filter((line) => visible(contact, "street", line));
  if (street.length > 0) out.push({ id: "WL-AUDIT-PII-ADDRESS", field: "street", value: [...street, contact.city].filter(Boolean).join(", "), label: "street address" });
  return out;
}

/**
 * The server the contacts came from: a referred answer's contacts win over the referring one's
 * (lookup/merge.ts), so it is the last hop that answered — the registrar behind a thin registry.
 */
function contactOrigin(record: WhoisRecord, origin: Origin): Origin {
  const answered = (record.chain ?? []).filter((hop) => hop.status === "registered");
  const last = answered[answered.length - 1];
  return last ? { ...origin, server: last.server, protocol: last.protocol } : origin;
}

/** One finding per distinct (check, field, value) in the record, naming every role that shows it. */
export function personalDataFindings(record: WhoisRecord, recordOrigin: Origin): Finding[] {
  const origin = contactOrigin(record, recordOrigin);
  const grouped = new Map<string, { exposure: Exposure; roles: Set<ContactRole> }>();
  for (const contact of record.contacts ?? []) {
    const roles = contact.roles.filter((role) => HOLDER_ROLES.has(role));
    if (roles.length === 0 || isProxied(contact)) continue;
    for (const exposure of exposures(contact)) {
      const key = `${exposure.id}\u0000${exposure.field}\u0000${exposure.value}`;
      const entry = grouped.get(key) ?? { exposure, roles: new Set<ContactRole>() };
      for (const role of roles) entry.roles.add(role);
      grouped.set(key, entry);
    }
  }
  return [...grouped.values()].map(({ exposure, roles }) => {
    const who = [...roles].sort().join(",");
    return finding(exposure.id, origin, `contacts[${who}].${exposure.field}`, exposure.value, `${who} ${exposure.label} "${exposure.value}" is public`);
  });
}
