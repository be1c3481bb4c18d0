import type { IndexField } from "../../store/normalize.js";
import type { Store } from "../../store/store.js";
import type { ReverseField, ReverseResult, ReverseWhoisSource } from "./types.js";

const INDEX_FIELD: Record<ReverseField, IndexField> = {
  email: "email",
  organization: "org",
  person: "name",
  phone: "phone",
  nameserver: "nameserver",
};

/** The local store's reverse index (everything bulk and earlier footprints fetched): free, asked first. */
export class StoreReverseSource implements ReverseWhoisSource {
  readonly name = "store";
  readonly paid = false;
  readonly fields: ReadonlySet<ReverseField> = new Set(Object.keys(INDEX_FIELD) as ReverseField[]);

  constructor(private readonly store: Store) {}

  async search(field: ReverseField, value: string, limit: number): Promise<ReverseResult> {
    // Networks and AS numbers share contacts too; only domains are reverse-WHOIS results.
    const found = (await this.store.search(INDEX_FIELD[field], value, limit * 2 + 1)).filter((match) => match.kind === "domain").slice(0, limit + 1);
    const matches = [];
    for (const match of found.slice(0, limit)) {
      const record = await this.store.latestRecord(match.name);
      const organization = record?.contacts?.find((contact) => contact.roles.includes("registrant"))?.organization;
      matches.push(organization === undefined ? { domain: match.name, source: this.name } : { domain: match.name, source: this.name, registrantOrganization: organization });
    }
    return { matches, total: found.length, notes: [] };
  }
}
