import { describe, expect, it } from "vitest";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { readRwhoisObjects, RWHOIS_OBJECT_LIMITS, rwhoisReferral } from "../../../src/parse/whois/rwhois-objects.js";

/**
 * RWhois 1.5 objects (RFC 2167 §3.3) read together: the answers below are written in the two attribute spellings
 * ISPs' rwhoisd configurations use and in rwhoisd's own sample-data schema (arineng/rwhoisd sample.data/), not from
 * the reader. End-to-end cases over the CLI are in test/lookup/rwhois-objects-world.test.ts.
 */
const crlf = (lines: string[]): string => `${lines.join("\r\n")}\r\n`;

describe("RWhois objects", () => {
  it("IPv6: the /48 inside the /32 holding the address wins, with its own holder's country", () => {
    const text = crlf([
      "%rwhois V-1.5:003fff:00 rwhois.v6.example (by Network Solutions, Inc. V-1.5.9.5)",
      "network:ID:NET6-ISP",
      "network:IP-Network:2001:db8::/32",
      "network:Org-Name:V6 Backbone",
      "network:Country-Code:DE",
      "",
      "network:ID:NET6-CUST",
      "network:IP-Network:2001:db8:42::/48",
      "network:Network-Name:CUST-V6",
      "network:Organization;I:O-77",
      "",
      "organization:ID:O-77",
      "organization:Org-Name:Kunde GmbH",
      "organization:City:Hamburg",
      "organization:Country-Code:de",
      "",
      "%ok",
    ]);
    const record = parseWhoisText(text, { server: "rwhois.v6.example", query: "2001:db8:42::1" });
    expect(record.network).toMatchObject({ handle: "NET6-CUST", name: "CUST-V6", cidrs: ["2001:db8:42::/48"], organization: "Kunde GmbH", country: "DE" });
    expect(record.contacts).toEqual([{ roles: ["registrant"], handle: "O-77", name: "Kunde GmbH", city: "Hamburg", countryCode: "DE" }]);
    // An address outside the /48: the /32 holds it, and its inline holder wins.
    const wider = parseWhoisText(text, { server: "rwhois.v6.example", query: "2001:db8:9::1" });
    expect(wider.network).toMatchObject({ handle: "NET6-ISP", organization: "V6 Backbone", country: "DE" });
  });

  it("one contact object named by two roles is one contact with both; a reference with no object keeps its handle", () => {
    const text = crlf([
      "network:ID:N-1",
      "network:IP-Network:192.0.2.0/28",
      "network:Org-Name:Holder Inc",
      "network:Tech-Contact;I:C-1",
      "network:Admin-Contact;I:C-1",
      "network:Abuse-Contact;I:C-404",
      "",
      "contact:ID:C-1",
      "contact:Name:Pat Noc",
      "contact:Email:noc@holder.example",
      "%ok",
    ]);
    const record = parseWhoisText(text, { query: "192.0.2.1" });
    expect(record.contacts).toEqual([
      { roles: ["registrant"], name: "Holder Inc" },
      { roles: ["technical", "administrative"], handle: "C-1", name: "Pat Noc", email: "noc@holder.example" },
      { roles: ["abuse"], handle: "C-404" },
    ]);
  });

  it("hostile: IDs named like Object.prototype members resolve to nothing; object count and values are capped", () => {
    const text = crlf(["network:ID:N-1", "network:IP-Network:192.0.2.0/28", "network:Organization;I:__proto__", "network:Tech-Contact;I:constructor", "%ok"]);
    const record = parseWhoisText(text, { query: "192.0.2.1" });
    expect(record.contacts).toEqual([{ roles: ["registrant"], handle: "__proto__" }, { roles: ["technical"], handle: "constructor" }]);
    const many = Array.from({ length: 1000 }, (_, i) => `contact:ID:C-${i}\r\ncontact:Name:${"x".repeat(2000)}\r\n`).join("\r\n");
    const objects = readRwhoisObjects(many);
    expect(objects).toHaveLength(RWHOIS_OBJECT_LIMITS.objects);
    expect(objects[0]?.attributes.get("name")?.[0]).toHaveLength(RWHOIS_OBJECT_LIMITS.valueLength);
  });

  it("%referral: the first in-answer referral, as written; none in an answer without one", () => {
    expect(rwhoisReferral("network:ID:N-1\r\n%referral rwhois://rwhois.b.example:4321/auth-area=10.2.0.0/16\r\n%referral rwhois://c.example:4321/auth-area=x\r\n%ok\r\n"))
      .toBe("rwhois://rwhois.b.example:4321/auth-area=10.2.0.0/16");
    expect(rwhoisReferral("network:ID:N-1\r\n% referral is a comment\r\n%ok\r\n")).toBeUndefined();
    const record = parseWhoisText("network:ID:N-1\r\nnetwork:IP-Network:10.0.0.0/8\r\nReferralServer: rwhois://old.example:4321\r\n\r\n%referral rwhois://rwhois.b.example:4321/auth-area=10.2.0.0/16\r\n%ok\r\n", { query: "10.2.0.1" });
    expect(record.referral).toEqual({ server: "rwhois://rwhois.b.example:4321/auth-area=10.2.0.0/16" });
  });
});
