/**
 * Open alerts, one per (source, rule or suppression group, suppression period): later matches within
 * the suppression period add evidence and targets to the same alert instead of raising a new one.
 * Alerts are rendered (reasons, capped evidence, severity after modifiers) when emitted.
 */
import { type Alert, type Evidence, type Severity, keepEvidence } from "../types.js";
import type { Rule } from "../rules/schema.js";

export const SEVERITIES: readonly Severity[] = ["low", "medium", "high", "critical"];
export const SCORES: Readonly<Record<Severity, number>> = { low: 21, medium: 47, high: 73, critical: 99 };

export interface Entry {
  rule: Rule;
  key: string;
  first: number;
  last: number;
  events: number;
  source: Alert["source"];
  destination?: Alert["destination"];
  targets: Set<string>;
  evidence: Evidence[];
  evidenceKeys: Set<string>;
  whys: string[];
  /** Reasons set by the rule kind (burst size, indicator); replaced, not appended. */
  summary?: string;
  extra: string[];
  raise: number;
  emitted: boolean;
}

export interface BookOptions {
  maxEvidence: number; maxTargets: number; maxAlerts: number; holdMs: number; onAlert?: (alert: Alert) => void;
  /** Last chance to fill in a source (an endpoint host's address seen after the alert opened), at the alert's first time. */
  resolveSource?: (source: Alert["source"], ts: number) => void;
}

function suppressMs(rule: Rule): number {
  return ("suppressSeconds" in rule.match ? rule.match.suppressSeconds : 3600) * 1000;
}

export class AlertBook {
  private readonly open = new Map<string, Entry[]>();
  private readonly all: Entry[] = [];
  private readonly waiting: Entry[] = [];
  dropped = 0;

  constructor(private readonly o: BookOptions) {}

  /** The entry for this source and rule (or group) at `ts`, created when none is open. */
  entry(key: string, rule: Rule, group: string, ts: number, source: Alert["source"]): { entry: Entry; created: boolean } | undefined {
    const slot = `${key}\u0000${group}`;
    const list = this.open.get(slot) ?? [];
    const window = suppressMs(rule);
    const seen = list.find((e) => ts >= e.first - window && ts < e.first + window);
    if (seen) {
      seen.events += 1;
      seen.first = Math.min(seen.first, ts);
      seen.last = Math.max(seen.last, ts);
      return { entry: seen, created: false };
    }
    if (this.all.length >= this.o.maxAlerts) {
      this.dropped += 1;
      return undefined;
    }
    const entry: Entry = { rule, key, first: ts, last: ts, events: 1, source, targets: new Set(), evidence: [], evidenceKeys: new Set(), whys: [], extra: [], raise: 0, emitted: false };
    list.push(entry);
    if (list.length > 8) list.shift();
    this.open.set(slot, list);
    this.all.push(entry);
    this.waiting.push(entry);
    return { entry, created: true };
  }

  /** Open entries of a source (for modifiers that raise them). */
  ofSource(key: string): Entry[] {
    return this.all.filter((e) => e.key === key && !e.emitted);
  }

  addEvidence(e: Entry, evidence: readonly Evidence[]): void {
    for (const ev of evidence) {
      if (e.evidence.length >= this.o.maxEvidence) return;
      const k = `${ev.file}\u0000${ev.line}`;
      if (e.evidenceKeys.has(k)) continue;
      e.evidenceKeys.add(k);
      e.evidence.push(keepEvidence(ev));
    }
  }

  addTargets(e: Entry, targets: readonly string[]): void {
    for (const t of targets) if (e.targets.size < this.o.maxTargets) e.targets.add(t);
  }

  addWhy(e: Entry, why: string): void {
    if (e.whys.length < 3 && !e.whys.includes(why)) e.whys.push(why);
  }

  raise(e: Entry, steps: number, reason: string): void {
    if (e.extra.includes(reason)) return;
    e.extra.push(reason);
    e.raise += steps;
  }

  /** Emits (onAlert) the alerts whose hold time has passed on the event clock. */
  tick(now: number): void {
    if (this.o.onAlert === undefined) return;
    while (this.waiting.length > 0 && this.waiting[0]!.first + this.o.holdMs <= now) this.emit(this.waiting.shift()!);
  }

  finish(): Alert[] {
    while (this.waiting.length > 0) this.emit(this.waiting.shift()!);
    for (const e of this.all) this.o.resolveSource?.(e.source, e.first);
    return this.all.map(render).sort((a, b) => a.timestamp - b.timestamp || a.source.ip.localeCompare(b.source.ip) || a.ruleId.localeCompare(b.ruleId));
  }

  private emit(e: Entry): void {
    e.emitted = true;
    this.o.resolveSource?.(e.source, e.first);
    this.o.onAlert?.(render(e));
  }
}

export function render(e: Entry): Alert {
  const severity = SEVERITIES[Math.min(SEVERITIES.length - 1, SEVERITIES.indexOf(e.rule.severity) + e.raise)]!;
  const reasons = [...e.whys];
  if (e.summary !== undefined) reasons.unshift(e.summary);
  else if (e.events > 1) reasons.push(`${e.events} matching events between ${new Date(e.first).toISOString()} and ${new Date(e.last).toISOString()}`);
  reasons.push(...e.extra);
  return {
    timestamp: e.first,
    ruleId: e.rule.id,
    ruleName: e.rule.name,
    severity,
    score: SCORES[severity],
    source: { ...e.source },
    ...(e.destination !== undefined ? { destination: { ...e.destination } } : {}),
    targets: [...e.targets],
    reasons,
    evidence: [...e.evidence],
    technique: "T1596.002",
    tactic: "TA0043",
  };
}
