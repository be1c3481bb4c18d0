import { createHash, randomUUID } from "node:crypto";
import { bulkLookup, isTruncated, PoliteScheduler } from "../../bulk/index.js";
import { InvalidOptionError } from "../../errors.js";
import { ReverseWhois, StoreReverseSource, type ReverseField, type ReverseWhoisSource } from "../../footprint/sources/index.js";
import type { DnsAnswers, DnsOptions } from "../../footprint/dns.js";
import type { LookupOptions } from "../../lookup/index.js";
import type { WhoisRecord } from "../../record/types.js";
import type { Store } from "../../store/store.js";
import { carryForward, diffDomain, diffLookalike, diffNetwork, type Change } from "./diff.js";
import { WATCH_DEFAULTS } from "./kinds.js";
import { withWatchLock } from "./lock.js";
import { WatchStore } from "./watch-store.js";
import { SEVERITIES, type Alert, type AlertSeverity, type CandidateGenerator, type TermField, type WatchEntry } from "./types.js";

export interface WatchRunOptions {
  lookup: Partial<LookupOptions>;
  /** Paces every hop per server; built from `lookup.servers` (and `maxRetryWaitMs`) when absent. */
  scheduler?: PoliteScheduler;
  /**
   * Longest wait for a server's Retry-After or backoff (the scheduler's default when absent); a server
   * asking for more is paused for the pass and its objects fail (baselines kept, diffed next pass).
   */
  maxRetryWaitMs?: number;
  concurrency: number;
  nearDays: number;
  maxCandidates: number;
  fanOut: number;
  /** The lookalike generator (src/defend/lookalikes' `permutations`); lookalike entries need one. */
  candidates?: CandidateGenerator;
  /**
   * DNS settings for the look-alike candidates (as `whoislens lookalikes`): only candidates that resolve (A, AAAA,
   * NS or MX), and those a past pass already saw, are looked up. `false`: no DNS, the closest `maxCandidates` are.
   */
  dns?: DnsOptions | false;
  /** Candidate names whose DNS is asked at once. */
  dnsConcurrency?: number;
  /** Replaces the DNS client (tests). */
  resolve?: (name: string) => Promise<DnsAnswers>;
  /** Reverse-WHOIS sources asked after the store's own index (paid APIs). */
  reverseSources: ReverseWhoisSource[];
  /** Delivery channels each new alert is queued for (see src/defend/delivery). */
  channels: readonly string[];
  /** Replaces the real lookup (tests). */
  lookupFn?: (query: string, options: Partial<LookupOptions>) => Promise<WhoisRecord>;
  now?: () => Date;
  /**
   * The caller holds the store's pass lock (`withWatchLock`) around this pass and its delivery, as the CLI
   * does. Otherwise runWatch takes it for the pass itself, and throws WL_ERR_WATCH_BUSY when another has it.
   */
  lockHeld?: boolean;
}

export interface WatchRunResult {
  /** Alerts raised for the first time by this run (already-known changes are not repeated). */
  alerts: Alert[];
  /** Objects fetched this run. */
  checked: number;
  /** Lookups that got no usable answer: their baseline is kept, they are diffed next run. */
  failed: { query: string; code: string; message: string }[];
  notes: string[];
}

type Role = { as: "domain"; entry: WatchEntry } | { as: "lookalike"; entry: WatchEntry; fuzzer: string } | { as: "network"; entry: WatchEntry };

const REVERSE_FIELD: Record<TermField, ReverseField> = { org: "organization", email: "email", nameserver: "nameserver" };

/** The same change (kind, object, before, after) always gets the same id. */
export function alertId(kind: string, domain: string, before: string | null, after: string | null): string {
  return createHash("sha256").update(JSON.stringify([kind, domain, before, after])).digest("hex").slice(0, 32);
}

const compareText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

const stateKey = (role: Role["as"], name: string): string => `${role}:${name}`;

function raise(severity: AlertSeverity, crownJewel: boolean): AlertSeverity {
  if (!crownJewel) return severity;
  return SEVERITIES[Math.min(SEVERITIES.length - 1, SEVERITIES.indexOf(severity) + 1)] ?? severity;
}

/**
 * The candidates worth a lookup: those DNS knows (registered names nearly always have NS at least), plus
 * those a past pass saw taken (not available), so a name that stops resolving is still followed.
 */
