import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../src/server/index.js";
import { BIN, ROOT, runNode, sandboxWork, UNBUNDLED, type ProcessRun, type SandboxWork } from "../helpers/built-cli.js";

// Issue #13: one-shot commands must not pay for what they do not use. Each case runs the built CLI as its
// own process with a module trace, then checks what was loaded, twice: as users run it (bin/whoislens →
// the esbuild chunks in dist/bundle/) and unbundled (dist/cli/main.js and the modules of dist/). A bundle
// chunk stands for the dist/ modules whose code it holds (dist/bundle/meta.json, esbuild's metafile), so
// the same module patterns judge both; npm packages are not bundled and are traced as files either way.
// Not timed: speed is measured by `npm run bench:startup`.

const TRACE_HOOK = join(ROOT, "test/helpers/module-trace.mjs");
const BUNDLE_DIR = join(ROOT, "dist/bundle");

type Launch = "bundle" | "unbundled";
/** The process argv after node's own flags: bin/whoislens runs the bundle, the helper dist/cli/main.js. */
const LAUNCH: Record<Launch, string> = { bundle: BIN, unbundled: UNBUNDLED };

interface Metafile { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> }

/**
 * Replaces each traced bundle chunk by the dist/ modules it holds code of (bytesInOutput > 0: a module
 * esbuild emptied, such as a type-only one, runs nothing), keeping the chunk's own path too.
 */
function expandChunks(modules: string[], meta: Metafile): string[] {
  return modules.flatMap((m) => {
    const path = m.startsWith("file:") ? fileURLToPath(m) : m;
    if (!path.startsWith(`${BUNDLE_DIR}/`)) return [m];
    const output = meta.outputs[relative(ROOT, path)];
    if (!output) throw new Error(`${path} is not in dist/bundle/meta.json: a stale bundle? run \`npm run build\``);
    const held = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([input]) => join(ROOT, input));
    return [m, ...held];
  });
}

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
  "serve servers": /dist\/serve\//,
  "footprint engine": /dist\/footprint\/(run|index|pivots|sources|export)/,
  "lookup engine": /dist\/lookup\//,
  parsers: /dist\/parse\//,
  // The WHOIS parser proper (label, phrase and language tables): loaded with the first port-43 hop only.
  "whois parser": /dist\/parse\/whois\/(index|aliases|phrases|tokenize|contacts)\.js/,
  "bulk engine": /dist\/bulk\/(?!defaults\.js$)/,
  // Scale-out (issue #17): scale/defaults.js is the option table the worker's help shows, with no imports.
  bullmq: /node_modules\/bullmq\//,
  ioredis: /node_modules\/ioredis\//,
  "prom-client": /node_modules\/prom-client\//,
  pino: /node_modules\/pino\//,
  "scale engine": /dist\/scale\/(?!defaults\.js$)/,
  // watch's help needs only its tables (types, kinds, values); the engine and the delivery sinks load in its actions.
  "watch engine": /dist\/defend\/(watch\/(run|watch-store|history|diff|crown-jewels|index)\.js|delivery\/)/,
  nodemailer: /node_modules\/nodemailer\//,
  "audit engine": /dist\/defend\/audit\//,
  // console/api/defaults.js is the limits table, with no imports: the help shows the defaults.
  "console API": /dist\/console\/(?!api\/defaults\.js$)/,
  fastify: /node_modules\/(fastify|@fastify)\//,
  // defend/lookalikes/defaults.js is the check's settings table, with no imports: lookalikes' and watch's help show it.
  "lookalikes engine": /dist\/defend\/lookalikes\/(?!defaults\.js$)/,
  // issue #15: canaries (store, mail logs, IMAP) and the query-log rules
  canary: /dist\/serve\/canary\//,
  "query-log rules": /dist\/serve\/watchdog\//,
  imapflow: /node_modules\/imapflow\//,
};

/** Runs the CLI with the module trace, in `work`; resolves with its exit code, output and loaded modules. */
async function tracedRun(work: string, launch: Launch, meta: Metafile, args: string[]): Promise<ProcessRun & { modules: string[]; files: string[] }> {
  const trace = join(work, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, "");
  const run = await runNode(["--import", TRACE_HOOK, LAUNCH[launch], ...args], { WHOISLENS_MODULE_TRACE: trace, XDG_CACHE_HOME: join(work, "cache"), XDG_CONFIG_HOME: join(work, "config") });
  const files = readFileSync(trace, "utf8").split("\n").filter(Boolean);
  return { ...run, files, modules: expandChunks(files, meta) };
}

