import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, runNode, sandboxWork, UNBUNDLED, type SandboxWork } from "../helpers/built-cli.js";

// bin/whoislens runs the esbuild bundle of the CLI (dist/bundle/, one folder deeper than dist/'s modules):
// every command must behave exactly as the unbundled dist/cli/main.js does. The commands below reach the
// shipped data (rules, host lists, IANA bootstrap: src/paths.ts finds them from any depth), a package
// resolved with createRequire from a chunk (the country table of --watch-countries), and the network path.

const run = (entry: string, args: string[], env: NodeJS.ProcessEnv) => runNode([entry, ...args], env);

describe("the bundled CLI behaves as the unbundled one", () => {
  let world: SandboxWork;
  let work: string;
  let env: NodeJS.ProcessEnv;
  let mapFile: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/bundle/main.js"))) throw new Error("run `npm run build` first (npm test does): it makes dist/bundle/");
    world = await sandboxWork("whoislens-bundle-");
    ({ work, mapFile } = world);
    env = { XDG_CACHE_HOME: join(work, "cache"), XDG_CONFIG_HOME: join(work, "config"), WHOISLENS_CACHE_DIR: "" };
  });
  afterAll(async () => {
    await world?.close();
  });

  const zeek = "test/detect/fixtures/zeek-whois.log";
  const eve = "test/detect/fixtures/eve.json";
  const cases: [string, () => string[]][] = [
    ["detect with the shipped rules and lists, and --watch-countries", () => ["detect", zeek, eve, "--watch-countries", "US,CN,RU", "--format", "ndjson"]],
    ["rules list (the shipped rule table)", () => ["rules", "list"]],
    ["rules export --format sigma", () => ["rules", "export", "--format", "sigma"]],
    ["a bad flag: the same error and exit code", () => ["detect", zeek, "--format", "nope"]],
    // commander is bundled into a chunk (scripts/bundle-cli.mjs BUNDLED); the root help comes from the command table.
    ["an unknown command: the suggestion and the root help", () => ["lokup"]],
    ["a subcommand's help through `help`", () => ["help", "db", "search"]],
  ];
  it("a config file zod rejects (zod is loaded only when a config file is read)", async () => {
    const config = join(work, "bad-config.json");
    writeFileSync(config, JSON.stringify({ timeout: 5, bogus: 1 }));
    const args = ["lookup", "bücher.de", "--config", config];
    const [bundled, unbundled] = [await run(BIN, args, env), await run(UNBUNDLED, args, env)];
    expect(bundled.code).toBe(2);
    expect(bundled.stderr).toContain(`WL_ERR_CONFIG: config file ${config}: (root): Unrecognized key(s) in object: 'bogus'`);
    expect(bundled).toEqual(unbundled);
  });

  for (const [what, args] of cases) {
    it(what, async () => {
      const [bundled, unbundled] = [await run(BIN, args(), env), await run(UNBUNDLED, args(), env)];
      expect(bundled.stdout + bundled.stderr, "the command printed something").not.toBe("");
      expect(bundled).toEqual(unbundled);
    });
  }

  it("a port-43 and an RDAP lookup against the sandbox, with the shipped bootstrap", async () => {
    for (const name of ["bücher.de", "example.com"]) {
      // No --bootstrap-dir: the empty cache leaves the snapshot shipped in data/iana-bootstrap.
      const args = ["lookup", name, "--servers", mapFile, "--servers-only", "--no-cache", "--json"];
      const [bundled, unbundled] = [await run(BIN, args, env), await run(UNBUNDLED, args, env)];
      expect(bundled.code, `${name}: ${bundled.stderr}`).toBe(0);
      const strip = (text: string): unknown => JSON.parse(text.replace(/"(fetchedAt|queriedAt|startedAt|at|ms|durationMs|elapsedMs)":\s*("[^"]*"|\d+(\.\d+)?)/g, '"$1":0'));
      expect(strip(bundled.stdout), name).toEqual(strip(unbundled.stdout));
    }
  });
});
