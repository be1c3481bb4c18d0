import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { AuditReport } from "../../../src/defend/audit/index.js";
import { runCli } from "../../helpers/cli.js";
import { EXPECTED, findingLines } from "./world.js";

const AS_OF = ["--sandbox", "--as-of", EXPECTED.asOf];
const work = mkdtempSync(join(tmpdir(), "whoislens-audit-cli-"));

describe("whoislens audit (CLI)", () => {
  it.each(["auto", "whois"])("--sandbox --protocol %s --format json: the hand-written findings", async (protocol) => {
    const jewels = EXPECTED.crownJewels.flatMap((d) => ["--crown-jewel", d]);
    const run = await runCli(["audit", ...EXPECTED.domains, ...jewels, ...AS_OF, "--protocol", protocol, "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as AuditReport;
    expect(findingLines(report)).toEqual(EXPECTED.findings);
  });

  it("--watched: audits the watch list's domains with their crown-jewel marks, the same findings as naming them", async () => {
    const store = join(work, "watched.db");
    for (const domain of EXPECTED.domains) {
      const mark = EXPECTED.crownJewels.includes(domain) ? ["--crown-jewel"] : [];
      const added = await runCli(["watch", "add", domain, ...mark, "--store", store]);
      expect(added.code, added.stderr).toBe(0);
    }
    const run = await runCli(["audit", "--watched", "--store", store, ...AS_OF, "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(findingLines(JSON.parse(run.stdout) as AuditReport)).toEqual(EXPECTED.findings);
    // A store whose watch list holds no domain (a netblock only), and a store that does not exist (a mistyped
    // path was once created empty and reported as "no domain to audit").
    const netblockOnly = join(work, "netblock-only.db");
    expect((await runCli(["watch", "add", "192.0.2.0/24", "--store", netblockOnly])).code).toBe(0);
    const empty = await runCli(["audit", "--watched", "--store", netblockOnly, ...AS_OF]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("no domain to audit");
    const missing = await runCli(["audit", "--watched", "--store", join(work, "missing.db"), ...AS_OF]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no store at ${join(work, "missing.db")}`);
    expect(existsSync(join(work, "missing.db"))).toBe(false);
  });

  it("--watched without --store: the watch list of the command's own data directory (its environment), as `watch add` used", async () => {
    // audit --watched opened the store without the command's environment (process.env's data directory instead).
    const env = { WHOISLENS_DATA_DIR: mkdtempSync(join(work, "data-")), WHOISLENS_CACHE_DIR: join(work, "cache"), XDG_CONFIG_HOME: join(work, "no-config") };
    expect((await runCli(["watch", "add", "example.com", "--crown-jewel"], { env })).code).toBe(0);
    const run = await runCli(["audit", "--watched", ...AS_OF, "--format", "json"], { env });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as AuditReport).domains.map((d) => [d.domain, d.crownJewel])).toEqual([["example.com", true]]);
  });

  it("--fail-on: exit 1 when a finding at or above the severity exists, else 0", async () => {
    // example.com alone: its worst finding is medium (personal data); as crown jewel, high (no registry lock).
    const plain = await runCli(["audit", "example.com", ...AS_OF, "--fail-on", "high"]);
    expect(plain.code, plain.stderr).toBe(0);
    const jewel = await runCli(["audit", "example.com", "--crown-jewel", "example.com", ...AS_OF, "--fail-on", "high"]);
    expect(jewel.code).toBe(1);
    expect((await runCli(["audit", "example.com", ...AS_OF, "--fail-on", "medium"])).code).toBe(1);
    expect((await runCli(["audit", "example.com", ...AS_OF, "--fail-on", "critical"])).code).toBe(0);
    // Without --fail-on, findings alone never fail the command.
    expect((await runCli(["audit", "acme-legacy.com", ...AS_OF])).code).toBe(0);
    expect((await runCli(["audit", "acme-legacy.com", ...AS_OF, "--fail-on", "critical"])).code).toBe(1);
  });

  it("a domain that could not be looked up makes exit 3 (worst wins), and the report says so", async () => {
    const run = await runCli(["audit", "example.com", "acme-widgets.example", ...AS_OF, "--fail-on", "info"]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/acme-widgets\.example {2}error .*WL_ERR_NO_SERVER/);
    expect(run.stdout).toContain("1 not checked (lookup failed)");
  });

  it("terminal summary by default; --out picks the format from its extension; --file and stdin add domains", async () => {
    const text = await runCli(["audit", "acme-legacy.com", ...AS_OF]);
    expect(text.stdout).toMatch(/^whoislens audit: 1 domain\(s\), \d+ finding\(s\) \(1 critical, /);
    expect(text.stdout).toMatch(/CRITICAL acme-legacy\.com {2}WL-AUDIT-NS-DANGLING {2}name server ns1\.acme-legacy-dns\.com is under acme-legacy-dns\.com: it is not registered/);
    expect(text.stdout).toContain("Fixes:\n");

    const list = join(work, "domains.txt");
    writeFileSync(list, "# Acme\nexample.com\n\nacme-legacy.com   # the old one\n");
    const out = join(work, "audit.sarif");
    const file = await runCli(["audit", "--file", list, "acme-careers.com", ...AS_OF, "-o", out]);
    expect(file.code, file.stderr).toBe(0);
    expect(file.stdout).toBe("");
    expect(file.stderr).toMatch(/audit: \d+ finding\(s\) written to .*audit\.sarif/);
    type Location = { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } } };
    const sarif = JSON.parse(readFileSync(out, "utf8")) as { version: string; runs: { properties: { domains: { domain: string }[] }; results: { properties: { domain: string }; locations: Location[] }[] }[] };
    expect(sarif.version).toBe("2.1.0");
    // Results of domains from --file point at the line naming them (GitHub code scanning shows alerts there).
    const lineOf = (domain: string): (number | undefined)[] => [...new Set(sarif.runs[0]?.results.filter((r) => r.properties.domain === domain).map((r) => r.locations[0]?.physicalLocation?.region.startLine))];
    expect(lineOf("example.com")).toEqual([2]);
    expect(lineOf("acme-legacy.com")).toEqual([4]);
    expect(lineOf("acme-careers.com")).toEqual([undefined]);
    expect(sarif.runs[0]?.results.find((r) => r.locations[0]?.physicalLocation)?.locations[0]?.physicalLocation?.artifactLocation.uri).toBe(pathToFileURL(list).href);
    expect(sarif.runs[0]?.properties.domains.map((d) => d.domain)).toEqual(["acme-careers.com", "example.com", "acme-legacy.com"]); // arguments first, then the file

    const stdin = await runCli(["audit", "--file", "-", ...AS_OF, "--format", "md"], { stdin: "acme-careers.com\n" });
    expect(stdin.stdout).toMatch(/^# Domain registration audit/);
    expect(stdin.stdout).toContain("| medium | acme-careers.com | WL-AUDIT-PII-EMAIL |");
    const html = join(work, "audit.html");
    await runCli(["audit", "acme-careers.com", ...AS_OF, "--out", html]);
    expect(readFileSync(html, "utf8")).toMatch(/^<!doctype html>/);
  });

  it.each([
    [["audit"], /no domain to audit/],
    [["audit", "example.com", "--as-of", "next tuesday"], /--as-of needs an ISO 8601 date/],
    [["audit", "exa mple.com"], /"exa mple\.com" is not a domain name/],
    [["audit", "example.com", "--crown-jewel", "not/a/domain"], /"not\/a\/domain" is not a domain name/],
    [["audit", "example.com", "--file", "/nonexistent/list.txt"], /cannot read --file/],
    [["audit", "example.com", "--fail-on", "severe"], /severe/],
    [["audit", "example.com", "--concurrency", "0"], /--concurrency needs a whole number/],
  ])("usage error %j: exit 2 naming the problem, nothing looked up", async (argv, message) => {
    // --sandbox: even a bug that went on to look up would stay on loopback.
    const run = await runCli([...argv, "--sandbox"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });
});
