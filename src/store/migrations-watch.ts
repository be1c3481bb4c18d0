import type { Kysely, Migration } from "kysely";

/**
 * The watch list, what each watched object looked like when last diffed, the alerts raised and the
 * per-channel delivery outbox (issue #14, `whoislens watch`). Tables of src/defend/watch and
 * src/defend/delivery; their methods live in src/defend/watch/watch-store.ts.
 */
export interface WatchTables {
  /** One row per thing watched: `id` is `<kind>:<field>:<value>` so adding twice is a no-op. */
  watch_entries: { id: string; kind: string; field: string | null; value: string; crown_jewel: number; added_at: string; last_run: string | null };
  /** The record each object was last diffed against (JSON), so a run killed before raising its alerts loses none. */
  watch_state: { key: string; record: string; updated_at: string };
  /** Domains a reverse-WHOIS term has already matched (a match not in here is new). */
  watch_seen: { entry_id: string; domain: string; first_seen: string };
  /** Every alert ever raised; `id` hashes kind + domain + before + after, so a change alerts once. */
  watch_alerts: { id: string; kind: string; severity: string; domain: string; before: string | null; after: string | null; evidence: string; first_seen: string; entry_id: string };
  /** One row per (alert, channel) until delivered: at-least-once delivery survives a down receiver or kill -9. */
  watch_outbox: { alert_id: string; channel: string; queued_at: string; attempts: number; last_error: string | null; delivered_at: string | null };
  /** The pass lock (one row, name "pass"): two `watch run` at once on one store (a cron overlap) never both diff and deliver. */
  watch_lock: { name: string; owner: string; acquired_at: string; expires_at: string };
}

/** Migrations of the watch tables; never edit one that has shipped, add the next. */
export function watchMigrations(): Record<string, Migration> {
  return {
    "2026-12-06-watch-001": {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable("watch_entries")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("kind", "text", (c) => c.notNull())
          .addColumn("field", "text")
          .addColumn("value", "text", (c) => c.notNull())
          .addColumn("crown_jewel", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("added_at", "text", (c) => c.notNull())
          .addColumn("last_run", "text")
          .execute();
        await db.schema
          .createTable("watch_state")
          .addColumn("key", "text", (c) => c.primaryKey())
          .addColumn("record", "text", (c) => c.notNull())
          .addColumn("updated_at", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("watch_seen")
          .addColumn("entry_id", "text", (c) => c.notNull())
          .addColumn("domain", "text", (c) => c.notNull())
          .addColumn("first_seen", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("watch_seen_pk", ["entry_id", "domain"])
          .execute();
        await db.schema
          .createTable("watch_alerts")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("kind", "text", (c) => c.notNull())
          .addColumn("severity", "text", (c) => c.notNull())
          .addColumn("domain", "text", (c) => c.notNull())
          .addColumn("before", "text")
          .addColumn("after", "text")
          .addColumn("evidence", "text", (c) => c.notNull())
          .addColumn("first_seen", "text", (c) => c.notNull())
          .addColumn("entry_id", "text", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("watch_alerts_domain").on("watch_alerts").columns(["domain", "first_seen"]).execute();
        await db.schema
          .createTable("watch_outbox")
          .addColumn("alert_id", "text", (c) => c.notNull())
          .addColumn("channel", "text", (c) => c.notNull())
          .addColumn("queued_at", "text", (c) => c.notNull())
          .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("last_error", "text")
          .addColumn("delivered_at", "text")
          .addPrimaryKeyConstraint("watch_outbox_pk", ["alert_id", "channel"])
          .execute();
        await db.schema.createIndex("watch_outbox_pending").on("watch_outbox").columns(["channel", "delivered_at"]).execute();
      },
    },
    "2026-12-06-watch-002": {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable("watch_lock")
          .addColumn("name", "text", (c) => c.primaryKey())
          .addColumn("owner", "text", (c) => c.notNull())
          .addColumn("acquired_at", "text", (c) => c.notNull())
          .addColumn("expires_at", "text", (c) => c.notNull())
          .execute();
      },
    },
  };
}
