import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { QueryLogEntry } from "../../../src/serve/contract.js";
import { sniffFormat } from "../../../src/detect/readers/index.js";
import { createWatchdog, keyShape, loadQueryRules, loadSourceList, watchQueryLogs } from "../../../src/serve/watchdog/index.js";
import { runCli } from "../../helpers/cli.js";
import { buildWorld, SCANNER } from "./world.js";

const dir = mkdtempSync(join(tmpdir(), "wl-watchdog-"));
const world = buildWorld();
const logPath = join(dir, "serve-queries.ndjson");
writeFileSync(logPath, `${world.lines.join("\n")}\n`);

const pairs = (alerts: { ruleId: string; source: { ip: string } }[]) => alerts.map((a) => [a.ruleId, a.source.ip] as [string, string]).sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));

describe("query-log rules", () => {
  it("raise exactly the expected alerts on a realistic log: harvester, handle walker, dictionary, decoys, scanner; never the polite user, the monitor, the busy /64 or the short AS walk", async () => {
    const { alerts, stats } = await watchQueryLogs([logPath]);
    expect(stats[0]).toMatchObject({ format: "serve-queries", lines: world.lines.length, events: world.lines.length, malformed: 0 });
    expect(pairs(alerts)).toEqual(world.expected);
    const bulk = alerts.find((a) => a.ruleId === "serve-bulk-harvest");
    expect(bulk?.reasons[0]).toMatch(/^100 personal objects served within 3600 s/);
    expect(bulk?.evidence[0]?.text).toContain("203.0.113.10");
    const seq = alerts.find((a) => a.ruleId === "serve-sequential-enumeration");
    expect(seq?.reasons[0]).toContain("the last PER-12-TEST");
    expect(seq?.targets).toContain("PER-40-TEST"); // later steps joined the open alert
    const dict = alerts.find((a) => a.ruleId === "serve-dictionary-enumeration");
    expect(dict?.reasons[0]).toMatch(/^25 distinct names queried within 900 s, \d+ of them not found/);
    const decoy = alerts.find((a) => a.ruleId === "serve-decoy-object" && a.source.ip === "203.0.113.99");
    expect(decoy?.reasons[0]).toContain("quiet-harbor-holdings.test");
  });

  it("the same log through `whoislens detect` (format sniffed) gives the same alerts as ECS NDJSON", async () => {
    const run = await runCli(["detect", logPath, "--format", "ndjson"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("serve-queries");
    const docs = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { rule: { id: string; description: string }; source: { ip: string }; event: { kind: string } });
    expect(docs.map((d) => [d.rule.id, d.source.ip] as [string, string]).sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]))).toEqual(world.expected);
    expect(docs.every((d) => d.event.kind === "alert" && d.rule.description.length > 20)).toBe(true);
  });

  it("detect --format cef writes the same alerts as CEF lines; gzip input reads the same", async () => {
    const gz = join(dir, "serve-queries.ndjson.gz");
    writeFileSync(gz, gzipSync(`${world.lines.join("\n")}\n`));
    const run = await runCli(["detect", gz, "--format", "cef"]);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(world.expected.length);
    expect(lines.every((l) => l.startsWith("CEF:0|whoislens|"))).toBe(true);
    expect(run.stdout).toContain("serve-sequential-enumeration");
  });

  it("the sniffer names a serve query log and nothing else takes it", () => {
    expect(sniffFormat(Buffer.from(`${world.lines[0]}\n`))).toBe("serve-queries");
  });

  it("hostile lines (control characters, a huge line, bad UTF-8, missing fields, prototype keys) are counted malformed or cleaned, never fatal", async () => {
    const good = JSON.parse(world.lines[0] ?? "{}") as Record<string, unknown>;
    const hostile = [
      world.lines[0] ?? "",
      JSON.stringify({ ...good, source: "198.51.100.5", sourceKey: "198.51.100.5", query: "evil\u001b[31m.test\u0007", objectType: "domain", objectKey: "evil\u001b]0;pwned\u0007.test", decoy: true }),
      `{"ts":"${"x".repeat(200_000)}"}`,
      Buffer.from([0x7b, 0x22, 0x74, 0x73, 0x22, 0x3a, 0xff, 0xfe, 0x7d]).toString("latin1"),
      JSON.stringify({ ...good, personalObjects: "lots" }),
      JSON.stringify({ ...good, protocol: "gopher" }),
      '{"__proto__":{"decoy":true},"constructor":1}',
      "not json at all",
    ];
    const path = join(dir, "hostile.ndjson");
    writeFileSync(path, Buffer.concat(hostile.map((l) => Buffer.from(`${l}\n`, l.includes("\u00ff") ? "latin1" : "utf8"))));
    const { alerts, stats } = await watchQueryLogs([path]);
    expect(stats[0]).toMatchObject({ lines: 8, events: 2, malformed: 6 });
    expect(pairs(alerts)).toEqual([["serve-decoy-object", "198.51.100.5"]]);
    const strings = alerts.flatMap((a) => [...a.reasons, ...a.targets, ...a.evidence.map((e) => e.text ?? ""), a.destination?.domain ?? ""]);
    expect(strings.some((t) => t.includes("evil"))).toBe(true);
    for (const t of strings) expect(t).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    const run = await runCli(["detect", path, "--format", "markdown"]);
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u001b\u007f]/);
  });

  it("a second style of log: an IPv6 harvester rotating addresses inside one /64 and a token-keyed RDAP client, lines slightly out of order as parallel workers write them", async () => {
    const t0 = Date.parse("2026-12-03T08:00:00Z");
    const lines: string[] = [];
    for (let i = 0; i < 130; i++) {
      const at = t0 + i * 1500 + (i % 3 === 0 ? 700 : 0); // jitter: neighbours swap places
      lines.push(JSON.stringify({ ts: new Date(at).toISOString(), protocol: "rdap", source: `2001:db8:bad:1::${(i + 1).toString(16)}`, sourceKey: "2001:db8:bad:1::/64", query: `/rdap/entity/HOLDER${1000 + i}`, objectType: "entity", objectKey: `HOLDER${1000 + i}`, outcome: "answered", personalObjects: 1, decoy: false, bytes: 2100, durationMs: 0.8 }));
    }
    // an API client (token key) checking its 20 numbered objects, one every 2 minutes: a slow walk, not enumeration
    for (let i = 0; i < 20; i++) lines.push(JSON.stringify({ ts: new Date(t0 + i * 120_000).toISOString(), protocol: "rdap", source: "192.0.2.99", sourceKey: "token:registrar-7", query: `/rdap/domain/client-${i}.test`, objectType: "domain", objectKey: `client-${i}.test`, outcome: "answered", personalObjects: 1, decoy: false, bytes: 1800, durationMs: 0.6 }));
    const path = join(dir, "second-style.ndjson");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const { alerts } = await watchQueryLogs([path]);
    expect(alerts.map((a) => a.ruleId).sort()).toEqual(["serve-bulk-harvest", "serve-many-objects", "serve-sequential-enumeration"]);
    for (const a of alerts) {
      expect(a.reasons).toContain("accounting key 2001:db8:bad:1::/64");
      expect(a.source.ip).toMatch(/^2001:db8:bad:1::/);
    }
  });

  it("key shapes: the last number of a key is its counter", () => {
    expect(keyShape("PER-17-TEST")).toEqual({ shape: "per-#-test", n: 17 });
    expect(keyShape("192.0.2.7")).toEqual({ shape: "192.0.2.#", n: 7 });
    expect(keyShape("AS64501")).toEqual({ shape: "as#", n: 64501 });
    expect(keyShape("cedar-bakery.test")).toBeUndefined();
    expect(keyShape(`x${"9".repeat(40)}`)).toBeUndefined();
  });

  it("a rule table with a bad row is refused with the file and field named", () => {
    const bad = join(dir, "bad-rules.yaml");
    writeFileSync(bad, "version: 1\nrules:\n  - { id: x, name: X, description: d, severity: loud, match: { type: decoy } }\n");
    expect(() => loadQueryRules(bad)).toThrow(/bad-rules\.yaml: rules\.0\.severity/);
    const deep = join(dir, "deep-rules.yaml");
    writeFileSync(deep, `${"[".repeat(200)}${"]".repeat(200)}`);
    expect(() => loadQueryRules(deep)).toThrow(/deep-rules\.yaml is nested deeper than 64 levels \(the limit for query-log rule files\)/);
  });

  it("a source list file is read as every list file is (util/list-file): comments, CRLF, blanks; a missing one named", () => {
    const list = join(dir, "scanners.txt");
    writeFileSync(list, "# scanners\r\n198.51.100.7  # one host\r\n\r\n  203.0.113.0/24\n2001:db8::/32\n");
    expect(loadSourceList(list).map(([net, bits]) => `${net.toString()}/${bits}`)).toEqual(["198.51.100.7/32", "203.0.113.0/24", "2001:db8::/32"]);
    // Before, a missing list surfaced as a bare ENOENT; now as the list readers' usage error.
    expect(() => loadSourceList(join(dir, "no-such-list.txt"))).toThrow(/^source list: cannot read \S*no-such-list\.txt: ENOENT/);
    writeFileSync(list, "198.51.100.7\nnot-an-address\n");
    expect(() => loadSourceList(list)).toThrow(/scanners\.txt: not an IP address or CIDR: not-an-address/);
  });

  it("a source list given as an option replaces the shipped one", () => {
    const rules = loadQueryRules().filter((r) => r.id === "serve-known-scanner");
    const dog = createWatchdog({ rules, lists: { scanners: [] } });
    const entry = JSON.parse(world.lines.find((l) => l.includes(SCANNER)) ?? "{}") as QueryLogEntry;
    const event = { kind: "served" as const, ts: Date.parse(entry.ts), src: SCANNER, format: "serve-queries" as const, evidence: { file: "x", line: 1 }, entry };
    dog.push(event);
    expect(dog.finish()).toEqual([]);
    // the shipped list does name this source: the empty one is what silenced it
    const shipped = createWatchdog({ rules });
    shipped.push(event);
    expect(shipped.finish().map((a) => [a.ruleId, a.source.ip])).toEqual([["serve-known-scanner", entry.source]]);
  });
});
