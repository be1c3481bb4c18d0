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
    const found = await this.store.search(INDEX_FIELD[field], value, limit + 1, "domain");
    const shown = found.slice(0, limit);
    const records = await this.store.latestRecords(shown.map((match) => match.name));
    const matches = shown.map((match) => {
      const organization = records.get(match.name)?.contacts?.find((contact) => contact.roles.includes("registrant"))?.organization;
      return organization === undefined ? { domain: match.name, source: this.name } : { domain: match.name, source: this.name, registrantOrganization: organization };
    });
    return { matches, total: found.length, notes: [] };
  }
}
