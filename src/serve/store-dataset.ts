import type { Kysely } from "kysely";
import type { Contact, WhoisRecord } from "../record/types.js";
import type { Database } from "../store/schema.js";
import type { ServeDatasetInput } from "./dataset.js";

/**
 * A dataset from the store (`serve --store`): the newest registered record of each stored object,
 * turned into the serve schema, so what `bulk` collected can be re-published. Contacts without a
 * handle get one made from the object ("EXAMPLE-COM-REGISTRANT"). Records that do not fit the schema
 * (no registrar name, an unparsable CIDR) are left out and counted in `skipped`.
 */

type DatasetContact = NonNullable<ServeDatasetInput["contacts"]>[number];
const HANDLE_SAFE = (text: string): string => text.toUpperCase().replace(/[^A-Z0-9._-]+/g, "-").replace(/^[^A-Z0-9]+/, "").slice(0, 60) || "X";

function toContact(contact: Contact, handle: string): DatasetContact {
  return {
    handle,
    kind: contact.roles.includes("abuse") || contact.roles.includes("noc") ? "role" : contact.name ? "person" : "organisation",
    name: contact.name ?? contact.organization ?? handle,
    ...(contact.organization ? { organization: contact.organization } : {}),
    ...(contact.email ? { email: contact.email } : {}),
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.fax ? { fax: contact.fax } : {}),
    street: (contact.street ?? []).slice(0, 8),
    ...(contact.city ? { city: contact.city } : {}),
    ...(contact.state ? { state: contact.state } : {}),
    ...(contact.postalCode ? { postalCode: contact.postalCode } : {}),
    ...(contact.countryCode && /^[A-Za-z]{2}$/.test(contact.countryCode) ? { countryCode: contact.countryCode } : {}),
  };
}

export async function datasetFromStore(db: Kysely<Database>, limit = 100_000): Promise<{ dataset: ServeDatasetInput; skipped: number }> {
  const rows = await db.selectFrom("records").select(["name", "record", "fetched_at"]).where("status", "=", "registered").orderBy("fetched_at", "desc").limit(limit * 2).execute();
  const contacts = new Map<string, DatasetContact>();
  const dataset: Required<Pick<ServeDatasetInput, "domains" | "networks" | "autnums" | "nameservers">> = { domains: [], networks: [], autnums: [], nameservers: [] };
  const seen = new Set<string>();
  let skipped = 0;
  const contactRef = (record: WhoisRecord, role: Contact["roles"][number]): string | undefined => {
    const contact = record.contacts?.find((c) => c.roles.includes(role));
    if (!contact || (!contact.name && !contact.organization)) return undefined;
    const handle = HANDLE_SAFE(contact.handle ?? `${record.domain?.name ?? record.network?.handle ?? record.query}-${role}`);
    if (!contacts.has(handle)) contacts.set(handle, toContact(contact, handle));
    return handle;
  };
  for (const row of rows) {
    const name = row.name ?? "";
    if (seen.has(name) || seen.size >= limit) continue;
    seen.add(name);
    let record: WhoisRecord;
    try {
      record = JSON.parse(row.record) as WhoisRecord;
    } catch {
      skipped += 1;
      continue;
    }
    if (record.kind === "domain" && record.domain && record.registrar?.name) {
      const registrant = contactRef(record, "registrant");
      const admin = contactRef(record, "administrative");
      const tech = contactRef(record, "technical");
      dataset.domains.push({
        name: record.domain.name,
        ...(record.domain.handle ? { handle: HANDLE_SAFE(record.domain.handle) } : {}),
        registrar: {
          name: record.registrar.name,
          ...(record.registrar.ianaId && /^\d{1,10}$/.test(record.registrar.ianaId) ? { ianaId: record.registrar.ianaId } : {}),
          ...(record.registrar.url ? { url: record.registrar.url } : {}),
          ...(record.registrar.whoisServer ? { whoisServer: record.registrar.whoisServer } : {}),
          ...(record.registrar.abuseEmail ? { abuseEmail: record.registrar.abuseEmail } : {}),
          ...(record.registrar.abusePhone ? { abusePhone: record.registrar.abusePhone } : {}),
        },
        ...record.dates,
        statuses: (record.statuses ?? []).map((s) => s.replace(/\s+/g, "")).filter((s) => /^[a-zA-Z]{2,40}$/.test(s)).slice(0, 20),
        nameservers: (record.nameservers ?? []).map((ns) => ns.name).slice(0, 13),
        dnssec: record.dnssec === "signed",
        ...(registrant ? { registrant } : {}),
        ...(admin ? { admin } : {}),
        ...(tech ? { tech } : {}),
      });
      for (const ns of record.nameservers ?? []) dataset.nameservers.push({ name: ns.name, ipv4: ns.ipv4 ?? [], ipv6: ns.ipv6 ?? [] });
    } else if (record.kind === "ip" && record.network?.cidrs?.[0] && record.network.handle) {
      const org = contactRef(record, "registrant");
      const abuse = contactRef(record, "abuse");
      dataset.networks.push({
        handle: HANDLE_SAFE(record.network.handle),
        cidr: record.network.cidrs[0],
        name: HANDLE_SAFE(record.network.name ?? record.network.handle),
        ...(record.network.country && /^[A-Za-z]{2}$/.test(record.network.country) ? { country: record.network.country } : {}),
        ...(org ? { org } : {}),
        ...(abuse ? { abuse } : {}),
      });
    } else if (record.kind === "asn" && record.asn?.start !== undefined) {
      const org = contactRef(record, "registrant");
      dataset.autnums.push({ number: record.asn.start, name: HANDLE_SAFE(record.asn.name ?? `AS${record.asn.start}`), ...(record.asn.country && /^[A-Za-z]{2}$/.test(record.asn.country) ? { country: record.asn.country } : {}), ...(org ? { org } : {}) });
    } else {
      skipped += 1;
    }
  }
  const nameservers = [...new Map(dataset.nameservers.map((ns) => [ns.name, ns])).values()];
  return { dataset: { service: "whoislens serve (store)", contacts: [...contacts.values()], ...dataset, nameservers }, skipped };
}