/** The command modules (dist/cli/commands/NAME.js, the table index.js aside) a run loaded, by name. */
const loadedCommands = (modules: string[]): string[] => [...new Set(modules.map((m) => /dist\/cli\/commands\/([\w-]+)\.js$/.exec(m)?.[1]).filter((name): name is string => name !== undefined && name !== "index"))].sort();

const loadedHeavy = (modules: string[]): string[] => Object.entries(HEAVY).filter(([, pattern]) => modules.some((m) => pattern.test(m))).map(([name]) => name);

describe.each(["bundle", "unbundled"] as const)("start-up (%s CLI): each command loads what it uses", (launch) => {
  let world: SandboxWork;
  let sandbox: Sandbox;
  let mapFile: string;
  let meta: Metafile;
  const traced = (args: string[]) => tracedRun(world.work, launch, meta, args);

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/cli/main.js")) || !existsSync(join(BUNDLE_DIR, "meta.json"))) {
      throw new Error("these tests run the built CLI and its bundle: run `npm run build` first (npm test does)");
    }
    meta = JSON.parse(readFileSync(join(BUNDLE_DIR, "meta.json"), "utf8")) as Metafile;
    world = await sandboxWork("whoislens-startup-");
    ({ sandbox, mapFile } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  it("--version loads commander and the command table, no command module and none of the engines", async () => {
    const run = await traced(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    // The trace works: it sees the CLI's own modules and commander (bundled into a chunk, or from node_modules).
    expect(run.modules.some((m) => m.endsWith("dist/cli/main.js"))).toBe(true);
    expect(run.modules.some((m) => m.endsWith("dist/cli/commands/index.js"))).toBe(true);
    expect(run.modules.some((m) => /node_modules\/commander\/lib\/command\.js$/.test(m))).toBe(true);
    // Only the command being run is loaded (the table lists the others): --version runs none.
    expect(loadedCommands(run.modules)).toEqual([]);
    expect(loadedHeavy(run.modules)).toEqual([]);
    // The launch under test is the one that ran: bin/whoislens runs the bundle and no dist/ module file.
    const distFiles = run.files.filter((f) => f.includes("/dist/"));
    if (launch === "bundle") {
      expect(run.stderr).toBe("");
      expect(distFiles.length).toBeGreaterThan(0);
      expect(distFiles.filter((f) => !f.includes("/dist/bundle/"))).toEqual([]);
    } else {
      expect(distFiles.filter((f) => f.includes("/dist/bundle/"))).toEqual([]);
    }
  });

  it("--help and a command's --help load none of the engines, and no command module but that command's", async () => {
    for (const args of [["--help"], ["help"], ["lokup"], ["footprint", "--help"], ["detect", "--help"], ["update", "--help"], ["db", "search", "--help"], ["watch", "run", "--help"], ["history", "--help"], ["worker", "--help"], ["queue", "status", "--help"], ["help", "serve"]]) {
      const run = await traced(args);
      expect(run.code, args.join(" ")).toBe(args[0] === "lokup" ? 2 : 0);
      expect(run.stdout + run.stderr, args.join(" ")).toContain("Usage: whoislens");
      expect(loadedHeavy(run.modules), args.join(" ")).toEqual([]);
      const command = args[0] === "help" ? args[1] : args[0];
      expect(loadedCommands(run.modules), args.join(" ")).toEqual(command === "--help" || command === undefined || command === "lokup" ? [] : [command]);
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
    expect(heavy).toEqual(expect.arrayContaining(["lookup engine", "parsers", "whois parser", "tldts"]));
    expect(loadedCommands(run.modules)).toEqual(["lookup"]);
    // iconv-lite too: the sandbox's DENIC-style answer is UTF-8, so no other charset is needed; zod
    // neither: no config file, and the well-formed --servers map passes its quick check.
    for (const name of ["zod", "undici", "socks", "iconv-lite", "kysely", "better-sqlite3", "pg", "yaml", "detect engine", "store", "sandbox world", "footprint engine", "bulk engine"]) {
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
    // Answered over RDAP alone: the WHOIS parser's tables are never compiled (they were ~150 KB of its start).
    expect(loadedHeavy(run.modules)).not.toContain("whois parser");
  });
});
