import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkLookup, PoliteScheduler, type BulkResult } from "../../src/bulk/index.js";
import type { WhoisRecord } from "../../src/record/types.js";
import { Store } from "../../src/store/index.js";
import { runCli } from "../helpers/cli.js";
import { onWhoisQuery, tcpServer, type TestServer } from "../helpers/servers.js";

/**
 * Truncated port-43 answers in bulk (issue #19 follow-up): retried once more in the run, and if still
 * cut off, stored as data but marked `truncated` so that a resumed run asks again; counted in the
 * summary; exit code 5 (as `lookup`).
 */

const answer = (name: string): string => `Domain Name: ${name.toUpperCase()}\r\nRegistrar: Test Registrar\r\nCreation Date: 2001-01-01T00:00:00Z\r\nName Server: NS1.EXAMPLE.NET\r\n`;

type Mode = "full" | "reset" | "reset-once" | "oversize";

/** A hostile port-43 server: per query, a full answer, a reset after part of one (always or on the first try), or one far past the cap. */
function hostileWhois(modes: Map<string, Mode>, hits: Map<string, number>): (socket: net.Socket) => void {
  return onWhoisQuery((query, socket) => {
    const name = query.replace(/^domain /, "");
    const seen = (hits.get(name) ?? 0) + 1;
    hits.set(name, seen);
    const mode = modes.get(name) ?? "full";
    if (mode === "reset" || (mode === "reset-once" && seen === 1)) {
      socket.write(`Domain Name: ${name.toUpperCase()}\r\nRegistrar: Test Reg`);
      setTimeout(() => socket.resetAndDestroy(), 20);
      return;
    }
    socket.end(mode === "oversize" ? `${answer(name)}${"% filler line\r\n".repeat(400)}` : answer(name));
  });
}

