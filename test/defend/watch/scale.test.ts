import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runWatch, WatchStore } from "../../../src/defend/watch/index.js";
import type { WhoisRecord } from "../../../src/record/types.js";
import { Store } from "../../../src/store/index.js";

describe("a watch list larger than one SQL statement's parameters", () => {
  it("diffs 1,500 lookalike candidates (over SQLite's older 999-parameter limit) and 600 above maxCandidates are noted, not fetched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-watch-scale-"));
    const store = await Store.open(join(dir, "s.db"));
    try {
      await new WatchStore(store.db).add({ kind: "lookalikes", value: "acme.org", crownJewel: false }, new Date().toISOString());
      const candidates = (): { domain: string; fuzzer: string }[] => Array.from({ length: 2100 }, (_, i) => ({ domain: `acme${i}.org`, fuzzer: "addition" }));
      const registered = (query: string): WhoisRecord => ({ query, kind: "domain", status: Number(query.slice(4, -4)) % 3 === 0 ? "registered" : "available", source: { protocol: "rdap", server: "r" }, domain: { name: query }, registrar: { name: "R" } });
      const options = { candidates, dns: false as const, maxCandidates: 1500, concurrency: 64, lookupFn: async (query: string) => registered(query) };
      const first = await runWatch(store, options);
      expect(first.checked).toBe(1500);
      expect(first.notes).toEqual(["lookalikes:acme.org: 2100 candidates, only the first 1500 fetched (maxCandidates)"]);
      expect(first.alerts).toHaveLength(500);
      expect(new Set(first.alerts.map((a) => a.kind))).toEqual(new Set(["lookalike-registered"]));
      const second = await runWatch(store, options);
      expect(second.checked).toBe(1500);
      expect(second.alerts).toEqual([]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
