import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bulkLookup, PoliteScheduler, type BulkResult } from "../../src/bulk/index.js";
import { WhoislensError } from "../../src/errors.js";
import type { LookupOptions } from "../../src/lookup/index.js";
import type { WhoisRecord } from "../../src/record/types.js";
import { Store } from "../../src/store/index.js";

/**
 * A cancel implies a stop, in bulkLookup itself (audit and lookalikes used to combine the two before
 * calling it): a library caller that passes only `lookup.signal` gets the results finished before the
 * cancel, no more input is read nor asked, and a cancelled lookup is neither yielded nor marked failed
 * (it stays pending in the store for the next pass). Before, every query left, read or not, was started
 * after the cancel and came back as a WL_ERR_ABORTED failure, marked `failed` in the store.
 */

const record = (name: string): WhoisRecord => ({ query: name, kind: "domain", status: "registered", source: { protocol: "whois", server: "whois.test", fetchedAt: "2026-12-06T00:00:00Z" }, domain: { name } });

/** A caller's own lookup: the first query answers at once, every other waits until its signal aborts. */
function lookupFn(asked: string[]) {
  return (query: string, options: Partial<LookupOptions>): Promise<WhoisRecord> => {
    asked.push(query);
    if (query === "q0.test") return Promise.resolve(record(query));
    return new Promise((_, reject) => {
      const signal = options.signal;
      const fail = (): void => reject(new WhoislensError("WL_ERR_ABORTED", `cancelled while asking ${query}`));
      if (signal?.aborted) fail();
      else signal?.addEventListener("abort", fail, { once: true });
    });
  };
}

async function* names(count: number): AsyncGenerator<string> {
  for (let i = 0; i < count; i += 1) yield `q${i}.test`;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("bulkLookup given only lookup.signal: a cancel implies a stop", () => {
  it("ends the run at the cancel: what finished is yielded, nothing more is read, the cancelled stay pending", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-cancel-only-"));
    dirs.push(dir);
    const store = await Store.open(join(dir, "run.db"));
    try {
      const pass = await store.beginRun("r", "names", "{}", "2026-12-06T00:00:00Z");
      const cancel = new AbortController();
      const asked: string[] = [];
      const results: BulkResult[] = [];
      for await (const result of bulkLookup(names(200), {
        lookup: { protocol: "whois", host: "whois.test", signal: cancel.signal },
        scheduler: new PoliteScheduler({ useProfiles: false }),
        concurrency: 4,
        perServer: 4,
        lookahead: 8,
        store: { store, runId: "r", pass },
        lookupFn: lookupFn(asked),
      })) {
        results.push(result);
        // The first answer is in and three lookups hang: the caller cancels.
        cancel.abort();
      }
      expect(results.map((result) => result.query)).toEqual(["q0.test"]);
      expect(results[0]?.error).toBeUndefined();
      // Only what was in flight (concurrency 4) was ever asked; the rest of the 200 never were.
      expect(asked.length).toBeLessThanOrEqual(4);
      const summary = await store.runSummary("r");
      expect(summary.failed ?? 0).toBe(0);
      expect(summary.done).toBe(1);
      // Read (claimed) but not finished: the cancelled lookups and those never started stay pending.
      expect(summary.pending).toBeGreaterThanOrEqual(asked.length - 1);
      expect((summary.pending ?? 0) + (summary.done ?? 0)).toBeLessThanOrEqual(8 + 4);
    } finally {
      await store.close();
    }
  });

  it("an already aborted signal asks nothing and yields nothing", async () => {
    const cancel = new AbortController();
    cancel.abort();
    const asked: string[] = [];
    const results: BulkResult[] = [];
    for await (const result of bulkLookup(names(50), { lookup: { protocol: "whois", host: "whois.test", signal: cancel.signal }, scheduler: new PoliteScheduler({ useProfiles: false }), concurrency: 4, perServer: 4, lookahead: 8, lookupFn: lookupFn(asked) })) results.push(result);
    expect(results).toEqual([]);
    expect(asked).toEqual([]);
  });
});
