import type { Kysely } from "kysely";
import type { WhoisRecord } from "../record/types.js";
import type { Database } from "../store/schema.js";
import { insertRecord } from "../store/store.js";

export type SaveOutcome = "saved" | "duplicate";

/**
 * The workers' writes to the shared store, idempotent by (run, query): a job BullMQ delivers twice (its
 * worker died after the commit but before the acknowledgement, or its lock ran out while it still
 * worked) stores one result. The scale_results row is the key: inserted first with ON CONFLICT DO
 * NOTHING in the record's own transaction, so a second delivery inserts nothing and stores nothing,
 * and a concurrent one waits on the first's row lock, then finds it (PostgreSQL and SQLite alike).
 */
export class ScaleResults {
  constructor(private readonly db: Kysely<Database>) {}

  /** Registers the run (first enqueue or first worker wins; the same run from another machine is a no-op). */
  async beginRun(runId: string, input: string, options: string, now: string): Promise<void> {
    await this.db.insertInto("runs").values({ id: runId, created_at: now, input, options }).onConflict((c) => c.column("id").doNothing()).execute();
  }

  /** The query already has its result in this run (a redelivered job: answer it without asking the server). */
  async has(runId: string, query: string): Promise<boolean> {
    const row = await this.db.selectFrom("scale_results").select("state").where("run_id", "=", runId).where("query", "=", query).executeTakeFirst();
    return row !== undefined;
  }

  /** Stores the record once per (run, query); "duplicate" when another delivery already had. */
  async save(runId: string, query: string, record: WhoisRecord, state: "done" | "truncated", worker: string, now: string): Promise<SaveOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto("scale_results")
        .values({ run_id: runId, query, record_id: null, state, worker, answered_at: now })
        .onConflict((c) => c.columns(["run_id", "query"]).doNothing())
        .returning("query")
        .executeTakeFirst();
      if (claimed === undefined) return "duplicate";
      const id = await insertRecord(trx, query, record, record.raw, now);
      await trx.updateTable("scale_results").set({ record_id: id }).where("run_id", "=", runId).where("query", "=", query).execute();
      await trx
        .insertInto("queries")
        .values({ run_id: runId, query, state, attempts: 1, pass: 1, updated_at: now, record_id: id, error: null })
        .onConflict((c) => c.columns(["run_id", "query"]).doUpdateSet({ state, record_id: id, updated_at: now, error: null }))
        .execute();
      return "saved";
    });
  }

  /** A failure or throttle is no result: only the query's state says so (a later enqueue of the run asks it again). */
  async markFailed(runId: string, query: string, state: "failed" | "throttled", message: string, now: string): Promise<void> {
    await this.db
      .insertInto("queries")
      .values({ run_id: runId, query, state, attempts: 1, pass: 1, updated_at: now, record_id: null, error: message })
      .onConflict((c) => c.columns(["run_id", "query"]).doUpdateSet((eb) => ({ state, error: message, updated_at: now, attempts: eb("queries.attempts", "+", 1) })))
      .execute();
  }

  /** Results per state of a run. */
  async summary(runId: string): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom("scale_results").select(["state", (eb) => eb.fn.countAll<number>().as("n")]).where("run_id", "=", runId).groupBy("state").execute();
    return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
  }
}
