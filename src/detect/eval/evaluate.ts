/** Runs the detector on every rendering of a labelled set and scores each one. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DetectFn } from "./detector.js";
import type { Labels } from "./generate.js";
import { scoreRendering, type RenderingScore } from "./score.js";
import type { ReadStats } from "../types.js";
import type { ScenarioLabel } from "./model.js";

export interface EvalResult { labels: Labels; renderings: RenderingScore[]; stats: ReadStats[]; seconds: number }

export function readLabels(dir: string): Labels {
  const labels = JSON.parse(readFileSync(join(dir, "labels.json"), "utf8")) as Labels;
  if (labels.version !== 1 || !Array.isArray(labels.scenarios) || !Array.isArray(labels.renderings)) {
    throw new TypeError(`${join(dir, "labels.json")} is not a whoislens evaluation label file`);
  }
  return labels;
}

/** `waive(scenario, rendering)`: leave that pair out of recall (a known gap being tracked elsewhere). */
export interface EvaluateOptions { only?: (rendering: string) => boolean; waive?: (s: ScenarioLabel, rendering: string) => boolean }

export async function evaluate(dir: string, detect: DetectFn, options: EvaluateOptions = {}): Promise<EvalResult> {
  const { only, waive } = options;
  const labels = readLabels(dir);
  const started = process.hrtime.bigint();
  const renderings: RenderingScore[] = [];
  const stats: ReadStats[] = [];
  for (const r of labels.renderings) {
    if (only && !only(r.name)) continue;
    const run = await detect(r.files.map((f) => join(dir, f)), {
      orgDomains: labels.orgDomains, orgDomainsFile: join(dir, labels.orgDomainsFile), columnMap: r.columnMap,
    });
    stats.push(...run.stats);
    const scenarios = waive ? labels.scenarios.map((s) => (waive(s, r.name) ? { ...s, expect: Object.fromEntries(Object.entries(s.expect).filter(([k]) => k !== r.name)) } : s)) : labels.scenarios;
    renderings.push(scoreRendering(r.name, scenarios, run.alerts));
  }
  return { labels, renderings, stats, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
