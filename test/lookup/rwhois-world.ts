import net from "node:net";
import { expect } from "vitest";
import type { ChainHop, WhoisRecord } from "../../src/record/types.js";
import { runCli } from "../helpers/cli.js";
import { startPythonWorld } from "./rir-world.js";

/**
 * The RWhois world (test/lookup/fixtures/rwhois_world.py): an ARIN-like port-43 server whose reallocations
 * refer to ISPs' RWhois 1.5 servers (RFC 2167), well-behaved and hostile. Python, written from ARIN's and
 * RFC 2167's documents, not from our client. Needs python3 (rir-world.ts warns and the tests skip without it).
 */
export interface RwhoisCustomer {
  cidr: string;
  first: string;
  last: string;
  id: string;
  name: string;
  org: string;
  city: string;
  country: string;
}

export interface RwhoisWorld {
  dir: string;
  servers: Record<string, string>;
  /** --servers, --servers-only, --bootstrap-dir, --no-cache: every run stays on loopback. */
  flags: string[];
  customers: Record<string, RwhoisCustomer>;
  /**
   * How many RWhois sessions the world saw end with `-quit`, read once every session that can end so has ended:
   * a lookup returns at `%ok`, before its `-quit` reaches the server.
   */
  quits(): Promise<number>;
  close(): Promise<void>;
}

export async function startRwhoisWorld(): Promise<RwhoisWorld> {
  const world = await startPythonWorld<{ servers: Record<string, string>; quits: number; customers: Record<string, RwhoisCustomer> }>("rwhois_world.py");
  const { started } = world;
  return { dir: world.dir, servers: started.servers, flags: world.flags, customers: started.customers, quits: () => askQuits(started.quits), close: world.close };
}

async function askQuits(port: number): Promise<number> {
  const settleBy = Date.now() + 10_000;
  for (;;) {
    const [quits = Number.NaN, open = Number.NaN] = (await askCounter(port)).trim().split(" ").map(Number);
    if (!Number.isInteger(quits) || !Number.isInteger(open)) throw new Error(`the quit counter answered ${quits} ${open}`);
    if (open === 0 || Date.now() > settleBy) return quits;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function askCounter(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const socket = net.connect({ host: "127.0.0.1", port }, () => socket.write("count\n"));
    socket.on("data", (chunk) => (text += chunk.toString("ascii")));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}

/** `whoislens lookup --protocol whois --json` on the world (its flags, or `flags` in their place), the record parsed. */
export async function lookupJson(world: RwhoisWorld, query: string, extra: string[] = [], flags = world.flags): Promise<{ code: number; record: WhoisRecord; stderr: string }> {
  const run = await runCli(["lookup", "--protocol", "whois", "--json", ...flags, ...extra, query]);
  expect(run.stdout, run.stderr).not.toBe("");
  return { code: run.code, record: JSON.parse(run.stdout) as WhoisRecord, stderr: run.stderr };
}

/** The chain's hops as server, status and (RWhois hops) url. */
export function hops(record: WhoisRecord): Pick<ChainHop, "server" | "status" | "url">[] {
  return (record.chain ?? []).map((hop) => (hop.url === undefined ? { server: hop.server, status: hop.status } : { server: hop.server, status: hop.status, url: hop.url }));
}
