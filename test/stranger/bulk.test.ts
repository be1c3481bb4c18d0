import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, ROOT, runNode } from "../helpers/built-cli.js";
import { waitUntil } from "../helpers/wait.js";
import { countDone, queryStates } from "../helpers/bulk-store.js";
import { startPythonWorld, type PythonWorld } from "./python-world.js";

/**
 * `whoislens bulk` as a user runs it (the built CLI, a --servers map with each server's published limit)
 * against the stranger's Python servers, which enforce their limits themselves and count every query over
 * them: a registry that resets past its limit, one that answers a refusal, DENIC that goes silent, and an
 * IANA that refers .alpha and .beta. No rate is asserted (pace figures live in `npm run bench:bulk`): counts,
 * states, that no server saw a query over its limit or a second copy of one, and that each run ended.
 */
const worlds: PythonWorld[] = [];
/** CLI runs started by a test: a failed test leaves none running. */
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(worlds.splice(0).map((w) => w.stop()));
});

function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  children.push(child);
  return child;
}

async function world(args: string[]): Promise<PythonWorld> {
  const started = await startPythonWorld(args);
  worlds.push(started);
  return started;
}

const LIMITS = { iana: [5, 2, "text"], alpha: [40, 2, "rst"], registrar: [40, 2, "rst"], beta: [40, 2, "text"], denic: [20, 1, "drop"] } as const;
const HOSTS = { iana: "whois.iana.org", alpha: "whois.nic.alpha", registrar: "whois.registrar.test", beta: "whois.nic.beta", denic: "whois.denic.de" } as const;
type Name = keyof typeof LIMITS;
const limitArgs = (names: Name[]): string[] => names.flatMap((name) => ["--limit", `${name}=${LIMITS[name].join(":")}`]);
/** The map a user writes from the servers' published limits. */
const mapEntries = (w: PythonWorld, names: Name[]): Record<string, unknown> =>
  Object.fromEntries(names.map((name) => [HOSTS[name], { address: `127.0.0.1:${w.ports[name]}`, qps: LIMITS[name][0], concurrency: LIMITS[name][1] }]));

const names = (tld: string, count: number, prefix = "n"): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}.${tld}`);
const env = (w: PythonWorld): NodeJS.ProcessEnv => ({ WHOISLENS_CACHE_DIR: join(w.dir, "cache"), XDG_CONFIG_HOME: join(w.dir, "no-config") });

describe("bulk through the stranger's limits", () => {
  it("300 names over three registries (two behind IANA, one with a registrar referral): all answered, none over a limit, none asked twice", async () => {
    const all: Name[] = ["iana", "alpha", "registrar", "beta", "denic"];
    const w = await world(limitArgs(all));
    const map = w.map("map.json", mapEntries(w, all));
    const input = join(w.dir, "in.txt");
    const queries = [...names("alpha", 110), ...names("beta", 120), ...names("de", 70)];
    // Interleaved as a real list would be: registries mixed, not in blocks.
    writeFileSync(input, `${queries.map((_, i) => queries[(i * 7) % queries.length]).join("\n")}\n`);
    const store = join(w.dir, "s.db");
    const run = await runNode([BIN, "bulk", input, "--protocol", "whois", "--no-cache", "--servers", map, "--servers-only", "--store", store], env(w));
    expect(run.code, run.stderr).toBe(0);
    const rows = queryStates(store);
    expect(rows.size).toBe(300);
    expect([...rows.values()].filter((row) => row.state !== "done")).toEqual([]);
    const stats = await w.stats();
    for (const name of all) {
      expect(stats[name]?.over, `${name} saw queries over its limit`).toBe(0);
      expect(stats[name]?.maxOpen, `${name}'s open connections`).toBeLessThanOrEqual(LIMITS[name][1]);
    }
    // IANA once per TLD it refers (.de's server is in the built-in table), every registry query once.
    expect(stats.iana?.total).toBe(2);
    expect(stats.alpha).toMatchObject({ total: 110, repeated: [] });
    expect(stats.registrar).toMatchObject({ total: 110, repeated: [] });
    expect(stats.beta).toMatchObject({ total: 120, repeated: [] });
    expect(stats.denic).toMatchObject({ total: 70, repeated: [] });
  }, 30_000);

  it("SIGINT mid-run: exit 130 with what finished saved; the re-run asks only what is missing and nothing is lost", async () => {
    const used: Name[] = ["iana", "beta", "denic"];
    const w = await world(limitArgs(used));
    const map = w.map("map.json", mapEntries(w, used));
    const input = join(w.dir, "in.txt");
    writeFileSync(input, `${[...names("beta", 100), ...names("de", 60)].join("\n")}\n`);
    const store = join(w.dir, "s.db");
    const args = [BIN, "bulk", input, "--protocol", "whois", "--no-cache", "--servers", map, "--servers-only", "--store", store];
    const child = spawnCli(args, env(w));
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await waitUntil(() => countDone(store) >= 20, "20 names done before the interrupt", 15_000);
    child.kill("SIGINT");
    expect(await exited, stderr).toBe(130);
    const doneBefore = [...queryStates(store).entries()].filter(([, row]) => row.state === "done").map(([query]) => query);
    expect(doneBefore.length).toBeGreaterThanOrEqual(20);
    expect(doneBefore.length).toBeLessThan(160);
    const rerun = await runNode(args, env(w));
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/resuming run/);
    const rows = queryStates(store);
    expect([...rows.values()].filter((row) => row.state !== "done")).toEqual([]);
    expect(rows.size).toBe(160);
    const stats = await w.stats();
    // Every name asked exactly once across both runs: nothing finished was asked again, nothing dropped.
    expect(stats.beta).toMatchObject({ total: 100, distinct: 100, repeated: [], over: 0 });
    expect(stats.denic).toMatchObject({ total: 60, distinct: 60, repeated: [], over: 0 });
  }, 30_000);
});

