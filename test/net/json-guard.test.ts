import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonNestingDepth, nestedDeeperThan } from "../../src/net/json-guard.js";

describe("nestedDeeperThan (depth of a parsed value)", () => {
  it("agrees with jsonNestingDepth on the value's JSON text, for any value and limit", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.nat(14), (value, limit) => {
        expect(nestedDeeperThan(value, limit)).toBe(jsonNestingDepth(JSON.stringify(value)) > limit);
      }),
      { numRuns: 500 },
    );
  });

  it("walks a million-deep array without a stack overflow, and a scalar at no cost", () => {
    const deep = JSON.parse(`${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`) as unknown;
    expect(nestedDeeperThan(deep, 64)).toBe(true);
    expect(nestedDeeperThan("id-1", 0)).toBe(false);
    expect(nestedDeeperThan(undefined, 0)).toBe(false);
    expect(nestedDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [1, { b: [] }] }, 3)).toBe(true);
  });
});
