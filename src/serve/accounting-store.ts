import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import type { AccountingPersistence, SourceState } from "./accounting.js";

/** Accounting state in the store's serve_accounting table: one row per source, its state as JSON. */
export class AccountingStore implements AccountingPersistence {
  constructor(private readonly db: Kysely<Database>) {}

  async load(): Promise<Map<string, SourceState>> {
    const out = new Map<string, SourceState>();
    const rows = await this.db.selectFrom("serve_accounting").select(["source_key", "state"]).execute();
    for (const row of rows) {
      try {
        out.set(row.source_key, JSON.parse(row.state) as SourceState);
      } catch {
        // A damaged row starts that source afresh; never fatal.
      }
    }
    return out;
  }

  async save(states: Map<string, SourceState>): Promise<void> {
    if (states.size === 0) return;
    const now = new Date().toISOString();
    const rows = [...states].map(([key, state]) => ({ source_key: key, state: JSON.stringify(state), updated_at: now }));
    await this.db.transaction().execute(async (trx) => {
      // Chunks keep each statement under SQLite's bound-parameter limit.
      for (let i = 0; i < rows.length; i += 200) {
        await trx
          .insertInto("serve_accounting")
          .values(rows.slice(i, i + 200))
          .onConflict((oc) => oc.column("source_key").doUpdateSet((eb) => ({ state: eb.ref("excluded.state"), updated_at: eb.ref("excluded.updated_at") })))
          .execute();
      }
    });
  }
}
