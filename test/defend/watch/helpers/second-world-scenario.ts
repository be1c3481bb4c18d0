import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeRdapAgents } from "../../../../src/net/index.js";
import { Rng } from "../../../../src/detect/eval/prng.js";
import { runCli, type CliRun } from "../../../helpers/cli.js";
import { SecondWorld } from "./second-world.js";
import { ACME, hijackAndLapse, SECOND_WORLD_WATCHED, secondWorldDomains, secondWorldNetblocks, seedReverse, startSecondWorld, type SecondWorldOptions, type SecondWorldServer } from "./second-world-server.js";

/** An alert line as `watch run` prints it, with what must not change from one run of a scenario to the next. */
export interface AlertLine {
  id: string;
  kind: string;
  severity: string;
  domain: string;
  before: string | null;
  after: string | null;
  evidence: { field: string; entry: string; server?: string; protocol?: string; note?: string; beforeFetchedAt?: string; afterFetchedAt?: string };
  firstSeen: string;
}

export const parseAlerts = (stdout: string): AlertLine[] => stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as AlertLine);

/** An alert without its times (fetch and pass times differ from run to run; everything else must not). */
export type Stable = Omit<AlertLine, "firstSeen" | "evidence"> & { evidence: Omit<AlertLine["evidence"], "beforeFetchedAt" | "afterFetchedAt"> };
export function stable(alert: AlertLine): Stable {
  const { firstSeen: _firstSeen, evidence, ...rest } = alert;
  const { beforeFetchedAt: _before, afterFetchedAt: _after, ...kept } = evidence;
  return { ...rest, evidence: kept };
}
/** By id: the order a set is compared in. */
export const byId = (alerts: Stable[]): Stable[] => [...alerts].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

/**
 * Answer delays drawn from a seed: every answer of every server takes 0–`maxMs` ms, so answers come back
 * in another order on each seed (the same order for the same seed, as far as the event loop allows).
 */
export function seededDelays(seed: number, maxMs = 40): (host: string, query: string) => number {
  const rng = new Rng(seed);
  return () => rng.int(0, maxMs);
}

export interface ScenarioRun {
  /** The three passes' CLI runs: first look, the hijack and the lapse (with transient failures), the failures gone. */
  passes: CliRun[];
  /** Each pass's alerts, as printed (NDJSON order). */
  alerts: AlertLine[][];
  served: SecondWorldServer;
}

export interface ScenarioOptions {
  protocol: "rdap" | "whois";
  /** Extra `watch run` flags (e.g. `--concurrency 1`); none: the defaults a user gets. */
  flags: readonly string[];
  /** How the servers behave: answer delays (see seededDelays), connection caps. */
  serve?: SecondWorldOptions;
  /** A dnsmasq on loopback for the lookalike check (absent: --no-dns, and no lookalike entry). */
  dns?: { port: number; child: ChildProcess };
  /** Called between pass 2 and pass 3 with the store's flags (to read history). */
  between?: (store: string[], env: NodeJS.ProcessEnv) => Promise<void>;
}

/**
 * The second world's scenario from start to end on a fresh world and store (helpers/second-world.ts):
 * the watch list (domains, the netblock, the terms, the lookalikes when DNS is given), a first pass,
 * `hijackAndLapse`, a second pass, the faults cleared, a third pass. Returns every pass.
 */
export async function runSecondWorldScenario(options: ScenarioOptions): Promise<ScenarioRun> {
  const world = new SecondWorld(secondWorldDomains(), secondWorldNetblocks());
  seedReverse(world);
  const served = await startSecondWorld(world, options.serve);
  const dir = mkdtempSync(join(tmpdir(), "wl-watch-conc-"));
  try {
    writeFileSync(join(dir, "servers.json"), JSON.stringify(served.serverMap));
    const env = { WHOISLENS_CACHE_DIR: join(dir, "cache"), XDG_CONFIG_HOME: join(dir, "xdg"), WHOISLENS_WHOISXML_KEY: "test-key" };
    const store = ["--store", join(dir, "store.db")];
    const cli = (args: string[]) => runCli(args, { env });
    const add = async (args: string[]) => {
      const added = await cli(["watch", "add", ...args, ...store]);
      if (added.code !== 0) throw new Error(`watch add ${args.join(" ")}: ${added.stderr}`);
    };
    await add([...SECOND_WORLD_WATCHED]);
    await add(["--term", "email", ACME.email]);
    await add(["--term", "org", ACME.org]);
    if (options.dns) {
      await add(["acme-widgets.com", "--lookalikes"]);
      await add(["--term", "nameserver", "NS1.acme-dns.net."]);
    }
    const dnsFlags = options.dns ? ["--resolver", `127.0.0.1:${options.dns.port}`] : ["--no-dns"];
    const pass = () => cli(["watch", "run", ...store, "--servers", join(dir, "servers.json"), "--servers-only", "--protocol", options.protocol, "--timeout", "3000", ...options.flags, ...dnsFlags]);
    const passes: CliRun[] = [];
    passes.push(await pass());
    hijackAndLapse(served.world);
    passes.push(await pass());
    await options.between?.(store, env);
    served.world.faults.clear();
    passes.push(await pass());
    return { passes, alerts: passes.map((p) => parseAlerts(p.stdout)), served };
  } finally {
    await closeRdapAgents();
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
