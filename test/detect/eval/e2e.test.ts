/** End to end: a small generated set through detectFiles; P and R ≥ 0.95 per scenario kind. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDetector } from "../../../src/detect/eval/detector.js";
import { evaluate } from "../../../src/detect/eval/evaluate.js";
import type { ScenarioLabel } from "../../../src/detect/eval/model.js";
import { formatReport, summarize, THRESHOLD } from "../../../src/detect/eval/report.js";
import { precision, recall } from "../../../src/detect/eval/score.js";
import { makeSet, type Fixture } from "./fixture.js";

const detect = await loadDetector();

/**
 * Known gaps, reported to their owners; remove a row when it is fixed (its `fails` test then passes
 * and vitest says so). None open: the last one (free-text iptables prefixes such as "FW-EGRESS-ACCEPT"
 * hiding the verdict from the port-scan indicator) was fixed in the firewall reader.
 */
const KNOWN_GAPS: readonly { kind: string; renderings: RegExp }[] = [];
const waived = (s: ScenarioLabel, r: string) => KNOWN_GAPS.some((g) => g.kind === s.kind && g.renderings.test(r));

describe.skipIf(detect === undefined)("eval:detect end to end (small set)", () => {
  let set: Fixture;
  beforeAll(() => {
    set = makeSet(5);
  });
  afterAll(() => set.cleanup());

  it(`scores precision and recall ≥ ${THRESHOLD} for every scenario kind (known gaps waived)`, { timeout: 120_000 }, async () => {
    const result = await evaluate(set.dir, detect!, { waive: waived });
    const summary = summarize(result);
    const report = formatReport("e2e", result, true);
    // Every rendering read, every labelled kind scored: the loops below are over the whole set, not an empty one.
    expect(result.stats.length).toBeGreaterThanOrEqual(set.labels.renderings.length);
    expect([...summary.byKind.keys()].sort()).toEqual([...new Set(set.labels.scenarios.map((s) => s.kind))].sort());
    for (const st of result.stats) expect(st.malformed, st.file).toBe(0);
    for (const [kind, t] of summary.byKind) {
      expect(recall(t), `${kind} recall\n${report}`).toBeGreaterThanOrEqual(THRESHOLD);
      expect(precision(t), `${kind} precision\n${report}`).toBeGreaterThanOrEqual(THRESHOLD);
    }
  });

  // Each gap checked on its own, and only on its recall: it.fails passed on any error (a kind not scored at
  // all, a TypeError) and as soon as one gap was open, however many others had been fixed.
  if (KNOWN_GAPS.length > 0) it("known gaps are still open (one that fails here is fixed: drop its KNOWN_GAPS row)", { timeout: 120_000 }, async () => {
    const result = await evaluate(set.dir, detect!, { only: (r) => KNOWN_GAPS.some((g) => g.renderings.test(r)) });
    const byKind = summarize(result).byKind;
    for (const g of KNOWN_GAPS) {
      const tally = byKind.get(g.kind);
      expect(tally, `${g.kind}: not scored`).toBeDefined();
      expect(recall(tally!), `${g.kind} recall`).toBeLessThan(THRESHOLD);
    }
  });
});
