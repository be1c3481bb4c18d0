import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QueryLogEntry } from "../../src/serve/contract.js";
import { startServe } from "../../src/serve/serve.js";
import { Store } from "../../src/store/store.js";
import { fakeIO } from "../helpers/cli.js";
import { main } from "../../src/cli/main.js";
import { harvestWorld, rdapFrom, whoisFrom } from "./clients-abusive.js";
import { REGISTRY_YAML } from "./helpers.js";

// Accounting survives a restart (issue #15): the state is in the store's serve_accounting table,
// written on shutdown (and every flushMs), read back on start. Graceful shutdown from the CLI flushes
// the query log and the accounting.

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "wl-serve-restart-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const LIMITS = { personalPerDay: 10, offencesBeforePermanent: 3, queriesPerWindow: 100, windowSeconds: 600 };

const STORES: [string, string | undefined][] = [
  ["SQLite", "sqlite"],
  ["PostgreSQL", process.env.WHOISLENS_TEST_PG],
];

describe.each(STORES)("accounting after a restart (%s store)", (_name, kind) => {
  it.skipIf(kind === undefined)("is the same for every source, and a blocked harvester stays blocked on both protocols", async () => {
    const location = kind === "sqlite" ? join(work, "store.db") : (kind ?? "");
    // Sources unique to this run: a PostgreSQL database may be shared by earlier runs.
    const net = `127.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
    const harvester = `${net}.2`;
    const polite = `${net}.3`;
    const dataset = harvestWorld(30);
    let store = await Store.open(location);
    const first = await startServe({ dataset, host: "127.0.0.1", whoisPort: 0, rdapPort: 0, limits: LIMITS, store, flushMs: 0, queryLog: join(work, "q1.ndjson") });
    for (let i = 0; i < 15; i += 1) await whoisFrom(first.whois?.port ?? 0, harvester, `shop${i}.example`);
    for (let i = 0; i < 4; i += 1) await rdapFrom(first.rdap?.port ?? 0, polite, `domain/shop${i}.example`);
    const before = Object.fromEntries(first.accounting.keys().map((key) => [key, first.accounting.snapshot(key)]));
    expect(before[harvester]).toMatchObject({ permanent: true, dayPersonal: 10 });
    expect(before[polite]).toMatchObject({ permanent: false, dayPersonal: 4 });
    await first.close();
    await store.close();

    store = await Store.open(location);
    const second = await startServe({ dataset, host: "127.0.0.1", whoisPort: 0, rdapPort: 0, limits: LIMITS, store, flushMs: 0, queryLog: join(work, "q2.ndjson") });
    try {
      const after = Object.fromEntries(second.accounting.keys().map((key) => [key, second.accounting.snapshot(key)]));
      expect(after).toEqual(before);
      expect((await whoisFrom(second.whois?.port ?? 0, harvester, "shop20.example")).text).toMatch(new RegExp(`^%ERROR:201: access denied for ${harvester.replace(/\./g, "\\.")}\\n%\\n% Sorry, access from your host has been permanently`));
      expect((await rdapFrom(second.rdap?.port ?? 0, harvester, "domain/shop20.example")).status).toBe(403);
      // The polite source goes on counting from 4 toward its quota of 10.
      for (let i = 4; i < 10; i += 1) expect((await rdapFrom(second.rdap?.port ?? 0, polite, `domain/shop${i}.example`)).status).toBe(200);
      expect((await rdapFrom(second.rdap?.port ?? 0, polite, "domain/shop11.example")).status).toBe(429);
    } finally {
      await second.close();
      await store.close();
    }
  });
});

describe("whoislens serve (CLI)", () => {
  it("serves until interrupted, then flushes the query log and the accounting", async () => {
    const io = fakeIO({ env: { XDG_DATA_HOME: work, WHOISLENS_CACHE_DIR: join(work, "cache"), XDG_CONFIG_HOME: join(work, "no-config") } });
    const log = join(work, "queries.ndjson");
    const store = join(work, "serve.db");
    const running = main(["serve", "--dataset", REGISTRY_YAML, "--whois-port", "0", "--rdap-port", "0", "--query-log", log, "--store", store, "--flush-interval", "0", "--limit", "personalPerDay=3"], io);
    let ready: { whois: string; rdap: string } | undefined;
    for (let i = 0; i < 200 && !ready; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const line = io.out.join("");
      if (line.includes("\n")) ready = JSON.parse(line) as { whois: string; rdap: string };
    }
    if (!ready) throw new Error(`serve did not start: ${io.err.join("")}`);
    const whoisPort = Number(ready.whois.split(":").at(-1));
    expect((await whoisFrom(whoisPort, "127.0.0.9", "widgets.example")).text).toContain("Registrant Email: alice@widgets.example");
    expect((await whoisFrom(whoisPort, "127.0.0.9", "ALICE-TEST")).text).toMatch(/^%ERROR:201: access denied/);
    const rdap = await fetch(`${ready.rdap}domain/widgets.example`);
    expect(rdap.headers.get("content-type")).toBe("application/rdap+json");
    io.interrupt();
    expect(await running).toBe(0);
    const lines = readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as QueryLogEntry);
    expect(lines.map((l) => [l.protocol, l.outcome, l.personalObjects])).toEqual([["whois", "answered", 3], ["whois", "denied", 0], ["rdap", "answered", 3]]);
    const reopened = await Store.open(store);
    try {
      const rows = await reopened.db.selectFrom("serve_accounting").selectAll().execute();
      expect(rows.map((r) => r.source_key).sort()).toEqual(["127.0.0.1", "127.0.0.9"]);
    } finally {
      await reopened.close();
    }
  });

  it("--token adds an RDAP API token accounted on its own; a malformed one is a usage error", async () => {
    const env = { XDG_DATA_HOME: work, WHOISLENS_CACHE_DIR: join(work, "cache"), XDG_CONFIG_HOME: join(work, "no-config") };
    const io = fakeIO({ env });
    const running = main(["serve", "--decoy", "--no-whois", "--rdap-port", "0", "--query-log", join(work, "t.ndjson"), "--store", join(work, "t.db"), "--token", "ops=ops-secret-0123456789abcdef"], io);
    let base: string | undefined;
    for (let i = 0; i < 200 && !base; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const line = io.out.join("");
      if (line.includes("\n")) base = (JSON.parse(line) as { rdap: string }).rdap;
    }
    if (!base) throw new Error(`serve did not start: ${io.err.join("")}`);
    expect((await rdapFrom(Number(new URL(base).port), "127.0.0.1", "domain/northwind-hr.example", { authorization: "Bearer ops-secret-0123456789abcdef" })).status).toBe(200);
    io.interrupt();
    expect(await running).toBe(0);
    const lines = readFileSync(join(work, "t.ndjson"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as QueryLogEntry);
    expect(lines.map((l) => l.sourceKey)).toEqual(["token:ops"]);
    const bad = fakeIO({ env });
    expect(await main(["serve", "--decoy", "--token", "ops=short", "--whois-port", "0", "--rdap-port", "0", "--store", join(work, "t2.db")], bad)).toBe(2);
    expect(bad.err.join("")).toContain("--token takes ID=SECRET");
  });

  it("refuses a bad dataset with WL_ERR_CONFIG naming the field, and a missing data source with a usage error", async () => {
    const { writeFileSync } = await import("node:fs");
    const bad = join(work, "bad.yaml");
    writeFileSync(bad, "domains:\n  - name: ok.example\n    registrar: { name: R }\n    registrant: NOBODY\n  - name: 'bad name!'\n    registrar: { name: R }\n");
    const env = { XDG_DATA_HOME: work, WHOISLENS_CACHE_DIR: join(work, "cache"), XDG_CONFIG_HOME: join(work, "no-config") };
    const io = fakeIO({ env });
    expect(await main(["serve", "--dataset", bad, "--whois-port", "0", "--rdap-port", "0"], io)).toBe(2);
    expect(io.err.join("")).toMatch(/WL_ERR_CONFIG: dataset file .*bad\.yaml is invalid: domains\[1\]\.name: not an LDH domain name/);
    const none = fakeIO({ env });
    expect(await main(["serve"], none)).toBe(2);
    expect(none.err.join("")).toContain("give the data to serve: --dataset FILE, --decoy or --store");
    const limit = fakeIO({ env });
    expect(await main(["serve", "--decoy", "--limit", "personalPerDya=3", "--whois-port", "0", "--rdap-port", "0"], limit)).toBe(2);
    expect(limit.err.join("")).toMatch(/WL_ERR_CONFIG: --limit: .*personalPerDya/);
  });
});