describe("a registry killed mid-run (SIGKILL, answers cut)", () => {
  it("is down, not throttling: its queries fail at once (default --max-retry-wait), the others finish, a re-run completes it", async () => {
    const steady = await world(limitArgs(["iana", "beta"]));
    const dying = await world(["--only", "denic", "--slow", "denic", ...limitArgs(["denic"])]);
    const map = (denicPort: number): string =>
      steady.map(`map-${denicPort}.json`, { ...mapEntries(steady, ["iana", "beta"]), [HOSTS.denic]: { address: `127.0.0.1:${denicPort}`, qps: LIMITS.denic[0], concurrency: LIMITS.denic[1] } });
    const input = join(steady.dir, "in.txt");
    const queries = [...names("beta", 60), ...names("de", 80)];
    writeFileSync(input, `${queries.map((_, i) => queries[(i * 3) % queries.length]).join("\n")}\n`);
    const store = join(steady.dir, "s.db");
    const args = (file: string): string[] => [BIN, "bulk", input, "--protocol", "whois", "--no-cache", "--timeout", "2000", "--servers", file, "--servers-only", "--store", store];
    const first = spawnCli(args(map(dying.ports.denic as number)), env(steady));
    let stderr = "";
    first.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => first.once("exit", (code) => resolve(code)));
    // Killed once it has answered some .de names, with one (slow, in eight pieces) on the wire.
    await waitUntil(() => [...(countDone(store) > 0 ? queryStates(store) : new Map()).entries()].filter(([q, row]) => q.endsWith(".de") && row.state === "done").length >= 5, "5 .de names done before the kill", 15_000);
    dying.kill();
    // Before, the cut answer started a refusal streak and each refused connect was backed off as a silent
    // refusal (doubling from 1 s, up to 30 s each) until the streak pause: past this test's timeout.
    expect(await exited, stderr).toBe(3);
    expect(stderr).toMatch(/whois\.denic\.de refused \d+ connections in a row: down; its queries fail at once/);
    const rows = queryStates(store);
    expect([...rows.entries()].filter(([q, row]) => q.endsWith(".beta") && row.state !== "done")).toEqual([]);
    const missing = [...rows.entries()].filter(([q, row]) => q.endsWith(".de") && row.state !== "done");
    expect(missing.length).toBeGreaterThan(0);
    // Failed (a re-run asks them), not throttled: nothing throttled us.
    expect(missing.filter(([, row]) => row.state !== "failed")).toEqual([]);
    expect(missing.some(([, row]) => /is down/.test(row.error ?? ""))).toBe(true);

    const revived = await world(["--only", "denic", ...limitArgs(["denic"])]);
    const second = await runNode(args(map(revived.ports.denic as number)), env(steady));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/resuming run/);
    expect([...queryStates(store).values()].filter((row) => row.state !== "done")).toEqual([]);
    const stats = await revived.stats();
    expect(stats.denic).toMatchObject({ total: missing.length, repeated: [], over: 0 });
  }, 30_000);
});

describe("an RDAP server nothing listens for", () => {
  it("is down after a few refused connects (ECONNREFUSED under fetch's causes): the rest fail at once, not throttled", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-stranger-rdap-"));
    try {
      // A port that was free a moment ago: nothing listens there now.
      const probe = createServer();
      const port = await new Promise<number>((resolve) => probe.listen(0, "127.0.0.1", () => resolve((probe.address() as { port: number }).port)));
      await new Promise((resolve) => probe.close(resolve));
      const bootstrap = join(dir, "bootstrap");
      mkdirSync(bootstrap);
      writeFileSync(join(bootstrap, "dns.json"), JSON.stringify({ version: "1.0", publication: "2026-01-01T00:00:00Z", services: [[["gamma"], ["https://rdap.nic.gamma/rdap/"]]] }));
      const map = join(dir, "map.json");
      writeFileSync(map, JSON.stringify({ "rdap.nic.gamma": { address: `http://127.0.0.1:${port}/`, qps: 50, concurrency: 2 } }));
      const input = join(dir, "in.txt");
      writeFileSync(input, `${names("gamma", 20).join("\n")}\n`);
      const store = join(dir, "s.db");
      const run = await runNode([BIN, "bulk", input, "--protocol", "rdap", "--bootstrap-dir", bootstrap, "--servers", map, "--servers-only", "--no-cache", "--store", store], { WHOISLENS_CACHE_DIR: join(dir, "cache"), XDG_CONFIG_HOME: join(dir, "no-config") });
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/rdap\.nic\.gamma refused \d+ connections in a row: down/);
      const rows = [...queryStates(store).values()];
      expect(rows.map((row) => row.state)).toEqual(Array.from({ length: 20 }, () => "failed"));
      // Two slots: a connect or two may be on the wire as the third refusal comes back.
      expect(rows.filter((row) => /is down/.test(row.error ?? "")).length).toBeGreaterThanOrEqual(15);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
