import { describe, expect, it } from "vitest";
import type { Contact, WhoisRecord } from "../../../src/record/types.js";
import { ContactBuilder, copyContact, draftContact } from "../../../src/parse/whois/contacts.js";
import { draftRecord, publishedRecord } from "../../../src/parse/whois/record-shape.js";

// The drafts list every field of the schema (their type makes them); the field-by-field copies out of them
// are written by hand, and a field they missed would vanish from every parsed record without an error.

describe("drafts and their published copies keep every field", () => {
  it("publishedRecord keeps each field the draft has", () => {
    const draft = draftRecord("q", "s");
    const full = draft as unknown as Record<string, unknown>;
    for (const key of Object.keys(full)) full[key] ??= { marker: key };
    const out = publishedRecord(draft) as unknown as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(Object.keys(full).sort());
    for (const key of Object.keys(full)) expect(out[key]).toBe(full[key]);
  });

  it("publishedRecord leaves out the fields never set", () => {
    const out: WhoisRecord = publishedRecord(draftRecord("q", "s"));
    expect(Object.keys(out)).toEqual(["query", "kind", "status", "source"]);
  });

  it("copyContact and the built contact keep each field the draft has", () => {
    const full: Contact = {
      roles: ["registrant"],
      handle: "H1",
      name: "Jane Doe",
      organization: "Example Org",
      email: "jane@example.com",
      phone: "+1.5555550100",
      fax: "+1.5555550101",
      street: ["1 Main Street"],
      city: "Springfield",
      state: "IL",
      postalCode: "62701",
      country: "United States",
      countryCode: "US",
      created: "2001-01-01T00:00:00Z",
      updated: "2002-01-01T00:00:00Z",
      redacted: ["fax"],
      privacyProxy: false,
    };
    const fields = Object.keys(draftContact([])).sort();
    expect(Object.keys(full).sort()).toEqual(fields);
    expect(copyContact(full, ["technical"])).toEqual({ ...full, roles: ["technical"] });
    const builder = new ContactBuilder();
    builder.adopt("registrant", full);
    const [built] = builder.build();
    expect(Object.keys(built ?? {}).sort()).toEqual(fields);
  });
});
