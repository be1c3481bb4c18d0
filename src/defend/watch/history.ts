import type { WhoisRecord } from "../../record/types.js";
import type { Store } from "../../store/store.js";
import { carryForward, diffDomain } from "./diff.js";
import { WATCH_DEFAULTS } from "./kinds.js";
import { alertId } from "./run.js";
import type { AlertKind, AlertSeverity } from "./types.js";
import { WatchStore } from "./watch-store.js";

/** One step of a domain's timeline. */
export interface HistoryEvent {
  /** fetched_at of the record that showed it. */
  at: string;
  kind: "first-seen" | AlertKind;
  severity: AlertSeverity;
  field: string;
  before: string | null;
  after: string | null;
  server: string;
  protocol: string;
  /** The id of the watch alert raised for it, when `watch run` raised one. */
  alert?: string;
}

/** Most stored fetches of one domain read for its timeline (the newest kept). */
const MAX_RECORDS = 5000;

/**
 * The timeline of a domain from the store: every stored fetch (lookup, bulk, footprint, watch runs)
 * in order, each diffed against the one before by the same rules `watch run` uses.
 */
export async function domainHistory(store: Store, domain: string): Promise<HistoryEvent[]> {
  const rows = await store.db.selectFrom("records").select(["record", "fetched_at", "server", "protocol", "status"]).where("name", "=", domain).orderBy("fetched_at", "desc").orderBy("id", "desc").limit(MAX_RECORDS).execute();
  rows.reverse();
  const alerts = new Set((await new WatchStore(store.db).alerts(domain)).map((a) => a.id));
  const events: HistoryEvent[] = [];
  let previous: WhoisRecord | undefined;
  for (const [i, row] of rows.entries()) {
    let record: WhoisRecord;
    try {
      record = JSON.parse(row.record) as WhoisRecord;
    } catch {
      continue;
    }
    // A record built from a cut-off answer (WL_WARN_TRUNCATED) is half a record: `watch run` never diffs one.
    // (Checked here rather than through bulk's isTruncated: `history` does not load the bulk engine.)
    if (record.warnings?.some((w) => w.code === "WL_WARN_TRUNCATED")) continue;
    // A "not registered" answer that `watch run` asked again and found registered (its drop confirmation)
    // is one lagging answer, not a drop and a re-registration: the timeline skips it as the pass did.
    const next = rows[i + 1];
    if (previous?.status === "registered" && row.status === "available" && next?.status === "registered" && Date.parse(next.fetched_at) - Date.parse(row.fetched_at) <= WATCH_DEFAULTS.dropConfirmWindowMs) continue;
    const base = { at: row.fetched_at, server: row.server, protocol: row.protocol };
    if (previous === undefined) {
      events.push({ ...base, kind: "first-seen", severity: "info", field: "status", before: null, after: row.status });
    } else {
      // expiry-near is a state, not a change: the timeline shows changes only.
      for (const change of diffDomain(previous, record, { now: new Date(row.fetched_at), nearDays: -Infinity })) {
        const id = alertId(change.kind, domain, change.before, change.after);
        events.push({ ...base, kind: change.kind, severity: change.severity, field: change.field, before: change.before, after: change.after, ...(alerts.has(id) ? { alert: id } : {}) });
      }
    }
    previous = previous === undefined ? record : carryForward(previous, record);
  }
  return events;
}
