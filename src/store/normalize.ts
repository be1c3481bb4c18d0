import type { WhoisRecord } from "../record/types.js";

/** The attributes reverse lookups search, normalized so that spelling variants meet. */
export type IndexField = "email" | "org" | "name" | "phone" | "nameserver" | "registrar";

export const INDEX_FIELDS: readonly IndexField[] = ["email", "org", "name", "phone", "nameserver", "registrar"];

const NORMALIZERS: Record<IndexField, (value: string) => string> = {
  email: (v) => v.trim().toLowerCase(),
  org: (v) => v.normalize("NFKC").toLowerCase().replace(/[\s,.]+/g, " ").trim(),
  name: (v) => v.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim(),
  phone: (v) => (v.trim().startsWith("+") ? "+" : "") + v.replace(/\D/g, ""),
  nameserver: (v) => v.trim().toLowerCase().replace(/\.$/, ""),
  registrar: (v) => v.normalize("NFKC").toLowerCase().replace(/[\s,.]+/g, " ").trim(),
};

export function normalizeValue(field: IndexField, value: string): string {
  return NORMALIZERS[field](value);
}

/** Every (field, normalized value) a record can be found by. */
export function indexEntries(record: WhoisRecord): { field: IndexField; value: string }[] {
  const entries: { field: IndexField; value: string }[] = [];
  const add = (field: IndexField, value: string | undefined): void => {
    if (value === undefined || value.trim() === "") return;
    const normal = normalizeValue(field, value);
    if (normal !== "" && !entries.some((e) => e.field === field && e.value === normal)) entries.push({ field, value: normal });
  };
  for (const contact of record.contacts ?? []) {
    add("email", contact.email);
    add("org", contact.organization);
    // A network's or AS number's holder is an organisation, but RDAP (ARIN, RIPE: the entity's fn) and the port-43
    // holder reader give it as the registrant contact's name, with no organization field: it is indexed as an org
    // too, so `db search --org` finds the network or AS number by it.
    if (record.kind !== "domain" && contact.organization === undefined && contact.roles.includes("registrant")) add("org", contact.name);
    add("name", contact.name);
    add("phone", contact.phone);
  }
  for (const ns of record.nameservers ?? []) add("nameserver", ns.name);
  add("registrar", record.registrar?.name);
  add("org", record.network?.organization);
  return entries;
}
