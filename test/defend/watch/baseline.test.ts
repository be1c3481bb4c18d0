import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runWatch, WatchStore } from "../../../src/defend/watch/index.js";
import type { WhoisRecord } from "../../../src/record/types.js";
import { Store } from "../../../src/store/index.js";

const record = (registrar: string): WhoisRecord => ({
  query: "acme.org",
  kind: "domain",
  status: "registered",
  source: { protocol: "rdap", server: "rdap.example", fetchedAt: new Date().toISOString() },
  domain: { name: "acme.org" },
  registrar: { name: registrar },
});

describe("watch baselines", () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "wl-watch-base-"));
    store = await Store.open(join(dir, "s.db"));
    await new WatchStore(store.db).add({ kind: "domain", value: "acme.org", crownJewel: false }, new Date().toISOString());
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("diffs against what the last watch pass saw, not the newest stored record (a pass killed after fetching, or a bulk run in between, loses no change)", async () => {
    let answer = record("Registrar One");
    const lookupFn = async (): Promise<WhoisRecord> => answer;
    expect((await runWatch(store, { lookupFn })).alerts).toEqual([]);
    answer = record("Registrar Two");
    // The newer answer reaches the store without a watch commit (what a kill -9 after the fetch leaves).
    await store.beginRun("bulk-1", "x", "{}", new Date().toISOString());
    await store.claim("bulk-1", "acme.org", 1, new Date().toISOString());
    await store.saveRecord("bulk-1", "acme.org", answer, undefined, new Date().toISOString());
    const second = await runWatch(store, { lookupFn });
    expect(second.alerts.map((a) => [a.kind, a.before, a.after])).toEqual([["registrar-changed", "Registrar One", "Registrar Two"]]);
  });

  it("a first pass starts from the newest record the store already holds", async () => {
    await store.beginRun("bulk-0", "x", "{}", new Date().toISOString());
    await store.claim("bulk-0", "acme.org", 1, new Date().toISOString());
    await store.saveRecord("bulk-0", "acme.org", record("Registrar One"), undefined, new Date(Date.now() - 86_400_000).toISOString());
    const first = await runWatch(store, { lookupFn: async () => record("Registrar Two") });
    expect(first.alerts.map((a) => a.kind)).toEqual(["registrar-changed"]);
  });

  it("a lookup that fails keeps the baseline: the change is found by the next pass that gets an answer", async () => {
    await runWatch(store, { lookupFn: async () => record("Registrar One") });
    const failing = await runWatch(store, { lookupFn: async () => Promise.reject(new Error("connection refused")) });
    expect(failing.failed.map((f) => f.query)).toEqual(["acme.org"]);
    expect(failing.alerts).toEqual([]);
    expect((await runWatch(store, { lookupFn: async () => record("Registrar Two") })).alerts.map((a) => a.kind)).toEqual(["registrar-changed"]);
  });
});
