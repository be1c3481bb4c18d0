/**
 * Bursts: per source, the recent lookups (time, target, evidence) in a sorted ring. A burst rule
 * fires when a window of `windowSeconds` ending or starting at the new lookup holds >= threshold
 * lookups (count: events) or distinct targets (count: targets). Suppression is the alert book's.
 */
import { type Evidence, keepEvidence } from "../types.js";
import type { BurstMatch, Rule } from "../rules/schema.js";
import { Lru, TimeRing } from "./lru.js";

export interface Lookup { target?: string; evidence: Evidence; channel: string }

export interface BurstFire {
  rule: Rule;
  ts: number;
  lookups: number;
  targets: string[];
  channels: string[];
  evidence: Evidence[];
}

export class Bursts {
  private readonly rings: Lru<string, TimeRing<Lookup>>;
  private readonly cap: number;

  constructor(private readonly rules: Rule[], maxSources: number) {
    this.rings = new Lru(maxSources);
    this.cap = Math.min(4096, Math.max(64, ...rules.map((r) => (r.match as BurstMatch).threshold * 4)));
  }

  push(key: string, ts: number, lookups: Lookup[]): BurstFire[] {
    if (this.rules.length === 0 || lookups.length === 0) return [];
    const ring = this.rings.upsert(key, () => new TimeRing(this.cap));
    for (const l of lookups) {
      const kept = keepEvidence(l.evidence); // kept in the ring: a plain copy, never a lazy line
      ring.add(ts, kept === l.evidence ? l : { ...l, evidence: kept });
    }
    const out: BurstFire[] = [];
    for (const rule of this.rules) {
      const m = rule.match as BurstMatch;
      const w = m.windowSeconds * 1000;
      for (const [from, to] of [[ts - w, ts], [ts, ts + w]] as const) {
        if (ring.count(from, to) < m.threshold) continue;
        const items = ring.between(from, to);
        const targets = [...new Set(items.map((i) => i.value.target).filter((t): t is string => t !== undefined))];
        const size = m.count === "events" ? items.length : targets.length;
        if (size < m.threshold) continue;
        out.push({
          rule,
          ts: items[0]!.ts,
          lookups: items.length,
          targets,
          channels: [...new Set(items.map((i) => i.value.channel))],
          evidence: items.map((i) => i.value.evidence),
        });
        break;
      }
    }
    return out;
  }
}
