import type { Kysely, Migration } from "kysely";
import type { Dialect } from "./schema.js";

/**
 * Scale-out (issue #17): one row per (run, query) a worker answered, so a job redelivered after a
 * worker died (BullMQ stalled-job handling) never stores its result twice. The primary key is the
 * idempotency key: src/scale/results.ts inserts here first with ON CONFLICT DO NOTHING, in the same
 * transaction as the record, and stores nothing more when the row was already there.
 */
export interface ScaleTables {
  scale_results: { run_id: string; query: string; record_id: number | null; state: string; worker: string; answered_at: string };
}

export function scaleMigrations(_dialect: Dialect): Record<string, Migration> {
  return {
    "2026-12-06-scale-001": {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable("scale_results")
          .addColumn("run_id", "text", (c) => c.notNull())
          .addColumn("query", "text", (c) => c.notNull())
          .addColumn("record_id", "integer")
          .addColumn("state", "text", (c) => c.notNull())
          .addColumn("worker", "text", (c) => c.notNull())
          .addColumn("answered_at", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("scale_results_pk", ["run_id", "query"])
          .execute();
      },
    },
  };
}
