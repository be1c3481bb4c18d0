import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bulkLookup, PoliteScheduler } from "../../src/bulk/index.js";
import { INTERRUPT_EXIT, interruptExitCode, processIO } from "../../src/cli/io.js";
import type { WhoisRecord } from "../../src/record/types.js";
import { BIN, ROOT, sandboxWork, type SandboxWork } from "../helpers/built-cli.js";
import { fakeIO } from "../helpers/cli.js";
import { main } from "../../src/cli/main.js";
import { comRegistryMap, silentRegistry, throttlingRegistry, type StandInRegistry } from "../helpers/stand-ins.js";
import { waitUntil } from "../helpers/wait.js";

/**
 * Ctrl-C on the built CLI (a real process, real signals) against the sandbox world on loopback:
 * the first SIGINT/SIGTERM stops a long run with what it finished saved and exit 130/143, a second
 * one exits at once, and a command that does not handle interrupts keeps node's default.
 */

interface Child {
  process: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(args: string[], env: NodeJS.ProcessEnv, stdin: "ignore" | "pipe" = "ignore"): Child {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: [stdin, "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
  return { process: child, stderr: () => stderr, exit };
}

/** Rows of the bulk store's queries table by state (0 for a store not made yet). */
function states(path: string): Record<string, number> {
  if (!existsSync(path)) return {};
  try {
    const db = new Sqlite(path, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare("select state, count(*) as n from queries group by state").all() as { state: string; n: number }[];
      return Object.fromEntries(rows.map((row) => [row.state, row.n]));
    } finally {
      db.close();
    }
  } catch {
    return {}; // its schema not written yet
  }
}

/** The sandbox's server map with every server paced slowly, so a run lasts long enough to interrupt. */
function slowMap(world: SandboxWork, qps: number): string {
  const map: Record<string, { address: string; qps: number; concurrency: number }> = {};
  for (const [host, value] of Object.entries(world.sandbox.serverMap)) map[host] = { address: typeof value === "string" ? value : value.address, qps, concurrency: 2 };
  const file = join(world.work, `slow-${qps}.json`);
  writeFileSync(file, JSON.stringify(map));
  return file;
}

/**
 * Waits until `check` holds while `child` runs; throws with its stderr if it ended first. No time bound: a child
 * that never gets there fails on the test's own timeout, however slowly a loaded machine starts it.
 */
async function whileRunning(child: Child, check: () => boolean, what: string): Promise<void> {
  let ended = false;
  void child.exit.then(() => (ended = true));
  while (!check()) {
    if (ended) throw new Error(`the command ended before ${what}: ${child.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Hop and whole-lookup time limits no test outlives (an hour): a lookup the grace failed to cancel holds its
 * process past the test's own timeout, so the exit itself shows the cancel (no elapsed-time bound that a loaded
 * machine could stretch past). The whole-lookup limit too: its 30 s default would end such a lookup by itself.
 */
const NEVER_TIMES_OUT = ["--timeout", "3600000", "--total-timeout", "3600000"];

/**
 * Once `asked()` is non-zero (and `settleMs` more), sends `signal`; resolves with the exit, the ms it took after
 * the signal (for lower bounds only: those hold on any machine), and the queries asked more than once by the exit
 * (a lookup retried after the interrupt, or after waiting out a backoff, asks its query again).
 */
async function signalOnceAsked(child: Child, asked: () => string[], signal: NodeJS.Signals, settleMs = 0): Promise<{ code: number | null; afterMs: number; askedAgain: string[] }> {
  await whileRunning(child, () => asked().length > 0, "the first query at the stand-in server");
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  const sent = Date.now();
  child.process.kill(signal);
  const ended = await child.exit;
  const queries = asked();
  return { code: ended.code, afterMs: Date.now() - sent, askedAgain: queries.filter((query, i) => queries.indexOf(query) !== i) };
}

describe("interrupting the built CLI", () => {
  let world: SandboxWork;
  let env: NodeJS.ProcessEnv;
  const children: ChildProcess[] = [];
  const run = (args: string[], stdin: "ignore" | "pipe" = "ignore"): Child => {
    const child = start(args, env, stdin);
    children.push(child.process);
    return child;
  };

  /** `bulk` over two names (`name-one.com`, `name-two.com`) against a stand-in registry's map, its store in db. */
  const bulkOfTwo = (name: string, protocol: string, map: string, extra: string[]): { child: Child; db: string } => {
    const input = join(world.work, `${name}-${protocol}.txt`);
    writeFileSync(input, `${name}-one.com\n${name}-two.com\n`);
    const db = join(world.work, `${name}-${protocol}.db`);
    const child = run(["bulk", input, "--protocol", protocol, "--no-follow", "--no-cache", "--servers", map, "--servers-only", "--bootstrap-dir", world.sandbox.bootstrapDir, "--store", db, ...extra]);
    return { child, db };
  };

  /**
   * A describe block's stand-in registry (started in beforeAll, closed in afterAll) with its .com map in
   * the world's folder; `asked` is the registry's own list of the queries it received.
   */
  const useStandIn = (startRegistry: () => Promise<StandInRegistry>, mapName: string): { asked: string[]; map: string } => {
    const standIn = { asked: [] as string[], map: "" };
    let registry: StandInRegistry | undefined;
    beforeAll(async () => {
      registry = await startRegistry();
      standIn.asked = registry.asked;
      standIn.map = comRegistryMap(join(world.work, mapName), registry);
    });
    afterAll(async () => {
      await registry?.close();
    });
    return standIn;
  };

  /**
   * `args` against a stand-in that holds its queries: SIGINT once it was asked, again 200 ms later. The
   * second exits at once (130), before the (30 s) grace let the first write `command`'s summary line.
   */
  const interruptTwice = async (args: string[], asked: string[], command: string): Promise<void> => {
    asked.length = 0;
    // A 30 s grace: the second signal, 200 ms after the first, comes long before it ends even on a stalled
    // machine, and a second signal that went unheeded shows as the grace's summary line.
    const child = run([...args, "--grace", "30"]);
    await whileRunning(child, () => asked.length > 0, "the first query at the stalled server");
    child.process.kill("SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.process.kill("SIGINT");
    const ended = await child.exit;
    expect(ended.code, child.stderr()).toBe(INTERRUPT_EXIT.SIGINT);
    expect(child.stderr()).toContain("whoislens: SIGINT again: exiting now");
    expect(child.stderr()).not.toContain(`${command}: interrupted`);
  };

  /**
   * `footprint seed --protocol whois` against a stand-in's map, its report in `reportName`; SIGINT once the
   * stand-in was asked (and `settleMs` more). Exits 130 with the report written and marked partial.
   */
  const interruptFootprint = async (standIn: { asked: string[]; map: string }, seed: string, reportName: string, extra: string[], settleMs = 0): Promise<{ afterMs: number; report: string; askedAgain: string[] }> => {
    standIn.asked.length = 0;
    const out = join(world.work, reportName);
    const child = run(["footprint", seed, "--protocol", "whois", "--no-dns", "--servers", standIn.map, "--servers-only", "--bootstrap-dir", world.sandbox.bootstrapDir, ...extra, "--out", out]);
    const ended = await signalOnceAsked(child, () => standIn.asked, "SIGINT", settleMs);
    expect(ended.code, child.stderr()).toBe(INTERRUPT_EXIT.SIGINT);
    const report = readFileSync(out, "utf8");
    expect(report).toContain("**Partial: the run was interrupted before it ended.**");
    return { afterMs: ended.afterMs, report, askedAgain: ended.askedAgain };
  };

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist/cli/main.js"))) throw new Error("these tests run the built CLI: run `npm run build` first (npm test does)");
    world = await sandboxWork("whoislens-interrupt-");
    env = { WHOISLENS_CACHE_DIR: join(world.work, "cache"), XDG_CONFIG_HOME: join(world.work, "no-config"), XDG_DATA_HOME: join(world.work, "data") };
  });
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  afterAll(async () => {
    await world?.close();
  });

  // Both protocols: the registry's port-43 server, and its RDAP server (found through the sandbox's bootstrap files).
  it.each([
    { protocol: "whois", registry: "whois.verisign-grs.com" },
    { protocol: "rdap", registry: "rdap.verisign.com" },
  ])("bulk --protocol $protocol: the first SIGINT saves what is done, says how to resume, exits 130; the re-run asks only the rest", async ({ protocol, registry }) => {
    const names = Array.from({ length: 120 }, (_, i) => `interrupt-${String(i).padStart(3, "0")}.com`);
    const input = join(world.work, `bulk-${protocol}.txt`);
    writeFileSync(input, `${names.join("\n")}\n`);
    const db = join(world.work, `bulk-${protocol}.db`);
    const out = join(world.work, `bulk-${protocol}.ndjson`);
    const args = ["bulk", input, "--protocol", protocol, "--no-follow", "--no-cache", "--servers", slowMap(world, 20), "--servers-only", "--bootstrap-dir", world.sandbox.bootstrapDir, "--store", db, "--out", out];
    world.sandbox.resetCounters();
    const first = run(args);
    await whileRunning(first, () => (states(db).done ?? 0) >= 5, "the first stored answers");
    first.process.kill("SIGINT");
    const ended = await first.exit;
    expect(ended.code, first.stderr()).toBe(INTERRUPT_EXIT.SIGINT);
    const done = states(db).done ?? 0;
    expect(done).toBeGreaterThanOrEqual(5);
    expect(done).toBeLessThan(names.length);
    // One line says what was saved, where, and how to go on.
    expect(first.stderr()).toMatch(new RegExp(`bulk: interrupted: run file-[0-9a-f]+: ${done} done .*saved to ${db.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} and .*bulk-${protocol}\\.ndjson; run the same command again to resume`));
    // What is in the store is in the results file too: nothing answered was lost on the way out.
    const written = readFileSync(out, "utf8").trim().split("\n").map((line) => (JSON.parse(line) as { query: string }).query);
    expect(written).toHaveLength(done);
    // Nothing cut short was marked failed: it stays pending (or unread) for the next pass.
    expect(states(db).failed ?? 0).toBe(0);

    world.sandbox.resetCounters();
    const second = run(args);
    const rerun = await second.exit;
    expect(rerun.code, second.stderr()).toBe(0);
    expect(second.stderr()).toMatch(/resuming run file-[0-9a-f]+ \(pass 2\)/);
    expect(states(db)).toEqual({ done: names.length });
    // The re-run asked the registry only for the queries not done before.
    expect(world.sandbox.stats()[registry]).toBe(names.length - done);
    const all = readFileSync(out, "utf8").trim().split("\n").map((line) => (JSON.parse(line) as { query: string }).query);
    expect(new Set(all).size).toBe(names.length);
    expect(all).toHaveLength(names.length);
  }, 60_000);

  // A pipe kept open, as `tail -f names | whoislens bulk -`: each line is looked up when it comes (bulk once read
  // up to its lookahead, 1,000 queries, or the input's end before dispatching anything), and SIGINT does not
  // wait for more input.
  it("bulk - (standard input kept open): lines are looked up as they come; SIGINT does not wait for more input", async () => {
    const db = join(world.work, "stdin.db");
    const child = run(["bulk", "-", "--protocol", "whois", "--no-follow", "--no-cache", "--servers", slowMap(world, 50), "--servers-only", "--store", db], "pipe");
    child.process.stdin?.write("stdin-one.com\nstdin-two.com\n");
    await whileRunning(child, () => (states(db).done ?? 0) === 2, "the first two lines looked up while the pipe is open");
    child.process.stdin?.write("stdin-three.com\n");
    await whileRunning(child, () => (states(db).done ?? 0) === 3, "a later line looked up as it comes");
    child.process.kill("SIGINT");
    const ended = await child.exit;
    expect(ended.code, child.stderr()).toBe(INTERRUPT_EXIT.SIGINT);
    expect(child.stderr()).toMatch(/bulk: interrupted: run (stdin-\S+): 3 done \(3 finished this pass\), 0 read but not done; saved to .*stdin\.db; run it again with --run stdin-\S+ and the same input to resume/);
  }, 60_000);

  describe("against a server that never answers", () => {
    // Reads the query and keeps the connection open without a word, on both protocols.
    const stalled = useStandIn(silentRegistry, "silent.json");

    it.each(["whois", "rdap"])("bulk --protocol %s: SIGTERM cancels what is in flight after the grace, leaves it pending, exits 143", async (protocol) => {
      stalled.asked.length = 0;
      const { child, db } = bulkOfTwo("stalled", protocol, stalled.map, NEVER_TIMES_OUT);
      const ended = await signalOnceAsked(child, () => stalled.asked, "SIGTERM");
      // Ended at all: the grace (3 s) cancelled the lookups, which would otherwise wait out an hour's timeout.
      expect(ended.code, child.stderr()).toBe(INTERRUPT_EXIT.SIGTERM);
      expect(child.stderr()).toMatch(/bulk: interrupted: run file-[0-9a-f]+: 0 done \(0 finished this pass\), [12] read but not done; saved to .*stalled-(whois|rdap)\.db; run the same command again to resume/);
      // Cut short, not failed, nor retried: the next pass asks them.
      expect(states(db)).toEqual({ pending: 2 });
      expect(ended.askedAgain).toEqual([]);
    }, 60_000);

    it("--grace sets how long in-flight lookups may finish: --grace 20 waits 20 s, --grace 0 cancels at once", async () => {
      stalled.asked.length = 0;
      // Both signalled together: --grace 0 ends first (the order holds however slowly a loaded machine runs both
      // shutdowns, short of 20 s apart); --grace 20 not before its 20 s (a lower bound holds on any machine).
      const patient = bulkOfTwo("stalled-grace-20", "whois", stalled.map, [...NEVER_TIMES_OUT, "--grace", "20"]);
      const hasty = bulkOfTwo("stalled-grace-0", "whois", stalled.map, [...NEVER_TIMES_OUT, "--grace", "0"]);
      const askedBy = (name: string) => (): boolean => stalled.asked.some((query) => query.includes(`${name}-one.com`) || query.includes(`${name}-two.com`));
      await whileRunning(patient.child, askedBy("stalled-grace-20"), "the patient run's first query");
      await whileRunning(hasty.child, askedBy("stalled-grace-0"), "the hasty run's first query");
      const exits: string[] = [];
      const sent = Date.now();
      patient.child.process.kill("SIGTERM");
      hasty.child.process.kill("SIGTERM");
      const [waited, cut] = await Promise.all([patient.child.exit.then((exit) => (exits.push("grace 20"), { ...exit, afterMs: Date.now() - sent })), hasty.child.exit.then((exit) => (exits.push("grace 0"), exit))]);
      expect(exits).toEqual(["grace 0", "grace 20"]);
      expect(waited.code, patient.child.stderr()).toBe(INTERRUPT_EXIT.SIGTERM);
      expect(waited.afterMs).toBeGreaterThanOrEqual(19_500);
      expect(cut.code, hasty.child.stderr()).toBe(INTERRUPT_EXIT.SIGTERM);
      // Pending, not failed, both.
      expect(states(patient.db)).toEqual({ pending: 2 });
      expect(states(hasty.db)).toEqual({ pending: 2 });
    }, 90_000);

    it("footprint: a query already sent still gets its --grace before it is cancelled", async () => {
      const ended = await interruptFootprint(stalled, "stalled.com", "stalled-footprint.md", ["--no-store", ...NEVER_TIMES_OUT, "--grace", "4"]);
      // Not cancelled before its grace (a lower bound holds on any machine); cancelled at its end, or the
      // hour's timeout would have held it past the test's own.
      expect(ended.afterMs).toBeGreaterThanOrEqual(3500);
      expect(ended.askedAgain).toEqual([]);
    }, 90_000);

    it("a second Ctrl-C exits at once (130) without waiting for the grace", async () => {
      const input = join(world.work, "twice.txt");
      writeFileSync(input, "twice-one.com\ntwice-two.com\n");
      await interruptTwice(["bulk", input, "--protocol", "whois", "--no-follow", "--no-cache", "--servers", stalled.map, "--servers-only", "--store", join(world.work, "twice.db"), ...NEVER_TIMES_OUT], stalled.asked, "bulk");
    }, 60_000);

    // audit and lookalikes stop as bulk does (interruption(io)): the first signal takes no new lookup, the grace
    // cancels those in flight, the report of what was done is written, the exit is 130/143; a second exits at once.
    const stalledCommands = [
      { name: "audit", args: (out: string) => ["audit", "stall-a.com", "stall-b.com", "--no-ns-check", "--concurrency", "2", "--out", out], report: /stall-a\.com/, line: /audit: interrupted: 0 of 2 domains looked up; the report lists the rest as not checked; run the same command again to check them all/ },
      { name: "lookalikes", args: (out: string) => ["lookalikes", "stall.com", "--fuzzers", "omission", "--no-dns", "--whois", "all", "--out", out], report: undefined, line: /lookalikes: interrupted: \d+ of \d+ names checked; the report in .*stalled-lookalikes\.out holds those; run the same command again to check them all/ },
    ];
    it.each(stalledCommands)("$name: SIGTERM cancels the stalled lookups after the grace, writes the report, exits 143", async ({ name, args, report, line }) => {
      stalled.asked.length = 0;
      const out = join(world.work, `stalled-${name}.out`);
      const child = run([...args(out), "--protocol", "whois", "--no-follow", "--no-cache", "--servers", stalled.map, "--servers-only", ...NEVER_TIMES_OUT]);
      const ended = await signalOnceAsked(child, () => stalled.asked, "SIGTERM");
      // Ended at all: the grace (3 s) cancelled the lookups, which would otherwise wait out an hour's timeout.
      expect(ended.code, child.stderr()).toBe(INTERRUPT_EXIT.SIGTERM);
      expect(ended.askedAgain).toEqual([]);
      expect(child.stderr()).toMatch(line);
      expect(existsSync(out)).toBe(true);
      if (report) expect(readFileSync(out, "utf8")).toMatch(report);
    }, 60_000);

    it.each(stalledCommands)("$name: a second Ctrl-C exits at once (130) without waiting for the grace", async ({ name, args }) => {
      await interruptTwice([...args(join(world.work, `twice-${name}.out`)), "--protocol", "whois", "--no-follow", "--no-cache", "--servers", stalled.map, "--servers-only", ...NEVER_TIMES_OUT], stalled.asked, name);
    }, 60_000);

    it("lookup (a one-shot that does not handle interrupts) ends at once on SIGINT, as node does by default", async () => {
      stalled.asked.length = 0;
      const child = run(["lookup", "oneshot.com", "--protocol", "whois", "--no-follow", "--no-cache", "--servers", stalled.map, "--servers-only", ...NEVER_TIMES_OUT]);
      await whileRunning(child, () => stalled.asked.length > 0, "the query at the stalled server");
      child.process.kill("SIGINT");
      const ended = await child.exit;
      // Killed by the signal itself (no handler swallowed it): no exit code, the signal reported. A handler
      // that waited for the stalled server would end with a code, after the hour's timeout: no time bound needed.
      expect(ended).toEqual({ code: null, signal: "SIGINT" });
    }, 60_000);
  });

  describe("in a server's 60 s backoff", () => {
    // Every query refused with a 60 s wait: in words on port 43, as 429 Retry-After: 60 over RDAP.
    const throttling = useStandIn(throttlingRegistry, "throttling.json");

    // The process ends on its own (bin/whoislens no longer forces the exit): before the scheduler heeded the
    // cancel signal, the backoff's timer kept it alive until the 60 s ran out.
    it.each(["whois", "rdap"])("bulk --protocol %s: SIGINT ends the wait after the grace; the process exits 130 by itself, the queries left pending", async (protocol) => {
      throttling.asked.length = 0;
      const { child, db } = bulkOfTwo("backoff", protocol, throttling.map, ["--max-retry-wait", "120"]);
      // Signalled 300 ms after the first refusal: in the backoff (the refusal read, the wait begun).
      const ended = await signalOnceAsked(child, () => throttling.asked, "SIGINT", 300);
      // Ended by itself, and nothing asked again: a process that sat out the server's 60 s would have re-asked
      // (the retry), and outlived the test's own timeout on the way.
      expect(ended.code, child.stderr()).toBe(INTERRUPT_EXIT.SIGINT);
      expect(ended.askedAgain).toEqual([]);
      expect(child.stderr()).toMatch(/bulk: interrupted: run file-[0-9a-f]+: 0 done/);
      // Waiting on the server's word is not the server failing: nothing marked failed or throttled.
      expect(states(db)).toEqual({ pending: 2 });
    }, 60_000);

    it("footprint --protocol whois: SIGINT during the backoff writes the partial report and exits 130 by itself", async () => {
      const ended = await interruptFootprint(throttling, "backoff.com", "backoff-footprint.md", ["--store", join(world.work, "backoff-footprint.db")], 300);
      expect(ended.askedAgain).toEqual([]);
    }, 60_000);

    it("footprint: a hop waiting out the backoff was never sent, so the first SIGINT ends it at once, not after --grace", async () => {
      // The longest grace (600 s): sitting it out, as it once did, outlives the test's own timeout.
      const ended = await interruptFootprint(throttling, "backoff.com", "backoff-footprint-grace.md", ["--no-store", "--grace", "600"], 300);
      expect(ended.askedAgain).toEqual([]);
      // The interrupt is not written up as the pivot failing.
      expect(ended.report).not.toContain("WL_ERR_ABORTED");
    }, 60_000);
  });

  it("footprint: SIGINT writes the partial report marked partial, exits 130; the re-run finishes from the cache", async () => {
    // Slow enough (one query per 2 s per server) that the run is still going when the signal lands after the
    // first expanded node; with one seed at 3 q/s the three-query footprint could end first on a loaded machine.
    const map = slowMap(world, 0.5);
    const report = join(world.work, "footprint.md");
    // Four seeds whose registries and registrars repeat, so later queries wait on their server's pace.
    const args = ["footprint", "example.com", "acme-widgets.com", "acme-widgets.net", "example.org", "--protocol", "whois", "--no-dns", "--servers", map, "--servers-only", "--bootstrap-dir", world.sandbox.bootstrapDir, "--store", join(world.work, "footprint.db"), "--out", report];
    world.sandbox.resetCounters();
    const first = run(args);
    await whileRunning(first, () => /footprint: [1-9]\d* expanded/.test(first.stderr()), "the first expanded node");
    first.process.kill("SIGINT");
    const ended = await first.exit;
    expect(ended.code, first.stderr()).toBe(INTERRUPT_EXIT.SIGINT);
    expect(first.stderr()).toMatch(/footprint: interrupted: \d+ nodes expanded, \d+ found, \d+ queries spent; partial report in .*footprint\.md, answers cached, records in .*footprint\.db; run the same command again to finish/);
    const partial = readFileSync(report, "utf8");
    expect(partial).toContain("# Attack surface: example.com");
    expect(partial).toContain("**Partial: the run was interrupted before it ended.**");
    const askedFirst = total(world.sandbox.stats());
    expect(askedFirst).toBeGreaterThan(0);

    world.sandbox.resetCounters();
    const second = run(args);
    const rerun = await second.exit;
    expect(rerun.code, second.stderr()).toBe(0);
    const full = readFileSync(report, "utf8");
    expect(full).not.toContain("Partial");
    expect(full).toContain("# Attack surface: example.com");
    expect(second.stderr()).toMatch(/footprint: done, \d+ assets/);
    const askedRerun = total(world.sandbox.stats());

    // A run from nothing (its own cache) asks more than the re-run did: the interrupted run's answers were kept.
    world.sandbox.resetCounters();
    const fresh = start(args.map((arg) => (arg === report ? join(world.work, "fresh.md") : arg === join(world.work, "footprint.db") ? join(world.work, "fresh.db") : arg)), { ...env, WHOISLENS_CACHE_DIR: join(world.work, "fresh-cache") });
    children.push(fresh.process);
    expect((await fresh.exit).code, fresh.stderr()).toBe(0);
    const askedFresh = total(world.sandbox.stats());
    expect(askedRerun).toBeLessThan(askedFresh);
  }, 120_000);
});

function total(stats: Record<string, number>): number {
  return Object.entries(stats).filter(([host]) => host !== "dns").reduce((sum, [, n]) => sum + n, 0);
}

describe("processIO", () => {
  it("installs no signal handler until a command reads io.interrupted (node's default Ctrl-C stays)", () => {
    const before = { int: process.listeners("SIGINT"), term: process.listeners("SIGTERM") };
    const io = processIO();
    expect(process.listenerCount("SIGINT")).toBe(before.int.length);
    expect(process.listenerCount("SIGTERM")).toBe(before.term.length);
    expect(io.interruptSignal?.()).toBeUndefined();
    void io.interrupted;
    void io.interrupted; // read twice: still one handler per signal
    const added = { int: process.listeners("SIGINT").filter((l) => !before.int.includes(l)), term: process.listeners("SIGTERM").filter((l) => !before.term.includes(l)) };
    expect(added.int).toHaveLength(1);
    expect(added.term).toHaveLength(1);
    for (const listener of added.int) process.removeListener("SIGINT", listener);
    for (const listener of added.term) process.removeListener("SIGTERM", listener);
  });

  it("maps the interrupting signal to 128 + its number, SIGINT when the IO does not say", () => {
    expect(interruptExitCode(fakeIO())).toBe(130);
    expect(interruptExitCode({ ...fakeIO(), interruptSignal: () => "SIGTERM" })).toBe(143);
  });
});

describe("bulkLookup with a stop signal", () => {
  const record = (query: string): WhoisRecord => ({
    query,
    kind: "domain",
    status: "registered",
    source: { protocol: "whois", server: "whois.test", fetchedAt: "2026-12-06T00:00:00Z" },
    domain: { name: query },
  });
  const queries = Array.from({ length: 50 }, (_, i) => `stop-${i}.com`);

  it("reads no more input and starts nothing new once stopped; what was in flight still comes out", async () => {
    const stop = new AbortController();
    const started: string[] = [];
    let read = 0;
    async function* input(): AsyncGenerator<string> {
      for (const query of queries) {
        read += 1;
        yield query;
      }
    }
    const results: string[] = [];
    for await (const result of bulkLookup(input(), {
      lookup: { protocol: "whois", host: "whois.test" },
      scheduler: new PoliteScheduler(),
      concurrency: 2,
      perServer: 2,
      lookahead: 4,
      stop: stop.signal,
      lookupFn: async (query) => {
        started.push(query);
        if (started.length === 3) stop.abort();
        await new Promise((resolve) => setTimeout(resolve, 5));
        return record(query);
      },
    })) results.push(result.query);
    expect(started.length).toBeGreaterThanOrEqual(3);
    expect(started.length).toBeLessThan(6);
    expect(results.sort()).toEqual([...started].sort());
    expect(read).toBeLessThan(queries.length);
  });

  it("with the lookups' signal aborted too, ends without waiting for a lookup that ignores it, yielding nothing for it", async () => {
    const stop = new AbortController();
    const cancel = new AbortController();
    const results: string[] = [];
    const run = (async () => {
      for await (const result of bulkLookup((async function* () {
        yield* queries;
      })(), {
        lookup: { protocol: "whois", host: "whois.test", signal: cancel.signal },
        scheduler: new PoliteScheduler(),
        concurrency: 2,
        perServer: 2,
        lookahead: 4,
        stop: stop.signal,
        lookupFn: (query) => (query === "stop-0.com" ? Promise.resolve(record(query)) : new Promise<WhoisRecord>(() => {})), // never settles
      })) results.push(result.query);
    })();
    await waitUntil(() => results.length > 0, "the first result");
    stop.abort();
    cancel.abort();
    await run;
    expect(results).toEqual(["stop-0.com"]);
  });
});

describe("audit interrupted from the CLI", () => {
  it("says how many domains were looked up, writes the report of those, exits 130 (not 3)", async () => {
    const io = fakeIO({ tty: true });
    const write = io.stderr.write;
    // Interrupted at the first progress line: the lookups in flight finish, nothing new starts.
    io.stderr = { write: (chunk: string) => (chunk.includes("audit: 1/") && io.interrupt(), write(chunk)) };
    const domains = Array.from({ length: 40 }, (_, i) => `audit-interrupt-${i}.com`);
    const code = await main(["audit", ...domains, "--sandbox", "--concurrency", "1", "--no-ns-check", "--no-cache"], io);
    expect(code).toBe(130);
    const line = /audit: interrupted: (\d+) of 40 domains looked up; the report lists the rest as not checked; run the same command again to check them all/.exec(io.err.join(""));
    expect(line).not.toBeNull();
    const checked = Number(line?.[1]);
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThan(40);
    expect(io.out.join("")).toContain("audit-interrupt-0.com");
  }, 60_000);
});

describe("detect over files, interrupted", () => {
  let detectChild: ChildProcess | undefined;
  afterEach(() => {
    if (detectChild && detectChild.exitCode === null && detectChild.signalCode === null) detectChild.kill("SIGKILL");
    detectChild = undefined;
  });
  const fixture = (name: string): string => join(ROOT, "test/detect/fixtures", name);

  it("stops after the file being read, prints the alerts of what was read, exits 130", async () => {
    const io = fakeIO();
    const write = io.stderr.write;
    // Interrupted as the first file's statistics line is written: the other files are not begun.
    io.stderr = { write: (chunk: string) => (chunk.includes("zeek-whois.log:") && io.interrupt(), write(chunk)) };
    const code = await main(["detect", fixture("zeek-whois.log"), fixture("zeek-conn.log"), fixture("eve.json"), "--format", "ndjson"], io);
    expect(code).toBe(130);
    const err = io.err.join("");
    expect(err).toMatch(/detect: interrupted: \d+ lines read from 1 input file\(s\), the rest not read/);
    expect(err).not.toContain("zeek-conn.log:");
    expect(err).not.toContain("eve.json:");
  });

  // The producer of a pipe may stay alive with nothing to say (`journalctl -f | whoislens detect -`): the
  // interrupt must not wait for its next line. Before, detect sat on the open stdin until the producer
  // wrote again or closed.
  it("detect - on a pipe kept open: SIGINT stops it at once, with what was read, exit 130", async () => {
    const child = spawn(process.execPath, [BIN, "detect", "-", "--format", "ndjson"], { stdio: ["pipe", "pipe", "pipe"] });
    let err = "";
    child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.resume();
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    // Read by now, however slow the machine: 1 MiB of log through a 64 KiB pipe is all written only once detect
    // has read all but the last 64 KiB of it (so it runs, its interrupt handler set). The pipe stays open.
    const log = readFileSync(fixture("zeek-whois.log"));
    await new Promise((resolve) => child.stdin?.write(Buffer.concat(Array.from({ length: Math.ceil((1024 * 1024) / log.length) }, () => log)), resolve));
    child.kill("SIGINT");
    // Waiting on the open pipe would never end (the producer writes no more): exiting at all shows the interrupt
    // stopped the read. A hang fails on the test's own timeout; the afterEach below kills the child then.
    detectChild = child;
    const code = await exited;
    expect(code, err).toBe(130);
    expect(err).toMatch(/detect: interrupted: [1-9]\d* lines read from 1 input file\(s\)/);
    child.stdin?.destroy();
  }, 45_000);

  it("uninterrupted, the same files are all read (the interrupt above is what stopped them)", async () => {
    const io = fakeIO();
    const code = await main(["detect", fixture("zeek-whois.log"), fixture("zeek-conn.log"), fixture("eve.json"), "--format", "ndjson"], io);
    expect(code).not.toBe(130);
    const err = io.err.join("");
    expect(err).toContain("zeek-conn.log:");
    expect(err).toContain("eve.json:");
    expect(err).not.toContain("interrupted");
  });
});

describe("commands that do not handle an interrupt leave node's default in place", () => {
  /** A fake IO that counts reads of io.interrupted (reading it is what installs processIO's handlers). */
  const counting = (options: Parameters<typeof fakeIO>[0] = {}): ReturnType<typeof fakeIO> & { reads: () => number } => {
    const io = fakeIO(options);
    const promise = io.interrupted;
    let reads = 0;
    Object.defineProperty(io, "interrupted", { get: () => ((reads += 1), promise) });
    return Object.assign(io, { reads: () => reads });
  };

  it("watch run (one pass), parse, db search and a failing lookup never read io.interrupted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "whoislens-interrupt-oneshot-"));
    try {
      const store = join(dir, "store.db");
      const cases: [string[], string | undefined][] = [
        [["watch", "run", "--store", store, "--stdout"], undefined],
        [["parse"], "Domain Name: EXAMPLE.COM\nRegistrar: Example Registrar\n"],
        [["db", "search", "--email", "ops@example.com", "--store", store], undefined],
        [["lookup", "not a query!"], undefined],
      ];
      for (const [args, stdin] of cases) {
        const io = counting(stdin === undefined ? {} : { stdin });
        await main(args, io);
        expect(io.reads(), args.join(" ")).toBe(0);
      }
      // The check can fail: a kept-running watch does subscribe.
      const every = counting();
      const running = main(["watch", "run", "--store", store, "--stdout", "--every", "1h"], every);
      await waitUntil(() => every.reads() > 0, "watch --every to subscribe", 10_000);
      every.interrupt();
      await running;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
