/**
 * Correlation: per source, recent lookups and recent indicator fires (DNS enumeration, port scan).
 * A correlation rule fires when a lookup and an indicator of its kind lie within windowSeconds of
 * each other, in either order (inputs are read file after file, so time runs out of order).
 */
import { type Evidence, keepEvidence } from "../types.js";
import type { CorrelationMatch, Rule } from "../rules/schema.js";
import type { IndicatorFire } from "./indicators.js";
import { Lru, TimeRing } from "./lru.js";

export type IndicatorKind = CorrelationMatch["indicator"];

export interface CorrelationFire { rule: Rule; ts: number; reason: string; evidence: Evidence[]; lookups: number }

interface State { lookups: TimeRing<Evidence>; fires: TimeRing<IndicatorFire & { kind: IndicatorKind }> }

export class Correlations {
  private readonly states: Lru<string, State>;

  constructor(private readonly rules: Rule[], maxSources: number) {
    this.states = new Lru(maxSources);
  }

  private state(key: string): State {
    return this.states.upsert(key, () => ({ lookups: new TimeRing(64), fires: new TimeRing(32) }));
  }

  lookup(key: string, ts: number, evidence: Evidence): CorrelationFire[] {
    if (this.rules.length === 0) return [];
    const s = this.state(key);
    s.lookups.add(ts, keepEvidence(evidence));
    const out: CorrelationFire[] = [];
    for (const rule of this.rules) {
      const m = rule.match as CorrelationMatch;
      const w = m.windowSeconds * 1000;
      const fire = s.fires.between(ts - w, ts + w).find((f) => f.value.kind === m.indicator);
      if (fire) out.push(this.fire(rule, s, fire.value));
    }
    return out;
  }

  indicator(key: string, kind: IndicatorKind, fire: IndicatorFire): CorrelationFire[] {
    const rules = this.rules.filter((r) => (r.match as CorrelationMatch).indicator === kind);
    if (rules.length === 0) return [];
    const s = this.state(key);
    s.fires.add(fire.ts, { ...fire, kind });
    const out: CorrelationFire[] = [];
    for (const rule of rules) {
      const w = (rule.match as CorrelationMatch).windowSeconds * 1000;
      if (s.lookups.count(fire.ts - w, fire.ts + w) > 0) out.push(this.fire(rule, s, fire));
    }
    return out;
  }

  private fire(rule: Rule, s: State, f: IndicatorFire): CorrelationFire {
    const w = (rule.match as CorrelationMatch).windowSeconds * 1000;
    const lookups = s.lookups.between(f.ts - w, f.ts + w);
    const minutes = Math.round(w / 60_000);
    return {
      rule,
      ts: Math.min(f.ts, lookups[0]?.ts ?? f.ts),
      reason: `${f.reason}, within ${minutes} min of ${lookups.length} WHOIS/RDAP lookup(s) by the same source`,
      evidence: [...lookups.slice(0, 10).map((l) => l.value), ...f.evidence],
      lookups: lookups.length,
    };
  }
}
