import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadServerMap } from "../../src/servers/server-map.js";
import { checkMap, quickMap } from "../../src/servers/server-map-parse.js";

// The --servers map's quick check (no zod on a lookup's start-up, issue #13) must never accept what zod,
// the authority, rejects, nor hand back other data. The zod schema is restated here from the documented
// shape (docs: server-map.ts header) so that the check is judged against an independent copy.
const policy = { qps: z.number().finite().positive().max(10_000).optional(), concurrency: z.number().int().positive().max(1000).optional() };
const target = z.string().min(1).max(2048);
const reference = z.record(z.string(), z.union([target, z.object({ address: target, ...policy }).strict(), z.object({ whois: target.optional(), rdap: target.optional(), ...policy }).strict()]));

const edgeString = fc.oneof(fc.constant(""), fc.constant("whois.example:43"), fc.constant("http://127.0.0.1:8080/rdap/"), fc.string({ maxLength: 4 }), fc.constant("x".repeat(2048)), fc.constant("x".repeat(2049)));
const edgeNumber = fc.oneof(fc.constant(0), fc.constant(-1), fc.constant(0.5), fc.constant(3), fc.constant(1000), fc.constant(1001), fc.constant(10_000), fc.constant(10_000.5), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY), fc.double());
const edgeValue = fc.oneof(edgeString, edgeNumber, fc.constant(null), fc.constant(undefined), fc.boolean(), fc.constant([]));
const entry = fc.oneof(
  edgeString,
  edgeValue,
  fc.dictionary(fc.constantFrom("address", "whois", "rdap", "qps", "concurrency", "other"), fc.oneof(edgeString, edgeNumber, edgeValue), { maxKeys: 4 }),
);
const map = fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom("whois.denic.de", "rdap.example", "__proto__", ""), fc.string({ maxLength: 6 })), entry, { maxKeys: 4 }), edgeValue);

describe("--servers map: the quick check agrees with zod", () => {
  it("every map the quick check accepts, zod accepts with the same data (generated maps)", () => {
    let accepted = 0;
    fc.assert(
      fc.property(map, (json) => {
        if (!quickMap(json)) return;
        accepted += 1;
        const parsed = reference.safeParse(json);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(json);
      }),
      { numRuns: 3000 },
    );
    // The generator reaches the accepting side too, or the property would hold vacuously.
    expect(accepted).toBeGreaterThan(100);
  });

  it("checkMap decides as zod does on every generated map", () => {
    fc.assert(
      fc.property(map, (json) => {
        expect(checkMap(json).ok).toBe(reference.safeParse(json).success);
      }),
      { numRuns: 2000 },
    );
  });

  it("the usual map shapes pass the quick check; bad ones still get zod's worded error", () => {
    expect(quickMap({ "whois.denic.de": "127.0.0.1:4343", "rdap.example": "http://127.0.0.1:8080/", "x.example": { address: "127.0.0.1:43", qps: 2.5, concurrency: 2 }, "y.example": { whois: "[::1]:43", rdap: "https://127.0.0.1/" } })).toBe(true);
    expect(quickMap({ a: { address: "127.0.0.1:43", whois: "127.0.0.1:43" } })).toBe(false);
    expect(quickMap({ a: { address: "127.0.0.1:43", qps: 0 } })).toBe(false);
    expect(() => loadServerMap({ "a.example": { address: "127.0.0.1:43", concurrency: 1.5 } })).toThrow(/invalid --servers map at "a\.example": concurrency: Expected integer/);
    expect(() => loadServerMap({ "a.example": 43 })).toThrow(/invalid --servers map at "a\.example": expected a string or an object/);
  });
});
