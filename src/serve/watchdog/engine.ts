/**
 * The query-log rules at work: `served` events (lines of the serve query log) in, alerts out, in
 * detect's Alert shape so `detect`'s ECS, CEF and Markdown formatters write them. Time is the log's
 * own clock, so a replayed log raises the same alerts as the live one. Implements detect's
 * ServedRules (DetectorOptions.servedRules).
 */
import { SCORES } from "../../detect/engine/alert-book.js";
import { Lru } from "../../detect/engine/lru.js";
import { inAny, type parseCidrs } from "../../detect/engine/sources.js";
import { type Alert, keepEvidence, type ServedEvent, type ServedRules } from "../../detect/types.js";
import { InvalidOptionError } from "../../errors.js";
import { join } from "node:path";
import { loadQueryRules, loadSourceList, type QueryRule, SERVE_LISTS_DIR } from "./rules.js";
import { DistinctWindow, SequenceTracker, SumWindow } from "./windows.js";

export interface WatchdogOptions {
  /** The rule table (default: data/serve-rules/query-log.yaml). */
  rules?: readonly QueryRule[];
  /** Source lists by name (default: each list a rule names, from data/serve-lists/NAME.txt). */
  lists?: Readonly<Record<string, ReturnType<typeof parseCidrs>>>;
  /** Called once per alert as it is raised (streaming); finish() still returns all. */
  onAlert?: (alert: Alert) => void;
  /** Sources tracked at once (LRU), default 50,000. */
  maxSources?: number;
  /** Alerts kept, default 100,000. */
  maxAlerts?: number;
}

const MAX_EVIDENCE = 50;
const MAX_TARGETS = 100;

interface Open { alert: Alert; until: number; extra: number }

function targetOf(e: ServedEvent): string {
  return e.entry.objectKey ?? e.entry.query;
}

/** An alert's target: none for a refusal that read no query (too many connections, a silent slow client). */
function alertTarget(e: ServedEvent): string | undefined {
  const t = targetOf(e);
  return t === "" ? undefined : t;
}

/** What each rule type does with one event: undefined = not its business; counts = joins an open alert. */
function checker(rule: QueryRule, lists: Readonly<Record<string, ReturnType<typeof parseCidrs>>>): (state: Map<string, unknown>, e: ServedEvent) => { fire?: string; counts: boolean } {
  const m = rule.match;
  switch (m.type) {
    case "volume": {
      const outcomes = m.outcomes === undefined ? undefined : new Set<string>(m.outcomes);
      const objectTypes = m.objectTypes === undefined ? undefined : new Set<string>(m.objectTypes);
      const cap = m.threshold * 4 + 64;
      return (state, e) => {
        if (outcomes !== undefined && !outcomes.has(e.entry.outcome)) return { counts: false };
        if (objectTypes !== undefined && !objectTypes.has(e.entry.objectType)) return { counts: false };
        if (m.count === "distinct-objects") {
          if (e.entry.objectType === "help" || (e.entry.objectKey === undefined && e.entry.outcome !== "not-found")) return { counts: false };
          const w = (state.get(rule.id) as DistinctWindow | undefined) ?? new DistinctWindow(m.windowSeconds * 1000, cap);
          state.set(rule.id, w);
          const { distinct } = w.push(e.ts, targetOf(e).toLowerCase(), false);
          return distinct >= m.threshold ? { fire: `${distinct} distinct objects queried within ${m.windowSeconds} s (threshold ${m.threshold})`, counts: true } : { counts: true };
        }
        const value = m.count === "queries" ? 1 : e.entry.personalObjects;
        if (value === 0) return { counts: false };
        const w = (state.get(rule.id) as SumWindow | undefined) ?? new SumWindow(m.windowSeconds * 1000, cap);
        state.set(rule.id, w);
        const total = w.push(e.ts, value);
        const kinds = objectTypes !== undefined ? ` of type ${[...objectTypes].join("/")}` : "";
        const what = m.count === "queries" ? `queries${kinds}${outcomes !== undefined ? ` answered ${[...outcomes].join("/")}` : ""}` : "personal objects served";
        return total >= m.threshold ? { fire: `${total} ${what} within ${m.windowSeconds} s (threshold ${m.threshold})`, counts: true } : { counts: true };
      };
    }
    case "sequence":
      return (state, e) => {
        const t = (state.get(rule.id) as SequenceTracker | undefined) ?? new SequenceTracker(m.windowSeconds * 1000, m.maxStep, m.threshold * 2 + 16);
        state.set(rule.id, t);
        const run = t.push(e.ts, targetOf(e));
        if (run < 2) return { counts: false };
        return run >= m.threshold ? { fire: `${run} keys of one shape queried in rising order within ${m.windowSeconds} s (steps of 1..${m.maxStep}, threshold ${m.threshold}), the last ${targetOf(e).slice(0, 80)}`, counts: true } : { counts: true };
      };
    case "dictionary":
      return (state, e) => {
        const type = e.entry.objectType;
        if (type === "help" || type === "search" || type === "ip" || type === "autnum") return { counts: false };
        const w = (state.get(rule.id) as DistinctWindow | undefined) ?? new DistinctWindow(m.windowSeconds * 1000, m.threshold * 4 + 64);
        state.set(rule.id, w);
        const missed = e.entry.outcome === "not-found";
        const { distinct, flagged } = w.push(e.ts, targetOf(e).toLowerCase(), missed);
        if (distinct >= m.threshold && flagged / distinct >= m.minMissRatio) {
          return { fire: `${distinct} distinct names queried within ${m.windowSeconds} s, ${flagged} of them not found (${Math.round((100 * flagged) / distinct)}%, at least ${Math.round(m.minMissRatio * 100)}% expected of a word list)`, counts: true };
        }
        return { counts: missed };
      };
    case "decoy":
      return (_state, e) => (e.entry.decoy ? { fire: `decoy object ${targetOf(e).slice(0, 120)} served${e.entry.canaries !== undefined ? ` with canary contacts ${e.entry.canaries.slice(0, 3).join(", ")}` : ""}`, counts: true } : { counts: false });
    case "list": {
      const cidrs = Object.hasOwn(lists, m.list) ? lists[m.list] : undefined;
      if (cidrs === undefined) throw new InvalidOptionError(`query-log rule ${rule.id}: no list named ${m.list}`);
      return (_state, e) => (inAny(e.entry.source, cidrs) ? { fire: `source ${e.entry.source} is on the ${m.list} list`, counts: true } : { counts: false });
    }
  }
}

