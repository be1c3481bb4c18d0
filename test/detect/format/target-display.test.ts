/**
 * Issue #13 (w24): one spelling of an AS number everywhere. Targets are kept normalized inside (lower-case keys
 * for distinct counting); every output shows them as registries write them: `AS64496` (RFC 5396), RPSL set names
 * in capitals (`AS64496:AS-CUSTOMERS`, RFC 2622 §5). Two ways a lower-case form reached the output before:
 * a WHOIS query whose key is no domain, address or plain AS number (an as-set, `-i origin as64496:as-customers`)
 * kept its lower-cased key, and a `serve` query-log line with no objectKey (a refusal, a miss) showed the query as
 * typed, while answered lines carry serve's key `AS64496`. Zeek whois.log lines are written in Zeek's JSON layout;
 * the query-log lines as `whoislens serve` writes them (docs/serve.md, QueryLogEntry).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { alertFormatter } from "../../../src/detect/format/alert-line.js";
import { displayTarget } from "../../../src/detect/format/target-display.js";
import type { Alert } from "../../../src/detect/types.js";
import { watchQueryLogs } from "../../../src/serve/watchdog/index.js";

const dir = mkdtempSync(join(tmpdir(), "wl-target-display-"));
const file = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
};
const zeekWhois = (i: number, query: string) => JSON.stringify({ ts: `2026-12-07T10:00:0${i}.000000Z`, uid: `W${i}`, "id.orig_h": "10.0.0.5", "id.orig_p": 51000 + i, "id.resp_h": "198.51.100.43", "id.resp_p": 43, query, _path: "whois" });
const refused = (i: number, query: string) => JSON.stringify({ ts: new Date(Date.UTC(2026, 11, 7, 23, 44, 19) + i).toISOString(), protocol: "whois", source: "127.0.0.1",
  sourceKey: "127.0.0.1", query, objectType: "autnum", outcome: "too-many-connections", personalObjects: 0, decoy: false, bytes: 123, durationMs: 0 });

/** The target spellings each format prints for one alert. */
function printedTargets(alert: Alert): { markdown: string; ecs: string[]; cef: string } {
  const markdown = alertFormatter("markdown")(alert, 1).split("\n").find((l) => l.startsWith("- **targets")) ?? "";
  const ecs = (JSON.parse(alertFormatter("ndjson")(alert, 1)) as { whoislens: { targets: string[] } }).whoislens.targets;
  const cef = /cs3=(\S*)/.exec(alertFormatter("cef")(alert, 1))?.[1] ?? "";
  return { markdown, ecs, cef };
}

describe("AS numbers and RPSL set names are printed in capitals in every format", () => {
  it("detect: WHOIS queries for an AS, an as-set and a hierarchical set name", async () => {
    const path = file("whois.json", [zeekWhois(1, "as64496"), zeekWhois(2, "-i origin as64496:as-customers"), zeekWhois(3, "as-example")]);
    const { alerts } = await detectFiles([path]);
    const egress = alerts.find((a) => a.ruleId === "whois-port43-egress")!;
    expect(egress.targets).toEqual(["AS64496", "as64496:as-customers", "as-example"]); // kept normalized inside
    const printed = printedTargets(egress);
    expect(printed.markdown).toBe("- **targets (3):** AS64496, AS64496:AS-CUSTOMERS, AS-EXAMPLE");
    expect(printed.ecs).toEqual(["AS64496", "AS64496:AS-CUSTOMERS", "AS-EXAMPLE"]);
    expect(printed.cef).toBe("AS64496,AS64496:AS-CUSTOMERS,AS-EXAMPLE");
  });

  it("serve query log: a refusal's query as typed (as64496) is printed AS64496, as answered lines name it", async () => {
    const path = file("serve-queries.ndjson", Array.from({ length: 13 }, (_, i) => refused(i, "as64496")));
    const { alerts } = await watchQueryLogs([path]);
    const throttled = alerts.find((a) => a.ruleId === "serve-throttled-source")!;
    expect(throttled.targets).toEqual(["as64496"]);
    const printed = printedTargets(throttled);
    expect(printed.markdown).toBe("- **targets (1):** AS64496");
    expect(printed.ecs).toEqual(["AS64496"]);
    expect(printed.cef).toBe("AS64496");
  });

  it("only registry names change: domains, addresses, handles and look-alikes are printed as kept", () => {
    const changed: [string, string][] = [["as64496", "AS64496"], ["As4294967295", "AS4294967295"], ["as-set-1:rs-routes", "AS-SET-1:RS-ROUTES"], ["fltr-martian", "FLTR-MARTIAN"], ["rtrs-core", "RTRS-CORE"], ["prng-ix", "PRNG-IX"]];
    for (const [kept, shown] of changed) expect(displayTarget(kept), kept).toBe(shown);
    for (const kept of ["example.com", "as-example.com", "rs-online.com", "asdf", "as", "as64496x", "192.0.2.1", "2001:db8::1", "alice-test", "as-", "as64496:", `as-${"x".repeat(300)}`]) {
      expect(displayTarget(kept), kept).toBe(kept);
    }
  });
});
