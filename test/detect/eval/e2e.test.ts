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
 * and vitest says so). A port scan through an egress firewall is logged as allowed SYNs; the
 * port-scan indicator counts verdicts it knows ("[UFW ALLOW]", CSV "allow") as unconfirmed, but an
 * iptables LOG prefix is free text ("FW-EGRESS-ACCEPT"), so those lines count as neither failed nor
 * unconfirmed and a sweep spread over both kinds of lines stays under the thresholds.
 */
const KNOWN_GAPS: readonly { kind: string; renderings: RegExp }[] = [
  { kind: "corr-port-scan", renderings: /^fw-syslog(\.gz)?$/ },
];
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
    for (const st of result.stats) expect(st.malformed, st.file).toBe(0);
    for (const [kind, t] of summary.byKind) {
      expect(recall(t), `${kind} recall\n${report}`).toBeGreaterThanOrEqual(THRESHOLD);
      expect(precision(t), `${kind} precision\n${report}`).toBeGreaterThanOrEqual(THRESHOLD);
    }
  });

  it.fails("known gaps are still open (this fails once they are fixed: drop the KNOWN_GAPS row)", { timeout: 120_000 }, async () => {
    const result = await evaluate(set.dir, detect!, { only: (r) => KNOWN_GAPS.some((g) => g.renderings.test(r)) });
    for (const g of KNOWN_GAPS) expect(recall(summarize(result).byKind.get(g.kind)!)).toBeGreaterThanOrEqual(THRESHOLD);
  });
});
