import { fork } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { setPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TLD_WHOIS } from "../../src/servers/index.js";

/**
 * A fleet for the scale-out tests, written for them (not bench/lib's fleet): port-43 servers and RDAP
 * servers, each with a published limit enforced by one token bucket for every client together (burst 2,
 * as the bench fleet's, so a client paced at the limit passes and one a little faster is refused). A
 * port-43 server over its limit answers a throttle text (the wording of whois.denic.de's "55000000002
 * Connection refused; access control limit reached" family); an RDAP server answers HTTP 429 with
 * Retry-After (RFC 9110 §10.2.3, RFC 6585 §4), as RDAP servers do (RFC 9082 §5.5).
 */
export interface FleetSpec {
  tld: string;
  protocol: "whois" | "rdap";
  qps: number;
  latencyMs: number;
  concurrency: number;
  /** The bucket's size (default one second of the limit, at least 2); 2 is the strictest a paced client can meet. */
  burst?: number;
}

export interface FleetCounters {
  answered: number;
  throttled: number;
  /** How many times each query was answered. */
  queries: Record<string, number>;
  /** Date.now() of the first and last answer. */
  firstAt?: number;
  lastAt?: number;
  /** Date.now() of each refusal. */
  throttledAt: number[];
}

export interface Fleet {
  specs: FleetSpec[];
  /** The --servers map (qps and concurrency published) and the --bootstrap-dir for the RDAP servers. */
  mapFile: string;
  bootstrapDir: string;
  sumQps: number;
  counters(): Promise<FleetCounters[]>;
  close(): Promise<void>;
}

/** Starts test/scale/fleet-process.mjs (its own process, so its clock reads queries when they come). */
export async function startFleet(specs: FleetSpec[]): Promise<Fleet> {
  const child = fork(fileURLToPath(new URL("./fleet-process.mjs", import.meta.url)), [JSON.stringify(specs)], { stdio: "ignore" });
  // The fleet stands for servers on machines of their own: on this shared machine it gets the CPU
  // first (nice -10, allowed to root; else as it is), so a busy moment here never makes it read a
  // second's queries at once and refuse them as a burst no client sent.
  try {
    if (child.pid !== undefined) setPriority(child.pid, -10);
  } catch {
    // Not permitted: the fleet runs at normal priority.
  }
  const { ports } = await new Promise<{ ports: number[] }>((resolve, reject) => {
    child.once("message", (message) => resolve(message as { ports: number[] }));
    child.once("exit", (code) => reject(new Error(`the fleet exited (${code})`)));
  });
  const map: Record<string, unknown> = {};
  const rdapServices: [string[], string[]][] = [];
  for (const [index, spec] of specs.entries()) {
    const port = ports[index] as number;
    if (spec.protocol === "whois") {
      const host = TLD_WHOIS[spec.tld];
      if (host === undefined) throw new Error(`no WHOIS server known for .${spec.tld}`);
      map[host] = { address: `127.0.0.1:${port}`, qps: spec.qps, concurrency: spec.concurrency };
    } else {
      const host = `rdap.fleet-${spec.tld}.test`;
      map[host] = { address: `http://127.0.0.1:${port}/`, qps: spec.qps, concurrency: spec.concurrency };
      rdapServices.push([[spec.tld], [`https://${host}/`]]);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "wl-scale-fleet-"));
  const mapFile = join(dir, "servers.json");
  writeFileSync(mapFile, JSON.stringify(map));
  const bootstrapDir = join(dir, "bootstrap");
  mkdirSync(bootstrapDir);
  // RFC 9224 bootstrap file: each RDAP server's TLD points at its (mapped) base URL.
  writeFileSync(join(bootstrapDir, "dns.json"), JSON.stringify({ version: "1.0", publication: "2026-12-06T00:00:00Z", services: rdapServices }));
  return {
    specs,
    mapFile,
    bootstrapDir,
    sumQps: specs.reduce((sum, s) => sum + s.qps, 0),
    counters: () =>
      new Promise((resolve) => {
        child.once("message", (message) => resolve((message as { counters: FleetCounters[] }).counters));
        child.send("stats");
      }),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send("stop");
      await exited;
    },
  };
}
