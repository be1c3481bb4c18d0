import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mdText } from "../../src/footprint/export/markdown.js";
import { runCli } from "../helpers/cli.js";
import { startWorld, type World } from "./world.js";

describe("whoislens footprint", () => {
  let world: World;
  let dir: string;
  let base: string[];

  beforeAll(async () => {
    world = await startWorld();
    dir = mkdtempSync(join(tmpdir(), "whoislens-footprint-cli-"));
    writeFileSync(join(dir, "servers.json"), JSON.stringify(world.sandbox.serverMap));
    base = ["--servers", join(dir, "servers.json"), "--servers-only", "--bootstrap-dir", world.sandbox.bootstrapDir, "--resolver", world.resolver, "--store", join(dir, "store.db")];
    // The store learns the world the way users fill it: a bulk run over a zone list.
    writeFileSync(join(dir, "zone.txt"), ["example.com", "acme-widgets.com", "example.net", "example.org", "acme-widgets.net", "acmewidgets-store.com", "globex-example.com", "initech-example.com", "privacy-example.com"].join("\n"));
    const bulk = await runCli(["bulk", join(dir, "zone.txt"), ...base.filter((a) => a !== "--resolver" && a !== world.resolver), "--out", join(dir, "zone.ndjson")]);
    expect(bulk.code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(["auto", "whois"])("prints the Markdown report to a pipe and progress on stderr (--protocol %s)", async (protocol) => {
    const run = await runCli(["footprint", "example.com", ...base, "--protocol", protocol]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Attack surface: example\.com/);
    expect(run.stdout).toContain("acmewidgets-store.com");
    for (const asset of ["AS64500", "AS64501", "AS65550", "198.51.100.0/24", "203.0.113.0/24", "2001:db8:1234::/48"]) expect(run.stdout).toContain(mdText(asset));
    expect(run.stdout).toMatch(/## Registry handles\n\n\|[^\n]*\n\|---[^\n]*\n(?:\|[^\n]*\n)*\| ACMEW-ARIN \|/);
    expect(run.stderr).toMatch(/footprint: done, \d+ assets, \d+ queries spent/);
  });

  it("on a terminal prints a readable summary, no Markdown", async () => {
    const run = await runCli(["footprint", "example.com", ...base, "--depth", "2"], { tty: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Attack surface: example\.com\n\d+ assets: \d+ domains/);
    expect(run.stdout).toMatch(/^Netblocks \(\d+\)$/m);
    expect(run.stdout).toMatch(/^ {2}198\.51\.100\.0\/24 +0\.\d\d +ACME-WIDGETS-NET +in-network of 198\.51\.100\.10 +per rdap:\S+ 198\.51\.100\.10$/m);
    // None of the report's Markdown: no table pipes, headings or backslash escapes such as "\(".
    expect(run.stdout).not.toMatch(/\\[()[\]#*_|.+-]|^#|\| --- \||^\|/m);
  });

  it("on a terminal --format md still writes Markdown; to a pipe the default stays Markdown", async () => {
    const md = await runCli(["footprint", "example.com", ...base, "--depth", "1", "--format", "md"], { tty: true });
    expect(md.stdout).toMatch(/^# Attack surface: example\.com/);
    const piped = await runCli(["footprint", "example.com", ...base, "--depth", "1"], { tty: false });
    expect(piped.stdout).toMatch(/^# Attack surface: example\.com/);
    expect(piped.stdout).toMatch(/^\|---\|/m);
  });

  it("on a terminal --out report.md writes Markdown to the file and nothing to stdout", async () => {
    const run = await runCli(["footprint", "example.com", ...base, "--depth", "1", "--out", join(dir, "tty-report.md")], { tty: true });
    expect(run.stdout).toBe("");
    expect(readFileSync(join(dir, "tty-report.md"), "utf8")).toMatch(/^# Attack surface: example\.com/);
  });

  it.each([
    ["graph.json", /"edges"/],
    ["graph.graphml", /<graphml /],
    ["assets.csv", /^type,value,owned/],
    ["bundle.stix.json", /"type": "bundle"/],
    ["report.html", /^<!doctype html>/],
  ])("--out %s picks the format from the extension", async (file, pattern) => {
    const run = await runCli(["footprint", "example.com", ...base, "--out", join(dir, file), "--depth", "2"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(readFileSync(join(dir, file), "utf8")).toMatch(pattern);
  });

  it.each(["auto", "whois"])("--format json gives nodes with type and value and edges with evidence (--protocol %s)", async (protocol) => {
    const run = await runCli(["footprint", "hostmaster@acme-widgets.example", ...base, "--format", "json", "--no-dns", "--protocol", protocol]);
    const graph = JSON.parse(run.stdout) as { nodes: { type: string; value: string; owned: boolean }[]; edges: { evidence: { source: string } }[] };
    expect(graph.nodes.filter((n) => n.type === "domain" && n.owned).map((n) => n.value)).toEqual(expect.arrayContaining(["example.com", "acme-widgets.com"]));
    expect(graph.edges.every((e) => e.evidence.source.length > 0)).toBe(true);
  });

  it.each([
    [["--depth", "-1"], /--depth needs a whole number from 0 to 10, got "-1"/],
    [["--budget", "lots"], /--budget needs a whole number/],
    [["--min-confidence", "2"], /--min-confidence needs a number from 0 to 1, got "2"/],
    [["--resolver", "bad host:99999"], /invalid --resolver/],
  ])("rejects %j with a clear error and exit code 2", async (flags, message) => {
    const run = await runCli(["footprint", "example.com", ...base, ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("a seed it cannot read is a usage error", async () => {
    const run = await runCli(["footprint", "!!!", ...base]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot tell what seed/);
  });
});

describe("whoislens demo's footprint step", () => {
  it("prints the text summary, not the Markdown report", async () => {
    const run = await runCli(["demo"]);
    expect(run.code).toBe(0);
    const step = run.stdout.slice(run.stdout.indexOf("━━ whoislens footprint example.com"));
    expect(step).toMatch(/\nAttack surface: example\.com\n/);
    expect(step).toMatch(/^AS numbers \(3\)$/m);
    expect(step).not.toMatch(/^# |\\[().]|^\|/m);
  }, 90_000);
});
