import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverQueued, type Sink } from "../../../src/defend/delivery/index.js";
import { runWatch, WatchStore, type Alert } from "../../../src/defend/watch/index.js";
import type { WhoisRecord } from "../../../src/record/types.js";
import { Store } from "../../../src/store/index.js";

const STORES: [string, string | undefined][] = [
  ["SQLite", "sqlite"],
  ["PostgreSQL", process.env.WHOISLENS_TEST_PG],
];
if (!process.env.WHOISLENS_TEST_PG) console.warn("PostgreSQL watch-store tests skipped: set WHOISLENS_TEST_PG=postgres://… (CI starts one with scripts/ci-postgres.sh)");

describe.each(STORES)("watch baselines and outbox (%s store)", (_name, location) => {
  const it_ = location === undefined ? it.skip : it;
  let dir: string;
  let store: Store;
  // A shared PostgreSQL database may hold other runs' entries: every name here is unique to this test.
  let name: string;
  const record = (registrar: string): WhoisRecord => ({
    query: name,
    kind: "domain",
    status: "registered",
    source: { protocol: "rdap", server: "rdap.example", fetchedAt: new Date().toISOString() },
    domain: { name },
    registrar: { name: registrar },
  });
  const mine = (alerts: Alert[]): Alert[] => alerts.filter((a) => a.domain === name);

  beforeEach(async () => {
    if (location === undefined) return;
    name = `acme-${randomUUID().slice(0, 8)}.org`;
    dir = mkdtempSync(join(tmpdir(), "wl-watch-base-"));
    store = await Store.open(location === "sqlite" ? join(dir, "s.db") : location);
    await new WatchStore(store.db).add({ kind: "domain", value: name, crownJewel: false }, new Date().toISOString());
  });
  afterEach(async () => {
    if (location === undefined) return;
    await new WatchStore(store.db).remove(`domain:${name}`);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it_("diffs against what the last watch pass saw, not the newest stored record (a pass killed after fetching, or a bulk run in between, loses no change)", async () => {
    let answer = record("Registrar One");
    const lookupFn = async (): Promise<WhoisRecord> => answer;
    expect(mine((await runWatch(store, { lookupFn })).alerts)).toEqual([]);
    answer = record("Registrar Two");
    // The newer answer reaches the store without a watch commit (what a kill -9 after the fetch leaves).
    const run = `bulk-${name}`;
    await store.beginRun(run, "x", "{}", new Date().toISOString());
    await store.claim(run, name, 1, new Date().toISOString());
    await store.saveRecord(run, name, answer, undefined, new Date().toISOString());
    const second = await runWatch(store, { lookupFn });
    expect(mine(second.alerts).map((a) => [a.kind, a.before, a.after])).toEqual([["registrar-changed", "Registrar One", "Registrar Two"]]);
  });

  it_("a first pass starts from the newest record the store already holds", async () => {
    const run = `bulk0-${name}`;
    await store.beginRun(run, "x", "{}", new Date().toISOString());
    await store.claim(run, name, 1, new Date().toISOString());
    await store.saveRecord(run, name, { ...record("Registrar One"), source: { protocol: "rdap", server: "r", fetchedAt: new Date(Date.now() - 86_400_000).toISOString() } }, undefined, new Date().toISOString());
    const first = await runWatch(store, { lookupFn: async () => record("Registrar Two") });
    expect(mine(first.alerts).map((a) => a.kind)).toEqual(["registrar-changed"]);
  });

  it_("a lookup that fails keeps the baseline: the change is found by the next pass that gets an answer", async () => {
    await runWatch(store, { lookupFn: async () => record("Registrar One") });
    const failing = await runWatch(store, { lookupFn: async () => Promise.reject(new Error("connection refused")) });
    expect(failing.failed.map((f) => f.query)).toContain(name);
    expect(mine(failing.alerts)).toEqual([]);
    expect(mine((await runWatch(store, { lookupFn: async () => record("Registrar Two") })).alerts).map((a) => a.kind)).toEqual(["registrar-changed"]);
  });

  it_("the outbox keeps what a sink did not take, per channel, and never queues a known alert again", async () => {
    const channels = [`test-a-${name}`, `test-b-${name}`];
    await runWatch(store, { lookupFn: async () => record("One"), channels });
    await runWatch(store, { lookupFn: async () => record("Two"), channels });
    await runWatch(store, { lookupFn: async () => record("Three"), channels });
    const watch = new WatchStore(store.db);
    expect((await watch.pending(channels[0]!)).map((q) => q.alert.after)).toEqual(["Two", "Three"]);
    // Sink a takes the first alert then fails; sink b takes everything.
    const got: Record<string, string[]> = { a: [], b: [] };
    const sinkA: Sink = { channel: channels[0]!, send: async (alerts) => ({ delivered: [alerts[0]!.id], error: "receiver went away" }) };
    const sinkB: Sink = { channel: channels[1]!, send: async (alerts) => ((got.b = alerts.map((a) => a.after ?? "")), { delivered: alerts.map((a) => a.id) }) };
    const reports = await deliverQueued(watch, [sinkA, sinkB]);
    expect(reports.map((r) => [r.delivered, r.queued, r.error])).toEqual([[1, 1, "receiver went away"], [2, 0, undefined]]);
    expect(got.b).toEqual(["Two", "Three"]);
    expect((await watch.pending(channels[0]!)).map((q) => [q.alert.after, q.attempts])).toEqual([["Three", 1]]);
    // Three → Two is a new change (queued on b); Two → Three again is the change already raised: not raised, not queued.
    await runWatch(store, { lookupFn: async () => record("Two"), channels });
    const again = await runWatch(store, { lookupFn: async () => record("Three"), channels });
    expect(mine(again.alerts)).toEqual([]);
    expect((await watch.pending(channels[1]!)).map((q) => q.alert.after)).toEqual(["Two"]);
  });

  it_("a name-server term finds, in the store's own index, a new domain delegated to our name servers (its first pass is the baseline)", async () => {
    const ns = `ns1.${name.replace(".org", "-dns.example")}`;
    const watch = new WatchStore(store.db);
    await watch.add({ kind: "term", field: "nameserver", value: ns, crownJewel: false }, new Date().toISOString());
    const ours = (query: string): WhoisRecord => ({ ...record("Registrar One"), query, domain: { name: query }, nameservers: [{ name: ns }] });
    const first = await runWatch(store, { lookupFn: async (query) => ours(query) });
    expect(mine(first.alerts)).toEqual([]);
    // Another command (bulk, footprint, a lookup) stores a domain on our name servers.
    const other = `x${name}`;
    const run = `bulk-ns-${name}`;
    await store.beginRun(run, "x", "{}", new Date().toISOString());
    await store.claim(run, other, 1, new Date().toISOString());
    await store.saveRecord(run, other, ours(other), undefined, new Date().toISOString());
    const second = await runWatch(store, { lookupFn: async (query) => ours(query) });
    expect(second.alerts.filter((a) => a.domain === other).map((a) => [a.kind, a.after, a.evidence.note])).toEqual([["new-domain-names-us", `nameserver: ${ns}`, "found by store; registrar Registrar One"]]);
    expect(second.alerts.filter((a) => a.domain === other)).toHaveLength(1);
    const third = await runWatch(store, { lookupFn: async (query) => ours(query) });
    expect(third.alerts.filter((a) => a.domain === other)).toEqual([]);
    await watch.remove(`term:nameserver:${ns}`);
  });
});
