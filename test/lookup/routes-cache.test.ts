import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheKey, TieredAnswerCache } from "../../src/lookup/cache.js";
import { parseReferralTarget } from "../../src/lookup/routes.js";

describe("parseReferralTarget", () => {
  it.each([
    ["whois://whois.ripe.net", { scheme: "whois", host: "whois.ripe.net" }],
    ["whois://whois.apnic.net:43", { scheme: "whois", host: "whois.apnic.net", port: 43 }],
    ["rwhois://rwhois.example.net:4321", { scheme: "rwhois", host: "rwhois.example.net", port: 4321 }],
    // ARIN writes a trailing slash; an RWhois URL may carry a query after it (dropped, as GNU whois drops it).
    ["rwhois://rwhois.fuse.net:4321/", { scheme: "rwhois", host: "rwhois.fuse.net", port: 4321 }],
    ["rwhois://rwhois.example.net:4321/auth-area=192.0.2.0/24", { scheme: "rwhois", host: "rwhois.example.net", port: 4321, authArea: "192.0.2.0/24" }],
    ["WHOIS.MarkMonitor.com", { scheme: "whois", host: "whois.markmonitor.com" }],
    ["127.0.0.1:4343", { scheme: "whois", host: "127.0.0.1", port: 4343 }],
    ["[::1]:43", { scheme: "whois", host: "::1", port: 43 }],
  ])("%s", (input, expected) => {
    expect(parseReferralTarget(input)).toEqual(expected);
  });
  it.each(["", "http://", "host:99999", "two words", "whois://whois.example@127.0.0.1:6379", "rwhois://user@127.0.0.1:4321/x", "rwhois:///path"])("rejects %j", (input) => {
    expect(parseReferralTarget(input)).toBeUndefined();
  });
});

describe("TieredAnswerCache", () => {
  it("serves fresh entries from memory and disk, and forgets stale ones", async () => {
    let now = 1_000;
    const directory = mkdtempSync(join(tmpdir(), "wl-cache-"));
    const first = new TieredAnswerCache({ ttlMs: 100, directory, now: () => now });
    await first.set("k", { protocol: "whois", server: "s", text: "hello" });
    expect(await first.get("k")).toEqual({ protocol: "whois", server: "s", text: "hello" });
    const second = new TieredAnswerCache({ ttlMs: 100, directory, now: () => now });
    expect(await second.get("k")).toEqual({ protocol: "whois", server: "s", text: "hello" });
    now += 101;
    expect(await second.get("k")).toBeUndefined();
  });

  it("ignores a disk entry whose shape is wrong instead of handing it to the parser", async () => {
    const directory = mkdtempSync(join(tmpdir(), "wl-cache-"));
    await new TieredAnswerCache({ directory }).set("k", { protocol: "whois", server: "s", text: "hello" });
    const [file] = readdirSync(directory);
    for (const answer of [{ protocol: "whois", server: "s", text: 42 }, { protocol: "rdap", server: "s" }, { protocol: "gopher", server: "s", text: "x" }, null]) {
      writeFileSync(join(directory, file as string), JSON.stringify({ expiresAt: Date.now() + 60_000, answer }));
      expect(await new TieredAnswerCache({ directory }).get("k")).toBeUndefined();
    }
  });

  it("keys answers by the endpoint asked and the guard mode, not only the server name", () => {
    const base = { protocol: "whois" as const, server: "whois.verisign-grs.com", endpoint: "whois.verisign-grs.com:43", request: "domain x.com", relaxedGuard: false };
    const keys = new Set([
      cacheKey(base),
      cacheKey({ ...base, endpoint: "127.0.0.1:4343" }),
      cacheKey({ ...base, relaxedGuard: true }),
      cacheKey({ ...base, server: "whois.markmonitor.com" }),
    ]);
    expect(keys.size).toBe(4);
    expect(cacheKey({ ...base, server: "WHOIS.Verisign-GRS.com", endpoint: "WHOIS.VERISIGN-GRS.COM:43" })).toBe(cacheKey(base));
  });

  it("evicts the least recently used entry beyond maxEntries", async () => {
    const cache = new TieredAnswerCache({ maxEntries: 2 });
    await cache.set("a", { protocol: "whois", server: "s", text: "a" });
    await cache.set("b", { protocol: "whois", server: "s", text: "b" });
    await cache.get("a");
    await cache.set("c", { protocol: "whois", server: "s", text: "c" });
    expect(await cache.get("b")).toBeUndefined();
    expect(await cache.get("a")).toBeDefined();
  });
});
