import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Sqlite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Dialect as KyselyDialect, type MigrationProvider } from "kysely";
import pg from "pg";
import { ConfigError } from "../errors.js";
import type { WhoisRecord } from "../record/types.js";
import { isPostgresUrl, storeLocation } from "./location.js";
import { indexEntries, normalizeValue, type IndexField } from "./normalize.js";
import { migrations, type Database, type Dialect } from "./schema.js";

export interface StoredMatch {
  name: string;
  kind: string;
  query: string;
  fetchedAt: string;
  server: string;
}

/**
 * Where records live. SQLite (better-sqlite3) in the data directory by default;
 * every write is one transaction, so a run killed at any moment (kill -9
 * included) keeps everything it had fetched.
 */
export class Store {
  private constructor(readonly db: Kysely<Database>, readonly location: string) {}

  /** A path (SQLite, the default) or a postgres:// URL. */
  static async open(location?: string, env: Record<string, string | undefined> = process.env): Promise<Store> {
    const target = storeLocation(location, env);
    const postgres = isPostgresUrl(target);
    const dialect: Dialect = postgres ? "postgres" : "sqlite";
    const db = new Kysely<Database>({ dialect: postgres ? postgresDialect(target) : sqliteDialect(target) });
    const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
    try {
      const { error } = await new Migrator({ db, provider }).migrateToLatest();
      if (error) throw error;
    } catch (error) {
      await db.destroy().catch(() => undefined);
      throw new ConfigError(`cannot prepare store ${redact(target)}: ${(error as Error).message}`, { cause: error });
    }
    return new Store(db, redact(target));
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** Creates the run if new; returns the pass number of this attempt (1 for a fresh run). */
  async beginRun(id: string, input: string, options: string, now: string): Promise<number> {
    await this.db.insertInto("runs").values({ id, created_at: now, input, options }).onConflict((c) => c.column("id").doNothing()).execute();
    const last = await this.db.selectFrom("queries").select((eb) => eb.fn.max("pass").as("pass")).where("run_id", "=", id).executeTakeFirst();
    return Number(last?.pass ?? 0) + 1;
  }

  /**
   * Registers a query for this pass. Returns "skip" when it was already finished
   * in an earlier pass or already seen in this one (a duplicate line).
   */
  async claim(runId: string, query: string, pass: number, now: string): Promise<"run" | "skip"> {
    const existing = await this.db.selectFrom("queries").select(["state", "pass"]).where("run_id", "=", runId).where("query", "=", query).executeTakeFirst();
    if (existing?.state === "done" || existing?.pass === pass) return "skip";
    if (existing) await this.db.updateTable("queries").set({ pass, updated_at: now }).where("run_id", "=", runId).where("query", "=", query).execute();
    else await this.db.insertInto("queries").values({ run_id: runId, query, state: "pending", attempts: 0, pass, updated_at: now, record_id: null, error: null }).execute();
    return "run";
  }

  /**
   * Keeps the record (never overwriting older ones) and marks the query done, atomically. A record
   * built from a cut-off answer is kept too, but its query is marked `truncated`, which `claim` does
   * not skip: the next pass asks it again.
   */
  async saveRecord(runId: string, query: string, record: WhoisRecord, raw: string | undefined, now: string, state: "done" | "truncated" = "done"): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const id = await insertRecord(trx, query, record, raw, now);
      await trx
        .updateTable("queries")
        .set((eb) => ({ state, record_id: id, updated_at: now, attempts: eb("attempts", "+", 1), error: null }))
        .where("run_id", "=", runId)
        .where("query", "=", query)
        .execute();
      return id;
    });
  }

  /** A failure or a throttle is not data: only the query's state records it, for the next pass. */
  async markFailed(runId: string, query: string, state: "failed" | "throttled", message: string, now: string): Promise<void> {
    await this.db
      .updateTable("queries")
      .set((eb) => ({ state, error: message, updated_at: now, attempts: eb("attempts", "+", 1) }))
      .where("run_id", "=", runId)
      .where("query", "=", query)
      .execute();
  }

  async runSummary(runId: string): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom("queries").select(["state", (eb) => eb.fn.countAll<number>().as("n")]).where("run_id", "=", runId).groupBy("state").execute();
    return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
  }

  /** The newest stored record of each object named (domain names, CIDRs, AS handles), in one query. */
  async latestRecords(names: readonly string[]): Promise<Map<string, WhoisRecord>> {
    const out = new Map<string, WhoisRecord>();
    if (names.length === 0) return out;
    const rows = await this.db.selectFrom("records").select(["name", "record"]).where("name", "in", [...names]).orderBy("fetched_at", "desc").execute();
    for (const row of rows) {
      if (row.name === null || out.has(row.name)) continue;
      try {
        out.set(row.name, JSON.parse(row.record) as WhoisRecord);
      } catch {
        // A damaged row is skipped, never fatal.
      }
    }
    return out;
  }

  /** Stored objects sharing a normalized attribute, newest record of each. */
  async search(field: IndexField, value: string, limit = 1000, kind?: string): Promise<StoredMatch[]> {
    let query = this.db
      .selectFrom("record_index")
      .innerJoin("records", "records.id", "record_index.record_id")
      .select(["records.name", "records.kind", "records.query", "records.fetched_at", "records.server"])
      .where("record_index.field", "=", field)
      .where("record_index.value", "=", normalizeValue(field, value));
    if (kind !== undefined) query = query.where("records.kind", "=", kind);
    const rows = await query.orderBy("records.fetched_at", "desc").limit(limit * 4).execute();
    const seen = new Set<string>();
    const out: StoredMatch[] = [];
    for (const row of rows) {
      const name = row.name ?? row.query;
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ name, kind: row.kind, query: row.query, fetchedAt: row.fetched_at, server: row.server });
      if (out.length >= limit) break;
    }
    return out;
  }
}

function sqliteDialect(path: string): KyselyDialect {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let database: Sqlite.Database;
  try {
    database = new Sqlite(path);
  } catch (error) {
    throw new ConfigError(`cannot open store ${path}: ${(error as Error).message}`, { cause: error });
  }
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  return new SqliteDialect({ database });
}

function postgresDialect(url: string): KyselyDialect {
  return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000 }) });
}

/** Store locations are printed: never print a password. */
function redact(location: string): string {
  return location.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}

/**
 * Inserts the record and its reverse-lookup index rows in `db` (a transaction: the caller's), returning
 * its id. Shared by saveRecord and the scale-out workers' idempotent save (src/scale/results.ts).
 */
export async function insertRecord(db: Kysely<Database>, query: string, record: WhoisRecord, raw: string | undefined, now: string): Promise<number> {
  const inserted = await db
    .insertInto("records")
    .values({
      query,
      name: record.domain?.name ?? record.network?.cidrs?.[0] ?? record.asn?.handle ?? null,
      kind: record.kind,
      status: record.status,
      server: record.source.server,
      protocol: record.source.protocol,
      fetched_at: record.source.fetchedAt ?? now,
      record: JSON.stringify(withoutRaw(record)),
      raw: raw ?? record.raw ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  const entries = indexEntries(record).map((entry) => ({ record_id: id, field: entry.field, value: entry.value }));
  if (entries.length > 0) await db.insertInto("record_index").values(entries).execute();
  return id;
}

/** The record without raw answers (kept in their own column, not twice). */
export function withoutRaw(record: WhoisRecord): WhoisRecord {
  const { raw: _raw, ...rest } = record;
  return rest.chain ? { ...rest, chain: rest.chain.map(({ raw: _hopRaw, ...hop }) => hop) } : rest;
}
