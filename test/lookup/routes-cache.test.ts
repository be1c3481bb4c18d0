import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TieredAnswerCache } from "../../src/lookup/cache.js";
import { parseReferralTarget } from "../../src/lookup/routes.js";

describe("parseReferralTarget", () => {
  it.each([
    ["whois://whois.ripe.net", { scheme: "whois", host: "whois.ripe.net" }],
    ["whois://whois.apnic.net:43", { scheme: "whois", host: "whois.apnic.net", port: 43 }],
    ["rwhois://rwhois.example.net:4321", { scheme: "rwhois", host: "rwhois.example.net", port: 4321 }],
    ["WHOIS.MarkMonitor.com", { scheme: "whois", host: "whois.markmonitor.com" }],
    ["127.0.0.1:4343", { scheme: "whois", host: "127.0.0.1", port: 4343 }],
    ["[::1]:43", { scheme: "whois", host: "::1", port: 43 }],
  ])("%s", (input, expected) => {
    expect(parseReferralTarget(input)).toEqual(expected);
  });
  it.each(["", "http://", "host:99999", "two words"])("rejects %j", (input) => {
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
