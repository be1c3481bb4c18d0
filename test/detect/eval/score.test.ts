import { describe, expect, it } from "vitest";
import { familiesOf } from "../../../src/detect/eval/families.js";
import { buildWorld } from "../../../src/detect/eval/generate.js";
import type { Family, ScenarioLabel } from "../../../src/detect/eval/model.js";
import { precision, recall, scoreRendering } from "../../../src/detect/eval/score.js";
import type { Alert } from "../../../src/detect/types.js";
import { SMALL } from "./fixture.js";

const RULE: Record<Family, string> = {
  port43: "whois-port43-egress", rdap: "rdap-endpoint-lookup", "web-whois": "web-whois-service", endpoint: "whois-tool-process",
  burst: "whois-burst", "own-domain": "own-domain-lookup", correlation: "whois-correlated-dns-enumeration",
};

function alert(ruleId: string, ip: string, timestamp: number): Alert {
  return { timestamp, ruleId, ruleName: ruleId, severity: "low", score: 21, source: { ip }, targets: [], reasons: [], evidence: [], technique: "T1596.002", tactic: "TA0043" };
}

const oracle = (scenarios: ScenarioLabel[], rendering: string) =>
  scenarios.flatMap((s) => (s.expect[rendering] ? [alert(RULE[s.expect[rendering]!], s.source.ip, s.window.start + 1000)] : []));

describe("scorer", () => {
  const { labels } = buildWorld({ ...SMALL, seed: 3 });

  it("maps rule ids onto families", () => {
    for (const [family, id] of Object.entries(RULE)) expect(familiesOf(alert(id, "10.0.0.1", 0)).has(family as Family), id).toBe(true);
  });

  it("gives a perfect detector precision and recall 1 in every rendering", () => {
    for (const r of ["zeek-tsv", "suricata-eve", "sysmon-ecs", "fw-csv", "squid", "pcap"]) {
      const score = scoreRendering(r, labels.scenarios, oracle(labels.scenarios, r));
      for (const [kind, t] of score.byKind) {
        expect(recall(t), `${r} ${kind}`).toBe(1);
        expect(precision(t), `${r} ${kind}`).toBe(1);
      }
      expect(score.missed).toEqual([]);
    }
  });

  it("counts blaming the resolver, a wrong family, a wrong time and silence against the detector", () => {
    const single = labels.scenarios.find((s) => s.kind === "single-port43")!;
    const burst = labels.scenarios.find((s) => s.kind === "burst-port43")!;
    const alerts = [
      ...oracle(labels.scenarios, "zeek-tsv").filter((a) => a.source.ip !== burst.source.ip),
      alert("rdap-endpoint-lookup", labels.resolver, single.window.start),
      alert("whois-burst", single.source.ip, single.window.start),
      alert("whois-port43-egress", burst.source.ip, burst.window.end + 3 * 3_600_000),
    ];
    const score = scoreRendering("zeek-tsv", labels.scenarios, alerts);
    expect(score.falsePositives.map((f) => f.alert.source.ip).sort()).toEqual([burst.source.ip, labels.resolver, single.source.ip].sort());
    expect(score.missed.map((s) => s.id)).toEqual([burst.id]);
    expect(recall(score.byKind.get("burst-port43")!)).toBeLessThan(1);
  });

  it("accepts a host-name source for endpoint scenarios", () => {
    const ep = labels.scenarios.find((s) => s.kind === "endpoint-tool")!;
    const a = { ...alert("whois-tool-process", "", ep.window.start), source: { ip: ep.source.host!.split(".")[0]!.toUpperCase(), host: ep.source.host } };
    const score = scoreRendering("sysmon-evtx", [ep], [a]);
    expect(score.missed).toEqual([]);
    expect(score.falsePositives).toEqual([]);
  });
});
