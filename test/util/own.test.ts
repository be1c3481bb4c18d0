import { describe, expect, it } from "vitest";
import { QueryMeter } from "../../src/footprint/meter.js";
import { parseSeed } from "../../src/footprint/seeds.js";
import { ownValue } from "../../src/util/own.js";

describe("ownValue", () => {
  it("answers a table's own rows only", () => {
    const table: Record<string, number> = { jan: 1 };
    expect(ownValue(table, "jan")).toBe(1);
    for (const word of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) expect(ownValue(table, word)).toBeUndefined();
  });
});

describe("QueryMeter counts servers named like Object.prototype members as their own rows", () => {
  it("constructor, __proto__ and toString are counted, and the prototype is untouched", () => {
    const meter = new QueryMeter(10);
    for (const server of ["constructor", "__proto__", "__proto__", "toString", "whois.example"]) meter.count(server);
    expect(Object.getPrototypeOf(meter.spend.byServer)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(meter.spend.byServer))).toEqual(JSON.parse('{"constructor":1,"__proto__":2,"toString":1,"whois.example":1}'));
  });
});

describe("footprint seeds", () => {
  it("constructor:x is not a seed prefix (it gave the Object function as the seed type)", () => {
    expect(() => parseSeed("constructor:x")).toThrow(/cannot tell what seed/);
    expect(parseSeed("org:constructor")).toEqual({ type: "organization", value: "constructor" });
  });
});
