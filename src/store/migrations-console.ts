import type { Generated, Kysely, Migration } from "kysely";
import type { Dialect } from "./schema.js";

/**
 * The console's tables (issue #16). Tokens are kept as SHA-256 digests only; jobs and alerts are kept so
 * that a restarted console still answers for the jobs it ran and the alerts it raised.
 */
export interface ConsoleTables {
  /** API tokens: `hash` is the hex SHA-256 of the token (the token itself is shown once, never stored). */
  console_tokens: { id: string; name: string; hash: string; created_at: string };
  /** Bulk and footprint jobs. `input` and `result` are JSON; a bulk job's rows live in runs/queries/records under run `console-<id>`. */
  console_jobs: { id: string; kind: string; state: string; created_at: string; updated_at: string; input: string; total: number; done: number; failed: number; result: string | null; error: string | null };
  /** Alerts raised by detect uploads (later also by watch and serve), as ECS documents (JSON). */
  console_alerts: { id: Generated<number>; created_at: string; origin: string; alert: string };
}

/** Never edit one that has shipped; add the next. */
export function consoleMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    "2026-12-06-console-001": {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable("console_tokens")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("name", "text", (c) => c.notNull().unique())
          .addColumn("hash", "text", (c) => c.notNull().unique())
          .addColumn("created_at", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("console_jobs")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("kind", "text", (c) => c.notNull())
          .addColumn("state", "text", (c) => c.notNull())
          .addColumn("created_at", "text", (c) => c.notNull())
          .addColumn("updated_at", "text", (c) => c.notNull())
          .addColumn("input", "text", (c) => c.notNull())
          .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("failed", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("result", "text")
          .addColumn("error", "text")
          .execute();
        await db.schema
          .createTable("console_alerts")
          .addColumn("id", dialect === "postgres" ? "serial" : "integer", (c) => (dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn("created_at", "text", (c) => c.notNull())
          .addColumn("origin", "text", (c) => c.notNull())
          .addColumn("alert", "text", (c) => c.notNull())
          .execute();
      },
    },
  };
}
