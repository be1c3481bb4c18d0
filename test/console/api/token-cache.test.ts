import { describe, expect, it } from "vitest";
import { hashToken, TokenCache, type TokenInfo } from "../../../src/console/api/tokens.js";

/**
 * The console remembers the tokens it has found valid, so it does not hash each request's token again:
 * that memory must never outlive a reload of the digests, or a removed token would keep working.
 */
describe("TokenCache", () => {
  const alice: TokenInfo = { id: "t1", name: "alice", createdAt: "2026-12-06T00:00:00.000Z" };

  it("a token used before it is removed stops working at the next reload, as one never used does", async () => {
    let rows = new Map([[hashToken("wlc_alice"), alice]]);
    let reads = 0;
    const cache = new TokenCache({ digests: async () => (reads++, rows) }, 20);
    expect(await cache.check("wlc_alice")).toEqual(alice);
    expect(await cache.check("wlc_alice")).toEqual(alice);
    expect(await cache.check("wlc_mallory")).toBeUndefined();
    rows = new Map(); // removed from the CLI
    await new Promise((resolve) => setTimeout(resolve, 40)); // past refreshMs
    expect(await cache.check("wlc_alice")).toBeUndefined();
    expect(reads).toBe(2);
  });

  it("a made-up token is never remembered: it stays refused, and a real one added later is found", async () => {
    let rows = new Map<string, TokenInfo>();
    const cache = new TokenCache({ digests: async () => rows }, 20);
    expect(await cache.check("wlc_later")).toBeUndefined();
    rows = new Map([[hashToken("wlc_later"), alice]]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await cache.check("wlc_later")).toEqual(alice);
    expect(await cache.check("wlc_later ")).toBeUndefined();
  });

  it("made-up tokens take no room: after 300 of them a valid token is still remembered until the next reload", async () => {
    const rows = new Map([[hashToken("wlc_alice"), alice]]);
    const cache = new TokenCache({ digests: async () => rows }, 60_000);
    for (let i = 0; i < 300; i++) expect(await cache.check(`wlc_guess${i}`)).toBeUndefined();
    expect(await cache.check("wlc_alice")).toEqual(alice);
    // Taken out of the digests it holds (no reload): only a remembered token still answers.
    rows.delete(hashToken("wlc_alice"));
    expect(await cache.check("wlc_alice")).toEqual(alice);
    expect(await cache.check("wlc_guess0")).toBeUndefined();
  });
});