async function resolvingCandidates<T extends { domain: string }>(watch: WatchStore, entry: WatchEntry, candidates: T[], options: WatchRunOptions, result: WatchRunResult): Promise<T[]> {
  const { dnsPass } = await import("../lookalikes/check.js");
  const pass = await dnsPass(candidates, {
    ...(options.dns !== undefined && options.dns !== false ? { dns: options.dns } : {}),
    ...(options.resolve ? { resolve: options.resolve } : {}),
    ...(options.dnsConcurrency !== undefined ? { dnsConcurrency: options.dnsConcurrency } : {}),
  });
  const states = await watch.states(candidates.map((c) => stateKey("lookalike", c.domain.toLowerCase())));
  const seenTaken = (c: T): boolean => {
    const status = states.get(stateKey("lookalike", c.domain.toLowerCase()))?.status;
    return status !== undefined && status !== "available";
  };
  // Those that resolve first (closest first within), then the ones seen taken before that no longer resolve.
  const kept = [...candidates.filter((_, i) => pass.resolves[i] === true), ...candidates.filter((c, i) => pass.resolves[i] !== true && seenTaken(c))];
  result.notes.push(`${entry.id}: ${candidates.length} candidates asked in DNS, ${pass.resolves.filter(Boolean).length} resolve${pass.errors.size > 0 ? `, ${pass.errors.size} DNS failures` : ""}; ${kept.length} looked up`);
  return kept;
}

/**
 * One watch pass: re-fetches every watched domain, lookalike candidate and netblock through the bulk
 * scheduler (each record kept in the store's history), diffs each against its baseline, asks the
 * reverse-WHOIS sources for domains that name us, and stores the alerts with their outbox rows.
 */
export async function runWatch(store: Store, partial: Partial<WatchRunOptions> = {}): Promise<WatchRunResult> {
  return partial.lockHeld === true ? onePass(store, partial) : withWatchLock(store.db, () => onePass(store, partial));
}

