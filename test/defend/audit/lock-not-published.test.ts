import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport, Finding } from "../../../src/defend/audit/index.js";
import { closeRdapAgents } from "../../../src/net/index.js";
import { useSandboxWork } from "../../helpers/built-cli.js";
import { runCli } from "../../helpers/cli.js";
import { startNominetWorld, type NominetWorld } from "../../fixtures/nominet-world/start.js";

/**
 * Issue #13 (w24): registries that publish no EPP lock statuses (src/defend/audit/lock-publishing.ts) made
 * `audit` report high "no transfer lock" findings across a ccTLD portfolio. Their domains now get one info
 * WL-AUDIT-LOCK-NOT-PUBLISHED naming the registry; a TLD not in the table keeps the missing-lock findings.
 */
const LOCK_IDS = /^WL-AUDIT-(LOCK-CLIENT-|REGISTRY-LOCK-MISSING)/;

function lockFindings(report: AuditReport, domain: string): Finding[] {
  return report.findings.filter((f) => f.domain === domain && (LOCK_IDS.test(f.id) || f.id === "WL-AUDIT-LOCK-NOT-PUBLISHED"));
}

function expectNotPublished(report: AuditReport, domain: string, registry: string): void {
  const found = lockFindings(report, domain);
  expect(found.map((f) => [f.id, f.severity, f.evidence.field, f.evidence.value]), domain).toEqual([["WL-AUDIT-LOCK-NOT-PUBLISHED", "info", "registry", registry]]);
  expect(found[0]?.message).toMatch(/lock status not published by this registry — check with your registrar/);
}

describe("audit on the sandbox: .de (DENIC) and .jp (JPRS) get the informational finding, .com keeps its locks", () => {
  const world = useSandboxWork("whoislens-audit-locks-");
  afterAll(() => closeRdapAgents());

  it.each(["auto", "whois"])("--protocol %s", async (protocol) => {
    const flags = ["--servers", world().mapFile, "--servers-only", "--bootstrap-dir", world().sandbox.bootstrapDir, "--no-cache", "--no-ns-check", "--format", "json", "--as-of", "2026-12-07"];
    const run = await runCli(["audit", "beispiel.de", "example.jp", "acme-legacy.com", "--crown-jewel", "beispiel.de", "--protocol", protocol, ...flags]);
    const report = JSON.parse(run.stdout) as AuditReport;
    expect(report.domains.map((d) => [d.domain, d.status])).toEqual([["beispiel.de", "registered"], ["example.jp", "registered"], ["acme-legacy.com", "registered"]]);
    expectNotPublished(report, "beispiel.de", "DENIC (.de)");
    expectNotPublished(report, "example.jp", "JPRS (.jp)");
    // A registry that publishes EPP statuses: an unlocked domain is still reported.
    expect(lockFindings(report, "acme-legacy.com").map((f) => [f.id, f.severity])).toEqual([
      ["WL-AUDIT-LOCK-CLIENT-TRANSFER", "high"],
      ["WL-AUDIT-LOCK-CLIENT-DELETE", "medium"],
      ["WL-AUDIT-LOCK-CLIENT-UPDATE", "medium"],
    ]);
    // SARIF lists the new rule, and its results are notes.
    const sarif = await runCli(["audit", "beispiel.de", "--protocol", protocol, ...flags.slice(0, -4), "--format", "sarif", "--as-of", "2026-12-07"]);
    const log = JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[] };
    expect(log.runs[0]?.tool.driver.rules.map((r) => r.id)).toContain("WL-AUDIT-LOCK-NOT-PUBLISHED");
    expect(log.runs[0]?.results.filter((r) => r.ruleId.includes("LOCK")).map((r) => [r.ruleId, r.level])).toEqual([["WL-AUDIT-LOCK-NOT-PUBLISHED", "note"]]);
  });
});

describe("audit on the Nominet-style .uk world (test/fixtures/nominet-world/world.py), both protocols", () => {
  let world: NominetWorld;
  let map: string;
  beforeAll(async () => {
    world = await startNominetWorld();
    map = world.map;
  });
  afterAll(() => world.stop());

  it.each(["whois", "rdap"])("--protocol %s: one informational finding naming Nominet, no missing lock, even as a crown jewel", async (protocol) => {
    const run = await runCli(["audit", "widgets-example.co.uk", "--crown-jewel", "widgets-example.co.uk", "--servers", map, "--servers-only", "--protocol", protocol, "--no-cache", "--no-ns-check", "--format", "json", "--as-of", "2026-12-07"]);
    const report = JSON.parse(run.stdout) as AuditReport;
    expect(report.domains.map((d) => [d.domain, d.status, d.protocol])).toEqual([["widgets-example.co.uk", "registered", protocol]]);
    expectNotPublished(report, "widgets-example.co.uk", "Nominet (.uk)");
  });
});
