/**
 * Store tables of the canary contacts (issue #15): one row per issued contact set, one row per time a
 * set was served to a source. Never edit a shipped migration; add the next.
 */
import type { Kysely, Migration } from "kysely";

export interface CanaryTables {
  /** One issued set of planted contacts; `token` is the pronounceable tag + check digits in the e-mail local part. */
  canaries: { token: string; object_key: string; source_key: string | null; name: string; email: string; phone: string; issued_at: string };
  /** Every answer that showed a set: which source, which object, when. */
  canary_servings: { token: string; source_key: string; object_key: string; served_at: string };
}

export function canaryMigrations(): Record<string, Migration> {
  return {
    "2026-12-06-canary-001": {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable("canaries")
          .addColumn("token", "text", (c) => c.primaryKey())
          .addColumn("object_key", "text", (c) => c.notNull())
          .addColumn("source_key", "text")
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("email", "text", (c) => c.notNull().unique())
          .addColumn("phone", "text", (c) => c.notNull().unique())
          .addColumn("issued_at", "text", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("canaries_object_source").on("canaries").columns(["object_key", "source_key"]).execute();
        await db.schema
          .createTable("canary_servings")
          .addColumn("token", "text", (c) => c.notNull())
          .addColumn("source_key", "text", (c) => c.notNull())
          .addColumn("object_key", "text", (c) => c.notNull())
          .addColumn("served_at", "text", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("canary_servings_token").on("canary_servings").columns(["token", "served_at"]).execute();
      },
    },
  };
}
