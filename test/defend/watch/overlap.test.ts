import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../../src/net/index.js";
import { runCli } from "../../helpers/cli.js";
import { BIN, ROOT, type ProcessRun } from "../../helpers/built-cli.js";
import { startWebhookReceiver, type WebhookReceiver } from "./helpers/receivers.js";
import { SecondWorld } from "./helpers/second-world.js";
import { hijackAndLapse, SECOND_WORLD_WATCHED, secondWorldDomains, secondWorldNetblocks, seedReverse, startSecondWorld, type SecondWorldServer } from "./helpers/second-world-server.js";

/**
 * A cron overlap: two `watch run` processes (the built CLI) start at once on one SQLite store, after the
 * second world's hijack and lapse, both delivering to a webhook that takes 800 ms to answer each alert.
 * Each alert must reach the receiver once, the store must hold each alert once, and a later pass must
 * find nothing new (no baseline lost or moved back). On the old code both passes diffed and both
 * delivered the same outbox rows: the receiver got alerts twice.
 */
const SECRET = "overlap-secret";
/** How long the world takes to answer each query: 100 ms makes each pass long enough for two to overlap. */
let answerDelayMs = 100;

function runProcess(args: string[], env: NodeJS.ProcessEnv, onStderr?: (text: string) => void): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(stderr);
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("two watch run processes at once on one store", () => {
  let served: SecondWorldServer;
  let hook: WebhookReceiver;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/cli/main.js"))) throw new Error("this test runs the built CLI: run `npm run build` first (npm test does)");
    const world = new SecondWorld(secondWorldDomains(), secondWorldNetblocks());
    seedReverse(world);
    // Answers take 100 ms: each pass lasts long enough for the two to overlap.
    served = await startSecondWorld(world, { delayMs: () => answerDelayMs });
    hook = await startWebhookReceiver(SECRET);
    dir = mkdtempSync(join(tmpdir(), "wl-watch-overlap-"));
    writeFileSync(join(dir, "servers.json"), JSON.stringify(served.serverMap));
    env = { WHOISLENS_CACHE_DIR: join(dir, "cache"), XDG_CONFIG_HOME: join(dir, "xdg"), WHOISLENS_WHOISXML_KEY: "test-key", WHOISLENS_WEBHOOK_SECRET: SECRET };
  }, 30_000);
  afterAll(async () => {
    await closeRdapAgents();
    await served?.close();
    await hook?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("one pass runs, the other is skipped with WL_ERR_WATCH_BUSY; every alert is delivered and stored once, no history lost", async () => {
    const store = join(dir, "store.db");
    const args = ["watch", "run", "--store", store, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", "rdap", "--timeout", "5000", "--no-dns", "--webhook", hook.url];
    expect((await runCli(["watch", "add", ...SECOND_WORLD_WATCHED, "--store", store], { env })).code).toBe(0);
    const first = await runCli(args, { env });
    expect(first.code, first.stderr).toBe(0);
    expect(hook.received).toEqual([]);
    hijackAndLapse(served.world);
    served.world.faults.clear();
    hook.answerDelayMs = 800;
    const both = await Promise.all([runProcess(args, env), runProcess(args, env)]);
    hook.answerDelayMs = 0;
    const ids = hook.received.map((r) => r.id);
    // Each alert reached the receiver once.
    expect(ids.length).toBeGreaterThan(5);
    expect(new Set(ids).size, JSON.stringify(ids)).toBe(ids.length);
    // One did the pass; the other said why it did nothing.
    const ran = both.filter((p) => p.code === 0);
    const skipped = both.filter((p) => p.code !== 0);
    expect(ran.length, both.map((p) => p.stderr).join("\n---\n")).toBe(1);
    expect(skipped[0]?.code).toBe(3);
    expect(skipped[0]?.stderr).toMatch(/WL_ERR_WATCH_BUSY: another watch pass holds this store's lock \(\d+@/);
    // The store holds each alert once, all delivered; the lock is gone.
    const db = new Sqlite(store, { readonly: true });
    try {
      const stored = db.prepare("SELECT id FROM watch_alerts").all() as { id: string }[];
      expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(db.prepare("SELECT count(*) AS n FROM watch_outbox WHERE delivered_at IS NULL").get()).toEqual({ n: 0 });
      expect(db.prepare("SELECT count(*) AS n FROM watch_lock").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    // Nothing lost or moved back: the next pass finds nothing new and delivers nothing more.
    const after = await runCli(args, { env });
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toMatch(/0 new alert\(s\)/);
    expect(hook.received.length).toBe(ids.length);
  }, 120_000);

  // --wait-lock: a cron user waits instead of skipping. The second process starts while the first holds the lock (its
  // answers slowed to 1.5 s so its pass outlasts the second's start): it says whose the lock is, waits, and runs its
  // own pass once the first releases it; both succeed.
  it("with --wait-lock a second process waits for the first's pass, then runs its own; it names the holder", async () => {
    const store = join(dir, "store.db");
    expect((await runCli(["watch", "add", ...SECOND_WORLD_WATCHED, "--store", store], { env })).code).toBe(0);
    const args = ["watch", "run", "--store", store, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", "rdap", "--timeout", "5000", "--no-dns"];
    answerDelayMs = 1500;
    try {
      const first = runProcess(args, env);
      const lockRows = (): number => {
        const db = new Sqlite(store, { readonly: true });
        try {
          return (db.prepare("SELECT count(*) AS n FROM watch_lock").get() as { n: number }).n;
        } finally {
          db.close();
        }
      };
      for (let tries = 0; lockRows() === 0; tries += 1) {
        if (tries > 200) throw new Error("the first pass never took the lock");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const second = await runProcess([...args, "--wait-lock=60"], env);
      const firstRun = await first;
      expect(firstRun.code, firstRun.stderr).toBe(0);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toMatch(/watch: the store's watch lock is held by \d+@[^;]+; waiting up to 60 s/);
      for (const p of [firstRun, second]) expect(p.stderr).toMatch(/[1-9]\d* checked/);
      expect(lockRows()).toBe(0);
    } finally {
      answerDelayMs = 100;
    }
  }, 120_000);

  it("--wait-lock=SECONDS gives up after SECONDS with WL_ERR_WATCH_BUSY naming the live holder; a bad value is refused", async () => {
    const store = join(dir, "store.db");
    // The holder: a live process of this machine (not taken over as dead), its lease far from over.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    const db = new Sqlite(store);
    try {
      db.prepare("INSERT INTO watch_lock (name, owner, acquired_at, expires_at) VALUES ('pass', ?, ?, ?)").run(`${holder.pid}@${hostname()}/holder`, new Date().toISOString(), new Date(Date.now() + 600_000).toISOString());
    } finally {
      db.close();
    }
    try {
      const args = ["watch", "run", "--store", store, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", "rdap", "--timeout", "5000", "--no-dns"];
      const started = Date.now();
      const busy = await runProcess([...args, "--wait-lock=2"], env);
      const took = Date.now() - started;
      expect(busy.code, busy.stderr).toBe(3);
      expect(busy.stderr).toContain(`waiting up to 2 s`);
      expect(busy.stderr).toContain(`WL_ERR_WATCH_BUSY: another watch pass holds this store's lock (${holder.pid}@${hostname()}/holder`);
      expect(busy.stderr).toMatch(/waited 2 s\): this pass is skipped/);
      expect(busy.stderr).not.toMatch(/checked/);
      expect(took).toBeGreaterThanOrEqual(2000);
      // The holder releases while a pass waits: that pass runs.
      let waitingSaid!: () => void;
      const said = new Promise<void>((resolve) => (waitingSaid = resolve));
      const waiting = runProcess([...args, "--wait-lock"], env, (text) => text.includes("waiting up to") && waitingSaid());
      await said;
      const release = new Sqlite(store);
      try {
        release.prepare("DELETE FROM watch_lock").run();
      } finally {
        release.close();
      }
      const ran = await waiting;
      expect(ran.code, ran.stderr).toBe(0);
      expect(ran.stderr).toContain("waiting up to 300 s");
      expect(ran.stderr).toMatch(/\d+ checked/);
      const bad = await runCli([...args, "--wait-lock=soon"], { env });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("--wait-lock needs a whole number");
    } finally {
      holder.kill();
      const cleanup = new Sqlite(store);
      cleanup.prepare("DELETE FROM watch_lock").run();
      cleanup.close();
    }
  }, 120_000);

  it("a lock left by a killed pass is taken over once it expires, or at once when its process is gone from this machine", async () => {
    const store = join(dir, "store.db");
    const db = new Sqlite(store);
    try {
      // A holder that died an hour ago without releasing (kill -9): its lease ran out.
      db.prepare("INSERT INTO watch_lock (name, owner, acquired_at, expires_at) VALUES ('pass', '999999@gone/dead', ?, ?)").run(new Date(Date.now() - 3_600_000).toISOString(), new Date(Date.now() - 3_000_000).toISOString());
    } finally {
      db.close();
    }
    const args = ["watch", "run", "--store", store, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", "rdap", "--timeout", "5000", "--no-dns"];
    const taken = await runCli(args, { env });
    expect(taken.code, taken.stderr).toBe(0);
    // A live one (not expired) is respected.
    const live = new Sqlite(store);
    try {
      live.prepare("INSERT INTO watch_lock (name, owner, acquired_at, expires_at) VALUES ('pass', '999999@elsewhere/live', ?, ?)").run(new Date().toISOString(), new Date(Date.now() + 600_000).toISOString());
    } finally {
      live.close();
    }
    const busy = await runCli(args, { env });
    expect(busy.code).toBe(3);
    expect(busy.stderr).toContain("WL_ERR_WATCH_BUSY: another watch pass holds this store's lock (999999@elsewhere/live");
    expect(busy.stderr).not.toMatch(/checked/);
    // A live lease whose holder was a process of this machine that is gone (kill -9): taken over at once.
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    const again = new Sqlite(store);
    try {
      again.prepare("UPDATE watch_lock SET owner = ?").run(`${gone}@${hostname()}/killed`);
    } finally {
      again.close();
    }
    const resumed = await runCli(args, { env });
    expect(resumed.code, resumed.stderr).toBe(0);
  }, 60_000);
});
