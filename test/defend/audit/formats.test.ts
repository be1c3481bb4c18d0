import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit, auditRecords, CHECKS, renderAudit, AUDIT_FORMATS, type AuditReport } from "../../../src/defend/audit/index.js";
import type { WhoisRecord } from "../../../src/record/types.js";
import { sarifValidator } from "./sarif-schema.js";
import { EXPECTED, startAuditWorld, type AuditWorld } from "./world.js";

/** Hostile text in every contact field and in the name servers: markup, terminal escapes, formula and bidi characters. */
const HOSTILE = "<script>alert(1)</script>\u001b]8;;http://evil.example\u0007x\u001b[2J\u009b31m\u202e=cmd|' /C calc'!A0 [link](javascript:alert(1)) | cell";

function hostileRecord(): WhoisRecord {
  return {
    query: "hostile-example.com",
    kind: "domain",
    status: "registered",
    source: { protocol: "whois", server: `whois.${HOSTILE}` },
    domain: { name: "hostile-example.com" },
    registrar: { name: HOSTILE },
    dates: { expires: "2026-12-10T00:00:00Z" },
    statuses: [HOSTILE],
    nameservers: [{ name: `ns1.${HOSTILE}` }],
    dnssec: "unsigned",
    contacts: [{ roles: ["registrant"], name: HOSTILE, email: `${HOSTILE}@mail.example`, phone: HOSTILE, street: [HOSTILE], city: HOSTILE }],
  };
}

function hostileReport(): AuditReport {
  const other: WhoisRecord = { ...hostileRecord(), query: "other-example.com", domain: { name: "other-example.com" }, registrar: { name: "Plain Registrar" }, nameservers: [{ name: "ns1.plain.example" }] };
  return auditRecords([{ domain: "hostile-example.com", record: hostileRecord() }, { domain: "other-example.com", record: other }], new Map(), { asOf: new Date("2026-12-06T00:00:00Z"), crownJewels: ["hostile-example.com"] });
}

describe("audit output formats", () => {
  let world: AuditWorld;
  let report: AuditReport;
  beforeAll(async () => {
    world = await startAuditWorld();
    report = await audit(EXPECTED.domains, { lookup: world.lookup, crownJewels: EXPECTED.crownJewels, asOf: new Date(EXPECTED.asOf) });
  });
  afterAll(async () => {
    await world?.close();
  });

  it("SARIF 2.1.0 validates against the OASIS schema; rules are the check table, results located by domain/field", () => {
    const validate = sarifValidator();
    const source = { uri: "domains/acme.txt", lines: new Map(EXPECTED.domains.map((domain, i) => [domain, i + 1])) };
    const withSource = JSON.parse(renderAudit(report, "sarif", { source })) as object;
    expect(validate(withSource), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(JSON.stringify(withSource)).toContain(`"physicalLocation":{"artifactLocation":{"uri":"domains/acme.txt"},"region":{"startLine":7}}`);
    for (const r of [report, hostileReport()]) {
      const log = JSON.parse(renderAudit(r, "sarif")) as { version: string; runs: { tool: { driver: { rules: { id: string; properties: { "security-severity": string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[] };
      expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      // The validator is not a rubber stamp: a wrong level or a result without a message fails.
      expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0]?.results[0], level: "fatal" }] }] })).toBe(false);
      expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ruleId: "x" }] }] })).toBe(false);
      const [run] = log.runs;
      expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual(CHECKS.map((c) => c.id));
      expect(run?.results).toHaveLength(r.findings.length);
      run?.results.forEach((result, i) => {
        const f = r.findings[i]!;
        expect(result.ruleId).toBe(f.id);
        expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(f.id);
        expect(result.level).toBe({ critical: "error", high: "error", medium: "warning", low: "note", info: "note" }[f.severity]);
        expect(result.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe(`${f.domain}/${f.evidence.field}`);
      });
    }
    // The dangling delegation is an error-level result on acme-legacy.com's name servers.
    const log = JSON.parse(renderAudit(report, "sarif")) as { runs: { results: { ruleId: string; level: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[] };
    expect(log.runs[0]?.results.find((x) => x.ruleId === "WL-AUDIT-NS-DANGLING")).toMatchObject({ level: "error", locations: [{ logicalLocations: [{ fullyQualifiedName: "acme-legacy.com/nameservers" }] }] });
  });

  it("JSON is the report itself; Markdown and HTML carry every finding and one fix per check", () => {
    expect(JSON.parse(renderAudit(report, "json"))).toEqual(JSON.parse(JSON.stringify(report)));
    const md = renderAudit(report, "md");
    const html = renderAudit(report, "html");
    for (const f of report.findings) {
      expect(md).toContain(`| ${f.severity} | ${f.domain} | ${f.id} |`);
      expect(html).toContain(`<td>${f.id}</td>`);
    }
    expect(html.match(/<td>WL-AUDIT-NS-DANGLING<\/td>/g)).toHaveLength(2); // the finding and its fix row
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
  });

  it("hostile values are inert in every format", () => {
    const hostile = hostileReport();
    expect(hostile.findings.some((f) => f.evidence.value.includes("<script>"))).toBe(true);
    for (const format of AUDIT_FORMATS) {
      const out = renderAudit(hostile, format);
      // No terminal control reaches any output: ESC, BEL, the 8-bit CSI, bidi overrides.
      expect(out, format).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      if (format === "html") {
        expect(out).not.toContain("<script");
        expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      }
      if (format === "md") {
        expect(out).not.toMatch(/<script|\]\(javascript/);
        // Every table row keeps its column count: a `|` in a value is escaped.
        const rows = out.split("\n").filter((line) => line.startsWith("| ") && line.includes("hostile-example.com") && line.includes("WL-AUDIT-"));
        expect(rows.length).toBeGreaterThan(5);
        // Seven columns: eight unescaped bars.
        for (const row of rows) expect(row.split(/(?<!\\)\|/).length, row).toBe(9);
      }
      if (format === "json" || format === "sarif") expect(() => JSON.parse(out)).not.toThrow();
    }
  });
});
