import type { Kysely, Migration } from "kysely";

/** `whoislens serve`'s tables: per-source accounting that survives a restart (src/serve/accounting-store.ts). */
export interface ServeTables {
  serve_accounting: { source_key: string; state: string; updated_at: string };
}

/** Never edit a shipped migration; add the next one. */
export function serveMigrations(): Record<string, Migration> {
  return {
    "2026-12-06-serve-001": {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable("serve_accounting")
          .addColumn("source_key", "text", (c) => c.primaryKey())
          .addColumn("state", "text", (c) => c.notNull())
          .addColumn("updated_at", "text", (c) => c.notNull())
          .execute();
      },
    },
  };
}