async function onePass(store: Store, partial: Partial<WatchRunOptions>): Promise<WatchRunResult> {
  const options: WatchRunOptions = { ...WATCH_DEFAULTS, lookup: {}, reverseSources: [], channels: [], ...partial };
  // One scheduler for the whole pass: a server that asked for a wait (a Retry-After, a pause past
  // --max-retry-wait) is not asked again by the drop confirmations or the reverse-WHOIS fetches that follow.
  options.scheduler ??= new PoliteScheduler({ ...(options.lookup.servers ? { servers: options.lookup.servers } : {}), ...(options.maxRetryWaitMs !== undefined ? { maxRetryWaitMs: options.maxRetryWaitMs } : {}) });
  const now = options.now ?? (() => new Date());
  const started = now();
  const watch = new WatchStore(store.db);
  const entries = await watch.list();
  if (entries.some((e) => e.kind === "lookalikes") && options.candidates === undefined) {
    throw new InvalidOptionError("lookalike generator unavailable: the watch list has lookalike entries (`watch add --lookalikes`) but no candidate generator was given");
  }
  const result: WatchRunResult = { alerts: [], checked: 0, failed: [], notes: [] };
  const targets = new Map<string, Role[]>();
  const add = (name: string, role: Role): void => {
    const roles = targets.get(name) ?? [];
    roles.push(role);
    targets.set(name, roles);
  };
  const watchedDomains = new Set(entries.filter((e) => e.kind === "domain").map((e) => e.value));
  for (const entry of entries) {
    if (entry.kind === "domain") add(entry.value, { as: "domain", entry });
    else if (entry.kind === "netblock") add(entry.value, { as: "network", entry });
    else if (entry.kind === "lookalikes" && options.candidates) {
      let candidates = options.candidates(entry.value).filter((c) => c.domain !== entry.value && !watchedDomains.has(c.domain));
      if (options.dns !== false) candidates = await resolvingCandidates(watch, entry, candidates, options, result);
      if (candidates.length > options.maxCandidates) result.notes.push(`${entry.id}: ${candidates.length} candidates, only the first ${options.maxCandidates} fetched (maxCandidates)`);
      for (const candidate of candidates.slice(0, options.maxCandidates)) add(candidate.domain.toLowerCase(), { as: "lookalike", entry, fuzzer: candidate.fuzzer });
    }
  }

  const keys = [...targets].flatMap(([name, roles]) => roles.map((role) => stateKey(role.as, name)));
  const baselines = await watch.states(keys);
  // Objects never diffed yet start from the newest record the store already holds (a lookup or bulk run).
  const history = await latestInChunks(store, [...targets.keys()].filter((name) => targets.get(name)?.some((role) => !baselines.has(stateKey(role.as, name)))));
  // Unique per pass (never the clock alone): bulk skips queries a run of the same id already finished.
  const runId = `watch-${started.toISOString()}-${randomUUID().slice(0, 8)}`;
  const fetched = await fetchAll(store, [...targets.keys()], runId, options, result);
  await confirmDrops(store, targets, baselines, history, fetched, `${runId}-confirm`, options, result);

  const alerts: Alert[] = [];
  const states: { key: string; record: WhoisRecord }[] = [];
  const firstSeen = started.toISOString();
  const toAlert = (name: string, change: Change, entry: WatchEntry, before: WhoisRecord | undefined, after: WhoisRecord | undefined, note?: string): Alert => ({
    id: alertId(change.kind, name, change.before, change.after),
    kind: change.kind,
    severity: raise(change.severity, entry.kind === "domain" && entry.crownJewel),
    domain: name,
    before: change.before,
    after: change.after,
    evidence: {
      field: change.field,
      entry: entry.id,
      ...(after ? { server: after.source.server, protocol: after.source.protocol } : {}),
      ...(before?.source.fetchedAt ? { beforeFetchedAt: before.source.fetchedAt } : {}),
      ...(after?.source.fetchedAt ? { afterFetchedAt: after.source.fetchedAt } : {}),
      ...(change.note !== undefined || note !== undefined ? { note: [change.note, note].filter(Boolean).join("; ") } : {}),
    },
    firstSeen,
  });
  for (const [name, roles] of targets) {
    const after = fetched.get(name);
    if (!after) continue;
    for (const role of roles) {
      const key = stateKey(role.as, name);
      const before = baselines.get(key) ?? history.get(name);
      const changes =
        role.as === "domain" ? diffDomain(before, after, { now: started, nearDays: options.nearDays }) : role.as === "lookalike" ? diffLookalike(before, after) : diffNetwork(before, after);
      for (const change of changes) alerts.push(toAlert(name, change, role.entry, before, after, role.as === "lookalike" ? `fuzzer ${role.fuzzer} of ${role.entry.value}` : undefined));
      // What this answer does not state (a partial or thinner answer) stays as last stated.
      states.push({ key, record: carryForward(before, after) });
    }
  }

  // Reverse-WHOIS terms, after the fetches above have entered the store's index.
  const reverse = new ReverseWhois([new StoreReverseSource(store), ...options.reverseSources]);
  const seen: { entryId: string; domain: string }[] = [];
  const named: { entry: WatchEntry; domain: string; source: string }[] = [];
  for (const entry of entries.filter((e) => e.kind === "term" && e.field !== undefined)) {
    const field = entry.field as TermField;
    const outcome = await reverse.search(REVERSE_FIELD[field], entry.value, options.fanOut);
    result.notes.push(...outcome.notes.map((note) => `${entry.id}: ${note}`));
    if (outcome.overFanOut) result.notes.push(`${entry.id}: ${outcome.total} domains share it, over the fan-out limit (${options.fanOut}); not followed`);
    const known = await watch.seen(entry.id);
    for (const match of outcome.matches) {
      const domain = match.domain.toLowerCase();
      if (known.has(domain)) continue;
      known.add(domain);
      seen.push({ entryId: entry.id, domain });
      // The first run of a term is its baseline; our own watched domains name us by design.
      if (entry.lastRun !== undefined && !watchedDomains.has(domain)) named.push({ entry, domain, source: match.source });
    }
  }
  const namedRecords = await fetchAll(store, [...new Set(named.map((n) => n.domain))].filter((d) => !fetched.has(d)), `${runId}-named`, options, result);
  for (const { entry, domain, source } of named) {
    const record = namedRecords.get(domain) ?? fetched.get(domain);
    const registrar = record?.registrar?.name;
    const change: Change = { kind: "new-domain-names-us", severity: "high", before: null, after: `${entry.field}: ${entry.value}`, field: entry.field === "org" ? "contacts.organization" : entry.field === "email" ? "contacts.email" : "nameservers" };
    alerts.push(toAlert(domain, change, entry, undefined, record, [`found by ${source}`, registrar ? `registrar ${registrar}` : undefined, record?.dates?.created ? `created ${record.dates.created}` : undefined].filter(Boolean).join("; ")));
  }

  result.alerts = await watch.commit({ alerts, states, seen, ran: entries.map((e) => e.id), channels: options.channels, now: firstSeen });
  // Answers finish in any order at concurrency > 1: what the pass reports is sorted (alerts as the outbox sends them).
  result.alerts.sort((x, y) => compareText(x.domain, y.domain) || compareText(x.kind, y.kind) || compareText(x.id, y.id));
  result.failed.sort((x, y) => compareText(x.query, y.query));
  return result;
}

