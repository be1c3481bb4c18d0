import { describe, expect, it } from "vitest";
import { bulkLookup, PoliteScheduler } from "../../src/bulk/index.js";
import { fnv1a, QuerySet } from "../../src/bulk/query-set.js";
import type { WhoisRecord } from "../../src/record/types.js";

/** The compact de-duplication set against a plain Set<string> (the behaviour it replaces). */
function checkAgainstSet(set: QuerySet, queries: string[]): void {
  const reference = new Set<string>();
  for (const query of queries) {
    const fresh = !reference.has(query);
    reference.add(query);
    expect(set.add(query), query.slice(0, 40)).toBe(fresh);
  }
  expect(set.size).toBe(reference.size);
}

describe("QuerySet", () => {
  it("is exact over 120,000 queries spanning several arena chunks and table growths", () => {
    const queries = Array.from({ length: 60_000 }, (_, i) => `host${i}.sub${i % 97}.example-${i % 13}.de`);
    // Each twice, the second time in another order: every second sighting must be a duplicate.
    checkAgainstSet(new QuerySet(), [...queries, ...queries.reverse()]);
  });

  it("keeps non-ASCII, empty-looking and prefix-sharing queries apart", () => {
    checkAgainstSet(new QuerySet(), ["bücher.de", "bucher.de", "bücher.de ", "xn--bcher-kva.de", "a", "ab", "a", "é", "e\u0301", "é", "日本.jp", "日本.jp", "\u{1F600}.ws", "\u{1F600}.ws"]);
  });

  it("never merges two different queries when every hash collides (a weak hash costs time, not answers)", () => {
    const set = new QuerySet(() => 7);
    const queries = Array.from({ length: 3000 }, (_, i) => `q${i}.test`);
    checkAgainstSet(set, [...queries, ...queries, "q1.tes", "q1.testx"]);
  });

  it("handles a low-entropy hash through table growth", () => {
    checkAgainstSet(new QuerySet((query) => fnv1a(query) & 0x3ff), Array.from({ length: 20_000 }, (_, i) => `n${i % 7000}.example`));
  });

  it("keeps a query longer than an arena chunk exactly", () => {
    const long = "a".repeat(1 << 20) + ".test";
    checkAgainstSet(new QuerySet(), [long, `${long}x`, long, "short.test"]);
  });

  it("hashes with FNV-1a (32-bit test vectors)", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(fnv1a("foobar")).toBe(0xbf9cf968);
  });
});

describe("bulkLookup de-duplication with colliding hashes", () => {
  it("asks each distinct query exactly once when every hash is the same", async () => {
    const asked = new Map<string, number>();
    const distinct = Array.from({ length: 500 }, (_, i) => `d${i}.test`);
    async function* input(): AsyncGenerator<string> {
      for (let round = 0; round < 3; round += 1) yield* distinct;
    }
    const results: string[] = [];
    for await (const result of bulkLookup(input(), {
      lookup: { protocol: "whois", host: "whois.test" },
      scheduler: new PoliteScheduler({ useProfiles: false }),
      concurrency: 16,
      perServer: 16,
      lookahead: 50,
      dedupeHash: () => 0,
      lookupFn: async (query): Promise<WhoisRecord> => {
        asked.set(query, (asked.get(query) ?? 0) + 1);
        return { query, kind: "domain", status: "registered", source: { protocol: "whois", server: "whois.test" } };
      },
    })) results.push(result.query);
    expect([...asked.keys()].sort()).toEqual([...distinct].sort());
    expect([...asked.values()].every((n) => n === 1)).toBe(true);
    expect(results.sort()).toEqual([...distinct].sort());
  });
});
