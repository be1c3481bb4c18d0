/** Tables for eval:detect: precision and recall per scenario kind and per rendering, plus failures. */
import { stripControl } from "../../util/sanitize.js";
import type { EvalResult } from "./evaluate.js";
import { addTally, emptyTally, precision, recall, type Tally } from "./score.js";

export const THRESHOLD = 0.95;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const row = (name: string, t: Tally) => `${name.padEnd(18)} ${String(t.visible).padStart(7)} ${String(t.detected).padStart(8)} ${pct(recall(t))} ${String(t.tp).padStart(6)} ${String(t.fp).padStart(5)} ${pct(precision(t))}`;
const HEAD = `${"".padEnd(18)} ${"visible".padStart(7)} ${"detected".padStart(8)} ${"recall".padStart(7)} ${"TP".padStart(6)} ${"FP".padStart(5)} ${"precis.".padStart(7)}`;

export interface Summary { byKind: Map<string, Tally>; byRendering: Map<string, Tally>; total: Tally; pass: boolean }

export function summarize(result: EvalResult): Summary {
  const byKind = new Map<string, Tally>(), byRendering = new Map<string, Tally>();
  const total = emptyTally();
  for (const r of result.renderings) {
    const rt = emptyTally();
    for (const [kind, t] of r.byKind) {
      if (!byKind.has(kind)) byKind.set(kind, emptyTally());
      addTally(byKind.get(kind)!, t);
      addTally(rt, t);
    }
    byRendering.set(r.rendering, rt);
    addTally(total, rt);
  }
  const ok = (t: Tally) => precision(t) >= THRESHOLD && recall(t) >= THRESHOLD;
  const pass = [...byKind.values(), ...byRendering.values()].every(ok);
  return { byKind, byRendering, total, pass };
}

export function formatReport(title: string, result: EvalResult, failures: boolean): string {
  const s = summarize(result);
  const out = [`${title}: seed ${result.labels.seed}, ${result.labels.scenarios.length} scenarios, ${result.renderings.length} renderings, detection ${result.seconds.toFixed(1)} s`];
  const malformed = result.stats.filter((st) => st.malformed > 0 || st.error);
  for (const st of malformed) out.push(`  input ${st.file}: ${st.malformed} malformed${st.error ? `, error: ${st.error}` : ""}`);
  out.push("", `per scenario kind     (visible = scenario×rendering pairs where it can be seen)`, HEAD);
  for (const [k, t] of [...s.byKind].sort()) out.push(row(k, t));
  out.push("", "per rendering", HEAD);
  for (const [k, t] of s.byRendering) out.push(row(k, t));
  out.push("", row("all", s.total));
  if (failures) {
    for (const r of result.renderings) {
      for (const m of r.missed) out.push(`missed  ${r.rendering.padEnd(14)} ${m.id} expected ${m.expect[r.rendering]}: ${m.description}`);
      for (const fp of r.falsePositives.slice(0, 40)) {
        const a = fp.alert;
        out.push(`FP      ${r.rendering.padEnd(14)} ${stripControl(a.ruleId)} src=${stripControl(a.source.ip)} ${new Date(a.timestamp).toISOString()} [${fp.kind}] ${fp.why}`);
      }
    }
  }
  out.push("", `${s.pass ? "PASS" : "FAIL"}: every kind and rendering needs precision and recall ≥ ${THRESHOLD}`);
  return out.join("\n");
}