/**
 * A watched domain that answered "not registered" after a registered baseline is asked once more before
 * it counts as dropped (a critical alert): a registry replica that lags, or an RDAP front end answering 404
 * under load, says "no match" once and the truth on the next query. The second answer is the pass's; if
 * it fails, the object failed this pass (baseline kept, exit 3) rather than raising a drop on one word.
 */
async function confirmDrops(
  store: Store,
  targets: Map<string, Role[]>,
  baselines: Map<string, WhoisRecord>,
  history: Map<string, WhoisRecord>,
  fetched: Map<string, WhoisRecord>,
  runId: string,
  options: WatchRunOptions,
  result: WatchRunResult,
): Promise<void> {
  const suspect = [...targets].filter(([name, roles]) => {
    if (fetched.get(name)?.status !== "available") return false;
    return roles.some((role) => role.as !== "lookalike" && (baselines.get(stateKey(role.as, name)) ?? history.get(name))?.status === "registered");
  });
  if (suspect.length === 0) return;
  const names = suspect.map(([name]) => name);
  const failedBefore = result.failed.length;
  const checkedBefore = result.checked;
  const again = await fetchAll(store, names, runId, options, result);
  // The re-asks are not new objects: the pass still counts each object once.
  result.checked = checkedBefore;
  for (const name of names) {
    const second = again.get(name);
    if (second) fetched.set(name, second);
    else fetched.delete(name);
  }
  const disagreed = names.filter((name) => fetched.get(name)?.status === "registered");
  if (disagreed.length > 0) result.notes.push(`answered "not registered" once, then registered on a second ask (no drop): ${disagreed.join(", ")}`);
  if (result.failed.length > failedBefore) result.notes.push(`answered "not registered", then no usable answer on the second ask: diffed next pass`);
}

/** The store's newest record of each name, asked 500 names at a time (SQL parameter limits); a cut-off one is no baseline. */
async function latestInChunks(store: Store, names: string[]): Promise<Map<string, WhoisRecord>> {
  const out = new Map<string, WhoisRecord>();
  for (let i = 0; i < names.length; i += 500) for (const [name, record] of await store.latestRecords(names.slice(i, i + 500))) if (!isTruncated(record)) out.set(name, record);
  return out;
}

/** Fetches names through the bulk scheduler (records kept in the store); failures are reported, not thrown. */
async function fetchAll(store: Store, names: string[], runId: string, options: WatchRunOptions, result: WatchRunResult): Promise<Map<string, WhoisRecord>> {
  const out = new Map<string, WhoisRecord>();
  if (names.length === 0) return out;
  const now = options.now ?? (() => new Date());
  const pass = await store.beginRun(runId, "watch", JSON.stringify({ names: names.length }), now().toISOString());
  const scheduler = options.scheduler;
  if (!scheduler) throw new Error("fetchAll: runWatch sets the pass's scheduler");
  async function* queries(): AsyncGenerator<string> {
    yield* names;
  }
  for await (const item of bulkLookup(queries(), {
    lookup: options.lookup,
    scheduler,
    concurrency: options.concurrency,
    perServer: Math.min(4, options.concurrency),
    lookahead: 1000,
    store: { store, runId, pass },
    ...(options.lookupFn ? { lookupFn: options.lookupFn } : {}),
    now,
  })) {
    result.checked += 1;
    // An answer cut off (a server resetting the connections past its cap, as Verisign-style servers do under
    // load) is half a record: diffed, it would read as statuses, name servers or contacts removed. It fails
    // the pass like a timeout (baseline kept, diffed next pass); the store keeps it marked `truncated`.
    if (item.record && !item.error && !isTruncated(item.record)) out.set(item.query, item.record);
    else if (item.record && !item.error) result.failed.push({ query: item.query, code: "WL_WARN_TRUNCATED", message: `answer cut off (${item.record.warnings?.find((w) => w.code === "WL_WARN_TRUNCATED")?.message ?? "incomplete"}); not diffed` });
    else result.failed.push({ query: item.query, code: item.error?.code ?? "WL_ERR_PROTOCOL", message: item.error?.message ?? "no usable answer" });
  }
  return out;
}
