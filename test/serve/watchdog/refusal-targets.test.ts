/**
 * w23 (issue #13): refusals that read no query — `too-many-connections`, a slow client cut before it sent a
 * byte — are logged with `query: ""` (lines as `whoislens serve --decoy` wrote them for a Python flood client on
 * 127.0.0.3:43). The throttled-source alert used to list that empty string as a target ("targets (1): ").
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { watchQueryLogs } from "../../../src/serve/watchdog/index.js";

const refused = (i: number, query: string) => JSON.stringify({ ts: new Date(Date.UTC(2026, 11, 7, 23, 44, 19) + i).toISOString(), protocol: "whois", source: "127.0.0.1",
  sourceKey: "127.0.0.1", query, objectType: "unknown", outcome: "too-many-connections", personalObjects: 0, decoy: false, bytes: 123, durationMs: 0 });

describe("a flood's refusals in the query log", () => {
  it("alert serve-throttled-source with no empty target; a refusal that did read a query names it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-refusals-"));
    const path = join(dir, "serve-queries.ndjson");
    writeFileSync(path, `${[...Array.from({ length: 12 }, (_, i) => refused(i, "")), refused(12, "northwind-payroll.example")].join("\n")}\n`);
    const { alerts } = await watchQueryLogs([path]);
    const throttled = alerts.filter((a) => a.ruleId === "serve-throttled-source");
    expect(throttled.map((a) => [a.source.ip, a.targets])).toEqual([["127.0.0.1", ["northwind-payroll.example"]]]);
  });
});
