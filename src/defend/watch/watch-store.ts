import type { Kysely } from "kysely";
import type { WhoisRecord } from "../../record/types.js";
import type { Database } from "../../store/schema.js";
import type { Alert, AlertEvidence, AlertKind, AlertSeverity, TermField, WatchEntry, WatchKind } from "./types.js";

/** Alerts of one run, stored with their outbox rows and the new baselines in one transaction. */
export interface RunCommit {
  alerts: Alert[];
  /** New baselines: state key → the record just diffed. */
  states: { key: string; record: WhoisRecord }[];
  /** Reverse-WHOIS matches now known: (entry id, domain). */
  seen: { entryId: string; domain: string }[];
  /** Entries this run looked at (their first run is a baseline for reverse-WHOIS terms). */
  ran: readonly string[];
  /** Channels each new alert is queued for. */
  channels: readonly string[];
  now: string;
}

/** A queued alert of one channel. */
export interface QueuedAlert {
  alert: Alert;
  attempts: number;
}

/** The watch tables (src/store/migrations-watch.ts) over the Store's kysely `db`. */
export class WatchStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds an entry; returns false when it was already there (its crown-jewel mark is updated). */
  async add(entry: Omit<WatchEntry, "id" | "addedAt">, now: string): Promise<{ entry: WatchEntry; added: boolean }> {
    const id = entryId(entry.kind, entry.value, entry.field);
    const existing = await this.db.selectFrom("watch_entries").select("id").where("id", "=", id).executeTakeFirst();
    if (existing) {
      await this.db.updateTable("watch_entries").set({ crown_jewel: entry.crownJewel ? 1 : 0 }).where("id", "=", id).execute();
    } else {
      await this.db.insertInto("watch_entries").values({ id, kind: entry.kind, field: entry.field ?? null, value: entry.value, crown_jewel: entry.crownJewel ? 1 : 0, added_at: now, last_run: null }).execute();
    }
    const stored = (await this.list()).find((e) => e.id === id);
    if (!stored) throw new Error(`watch entry ${id} vanished`);
    return { entry: stored, added: !existing };
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("watch_entries").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async list(): Promise<WatchEntry[]> {
    const rows = await this.db.selectFrom("watch_entries").selectAll().orderBy("kind").orderBy("value").execute();
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind as WatchKind,
      value: row.value,
      ...(row.field !== null ? { field: row.field as TermField } : {}),
      crownJewel: row.crown_jewel === 1,
      addedAt: row.added_at,
      ...(row.last_run !== null ? { lastRun: row.last_run } : {}),
    }));
  }

  async states(keys: readonly string[]): Promise<Map<string, WhoisRecord>> {
    const out = new Map<string, WhoisRecord>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await this.db.selectFrom("watch_state").select(["key", "record"]).where("key", "in", keys.slice(i, i + 500)).execute();
      for (const row of rows) {
        try {
          out.set(row.key, JSON.parse(row.record) as WhoisRecord);
        } catch {
          // A damaged baseline is a first look, never fatal.
        }
      }
    }
    return out;
  }

  async seen(entryId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom("watch_seen").select("domain").where("entry_id", "=", entryId).execute();
    return new Set(rows.map((row) => row.domain));
  }

  /**
   * Stores the run's alerts (an id already stored is skipped: the same change never alerts twice),
   * queues each new one on every channel, and moves the baselines — in one transaction, so a run
   * killed before it commits is diffed again next time and loses nothing. Returns the new alerts.
   */
  async commit(run: RunCommit): Promise<Alert[]> {
    return this.db.transaction().execute(async (trx) => {
      const fresh: Alert[] = [];
      for (const alert of run.alerts) {
        const inserted = await trx
          .insertInto("watch_alerts")
          .values({ id: alert.id, kind: alert.kind, severity: alert.severity, domain: alert.domain, before: alert.before, after: alert.after, evidence: JSON.stringify(alert.evidence), first_seen: alert.firstSeen, entry_id: alert.evidence.entry })
          .onConflict((c) => c.column("id").doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) continue;
        fresh.push(alert);
        for (const channel of run.channels) {
          await trx.insertInto("watch_outbox").values({ alert_id: alert.id, channel, queued_at: run.now, attempts: 0, last_error: null, delivered_at: null }).onConflict((c) => c.columns(["alert_id", "channel"]).doNothing()).execute();
        }
      }
      for (const state of run.states) {
        const record = JSON.stringify(state.record);
        await trx.insertInto("watch_state").values({ key: state.key, record, updated_at: run.now }).onConflict((c) => c.column("key").doUpdateSet({ record, updated_at: run.now })).execute();
      }
      for (const match of run.seen) {
        await trx.insertInto("watch_seen").values({ entry_id: match.entryId, domain: match.domain, first_seen: run.now }).onConflict((c) => c.columns(["entry_id", "domain"]).doNothing()).execute();
      }
      if (run.ran.length > 0) await trx.updateTable("watch_entries").set({ last_run: run.now }).where("id", "in", [...run.ran]).execute();
      return fresh;
    });
  }

  /** Alerts still queued for a channel, oldest first. */
  async pending(channel: string, limit = 1000): Promise<QueuedAlert[]> {
    const rows = await this.db
      .selectFrom("watch_outbox")
      .innerJoin("watch_alerts", "watch_alerts.id", "watch_outbox.alert_id")
      .selectAll("watch_alerts")
      .select("watch_outbox.attempts")
      .where("watch_outbox.channel", "=", channel)
      .where("watch_outbox.delivered_at", "is", null)
      // Oldest pass first; within a pass by domain, kind, id: the same alerts print in the same order
      // whatever order the answers came back in (a user may diff two runs' output).
      .orderBy("watch_alerts.first_seen")
      .orderBy("watch_alerts.domain")
      .orderBy("watch_alerts.kind")
      .orderBy("watch_alerts.id")
      .limit(limit)
      .execute();
    return rows.map((row) => ({ alert: alertOf(row), attempts: row.attempts }));
  }

  /** How many alerts are still queued for a channel. */
  async queuedCount(channel: string): Promise<number> {
    const row = await this.db.selectFrom("watch_outbox").select((eb) => eb.fn.countAll<number>().as("n")).where("channel", "=", channel).where("delivered_at", "is", null).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Queued rows of channels not in `channels` (alerts waiting for a channel this run does not use). */
  async pendingElsewhere(channels: readonly string[]): Promise<Record<string, number>> {
    let query = this.db.selectFrom("watch_outbox").select(["channel", (eb) => eb.fn.countAll<number>().as("n")]).where("delivered_at", "is", null);
    if (channels.length > 0) query = query.where("channel", "not in", [...channels]);
    const rows = await query.groupBy("channel").execute();
    return Object.fromEntries(rows.map((row) => [row.channel, Number(row.n)]));
  }

  async delivered(channel: string, ids: readonly string[], now: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable("watch_outbox").set((eb) => ({ delivered_at: now, attempts: eb("attempts", "+", 1), last_error: null })).where("channel", "=", channel).where("alert_id", "in", [...ids]).execute();
  }

  async failed(channel: string, ids: readonly string[], error: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable("watch_outbox").set((eb) => ({ attempts: eb("attempts", "+", 1), last_error: error.slice(0, 500) })).where("channel", "=", channel).where("alert_id", "in", [...ids]).execute();
  }

  /** Alerts of one domain (or all), oldest first. */
  async alerts(domain?: string): Promise<Alert[]> {
    let query = this.db.selectFrom("watch_alerts").selectAll();
    if (domain !== undefined) query = query.where("domain", "=", domain);
    const rows = await query.orderBy("first_seen").orderBy("id").execute();
    return rows.map(alertOf);
  }
}

export function entryId(kind: WatchKind, value: string, field?: TermField): string {
  return kind === "term" ? `term:${field ?? ""}:${value}` : `${kind}:${value}`;
}

type AlertRow = Database["watch_alerts"];

function alertOf(row: AlertRow): Alert {
  let evidence: AlertEvidence;
  try {
    evidence = JSON.parse(row.evidence) as AlertEvidence;
  } catch {
    evidence = { field: "", entry: row.entry_id };
  }
  return { id: row.id, kind: row.kind as AlertKind, severity: row.severity as AlertSeverity, domain: row.domain, before: row.before, after: row.after, evidence, firstSeen: row.first_seen };
}
