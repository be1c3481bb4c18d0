/**
 * A domain object that names its holder with unprefixed RPSL contact labels inside its own block. RIPN's WHOIS
 * (TCI: .ru, .su, .рф; MSK-IX and FAITID's third-level zones run the same format) prints, between "state:" and
 * "registrar:", the holder as "org:" (an organisation) or "person:" (a private person), with "phone:", "e-mail:" and
 * "fax-no:" lines for the holder (TCI's description of the output: https://tcinet.ru/documents/whois_ru_rf.pdf,
 * "org — организация-администратор домена", "person — администратор домена"). RIPN calls the holder the domain's
 * administrator (Администратор домена: the user the domain is registered to), so the contact is both, unless the answer
 * names an administrative contact of its own (index.ts).
 */
import type { ContactFieldTarget } from "./aliases.js";

/** Normalized label → the holder's field. Only labels no other layout's domain block uses unprefixed. */
const HOLDER_LABELS: ReadonlyMap<string, ContactFieldTarget> = new Map<string, ContactFieldTarget>([
  ["org", "organization"],
  ["person", "name"],
  ["phone", "phone"],
  ["e mail", "email"],
  ["fax no", "fax"],
]);

/**
 * The holder's field a label of the domain's own block feeds, or undefined. An RPSL organisation handle
 * ("org: ORG-EXAMPLE1-RIPE") names an object, not the holder; reverse-DNS objects (".arpa") have no holder.
 */
export function domainBlockHolderField(key: string, value: string, domain: string | undefined): ContactFieldTarget | undefined {
  const field = HOLDER_LABELS.get(key);
  if (field === undefined || domain === undefined || domain.endsWith(".arpa")) return undefined;
  if (field === "organization" && /^ORG-[A-Z0-9-]+$/i.test(value.trim())) return undefined;
  return field;
}
