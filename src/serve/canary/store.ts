/** The canary tables of the store (src/store/migrations-canary.ts): issued sets and who was served them. */
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.js";

export interface CanaryRow { token: string; objectKey: string; sourceKey: string | null; name: string; email: string; phone: string; issuedAt: string }
export interface ServingRow { token: string; sourceKey: string; objectKey: string; servedAt: string }

type Row = Database["canaries"];
const toRow = (r: Row): CanaryRow => ({ token: r.token, objectKey: r.object_key, sourceKey: r.source_key, name: r.name, email: r.email, phone: r.phone, issuedAt: r.issued_at });

/** Most rows one `IN (…)` list carries (SQLite's default variable limit is 32,766; stay well below). */
const IN_CHUNK = 500;

export class CanaryStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The set issued for this object (and source, in per-source mode), if any. */
  async find(objectKey: string, sourceKey: string | null): Promise<CanaryRow | undefined> {
    let q = this.db.selectFrom("canaries").selectAll().where("object_key", "=", objectKey);
    q = sourceKey === null ? q.where("source_key", "is", null) : q.where("source_key", "=", sourceKey);
    const row = await q.orderBy("issued_at").executeTakeFirst();
    return row ? toRow(row) : undefined;
  }

  /** Inserts a set; false when its token, e-mail or number is already taken (draw another). */
  async insert(set: CanaryRow): Promise<boolean> {
    const r = await this.db.insertInto("canaries")
      .values({ token: set.token, object_key: set.objectKey, source_key: set.sourceKey, name: set.name, email: set.email, phone: set.phone, issued_at: set.issuedAt })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async served(serving: ServingRow): Promise<void> {
    await this.db.insertInto("canary_servings").values({ token: serving.token, source_key: serving.sourceKey, object_key: serving.objectKey, served_at: serving.servedAt }).execute();
  }

  async byTokens(tokens: readonly string[]): Promise<CanaryRow[]> {
    return this.whereIn("token", tokens);
  }

  async byEmails(emails: readonly string[]): Promise<CanaryRow[]> {
    return this.whereIn("email", emails);
  }

  /** Rows whose column is one of the values, in chunks of IN_CHUNK. */
  private async whereIn(column: "token" | "email", values: readonly string[]): Promise<CanaryRow[]> {
    const out: CanaryRow[] = [];
    for (let i = 0; i < values.length; i += IN_CHUNK) {
      const rows = await this.db.selectFrom("canaries").selectAll().where(column, "in", values.slice(i, i + IN_CHUNK)).execute();
      out.push(...rows.map(toRow));
    }
    return out;
  }

  /** Who was served these sets, oldest first. */
  async servings(tokens: readonly string[]): Promise<ServingRow[]> {
    const out: ServingRow[] = [];
    for (let i = 0; i < tokens.length; i += IN_CHUNK) {
      const rows = await this.db.selectFrom("canary_servings").selectAll().where("token", "in", tokens.slice(i, i + IN_CHUNK)).orderBy("served_at").execute();
      out.push(...rows.map((r) => ({ token: r.token, sourceKey: r.source_key, objectKey: r.object_key, servedAt: r.served_at })));
    }
    return out;
  }

  async list(limit = 100_000): Promise<CanaryRow[]> {
    return (await this.db.selectFrom("canaries").selectAll().orderBy("issued_at").limit(limit).execute()).map(toRow);
  }
}
