import { describe, expect, it } from "vitest";
import { audit, CHECKS } from "../../../src/defend/audit/index.js";
import { EXPECTED, findingLines, startAuditWorld } from "./world.js";
import { useServer } from "../../helpers/servers.js";

describe("audit of the sandbox organisation", () => {
  const world = useServer(startAuditWorld);

  it.each(["auto", "whois"] as const)("--protocol %s: exactly the hand-written findings, nothing else", async (protocol) => {
    const report = await audit(EXPECTED.domains, { lookup: { ...world().lookup, protocol }, crownJewels: EXPECTED.crownJewels, asOf: new Date(EXPECTED.asOf) });
    expect(report.domains.map((d) => [d.domain, d.status, d.protocol])).toEqual(EXPECTED.domains.map((d) => [d, "registered", protocol === "auto" ? "rdap" : "whois"]));
    const lost = EXPECTED.protocolOnly[protocol === "auto" ? "rdap" : "whois"];
    const want = Object.fromEntries(Object.entries(EXPECTED.findings).map(([domain, lines]) => [domain, lines.filter((line) => !lost.includes(`${domain} ${line}`))]));
    expect(findingLines(report)).toEqual(Object.fromEntries(Object.entries(want).filter(([, lines]) => lines.length > 0)));
    for (const f of report.findings) {
      expect(f.severity, f.id).toBe(EXPECTED.severities[f.id]);
      // Every finding names its evidence's source and carries its check's technique and fix.
      expect(f.evidence.protocol).toBe(protocol === "auto" ? "rdap" : "whois");
      expect(f.evidence.server).toMatch(/^(rdap|whois)\./);
      const check = CHECKS.find((c) => c.id === f.id);
      expect(f.technique).toEqual(check?.technique);
      expect(f.fix).toBe(check?.fix);
    }
    // Contacts come from the registrar the thin registry referred to; dates and statuses from the registry.
    const server = (domain: string, id: string): string | undefined => report.findings.find((f) => f.domain === domain && f.id === id)?.evidence.server;
    expect(server("example.com", "WL-AUDIT-PII-NAME")).toBe(protocol === "auto" ? "rdap.registrar-one.sandbox" : "whois.registrar-one.sandbox");
    expect(server("acme-widgets.com", "WL-AUDIT-EXPIRY-15")).toBe(protocol === "auto" ? "rdap.verisign.com" : "whois.verisign-grs.com");
    // Most severe first.
    const ranks = report.findings.map((f) => ["critical", "high", "medium", "low", "info"].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // The dangling name server's domain and the expiring one were looked up through the same engine.
    expect(report.nameserverDomains).toEqual(expect.arrayContaining([{ domain: "acme-legacy-dns.com", status: "available" }, { domain: "oldhost-example.net", status: "registered", expires: "2026-12-14T09:00:00Z" }]));
  });

  it("paces every server through the scheduler: each name server domain is asked once, however many domains use it", async () => {
    world().sandbox.resetCounters();
    await audit(["acme-legacy.com", "acme-careers.com"], { lookup: { ...world().lookup, protocol: "whois", cache: undefined }, crownJewels: [], asOf: new Date(EXPECTED.asOf) });
    const stats = world().sandbox.stats();
    // acme-legacy.com, acme-careers.com, acme-legacy-dns.com, oldhost-example.net: four registry queries, one each.
    expect(stats["whois.verisign-grs.com"]).toBe(4);
  });

  it("without --crown-jewel no registry-lock finding; --no-ns-check skips the name servers' domains", async () => {
    const report = await audit(["example.com", "acme-legacy.com"], { lookup: world().lookup, crownJewels: [], asOf: new Date(EXPECTED.asOf), nameserverDomains: false });
    expect(report.findings.some((f) => f.id === "WL-AUDIT-REGISTRY-LOCK-MISSING")).toBe(false);
    expect(report.findings.some((f) => f.id.startsWith("WL-AUDIT-NS-D"))).toBe(false);
    expect(report.nameserverDomains).toEqual([]);
  });

  it("an unregistered domain of the list is a critical finding; a typo is a usage error before any lookup", async () => {
    const report = await audit(["never-registered-example.com"], { lookup: world().lookup, crownJewels: [], asOf: new Date(EXPECTED.asOf) });
    expect(report.findings.map((f) => [f.id, f.severity, f.domain])).toEqual([["WL-AUDIT-UNREGISTERED", "critical", "never-registered-example.com"]]);
    world().sandbox.resetCounters();
    await expect(audit(["example.com", "not a domain"], { lookup: world().lookup, crownJewels: [] })).rejects.toThrow(/"not a domain" is not a domain name/);
    expect(Object.values(world().sandbox.stats()).reduce((a, b) => a + b, 0)).toBe(0);
  });
});
