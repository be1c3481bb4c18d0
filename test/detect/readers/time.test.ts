import { describe, expect, it } from "vitest";
import { cleanText, parseAnyTime, parseIsoMs } from "../../../src/detect/readers/common.js";
import { parseSyslogTime } from "../../../src/detect/readers/syslog-time.js";

const T = Date.UTC(2023, 10, 14, 22, 13, 20); // 1700000000000

describe("timestamps", () => {
  const iso: [string, number][] = [
    ["2023-11-14T22:13:20Z", T],
    ["2023-11-14T22:13:20.123456+0000", T + 123],
    ["2023-11-14T23:13:20.5+01:00", T + 500],
    ["2023-11-14T21:13:20-0100", T],
    ["2023-11-14 22:13:20.123", T + 123],
    ["2023-11-14T22:13:20.1234567Z", T + 123],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
    ["2023-13-14T22:13:20Z", Number.NaN],
    ["2023-11-14X22:13:20Z", Number.NaN],
    ["2023-11-14T22:13:20Q", Number.NaN],
    ["2023-11-14T22:13", Number.NaN],
    ["x".repeat(100), Number.NaN],
  ];
  for (const [text, ms] of iso) it(`parseIsoMs ${text.slice(0, 40)}`, () => expect(parseIsoMs(text)).toBe(ms));

  const any: [unknown, number][] = [
    [1700000000.123456, T + 123], [1700000000123, T + 123], ["1700000000.5", T + 500], ["1700000000123456", T + 123],
    ["2023-11-14T22:13:20Z", T], ["Tue, 14 Nov 2023 22:13:20 GMT", T], [null, Number.NaN], [{}, Number.NaN], ["soon", Number.NaN],
  ];
  for (const [value, ms] of any) it(`parseAnyTime ${JSON.stringify(value)}`, () => expect(parseAnyTime(value)).toBe(ms));

  it("syslog stamps without a year take the latest year not in the future", () => {
    const now = Date.UTC(2026, 0, 2, 12);
    expect(parseSyslogTime("Jan  2 11:00:00 gw kernel:", now).ts).toBe(Date.UTC(2026, 0, 2, 11));
    expect(parseSyslogTime("Dec 31 23:59:59 gw kernel:", now).ts).toBe(Date.UTC(2025, 11, 31, 23, 59, 59));
    expect(parseSyslogTime("2023-11-14T22:13:20+00:00 gw kernel:", now).ts).toBe(T);
    expect(parseSyslogTime("Foo 14 22:13:20 gw", now).ts).toBeNaN();
    expect(parseSyslogTime("Nov xx 22:13:20 gw", now).ts).toBeNaN();
  });
});

describe("cleanText", () => {
  it("strips escapes, controls and bidi overrides; tabs and newlines become spaces; caps length", () => {
    expect(cleanText("a\u001b[31mb\u0007c\td\ne\u202ef\u0085g")).toBe("a[31mbc d efg");
    expect(cleanText("x".repeat(2000)).length).toBe(512);
  });
});
