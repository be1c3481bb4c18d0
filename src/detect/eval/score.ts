/**
 * Scoring: alerts from one rendering against the labelled scenarios. An alert is a true positive
 * when it names a scenario's source (IP or host name), falls in its window (a little before, some
 * minutes after for windowed rules) and is of a family right for that scenario. A scenario is
 * detected when one such alert is of its expected family for this rendering.
 */
import type { Alert } from "../types.js";
import { familiesOf, kindForFalsePositive } from "./families.js";
import type { ScenarioKind, ScenarioLabel } from "./model.js";

export const SLACK_BEFORE_MS = 2 * 60_000;
export const SLACK_AFTER_MS = 30 * 60_000;

export interface Tally { visible: number; detected: number; tp: number; fp: number }
export const emptyTally = (): Tally => ({ visible: 0, detected: 0, tp: 0, fp: 0 });

export interface RenderingScore {
  rendering: string;
  byKind: Map<ScenarioKind | "unclassified", Tally>;
  missed: ScenarioLabel[];
  falsePositives: { alert: Alert; kind: string; why: string }[];
  alerts: number;
}

function norm(s: string | undefined): string {
  return (s ?? "").toLowerCase();
}

export function namesSource(alert: Alert, s: ScenarioLabel): boolean {
  const ip = norm(alert.source.ip), host = norm(alert.source.host);
  if (ip === s.source.ip || host === s.source.ip) return true;
  const want = norm(s.source.host);
  if (!want) return false;
  const short = want.split(".")[0];
  return [ip, host].some((v) => v !== "" && (v === want || v === short || v.split(".")[0] === short));
}

export function inWindow(alert: Alert, s: ScenarioLabel): boolean {
  return alert.timestamp >= s.window.start - SLACK_BEFORE_MS && alert.timestamp <= s.window.end + SLACK_AFTER_MS;
}

export function scoreRendering(rendering: string, scenarios: readonly ScenarioLabel[], alerts: readonly Alert[]): RenderingScore {
  const byKind = new Map<ScenarioKind | "unclassified", Tally>();
  const tally = (k: ScenarioKind | "unclassified") => {
    let t = byKind.get(k);
    if (!t) byKind.set(k, (t = emptyTally()));
    return t;
  };
  const detected = new Set<string>();
  const falsePositives: RenderingScore["falsePositives"] = [];
  for (const alert of alerts) {
    const fams = familiesOf(alert);
    const near = scenarios.filter((s) => namesSource(alert, s) && inWindow(alert, s));
    const right = near.find((s) => {
      const expected = s.expect[rendering];
      return (expected !== undefined && fams.has(expected)) || s.accept.some((f) => fams.has(f));
    });
    if (right) {
      tally(right.kind).tp += 1;
      for (const s of near) if (s.expect[rendering] !== undefined && fams.has(s.expect[rendering]!)) detected.add(s.id);
      continue;
    }
    const kind = near[0]?.kind ?? kindForFalsePositive(fams, alert);
    tally(kind).fp += 1;
    const why = near[0] ? `wrong family for ${near[0].id} (expected ${near[0].expect[rendering] ?? "nothing: not visible here"})` : fams.size === 0 ? "no scenario; family unknown" : "no scenario from this source at this time";
    falsePositives.push({ alert, kind, why });
  }
  const missed: ScenarioLabel[] = [];
  for (const s of scenarios) {
    if (s.expect[rendering] === undefined) continue;
    const t = tally(s.kind);
    t.visible += 1;
    if (detected.has(s.id)) t.detected += 1;
    else missed.push(s);
  }
  return { rendering, byKind, missed, falsePositives, alerts: alerts.length };
}

export const precision = (t: Tally): number => (t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp));
export const recall = (t: Tally): number => (t.visible === 0 ? 1 : t.detected / t.visible);

export function addTally(into: Tally, t: Tally): void {
  into.visible += t.visible;
  into.detected += t.detected;
  into.tp += t.tp;
  into.fp += t.fp;
}