export interface Watchdog extends ServedRules {
  /** Alerts raised so far. */
  readonly raised: number;
  /** The rule table in use (descriptions for ECS rule.description). */
  readonly rules: readonly QueryRule[];
}

export function createWatchdog(options: WatchdogOptions = {}): Watchdog {
  const rules = options.rules ?? loadQueryRules();
  const lists: Record<string, ReturnType<typeof parseCidrs>> = { ...options.lists };
  for (const r of rules) {
    if (r.match.type === "list" && !Object.hasOwn(lists, r.match.list)) lists[r.match.list] = loadSourceList(join(SERVE_LISTS_DIR, `${r.match.list}.txt`));
  }
  const checks = rules.map((rule) => ({ rule, check: checker(rule, lists) }));
  const sources = new Lru<string, Map<string, unknown>>(options.maxSources ?? 50_000);
  const open = new Map<string, Open>();
  const alerts: Alert[] = [];
  const maxAlerts = options.maxAlerts ?? 100_000;

  const raise = (rule: QueryRule, e: ServedEvent, why: string): void => {
    if (alerts.length >= maxAlerts) return;
    const key = e.src;
    const alert: Alert = {
      timestamp: e.ts, ruleId: rule.id, ruleName: rule.name, severity: rule.severity, score: SCORES[rule.severity],
      source: { ip: e.entry.source },
      ...(e.entry.objectKey !== undefined ? { destination: { domain: e.entry.objectKey } } : {}),
      targets: [alertTarget(e)].filter((t): t is string => t !== undefined),
      reasons: [why, ...(key !== e.entry.source ? [`accounting key ${key}`] : [])],
      evidence: [keepEvidence(e.evidence)],
      technique: "T1596.002", tactic: "TA0043",
    };
    open.set(`${rule.id}\u0000${key}`, { alert, until: e.ts + suppressMs(rule), extra: 0 });
    alerts.push(alert);
    options.onAlert?.(alert);
  };

  return {
    rules,
    get raised() {
      return alerts.length;
    },
    push(e: ServedEvent): void {
      const state = sources.upsert(e.src, () => new Map());
      for (const { rule, check } of checks) {
        const verdict = check(state, e);
        const slot = `${rule.id}\u0000${e.src}`;
        const current = open.get(slot);
        if (current !== undefined && e.ts < current.until) {
          if (verdict.counts || verdict.fire !== undefined) join1(current, e);
          continue;
        }
        if (current !== undefined) open.delete(slot);
        if (verdict.fire !== undefined) raise(rule, e, verdict.fire);
      }
    },
    finish(): Alert[] {
      for (const o of open.values()) if (o.extra > 0) o.alert.reasons.push(`${o.extra} more matching queries from this source while the alert was open`);
      open.clear();
      return [...alerts].sort((a, b) => a.timestamp - b.timestamp);
    },
  };
}

function suppressMs(rule: QueryRule): number {
  return rule.match.suppressSeconds * 1000;
}

/** A later matching query joins the open alert: evidence and targets (capped), counted. */
function join1(o: Open, e: ServedEvent): void {
  o.extra++;
  if (o.alert.evidence.length < MAX_EVIDENCE) o.alert.evidence.push(keepEvidence(e.evidence));
  const t = alertTarget(e);
  if (t !== undefined && o.alert.targets.length < MAX_TARGETS && !o.alert.targets.includes(t)) o.alert.targets.push(t);
}
