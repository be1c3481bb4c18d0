import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bulkLookup, PoliteScheduler, queryLines } from "../../src/bulk/index.js";
import { PendingQueries } from "../../src/bulk/pending.js";
import type { WhoisRecord } from "../../src/record/types.js";
import type { HopOutcome, HopScheduler } from "../../src/lookup/scheduler.js";
import { loadServerMap } from "../../src/servers/index.js";
import { indexEntries, normalizeValue, Store } from "../../src/store/index.js";
import { tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";
import { runCli } from "../helpers/cli.js";
import { waitUntil } from "../helpers/wait.js";
import { countDone, queryStates } from "../helpers/bulk-store.js";
import { drive, ManualClock } from "../helpers/manual-clock.js";

async function* from(lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

const record = (name: string, email = "ops@acme.test"): WhoisRecord => ({
  query: name,
  kind: "domain",
  status: "registered",
  source: { protocol: "whois", server: "whois.test", fetchedAt: "2026-11-25T00:00:00Z" },
  domain: { name },
  nameservers: [{ name: "ns1.acme.test" }],
  contacts: [{ roles: ["registrant"], email, organization: "Acme, Inc.", phone: "+1.555 0100" }],
});

describe("bulkLookup", () => {
  it("skips comments, blanks and duplicates, and yields every query once", async () => {
    const asked: string[] = [];
    const results = [];
    for await (const result of bulkLookup(queryLines(from(["a.test", "# note", "", "b.test", "a.test  # again"])), {
      lookup: { protocol: "whois", host: "whois.test" },
      scheduler: new PoliteScheduler(),
      concurrency: 4,
      perServer: 4,
      lookahead: 10,
      lookupFn: async (query) => (asked.push(query), record(query)),
    })) results.push(result);
    expect(asked.sort()).toEqual(["a.test", "b.test"]);
    expect(results.map((r) => r.query).sort()).toEqual(["a.test", "b.test"]);
  });

  it("keeps invalid queries as errors and goes on", async () => {
    const results = [];
    for await (const result of bulkLookup(from(["bad query", "ok.test"]), {
      lookup: { protocol: "whois", host: "whois.test" },
      scheduler: new PoliteScheduler(),
      concurrency: 2,
      perServer: 2,
      lookahead: 10,
      lookupFn: async (query) => record(query),
    })) results.push(result);
    expect(results.find((r) => r.query === "bad query")?.error?.code).toBe("WL_ERR_INVALID_QUERY");
    expect(results.find((r) => r.query === "ok.test")?.record?.status).toBe("registered");
  });
});

describe("the runner's lookahead buffer", () => {
  const stub = async (query: string): Promise<WhoisRecord> => record(query);
  async function* many(count: number): AsyncGenerator<string> {
    for (let i = 0; i < count; i += 1) yield `q${i}.test`;
  }

  it("yields every result, also those that settle while the consumer handles the last ones", async () => {
    const seen = new Set<string>();
    for await (const result of bulkLookup(many(5000), { lookup: { protocol: "whois", host: "whois.one.test" }, scheduler: new PoliteScheduler({ useProfiles: false }), concurrency: 64, perServer: 64, lookahead: 1000, lookupFn: stub })) {
      seen.add(result.query);
      await Promise.resolve();
    }
    expect(seen.size).toBe(5000);
  });

  it("does not rescan every buffered query per answer when they all wait on one busy server", async () => {
    // 60,000 queries, 10,000 buffered, 3 in flight (the server's allowance): one queue per server looks at
    // about one buffered query per answer; a scan of the whole buffer per answer looked at thousands (it
    // took 6 s and more). Counted, not timed (the time is bench:bulk's): every look the dispatcher takes
    // into the buffer is a call of take's `may`.
    const take = PendingQueries.prototype.take;
    let looks = 0;
    const spy = vi.spyOn(PendingQueries.prototype, "take").mockImplementation(function (this: PendingQueries, server: string, may: () => boolean) {
      return take.call(this, server, () => ((looks += 1), may()));
    });
    let results = 0;
    try {
      for await (const _ of bulkLookup(many(60_000), { lookup: { protocol: "whois", host: "whois.one.test" }, scheduler: new PoliteScheduler({ useProfiles: false }), concurrency: 256, perServer: 256, lookahead: 10_000, lookupFn: stub })) results += 1;
    } finally {
      spy.mockRestore();
    }
    expect(results).toBe(60_000);
    expect(looks).toBeGreaterThanOrEqual(60_000);
    expect(looks).toBeLessThan(3 * 60_000);
  });
});

describe("a lookup waiting on a slow second server (issue #13)", () => {
  it("frees its first server's in-flight allowance for queries that only need that server", async () => {
    const clock = new ManualClock();
    const servers = loadServerMap({ "whois.first.test": { address: "127.0.0.1:1", qps: 1000, concurrency: 8 }, "whois.slow.test": { address: "127.0.0.1:1", qps: 2, concurrency: 1 } });
    const scheduler = new PoliteScheduler({ servers, useProfiles: false, clock });
    const ok = (): HopOutcome => ({ kind: "ok" });
    // Twenty lookups go on to the slow server (2 q/s: 10 s for all), twenty need only the first.
    const names = [...Array.from({ length: 20 }, (_, i) => `slow${i}.test`), ...Array.from({ length: 20 }, (_, i) => `quick${i}.test`)];
    const quickDone: number[] = [];
    const slowDone: number[] = [];
    const run = bulkLookup(from(names), {
      lookup: { protocol: "whois", host: "whois.first.test" },
      scheduler,
      concurrency: 64,
      perServer: 4,
      lookahead: 100,
      lookupFn: async (query, options) => {
        const hops = options.scheduler as HopScheduler;
        await hops.run("whois.first.test", async () => 0, ok);
        if (query.startsWith("slow")) {
          await hops.run("whois.slow.test", async () => 0, ok);
          slowDone.push(clock.now());
        } else quickDone.push(clock.now());
        return record(query);
      },
    });
    await drive(
      clock,
      (async () => {
        for await (const _ of run);
      })(),
      60_000,
    );
    expect(quickDone).toHaveLength(20);
    expect(slowDone).toHaveLength(20);
    // On the scheduler's clock: the slow server's twenty take ~10 s; held behind them, the quick ones
    // would end as late. Freed, they are done at the first server's pace (1000 q/s): well under a second.
    expect(Math.max(...slowDone)).toBeGreaterThan(9000);
    expect(Math.max(...quickDone)).toBeLessThan(500);
  });
});

const stores: [string, string | undefined][] = [
  ["SQLite", ":memory:"],
  ["PostgreSQL", process.env.WHOISLENS_TEST_PG],
];
if (!process.env.WHOISLENS_TEST_PG) console.warn("PostgreSQL store tests skipped: set WHOISLENS_TEST_PG=postgres://… (CI starts one with scripts/ci-postgres.sh)");

describe.each(stores)("Store on %s", (_name, location) => {
  // Runs and names are unique per test run, so a shared PostgreSQL database can be reused.
  const tag = randomUUID().slice(0, 8);
  const it_ = location === undefined ? it.skip : it;

  it_("resumes: finished queries are skipped, duplicates in a pass skipped, failures asked again", async () => {
    const store = await Store.open(location);
    const run = `r-${tag}`;
    const pass1 = await store.beginRun(run, "in", "{}", "t");
    expect(await store.claim(run, "a.test", pass1, "t")).toBe("run");
    expect(await store.claim(run, "a.test", pass1, "t")).toBe("skip");
    expect(await store.claim(run, "b.test", pass1, "t")).toBe("run");
    await store.saveRecord(run, "a.test", record("a.test"), undefined, "t");
    await store.markFailed(run, "b.test", "throttled", "later", "t");
    const pass2 = await store.beginRun(run, "in", "{}", "t");
    expect(pass2).toBe(pass1 + 1);
    expect(await store.claim(run, "a.test", pass2, "t")).toBe("skip");
    expect(await store.claim(run, "b.test", pass2, "t")).toBe("run");
    expect(await store.runSummary(run)).toEqual({ done: 1, throttled: 1 });
    await store.close();
  });

  it_("searches normalized values and keeps history", async () => {
    const store = await Store.open(location);
    const run = `s-${tag}`;
    const [a, b] = [`a-${tag}.test`, `b-${tag}.test`];
    await store.beginRun(run, "in", "{}", "t");
    await store.claim(run, a, 1, "t");
    await store.claim(run, b, 1, "t");
    await store.saveRecord(run, a, record(a, `OPS@${tag}.test`), undefined, "t");
    await store.saveRecord(run, b, record(b, `ops@${tag}.test`), undefined, "t");
    await store.saveRecord(run, a, record(a, `ops@${tag}.test`), undefined, "t2");
    expect((await store.search("email", ` ops@${tag.toUpperCase()}.test `)).map((m) => m.name).sort()).toEqual([a, b]);
    const history = await store.db.selectFrom("records").select("id").where("name", "=", a).execute();
    expect(history).toHaveLength(2);
    await store.close();
  });

  it_("filters a search by kind and reads the newest record of many names in one call", async () => {
    const store = await Store.open(location);
    const run = `k-${tag}`;
    const [domain, net] = [`k-${tag}.test`, `192.0.2.0/24`];
    const email = `noc@k-${tag}.test`;
    await store.beginRun(run, "in", "{}", "t");
    for (const name of [domain, net]) await store.claim(run, name, 1, "t");
    const older = { ...record(domain, email), source: { protocol: "whois" as const, server: "old.test", fetchedAt: "2026-01-01T00:00:00Z" } };
    await store.saveRecord(run, domain, older, undefined, "t");
    await store.saveRecord(run, domain, record(domain, email), undefined, "t");
    await store.saveRecord(run, net, { ...record(net, email), kind: "ip", domain: undefined, network: { cidrs: [net] } }, undefined, "t");
    expect((await store.search("email", email)).map((m) => m.kind).sort()).toEqual(["domain", "ip"]);
    expect((await store.search("email", email, 10, "domain")).map((m) => m.name)).toEqual([domain]);
    const latest = await store.latestRecords([domain, `missing-${tag}.test`]);
    expect([...latest.keys()]).toEqual([domain]);
    expect(latest.get(domain)?.source.server).toBe("whois.test");
    await store.close();
  });
});

describe("normalization", () => {
  it("normalizes each attribute its own way", async () => {
    expect(normalizeValue("phone", "+49 (30) 555-0102")).toBe("+49305550102");
    expect(normalizeValue("nameserver", "NS1.Example.COM.")).toBe("ns1.example.com");
    expect(normalizeValue("org", "Acme, Inc.")).toBe(normalizeValue("org", "ACME Inc"));
    expect(indexEntries(record("x.test")).map((e) => e.field)).toEqual(["email", "org", "phone", "nameserver"]);
  });

  // An AS number's holder comes as a registrant with a name only (RDAP entity fn, the port-43 holder): it was not
  // indexed as an organisation, so `db search --org` never found AS numbers.
  it("indexes a number resource's registrant name as its organisation, not a domain registrant's", () => {
    const holder = { roles: ["registrant" as const], handle: "ACMEW-ARIN", name: "Acme Widgets Inc." };
    const asn: WhoisRecord = { query: "AS64500", kind: "asn", status: "registered", source: { protocol: "rdap", server: "rdap.arin.net" }, asn: { handle: "AS64500" }, contacts: [holder] };
    expect(indexEntries(asn)).toContainEqual({ field: "org", value: normalizeValue("org", "Acme Widgets Inc.") });
    const domain: WhoisRecord = { query: "x.test", kind: "domain", status: "registered", source: { protocol: "whois", server: "whois.test" }, contacts: [{ roles: ["registrant"], name: "Alice Example" }] };
    expect(indexEntries(domain).map((e) => e.field)).toEqual(["name"]);
  });

  it("refuses an unreachable store with a clear error", async () => {
    await expect(Store.open("postgres://nobody@127.0.0.1:1/none")).rejects.toMatchObject({ code: "WL_ERR_CONFIG" });
  });
});

describe("whoislens bulk", () => {
  let server: TestServer;
  const asked: string[] = [];
  let dir: string;
  let mapFile: string;
  beforeAll(async () => {
    server = await tcpServer(
      whoisResponder((query) => {
        const name = query.replace(/^domain /, "");
        asked.push(name);
        return `Domain Name: ${name.toUpperCase()}\r\nCreation Date: 2001-01-01T00:00:00Z\r\nRegistrar: Test Registrar\r\nRegistrant Email: =cmd|' /C calc'!A0\r\n`;
      }),
    );
    dir = mkdtempSync(join(tmpdir(), "wl-bulk-"));
    mapFile = join(dir, "servers.json");
    writeFileSync(mapFile, JSON.stringify({ "whois.verisign-grs.com": { address: `127.0.0.1:${server.port}`, qps: 40, concurrency: 4 } }));
  });
  afterAll(async () => server.close());

  it("writes CSV safe from formula injection and resumes without asking again", async () => {
    const input = join(dir, "in.txt");
    writeFileSync(input, "one.com\ntwo.com\n# x\none.com\n");
    const out = join(dir, "out.csv");
    const args = ["bulk", input, "--protocol", "whois", "--no-follow", "--no-cache", "--servers", mapFile, "--servers-only", "--store", join(dir, "a.db"), "--out", out];
    const first = await runCli(args);
    expect(first.code).toBe(0);
    const csv = readFileSync(out, "utf8");
    expect(csv.split("\n")[0]).toMatch(/^query,status/);
    expect(csv).toContain(",'=cmd|' /C calc'!A0,");
    expect(asked.filter((q) => q === "one.com")).toHaveLength(1);
    const second = await runCli(args);
    expect(second.stderr).toMatch(/resuming run/);
    expect(asked).toHaveLength(2);
  });

  it("loses nothing and repeats nothing finished when killed with SIGKILL mid-run", async () => {
    const names = Array.from({ length: 120 }, (_, i) => `kill${i}.com`);
    const input = join(dir, "kill.txt");
    writeFileSync(input, `${names.join("\n")}\n`);
    const db = join(dir, "kill.db");
    const slowMap = join(dir, "slow.json");
    writeFileSync(slowMap, JSON.stringify({ "whois.verisign-grs.com": { address: `127.0.0.1:${server.port}`, qps: 60, concurrency: 2 } }));
    asked.length = 0;
    const args = ["bin/whoislens", "bulk", input, "--protocol", "whois", "--no-follow", "--no-cache", "--servers", slowMap, "--servers-only", "--store", db, "--out", join(dir, "kill.ndjson")];
    const child = spawn(process.execPath, args, { stdio: "ignore" });
    // Killed once some answers are stored, however long the child took to start (a fixed sleep
    // killed it before it had made the store when the machine was busy).
    await waitUntil(() => existsSync(db) && countDone(db) > 0, "the first stored answer", 15_000);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const doneBefore = [...queryStates(db)].filter(([, row]) => row.state === "done").map(([query]) => ({ query }));
    expect(doneBefore.length).toBeGreaterThan(0);
    expect(doneBefore.length).toBeLessThan(names.length);
    const askedBefore = asked.length;
    // Not execFileSync: the test server answering the child lives on this event loop.
    const rerun = spawn(process.execPath, args, { stdio: "ignore" });
    expect(await new Promise((resolve) => rerun.once("exit", resolve))).toBe(0);
    const askedAfter = asked.slice(askedBefore);
    for (const { query } of doneBefore) expect(askedAfter).not.toContain(query);
    expect(countDone(db)).toBe(names.length);
    expect(new Set(asked).size).toBe(names.length);
  }, 30_000);
});

describe("a server that dies mid-run", () => {
  it("fails only its own queries, keeps the others, and a re-run finishes the job", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-dies-"));
    let dying: TestServer | undefined = await tcpServer(whoisResponder((q) => `Domain Name: ${q}\r\nCreation Date: 2001-01-01T00:00:00Z\r\n`));
    const steady = await tcpServer(whoisResponder((q) => `Domain Name: ${q}\r\nCreation Date: 2001-01-01T00:00:00Z\r\n`));
    const port = dying.port;
    let answeredByDying = 0;
    const map = (dyingPort: number): string => {
      const file = join(dir, `map-${dyingPort}.json`);
      writeFileSync(file, JSON.stringify({ "whois.denic.de": { address: `127.0.0.1:${dyingPort}`, qps: 50, concurrency: 2 }, "whois.nic.fr": { address: `127.0.0.1:${steady.port}`, qps: 50, concurrency: 2 } }));
      return file;
    };
    const input = join(dir, "in.txt");
    writeFileSync(input, `${Array.from({ length: 20 }, (_, i) => `d${i}.de\nf${i}.fr`).join("\n")}\n`);
    const store = join(dir, "s.db");
    // --max-retry-wait 1: a .de answer cut off as the server dies reads as throttling, and the dead server's connection
    // errors were then backed off as silent refusals (up to 30 s each under the default 60 s bound) until 4540bbd, which
    // reads refused connects in a row as a server that is down (test/bulk/down-server-clock.test.ts, and
    // test/stranger/bulk.test.ts without the bound). What this test proves does not depend on that wait: the dead
    // server's queries are reported and the re-run asks them again.
    const args = (file: string): string[] => ["bulk", input, "--protocol", "whois", "--no-follow", "--no-cache", "--timeout", "500", "--max-retry-wait", "1", "--servers", file, "--servers-only", "--store", store];
    // The .de server goes away shortly after the run starts.
    setTimeout(() => void dying?.close().then(() => (dying = undefined)), 120);
    const first = await runCli(args(map(port)));
    expect(first.code).toBe(3);
    const db = new Sqlite(store, { readonly: true });
    const states = db.prepare("select query, state from queries").all() as { query: string; state: string }[];
    db.close();
    // All twenty .fr queries stored and done (an every() over none would pass with the .fr rows missing).
    expect(states.filter((s) => s.query.endsWith(".fr")).map((s) => s.state)).toEqual(Array.from({ length: 20 }, () => "done"));
    const failedDe = states.filter((s) => s.query.endsWith(".de") && s.state !== "done");
    expect(failedDe.length).toBeGreaterThan(0);
    // The server comes back (on a new port): the same run resumes and asks only what is missing.
    const revived = await tcpServer(whoisResponder((q) => (answeredByDying++, `Domain Name: ${q}\r\nCreation Date: 2001-01-01T00:00:00Z\r\n`)));
    const second = await runCli(args(map(revived.port)));
    expect(second.stderr).toMatch(/resuming run/);
    expect(second.code).toBe(0);
    expect(answeredByDying).toBe(failedDe.length);
    await Promise.all([steady.close(), revived.close()]);
  }, 30_000);
});

describe("whoislens db search", () => {
  it("needs exactly one attribute", async () => {
    const run = await runCli(["db", "search", "--store", ":memory:"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/exactly one of --email/);
  });

  // A mistyped --store path was created as an empty store and searched: a silent exit 1.
  it("refuses a store that does not exist, and says so when nothing matches", async () => {
    const dir = mkdtempSync(join(tmpdir(), "whoislens-db-search-"));
    try {
      const missing = join(dir, "typo.db");
      const refused = await runCli(["db", "search", "--email", "a@example.com", "--store", missing]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`no store at ${missing}`);
      expect(existsSync(missing)).toBe(false);
      const none = await runCli(["db", "search", "--email", "a@example.com", "--store", ":memory:"]);
      expect(none.code).toBe(1);
      expect(none.stdout).toBe("");
      expect(none.stderr).toBe('db search: no stored record has email "a@example.com"\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
