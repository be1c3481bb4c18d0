import { describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { scanKeys } from "../../src/scale/keys.js";

// Redis documents that SCAN may return an element more than once (https://redis.io/docs/latest/commands/scan/,
// "Scan guarantees"): a page table stands in for a rehash that repeats keys across pages.
function pagedScan(pages: string[][]): Pick<Redis, "scan"> & { patterns: string[] } {
  const patterns: string[] = [];
  const scan = (async (cursor: string, _match: "MATCH", pattern: string) => {
    patterns.push(pattern);
    const page = Number(cursor);
    const next = page + 1 < pages.length ? String(page + 1) : "0";
    return [next, pages[page] ?? []];
  }) as unknown as Redis["scan"];
  return { scan, patterns };
}

describe("scanKeys", () => {
  it("walks every page until the cursor comes back to 0, each key once though SCAN repeats it", async () => {
    const redis = pagedScan([["wl:srv:a:down", "wl:srv:b:down"], [], ["wl:srv:b:down", "wl:srv:c:down"], ["wl:srv:a:down"]]);
    const keys: string[] = [];
    for await (const key of scanKeys(redis, "wl:srv:*:down")) keys.push(key);
    expect(keys).toEqual(["wl:srv:a:down", "wl:srv:b:down", "wl:srv:c:down"]);
    expect(redis.patterns).toEqual(Array(4).fill("wl:srv:*:down"));
  });
});
