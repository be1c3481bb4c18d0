import { describe, expect, it } from "vitest";
import { formatRecordText } from "../../../src/cli/format/record-text.js";
import type { WhoisRecord } from "../../../src/record/types.js";

const record = (expires: string): WhoisRecord => ({
  query: "example.org",
  kind: "domain",
  status: "registered",
  source: { protocol: "rdap", server: "rdap.example" },
  domain: { name: "example.org" },
  dates: { created: "1995-08-31T04:00:00Z", expires },
});

describe("formatRecordText", () => {
  // The demo showed example.org "registered, expires 2026-08-30" on 2026-12-06 with nothing to tell it apart.
  it("marks an expiry date that has passed, and only that one", () => {
    const now = new Date("2026-12-06T12:00:00Z");
    expect(formatRecordText(record("2026-08-30T04:00:00Z"), now)).toMatch(/^ {2}expires {2}2026-08-30T04:00:00Z \(passed\)$/m);
    expect(formatRecordText(record("2027-08-30T04:00:00Z"), now)).toMatch(/^ {2}expires {2}2027-08-30T04:00:00Z$/m);
    expect(formatRecordText(record("not a date"), now)).toMatch(/^ {2}expires {2}not a date$/m);
    expect(formatRecordText(record("2026-08-30T04:00:00Z"), now)).toMatch(/^ {2}created {2}1995-08-31T04:00:00Z$/m);
  });
});
