import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/server/index.js";

// Issue #13: one-shot commands must not pay for what they do not use. Each case runs the built CLI
// (bin/whoislens → dist/) as its own process with a module trace, then checks what was loaded.
// Not timed: speed is measured by `npm run bench:startup`.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "bin/whoislens");
const TRACE_HOOK = join(ROOT, "test/helpers/module-trace.mjs");

/** Modules that only some commands need, by the name they have on disk. */
const HEAVY: Record<string, RegExp> = {
  kysely: /node_modules\/kysely\//,
  "better-sqlite3": /node_modules\/better-sqlite3\//,
  pg: /node_modules\/pg\//,
  undici: /node_modules\/undici\//,
  yaml: /node_modules\/yaml\//,
  zod: /node_modules\/zod\//,
  socks: /node_modules\/socks\//,
  tldts: /node_modules\/tldts\//,
  "ipaddr.js": /node_modules\/ipaddr\.js\//,
  "iconv-lite": /node_modules\/iconv-lite\//,
  "dns-packet": /node_modules\/dns-packet\//,
  "country data": /node_modules\/@ip-location-db\//,
  // detect/types.js is the format and event tables, with no imports: the help lists the log formats.
  "detect engine": /dist\/detect\/(?!types\.js$)/,
  store: /dist\/store\/(store|schema|index)\.js/,
  "sandbox world": /dist\/server\//,
  "footprint engine": /dist\/footprint\/(run|index|pivots|sources|export)/,
  "lookup engine": /dist\/lookup\//,
  parsers: /dist\/parse\//,
  "bulk engine": /dist\/bulk\/(?!defaults\.js$)/,
};

let work: string;

/** Runs the CLI with the module trace; resolves with its exit code, output and loaded modules. */
function traced(args: string[]): Promise<{ code: number; stdout: string; stderr: string; modules: string[] }> {
  const trace = join(work, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, "");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", TRACE_HOOK, BIN, ...args],
      { env: { ...process.env, WHOISLENS_MODULE_TRACE: trace, XDG_CACHE_HOME: join(work, "cache"), XDG_CONFIG_HOME: join(work, "config") }, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr, modules: readFileSync(trace, "utf8").split("\n").filter(Boolean) });
      },
    );
  });
}

const loadedHeavy = (modules: string[]): string[] => Object.entries(HEAVY).filter(([, pattern]) => modules.some((m) => pattern.test(m))).map(([name]) => name);

describe("start-up: each command loads what it uses", () => {
  let sandbox: Sandbox;
  let mapFile: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/cli/main.js"))) throw new Error("these tests run the built CLI: run `npm run build` first (npm test does)");
    work = mkdtempSync(join(tmpdir(), "whoislens-startup-"));
    sandbox = await startSandbox();
    mapFile = join(work, "servers.json");
    writeFileSync(mapFile, JSON.stringify(sandbox.serverMap));
  });
  afterAll(async () => {
    await sandbox?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("--version loads commander and the command tables, none of the engines", async () => {
    const run = await traced(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    // The trace works: it sees the CLI's own modules and commander.
    expect(run.modules.some((m) => m.endsWith("dist/cli/commands/lookup.js"))).toBe(true);
    expect(run.modules.some((m) => /node_modules\/commander\//.test(m))).toBe(true);
    expect(loadedHeavy(run.modules)).toEqual([]);
  });

  it("--help and a command's --help load none of the engines", async () => {
    for (const args of [["--help"], ["footprint", "--help"], ["detect", "--help"], ["update", "--help"], ["db", "search", "--help"]]) {
      const run = await traced(args);
      expect(run.code, args.join(" ")).toBe(0);
      expect(run.stdout, args.join(" ")).toContain("Usage: whoislens");
      expect(loadedHeavy(run.modules), args.join(" ")).toEqual([]);
    }
    // The defaults shown in help come from the same tables the engines use.
    const footprintHelp = await traced(["footprint", "--help"]);
    expect(footprintHelp.stdout.replace(/\s+/g, " ")).toContain('cache hits are free) (default: "500")');
  });

  it("a port-43 lookup loads the lookup engine but not the RDAP client, proxies, store or detect", async () => {
    const run = await traced(["lookup", "bücher.de", "--servers", mapFile, "--servers-only", "--bootstrap-dir", sandbox.bootstrapDir, "--no-cache"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("bücher.de (xn--bcher-kva.de) — registered");
    const heavy = loadedHeavy(run.modules);
    expect(heavy).toEqual(expect.arrayContaining(["lookup engine", "parsers", "tldts"]));
    // iconv-lite too: the sandbox's DENIC-style answer is UTF-8, so no other charset is needed.
    for (const name of ["undici", "socks", "iconv-lite", "kysely", "better-sqlite3", "pg", "yaml", "detect engine", "store", "sandbox world", "footprint engine", "bulk engine"]) {
      expect(heavy, name).not.toContain(name);
    }
  });

  it("a direct RDAP lookup loads no undici (node:http carries it) and no proxy client", async () => {
    const run = await traced(["lookup", "example.com", "--servers", mapFile, "--servers-only", "--bootstrap-dir", sandbox.bootstrapDir, "--no-cache"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("source  RDAP rdap.verisign.com");
    // The RDAP client did run: its direct transport was loaded, and undici was not (issue #13).
    expect(run.modules.some((m) => m.endsWith("dist/net/http-transport.js"))).toBe(true);
    expect(loadedHeavy(run.modules)).not.toContain("undici");
    expect(loadedHeavy(run.modules)).not.toContain("kysely");
    expect(loadedHeavy(run.modules)).not.toContain("socks");
  });
});
