import { describe, expect, it } from "vitest";
import { isoTime } from "../../src/lookup/hops.js";

// record.source.fetchedAt is formatted from the second already formatted (hops.ts isoTime): it must read
// exactly as Date.prototype.toISOString does (ECMA-262 §21.4.4.36, Date Time String Format) for every
// millisecond, across seconds, minutes and years, in any order of calls.
describe("isoTime (a hop's fetchedAt)", () => {
  it("reads as toISOString for each millisecond of a second, and across second, day and year boundaries", () => {
    const start = Date.UTC(2026, 11, 31, 23, 59, 58, 990);
    for (let ms = start; ms < start + 2_100; ms += 1) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });

  it("reads as toISOString when calls go back and forth between seconds", () => {
    const base = Date.UTC(2026, 2, 1, 10, 0, 0, 0);
    for (const ms of [base + 5, base + 1_007, base + 6, base + 999, base + 1_000, base + 99, base + 100, base + 9, base + 10, base - 1, base + 5]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it("reads as toISOString before 1970 and past year 9999 (a test clock's times)", () => {
    for (const ms of [-1, -999, -1_000, -1_001, Date.UTC(1969, 11, 31, 23, 59, 59, 7), Date.UTC(10_000, 0, 1, 0, 0, 0, 42), Date.UTC(10_000, 0, 1, 0, 0, 0, 43)]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
