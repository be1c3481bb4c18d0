import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCanaryTables } from "../../../src/serve/canary/tables.js";

// The canary tables are replaceable data files (--names/--phones): read with the limits of every such file
// (util/yaml-file.ts), as detect's rule files are.
describe("canary tables from hostile files", () => {
  const dir = mkdtempSync(join(tmpdir(), "wl-canary-tables-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("refuses an alias bomb, deep nesting and a schema miss, naming the file", () => {
    const bomb = ["version: 1", "a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 120 }, (_, i) => `k${i}: *a`), "given: [Ann]", "surnames: [Lee]"].join("\n");
    expect(() => loadCanaryTables({ names: file("bomb.yaml", bomb) })).toThrow(/bomb\.yaml expands YAML aliases past the limit of 100/);
    expect(() => loadCanaryTables({ names: file("deep.yaml", `${"[".repeat(200)}${"]".repeat(200)}`) })).toThrow(/deep\.yaml is nested deeper than 64 levels \(the limit for canary tables\)/);
    expect(() => loadCanaryTables({ names: file("bad.yaml", "version: 1\ngiven: [Ann]\n") })).toThrow(/bad\.yaml: surnames: Required/);
    expect(() => loadCanaryTables({ names: file("bad2.yaml", "version: 2\n") })).toThrow(expect.objectContaining({ code: "WL_ERR_CONFIG" }));
  });

  it("reads the shipped tables", () => {
    const tables = loadCanaryTables();
    expect(tables.given.length).toBeGreaterThan(10);
    expect(tables.phones.length).toBeGreaterThan(0);
  });
});
