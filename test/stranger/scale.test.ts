import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, ROOT, runNode } from "../helpers/built-cli.js";
import { countDone, queryStates } from "../helpers/bulk-store.js";
import { waitUntil } from "../helpers/wait.js";
import { redisMissing, skipReason, useRedis } from "../scale/services.js";
import { startPythonWorld, type PythonWorld } from "./python-world.js";

/**
 * The scale-out fleet as users run it — `bulk --queue` to enqueue, two `whoislens worker` processes of the
 * built CLI on one Redis and one SQLite store — against the stranger's Python servers (world.py, which
 * enforce their limits themselves and count every query), with the registry killed mid-run that
 * test/stranger/bulk.test.ts puts in front of bulk: its slow answer is cut by the SIGKILL, then every
 * connect is refused. The fleet must find it down as bulk does: its jobs fail at once as "… is down", the
 * other registry's finish, one log line for the fleet; and the run's re-enqueue, once it is back, asks it
 * again and completes. No rate is asserted.
 */
const missing = skipReason("the stranger's scale-out test", redisMissing);

const worlds: PythonWorld[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(worlds.splice(0).map((w) => w.stop()));
});

async function world(args: string[]): Promise<PythonWorld> {
  const started = await startPythonWorld(args);
  worlds.push(started);
  return started;
}

const LIMITS = { iana: [5, 2, "text"], beta: [40, 2, "text"], denic: [20, 1, "drop"] } as const;
const HOSTS = { iana: "whois.iana.org", beta: "whois.nic.beta", denic: "whois.denic.de" } as const;
type Name = keyof typeof LIMITS;
const limitArgs = (names: Name[]): string[] => names.flatMap((name) => ["--limit", `${name}=${LIMITS[name].join(":")}`]);
const entry = (name: Name, port: number) => ({ address: `127.0.0.1:${port}`, qps: LIMITS[name][0], concurrency: LIMITS[name][1] });
const names = (tld: string, count: number): string[] => Array.from({ length: count }, (_, i) => `n${i}.${tld}`);

interface WorkerProcess {
  child: ChildProcess;
  stderr: string[];
  exit: Promise<number | null>;
}

describe.skipIf(missing !== undefined)("worker processes through the stranger's registry killed mid-run", () => {
  const redis = useRedis();

  it("is down for the fleet: its jobs fail at once, the other registry's finish, one line; a re-enqueue once it is back completes the run", async () => {
    const steady = await world(limitArgs(["iana", "beta"]));
    const dying = await world(["--only", "denic", "--slow", "denic", ...limitArgs(["denic"])]);
    const env = { WHOISLENS_CACHE_DIR: join(steady.dir, "cache"), XDG_CONFIG_HOME: join(steady.dir, "no-config") };
    const map = (denicPort: number): string =>
      steady.map(`map-${denicPort}.json`, { [HOSTS.iana]: entry("iana", steady.ports.iana as number), [HOSTS.beta]: entry("beta", steady.ports.beta as number), [HOSTS.denic]: entry("denic", denicPort) });
    const input = join(steady.dir, "in.txt");
    const queries = [...names("beta", 60), ...names("de", 80)];
    writeFileSync(input, `${queries.map((_, i) => queries[(i * 3) % queries.length]).join("\n")}\n`);
    const store = join(steady.dir, "s.db");
    const queueName = `stranger-down-${process.pid}`;
    const enqueue = [BIN, "bulk", input, "--queue", redis.url(), "--queue-name", queueName, "--run", "stranger", "--protocol", "whois"];
    const workers = (mapFile: string): WorkerProcess[] =>
      [0, 1].map(() => {
        const args = [BIN, "worker", "--queue", redis.url(), "--queue-name", queueName, "--store", store, "--servers", mapFile, "--servers-only", "--no-cache", "--timeout", "2000", "--concurrency", "8", "--log-level", "warn"];
        const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
        children.push(child);
        const stderr: string[] = [];
        child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
        return { child, stderr, exit: new Promise((resolve) => child.once("exit", (code) => resolve(code))) };
      });
    const stopAll = async (fleet: WorkerProcess[]): Promise<void> => {
      for (const w of fleet) w.child.kill("SIGTERM");
      await Promise.all(fleet.map((w) => w.exit));
    };
    const everyRow = (): Map<string, { state: string; error: string | null }> => (countDone(store) > 0 ? queryStates(store) : new Map());

    const first = await runNode(enqueue, env);
    expect(first.code, first.stderr).toBe(0);
    const fleet = workers(map(dying.ports.denic as number));
    // Killed once it has answered some .de names, with one (slow, in eight pieces) on the wire.
    await waitUntil(() => [...everyRow().entries()].filter(([q, row]) => q.endsWith(".de") && row.state === "done").length >= 5, "5 .de names done before the kill", 20_000);
    dying.kill();
    // Bounded by the test's timeout: before, each refused connect at the dead registry was a silent refusal
    // (the cut answer started a streak), backed off from 1 s and doubling up to 30 s, until a 12-refusal pause.
    await waitUntil(() => everyRow().size === queries.length, "every query stored", 40_000);
    const rows = everyRow();
    expect([...rows.entries()].filter(([q, row]) => q.endsWith(".beta") && row.state !== "done")).toEqual([]);
    const lost = [...rows.entries()].filter(([q, row]) => q.endsWith(".de") && row.state !== "done");
    expect(lost.length).toBeGreaterThan(0);
    // Failed (a re-enqueue asks them), not throttled: nothing throttled us.
    expect(lost.filter(([, row]) => row.state !== "failed")).toEqual([]);
    expect(lost.some(([, row]) => /whois\.denic\.de is down/.test(row.error ?? ""))).toBe(true);
    await stopAll(fleet);
    const lines = fleet.flatMap((w) => w.stderr.join("").split("\n")).filter((line) => line.startsWith("{"));
    const changes = lines.map((line) => JSON.parse(line) as { reason?: string; server?: string }).filter((line) => line.reason !== undefined);
    expect(changes).toEqual([expect.objectContaining({ reason: "down", server: HOSTS.denic })]);
    const beta = (await steady.stats()).beta;
    expect(beta).toMatchObject({ total: 60, repeated: [], over: 0 });

    const revived = await world(["--only", "denic", ...limitArgs(["denic"])]);
    const again = workers(map(revived.ports.denic as number));
    const second = await runNode(enqueue, env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/asking again whois\.denic\.de, which refused every connection \(down\)/);
    await waitUntil(() => [...everyRow().values()].every((row) => row.state === "done"), "the re-enqueued queries answered", 40_000);
    await stopAll(again);
    expect((await revived.stats()).denic).toMatchObject({ total: lost.length, repeated: [], over: 0 });
  }, 120_000);
});
