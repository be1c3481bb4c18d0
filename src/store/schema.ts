import { sql, type Generated, type Kysely, type Migration } from "kysely";
import { canaryMigrations, type CanaryTables } from "./migrations-canary.js";
import { scaleMigrations, type ScaleTables } from "./migrations-scale.js";
import { consoleMigrations, type ConsoleTables } from "./migrations-console.js";
import { serveMigrations, type ServeTables } from "./migrations-serve.js";
import { watchMigrations, type WatchTables } from "./migrations-watch.js";

/** Tables, as kysely sees them: the core ones, then each capability's own (one per line). */
export type Database = CoreTables
  & CanaryTables
  & ConsoleTables
  & ScaleTables
  & ServeTables
  & WatchTables;

/** Every fetched record is kept: history is what monitoring diffs. */
export interface CoreTables {
  runs: { id: string; created_at: string; input: string; options: string };
  queries: { run_id: string; query: string; state: "pending" | "done" | "truncated" | "failed" | "throttled"; attempts: number; pass: number; updated_at: string; record_id: number | null; error: string | null };
  records: { id: Generated<number>; query: string; name: string | null; kind: string; status: string; server: string; protocol: string; fetched_at: string; record: string; raw: string | null };
  record_index: { record_id: number; field: string; value: string };
}

export type Dialect = "sqlite" | "postgres";

/** Migrations, applied in name order; never edit one that has shipped, add the next. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
  "2026-11-25-001-initial": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("runs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("input", "text", (c) => c.notNull())
        .addColumn("options", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("queries")
        .addColumn("run_id", "text", (c) => c.notNull())
        .addColumn("query", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("pass", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("record_id", "integer")
        .addColumn("error", "text")
        .addPrimaryKeyConstraint("queries_pk", ["run_id", "query"])
        .execute();
      await db.schema
        .createTable("records")
        .addColumn("id", dialect === "postgres" ? "serial" : "integer", (c) => (dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("query", "text", (c) => c.notNull())
        .addColumn("name", "text")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("server", "text", (c) => c.notNull())
        .addColumn("protocol", "text", (c) => c.notNull())
        .addColumn("fetched_at", "text", (c) => c.notNull())
        .addColumn("record", "text", (c) => c.notNull())
        .addColumn("raw", "text")
        .execute();
      await db.schema.createIndex("records_name").on("records").columns(["name", "fetched_at"]).execute();
      await db.schema
        .createTable("record_index")
        .addColumn("record_id", "integer", (c) => c.notNull())
        .addColumn("field", "text", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("record_index_lookup").on("record_index").columns(["field", "value"]).execute();
      await sql`select 1`.execute(db);
    },
  },
  ...serveMigrations(),
  ...watchMigrations(),
  ...consoleMigrations(dialect),
  ...scaleMigrations(dialect),
  ...canaryMigrations(),
  };
}
