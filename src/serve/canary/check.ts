/**
 * `canary check`: mail seen by a mail server (its log) or a mailbox (IMAP) → the canaries it names →
 * one alert per (canary, source that was served it), in detect's Alert shape so the same ECS/CEF
 * formatters write it. A canary is recognised from the token in any recipient's local part (however
 * a spam tool re-cased, re-dotted or glued it), then from the whole address.
 */
import { SCORES } from "../../detect/engine/alert-book.js";
import { WhoislensError } from "../../errors.js";
import type { Alert, Evidence } from "../../detect/types.js";
import type { MailSighting } from "./maillog/types.js";
import type { CanaryRow, CanaryStore, ServingRow } from "./store.js";
import { findTokens } from "./tokens.js";

/** The rule of canary alerts, as a row so `--format ndjson` can carry its description. */
export const CANARY_RULE = {
  id: "canary-contact-mailed",
  name: "Canary contact received mail",
  description: "Mail arrived for a canary contact that was only ever published in decoy WHOIS/RDAP answers: the source that was served it harvested the registration data.",
  severity: "high" as const,
};

/** Caps so a hostile log cannot grow an alert without bound. */
const MAX_EVIDENCE = 50;
const MAX_SOURCES_PER_CANARY = 100;

export interface Hit { canary: CanaryRow; sighting: MailSighting; address: string }

function localPart(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0 ? address : address.slice(0, at);
}

/** Which sightings name an issued canary (token first, whole address second). */
export async function matchSightings(store: CanaryStore, sightings: readonly MailSighting[]): Promise<Hit[]> {
  // the tokens of each distinct address, found once and reused when the hits are paired below
  const tokensOf = new Map<string, string[]>();
  for (const s of sightings) for (const r of s.recipients) if (!tokensOf.has(r)) tokensOf.set(r, findTokens(localPart(r)));
  const tokens = new Set([...tokensOf.values()].flat());
  const addresses = [...tokensOf.keys()];
  const byToken = new Map<string, CanaryRow>();
  for (const row of await store.byTokens([...tokens])) byToken.set(row.token, row);
  const byEmail = new Map<string, CanaryRow>();
  for (const row of await store.byEmails(addresses)) byEmail.set(row.email, row);
  const hits: Hit[] = [];
  for (const s of sightings) {
    const seen = new Set<string>();
    for (const r of s.recipients) {
      const rows = [...(tokensOf.get(r) ?? []).map((t) => byToken.get(t)), byEmail.get(r)];
      for (const canary of rows) {
        if (canary === undefined || seen.has(canary.token)) continue;
        seen.add(canary.token);
        hits.push({ canary, sighting: s, address: r });
      }
    }
  }
  return hits;
}

/** Sightings matched per store round trip: a huge log never sits in memory whole. */
export const MATCH_BATCH = 5000;

/**
 * Matches sightings against the store as a log is read: in batches, one batch at a time (the reader's
 * callback cannot wait, so batches queue behind one another). A batch that fails is not lost silently
 * and never becomes an unhandled rejection: the first failure is kept, later batches are skipped, and
 * `done()` throws WL_ERR_STORE naming the store and the cause.
 */
