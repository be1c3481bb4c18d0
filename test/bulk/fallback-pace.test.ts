import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { closedPort, tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";

/**
 * Issue #13 (w23-huntlookup): a bulk run of .de names whose RDAP server is down. Every lookup's first
 * hop (the curated RDAP base, src/servers/curated-rdap.ts) fails at once, so the runner's per-server
 * allowance (counted at that RDAP host) let every query through to the port-43 fallback, where they
 * queued for DENIC's pace, and the back of the queue failed "lookup ran past N ms before asking
 * whois.denic.de" without ever having been sent. The runner now lets a planned server's queries in only
 * while the server its lookups fell back to has room too (src/bulk/run.ts, fallbackOf).
 *
 * The DENIC stand-in answers DENIC's documented "free" layout (DENIC, "whois service" documentation:
 * `Domain: …` then `Status: free`); the RDAP base is a port nothing listens on (refused connects).
 */
const NAMES = Array.from({ length: 12 }, (_, i) => `fallback${String(i).padStart(2, "0")}.de`);
const QPS = 4;

const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("bulk: a paced port-43 fallback behind a down RDAP server", () => {
  it("queries are let in at the fallback's allowance: none waits past --total-timeout unsent", async () => {
    const asked: string[] = [];
    const denic = await tcpServer(
      whoisResponder((query) => {
        asked.push(query);
        const name = query.replace(/^-T dn,ace /, "");
        return `Domain: ${name}\nStatus: free\n`;
      }),
    );
    servers.push(denic);
    const dir = mkdtempSync(join(tmpdir(), "wl-fallback-pace-"));
    dirs.push(dir);
    const map = join(dir, "servers.json");
    writeFileSync(map, JSON.stringify({
      "rdap.denic.de": `http://127.0.0.1:${await closedPort()}/`,
      "whois.denic.de": { address: `127.0.0.1:${denic.port}`, qps: QPS, concurrency: 1 },
    }));
    const input = join(dir, "names.txt");
    writeFileSync(input, `${NAMES.join("\n")}\n`);
    // 12 queries at 4 q/s take ~3 s of DENIC's pace; each lookup may take 1.5 s of its own.
    const run = await runCli(["bulk", input, "--servers", map, "--servers-only", "--no-cache", "--store", join(dir, "store.db"), "--total-timeout", "1500"]);
    const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { query: string; record?: { status: string }; error?: { message: string } });
    const failed = lines.filter((line) => line.error !== undefined).map((line) => `${line.query}: ${line.error?.message}`);
    expect(failed).toEqual([]);
    expect(lines.map((line) => line.record?.status)).toEqual(NAMES.map(() => "available"));
    expect(asked.sort()).toEqual(NAMES.map((name) => `-T dn,ace ${name}`).sort());
    expect(run.code).toBe(0);
  }, 30_000);
});
