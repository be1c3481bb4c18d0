import { describe, expect, it } from "vitest";
import { assertPublicHost, systemResolver } from "../../src/net/address-guard.js";
import { cachingResolver, RESOLVER_CACHE } from "../../src/net/resolver-cache.js";

/** A resolver that answers from a table and counts the questions it was asked, per name. */
function countingResolver(table: Record<string, string[] | Error>) {
  const asked: string[] = [];
  const resolve = async (host: string): Promise<string[]> => {
    asked.push(host);
    await new Promise((settle) => setImmediate(settle));
    const answer = table[host.toLowerCase()];
    if (answer instanceof Error) throw answer;
    return answer ? [...answer] : [];
  };
  return { resolve, asked };
}

describe("cachingResolver", () => {
  it("asks once per name within the TTL, again after it; concurrent questions share one resolution; names compare case-insensitively", async () => {
    let clock = 0;
    const { resolve, asked } = countingResolver({ "whois.example": ["192.0.2.1"] });
    const cached = cachingResolver(resolve, { ttlMs: 1000, now: () => clock });
    const together = await Promise.all(Array.from({ length: 16 }, () => cached("whois.example")));
    expect(together.every((addresses) => addresses[0] === "192.0.2.1")).toBe(true);
    expect(asked).toEqual(["whois.example"]);
    clock = 999;
    expect(await cached("WHOIS.Example")).toEqual(["192.0.2.1"]);
    expect(asked).toHaveLength(1);
    clock = 1000;
    await cached("whois.example");
    expect(asked).toHaveLength(2);
  });

  it("keeps no failure and no empty answer: the next question asks again", async () => {
    const failing = countingResolver({ "gone.example": new Error("ENOTFOUND"), "empty.example": [] });
    const cached = cachingResolver(failing.resolve, { now: () => 0 });
    await expect(cached("gone.example")).rejects.toThrow("ENOTFOUND");
    await expect(cached("gone.example")).rejects.toThrow("ENOTFOUND");
    expect(await cached("empty.example")).toEqual([]);
    expect(await cached("empty.example")).toEqual([]);
    expect(failing.asked).toEqual(["gone.example", "gone.example", "empty.example", "empty.example"]);
  });

  it("holds at most maxNames names, dropping the one asked longest ago", async () => {
    const { resolve, asked } = countingResolver({ "a.example": ["192.0.2.1"], "b.example": ["192.0.2.2"], "c.example": ["192.0.2.3"] });
    const cached = cachingResolver(resolve, { maxNames: 2, now: () => 0 });
    for (const name of ["a.example", "b.example", "c.example", "b.example", "c.example", "a.example"]) await cached(name);
    expect(asked).toEqual(["a.example", "b.example", "c.example", "a.example"]);
  });

  it("keeps addresses, not verdicts: the private-address check judges every use, and a caller cannot change what is kept", async () => {
    const { resolve, asked } = countingResolver({ "inside.example": ["10.0.0.7"] });
    const cached = cachingResolver(resolve, { now: () => 0 });
    expect(await assertPublicHost("inside.example", true, cached)).toEqual(["10.0.0.7"]);
    await expect(assertPublicHost("inside.example", false, cached)).rejects.toMatchObject({ code: "WL_ERR_PRIVATE_ADDRESS" });
    await expect(assertPublicHost("inside.example", false, cached)).rejects.toMatchObject({ code: "WL_ERR_PRIVATE_ADDRESS" });
    expect(asked).toHaveLength(1);
    const kept = await cached("inside.example");
    expect(() => kept.splice(0, 1, "192.0.2.9")).toThrow(TypeError);
    expect(await cached("inside.example")).toEqual(["10.0.0.7"]);
  });

  it("is what the system resolver does, with the documented limits", async () => {
    expect(RESOLVER_CACHE).toEqual({ ttlMs: 30_000, maxNames: 1_000 });
    const first = await systemResolver("localhost");
    expect(first.length).toBeGreaterThan(0);
    // The same kept (frozen) list again: no second getaddrinfo call within the TTL.
    expect(await systemResolver("localhost")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});