export class SightingMatcher {
  readonly hits: Hit[] = [];
  private batch: MailSighting[] = [];
  private chain: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly store: CanaryStore,
    /** Where the store is, for the error message. */
    private readonly where: string,
    private readonly batchSize = MATCH_BATCH,
  ) {}

  push(sighting: MailSighting): void {
    this.batch.push(sighting);
    if (this.batch.length >= this.batchSize) this.send();
  }

  /** Every batch matched (the last, short one too); throws WL_ERR_STORE when one failed. */
  async done(): Promise<Hit[]> {
    this.send();
    await this.chain;
    if (this.failure !== undefined) {
      const cause = this.failure.error;
      throw new WhoislensError("WL_ERR_STORE", `canary check: the store ${this.where} could not be read while matching sightings: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    return this.hits;
  }

  private send(): void {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    this.chain = this.chain
      .then(async () => {
        if (this.failure === undefined) this.hits.push(...(await matchSightings(this.store, batch)));
      })
      .catch((error: unknown) => {
        this.failure ??= { error };
      });
  }
}

function when(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : "an unknown time";
}

/** The alerts for the hits: one per (canary, served source), naming when that source was served it. */
export async function canaryAlerts(store: CanaryStore, hits: readonly Hit[], now = Date.now()): Promise<Alert[]> {
  const byToken = new Map<string, Hit[]>();
  for (const h of hits) {
    const list = byToken.get(h.canary.token);
    if (list === undefined) byToken.set(h.canary.token, [h]);
    else list.push(h);
  }
  const servings = await store.servings([...byToken.keys()]);
  const servedBy = new Map<string, Map<string, ServingRow[]>>();
  for (const s of servings) {
    const per = servedBy.get(s.token) ?? new Map<string, ServingRow[]>();
    servedBy.set(s.token, per);
    if (!per.has(s.sourceKey) && per.size >= MAX_SOURCES_PER_CANARY) continue;
    const rows = per.get(s.sourceKey);
    if (rows === undefined) per.set(s.sourceKey, [s]);
    else rows.push(s);
  }
  const alerts: Alert[] = [];
  for (const [token, tokenHits] of byToken) {
    const canary = tokenHits[0]?.canary;
    if (canary === undefined) continue;
    const sources = servedBy.get(token) ?? new Map<string, ServingRow[]>();
    const first = tokenHits.reduce((t, h) => (Number.isFinite(h.sighting.ts) && h.sighting.ts < t ? h.sighting.ts : t), Number.POSITIVE_INFINITY);
    const mail = tokenHits.slice(0, 5).map((h) => {
      const s = h.sighting;
      return `${s.format} ${s.event} mail for ${h.address}${s.sender !== undefined ? ` from ${s.sender}` : ""}${s.client !== undefined ? ` via ${s.client}` : ""} at ${when(s.ts)}`;
    });
    const evidence: Evidence[] = tokenHits.slice(0, MAX_EVIDENCE).map((h) => h.sighting.evidence);
    const shared = sources.size > 1 ? ` (one of ${sources.size} sources served this per-object canary)` : "";
    const entries: [string | undefined, ServingRow[]][] = sources.size > 0 ? [...sources] : [[canary.sourceKey ?? undefined, []]];
    for (const [sourceKey, served] of entries) {
      const firstServed = served[0];
      const servedText = firstServed !== undefined
        ? `canary ${canary.email} (${canary.name}, ${canary.phone}) of decoy object ${canary.objectKey} was served to ${sourceKey ?? "?"} at ${firstServed.servedAt}${served.length > 1 ? ` and ${served.length - 1} more time(s) until ${served[served.length - 1]?.servedAt ?? ""}` : ""}${shared}`
        : `canary ${canary.email} of decoy object ${canary.objectKey} was issued at ${canary.issuedAt} but no serving is recorded`;
      alerts.push({
        timestamp: Number.isFinite(first) ? first : now,
        ruleId: CANARY_RULE.id, ruleName: CANARY_RULE.name, severity: CANARY_RULE.severity, score: SCORES[CANARY_RULE.severity],
        source: { ip: sourceKey ?? "unknown" },
        destination: { domain: canary.objectKey },
        targets: [canary.objectKey, canary.email],
        reasons: [servedText, ...mail, ...(tokenHits.length > 5 ? [`${tokenHits.length - 5} more mail(s) for this canary`] : [])],
        evidence,
        technique: "T1596.002", tactic: "TA0043",
      });
    }
  }
  return alerts.sort((a, b) => a.timestamp - b.timestamp || a.source.ip.localeCompare(b.source.ip));
}