describe("whoislens bulk with a server that cuts answers off", () => {
  const modes = new Map<string, Mode>();
  const hits = new Map<string, number>();
  let server: TestServer;
  let dir: string;
  let args: string[];
  let db: string;
  beforeAll(async () => {
    server = await tcpServer(hostileWhois(modes, hits));
    dir = mkdtempSync(join(tmpdir(), "wl-bulk-truncated-"));
    const map = join(dir, "servers.json");
    writeFileSync(map, JSON.stringify({ "whois.verisign-grs.com": { address: `127.0.0.1:${server.port}`, qps: 200, concurrency: 4 } }));
    const input = join(dir, "in.txt");
    writeFileSync(input, "fine.com\ncut.com\nflaky.com\nbig.com\n");
    db = join(dir, "t.db");
    args = ["bulk", input, "--protocol", "whois", "--no-follow", "--no-cache", "--servers", map, "--servers-only", "--max-bytes", "2048", "--store", db, "--out", join(dir, "out.ndjson")];
  });
  afterAll(async () => server.close());

  const states = (): Record<string, string> => {
    const sqlite = new Sqlite(db, { readonly: true });
    try {
      const rows = sqlite.prepare("SELECT query, state FROM queries").all() as { query: string; state: string }[];
      return Object.fromEntries(rows.map((row) => [row.query, row.state]));
    } finally {
      sqlite.close();
    }
  };

  it("retries, keeps what arrived, marks it truncated, exits 5 — and the resumed run asks only those again", async () => {
    modes.set("cut.com", "reset").set("flaky.com", "reset-once").set("big.com", "oversize");
    const first = await runCli(args);
    expect(first.stderr).toMatch(/bulk: 2 answered, 2 truncated, 0 failed, 0 throttled this pass; run [^:]+: /);
    expect(first.code).toBe(5);
    // The size cap is no throttle, so the scheduler asked once: the second ask is the run's own retry.
    expect(hits.get("big.com")).toBe(2);
    // A reset is paced like a throttle (retried by the scheduler), then asked once more by the run.
    expect(hits.get("cut.com")).toBeGreaterThanOrEqual(2);
    expect(hits.get("fine.com")).toBe(1);
    expect(states()).toEqual({ "fine.com": "done", "flaky.com": "done", "cut.com": "truncated", "big.com": "truncated" });

    const lines = readFileSync(join(dir, "out.ndjson"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as BulkResult);
    const cut = lines.find((line) => line.query === "cut.com");
    expect(cut?.truncated).toBe(true);
    expect(cut?.record?.warnings?.map((w) => w.code)).toContain("WL_WARN_TRUNCATED");
    expect(cut?.record?.domain?.name?.toLowerCase()).toBe("cut.com");
    expect(lines.find((line) => line.query === "fine.com")?.truncated).toBeUndefined();

    // The partial answer is stored as data (history), not dropped.
    const store = await Store.open(db);
    try {
      expect((await store.latestRecords(["cut.com"])).get("cut.com")?.warnings?.[0]?.code).toBe("WL_WARN_TRUNCATED");
      expect(await store.runSummary(first.stderr.match(/run ([^:]+):/)?.[1] ?? "")).toEqual({ done: 2, truncated: 2 });
    } finally {
      await store.close();
    }

    // The server mends; the resumed run asks the two truncated queries again and nothing else.
    modes.clear();
    const before = new Map(hits);
    const second = await runCli(args);
    expect(second.stderr).toMatch(/resuming run/);
    expect(second.stderr).toMatch(/bulk: 2 answered, 0 truncated, 0 failed, 0 throttled this pass/);
    expect(second.code).toBe(0);
    expect(hits.get("cut.com")).toBe((before.get("cut.com") ?? 0) + 1);
    expect(hits.get("big.com")).toBe((before.get("big.com") ?? 0) + 1);
    expect(hits.get("fine.com")).toBe(1);
    expect(hits.get("flaky.com")).toBe(before.get("flaky.com"));
    expect(Object.values(states())).toEqual(["done", "done", "done", "done"]);

    const third = await runCli(args);
    expect(third.stderr).toMatch(/bulk: 0 answered, 0 truncated/);
    expect(third.code).toBe(0);
  });
});

describe("bulkLookup truncated retries", () => {
  const partial = (query: string): WhoisRecord => ({
    query,
    kind: "domain",
    status: "registered",
    source: { protocol: "whois", server: "whois.test" },
    warnings: [{ code: "WL_WARN_TRUNCATED", message: "reset after 10 bytes", server: "whois.test" }],
  });
  const whole = (query: string): WhoisRecord => ({ query, kind: "domain", status: "registered", source: { protocol: "whois", server: "whois.test" } });

  async function runWith(answers: (query: string, attempt: number) => WhoisRecord | Error, truncatedRetries?: number): Promise<{ results: BulkResult[]; asked: Map<string, number> }> {
    const asked = new Map<string, number>();
    const results: BulkResult[] = [];
    async function* input(): AsyncGenerator<string> {
      yield* ["a.test", "b.test"];
    }
    for await (const result of bulkLookup(input(), {
      lookup: { protocol: "whois", host: "whois.test" },
      scheduler: new PoliteScheduler({ useProfiles: false }),
      concurrency: 2,
      perServer: 2,
      lookahead: 10,
      ...(truncatedRetries === undefined ? {} : { truncatedRetries }),
      lookupFn: async (query) => {
        const attempt = (asked.get(query) ?? 0) + 1;
        asked.set(query, attempt);
        const outcome = answers(query, attempt);
        if (outcome instanceof Error) throw outcome;
        return outcome;
      },
    })) results.push(result);
    return { results: results.sort((x, y) => x.query.localeCompare(y.query)), asked };
  }

  it("asks a truncated answer once more and keeps the complete one", async () => {
    const { results, asked } = await runWith((query, attempt) => (attempt === 1 ? partial(query) : whole(query)));
    expect(Object.fromEntries(asked)).toEqual({ "a.test": 2, "b.test": 2 });
    expect(results.map((r) => r.truncated)).toEqual([undefined, undefined]);
  });

  it("stops after the bounded retries and flags the result", async () => {
    const { results, asked } = await runWith((query) => partial(query), 2);
    expect(Object.fromEntries(asked)).toEqual({ "a.test": 3, "b.test": 3 });
    expect(results.map((r) => r.truncated)).toEqual([true, true]);
    expect(results[0]?.error).toBeUndefined();
  });

  it("keeps the partial answer when the retry fails outright, and never retries with truncatedRetries 0", async () => {
    const failing = await runWith((query, attempt) => (attempt === 1 ? partial(query) : new Error("connection refused")));
    expect(failing.results.map((r) => [r.truncated, r.record?.query, r.error])).toEqual([
      [true, "a.test", undefined],
      [true, "b.test", undefined],
    ]);
    const none = await runWith((query) => partial(query), 0);
    expect(Object.fromEntries(none.asked)).toEqual({ "a.test": 1, "b.test": 1 });
  });

  it("rejects a negative retry count", async () => {
    await expect(runWith((query) => whole(query), -1)).rejects.toThrow(/truncatedRetries/);
  });
});
