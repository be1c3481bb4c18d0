import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/parse/dates.js";
import { parseWhoisText } from "../../src/parse/whois/index.js";
import { columnLabelEnd, hasWordOnBeforeDateStart, wordThenGap } from "../../src/parse/whois/chars.js";
import { splitLine } from "../../src/parse/whois/tokenize.js";
import { cpuTimed } from "../helpers/cpu-time.js";

describe("parseDate", () => {
  it.each([
    ["2001-01-01T00:00:00Z", "2001-01-01T00:00:00Z"],
    ["2001-01-01T00:00:00.123Z", "2001-01-01T00:00:00Z"],
    ["2001-01-01 00:00:00 CLST", "2001-01-01T03:00:00Z"],
    ["2013-06-01 01:05:07 (JST)", "2013-05-31T16:05:07Z"],
    ["2025-03-14T09:41:07+01:00", "2025-03-14T08:41:07Z"],
    ["14-Aug-1995", "1995-08-14T00:00:00Z"],
    ["1995.08.14", "1995-08-14T00:00:00Z"],
    ["2005/05/30", "2005-05-30T00:00:00Z"],
    ["20010101", "2001-01-01T00:00:00Z"],
    ["Mon Jan 1 2001", "2001-01-01T00:00:00Z"],
    ["Mon Jan  1 00:00:00 GMT 2001", "2001-01-01T00:00:00Z"],
    ["January 1, 2001", "2001-01-01T00:00:00Z"],
    ["30.05.2005", "2005-05-30T00:00:00Z"],
    ["14-aug-95", "1995-08-14T00:00:00Z"],
    ["2001-Jan-01", "2001-01-01T00:00:00Z"],
  ])("%s → %s", (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
  it.each(["", "not a date", "2001-13-01", "32.01.2001", "0000-00-00", "x".repeat(500)])("rejects %j", (input) => {
    expect(parseDate(input)).toBeUndefined();
  });
});

describe("parseWhoisText layouts", () => {
  it("reads ICANN key-value answers with contacts, statuses and referral", () => {
    const record = parseWhoisText(
      [
        "Domain Name: EXAMPLE.NET",
        "Registry Domain ID: 123_DOMAIN_NET-VRSN",
        "Registrar WHOIS Server: whois.registrar.test",
        "Creation Date: 2001-02-03T04:05:06Z",
        "Registrar: Registrar Test LLC",
        "Registrar IANA ID: 4242",
        "Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited",
        "Registrant Name: Jane Roe",
        "Registrant Organization: Roe Corp",
        "Registrant Street: 1 Main St",
        "Registrant Street: Floor 2",
        "Registrant Country: US",
        "Registrant Email: jane@roe.test",
        "Admin Name: Jane Roe",
        "Admin Organization: Roe Corp",
        "Admin Street: 1 Main St",
        "Admin Street: Floor 2",
        "Admin Country: US",
        "Admin Email: jane@roe.test",
        "Name Server: NS1.ROE.TEST 192.0.2.1",
        "Name Server: ns2.roe.test.",
        "DNSSEC: unsigned",
      ].join("\r\n"),
      { server: "whois.verisign-grs.com" },
    );
    expect(record).toMatchObject({
      kind: "domain",
      status: "registered",
      domain: { name: "example.net", handle: "123_DOMAIN_NET-VRSN" },
      registrar: { name: "Registrar Test LLC", ianaId: "4242", whoisServer: "whois.registrar.test" },
      referral: { server: "whois.registrar.test" },
      statuses: ["clientTransferProhibited"],
      nameservers: [{ name: "ns1.roe.test", ipv4: ["192.0.2.1"] }, { name: "ns2.roe.test" }],
      dnssec: "unsigned",
    });
    expect(record.contacts).toEqual([
      { roles: ["registrant", "administrative"], name: "Jane Roe", organization: "Roe Corp", street: ["1 Main St", "Floor 2"], countryCode: "US", email: "jane@roe.test" },
    ]);
  });

  it("reads bracketed labels and indented sections", () => {
    const bracketed = parseWhoisText("[Domain Name]                   EXAMPLE.JP\n\n[Name Server]                   ns1.example.jp\n[Created on]                    2005/05/30\n");
    expect(bracketed).toMatchObject({ domain: { name: "example.jp" }, nameservers: [{ name: "ns1.example.jp" }], dates: { created: "2005-05-30T00:00:00Z" } });
    const sections = parseWhoisText(
      ["Domain:             example.it", "Created:            1999-12-10 00:00:00", "", "Registrant", "  Name:             Mario Rossi", "  Organization:     Rossi SRL", "", "Nameservers", "  dns1.example.it", "  dns2.example.it"].join("\n"),
    );
    expect(sections.contacts?.[0]).toMatchObject({ roles: ["registrant"], name: "Mario Rossi", organization: "Rossi SRL" });
    expect(sections.nameservers?.map((n) => n.name)).toEqual(["dns1.example.it", "dns2.example.it"]);
  });

  it("reads RPSL objects and resolves contact handles", () => {
    const record = parseWhoisText(
      ["inetnum:        203.0.113.0 - 203.0.113.255", "netname:        EXAMPLE-NET", "country:        NL", "admin-c:        EX1-TEST", "", "person:         Piet Voorbeeld", "address:        Straat 1", "e-mail:         piet@example.test", "nic-hdl:        EX1-TEST"].join("\n"),
      { server: "whois.ripe.net" },
    );
    expect(record.kind).toBe("ip");
    expect(record.network).toMatchObject({ startAddress: "203.0.113.0", endAddress: "203.0.113.255", cidrs: ["203.0.113.0/24"], name: "EXAMPLE-NET", country: "NL" });
    expect(record.contacts?.[0]).toMatchObject({ roles: ["administrative"], handle: "EX1-TEST", name: "Piet Voorbeeld", email: "piet@example.test" });
  });

  it.each([
    ["tab-separated labels", "Domain name\texample.ch\n\nName servers\nns1.example.ch\nns2.example.ch\n", { domain: { name: "example.ch" }, nameservers: [{ name: "ns1.example.ch" }, { name: "ns2.example.ch" }] }],
    ["tabs then a colon", "Domain Name\t\t: example.tr\n** Domain Servers:\nns1.example.tr\t\t\nns2.example.tr\t\t192.0.2.2\n", { nameservers: [{ name: "ns1.example.tr" }, { name: "ns2.example.tr", ipv4: ["192.0.2.2"] }] }],
    ["RWhois attributes", "domain:Domain-Name:example.ma\ndomain:Created:20090324\n", { domain: { name: "example.ma" }, dates: { created: "2009-03-24T00:00:00Z" } }],
    ["one-word labels separated by spaces", "Domain-name         example.sk\nAdmin-name          Jana Novakova\n", { domain: { name: "example.sk" }, contacts: [{ roles: ["administrative"], name: "Jana Novakova" }] }],
    ["zone-file name servers", "Nameserver Information\n   Nameserver: example.pt\tNS\tns1.example.net.\n", { nameservers: [{ name: "ns1.example.net" }] }],
    ["'created on' lines", "Domain Name: example.tw\n   Record created on 2000-08-29 (YYYY-MM-DD)\n", { dates: { created: "2000-08-29T00:00:00Z" } }],
    ["address tails", "Domain: example.it\nRegistrant\n  Name: Mario Rossi\n  Address: Via Roma 1\n           Milano\n           20100\n           MI\n           IT\n", { contacts: [{ roles: ["registrant"], name: "Mario Rossi", street: ["Via Roma 1"], city: "Milano", postalCode: "20100", state: "MI", countryCode: "IT" }] }],
  ])("reads %s", (_name, text, expected) => {
    expect(parseWhoisText(text)).toMatchObject(expected);
  });

  it("does not take disclaimer prose for labels", () => {
    const record = parseWhoisText('No match for "NOPE.CC".\nregistrar\'s sponsorship ends at the sponsoring registrar.  Users may consult the sponsoring registrar\'s\n');
    expect(record.status).toBe("available");
    expect(record.registrar).toBeUndefined();
  });

  it("marks redactions and privacy services instead of keeping placeholders", () => {
    const record = parseWhoisText("Domain Name: PRIV.TEST\nCreation Date: 2020-01-01T00:00:00Z\nRegistrant Name: REDACTED FOR PRIVACY\nRegistrant Organization: Domains By Proxy, LLC\nRegistrant Email: REDACTED FOR PRIVACY\n");
    expect(record.contacts?.[0]).toMatchObject({ organization: "Domains By Proxy, LLC", redacted: ["name", "email"], privacyProxy: true });
    expect(record.contacts?.[0]?.name).toBeUndefined();
  });

  it.each([
    ['No match for "NOPE.COM".', "available"],
    ["%ERROR:101: no entries found", "available"],
    ["Domain: frei.de\nStatus: free", "available"],
    ["WHOIS LIMIT EXCEEDED - SEE WWW.EXAMPLE FOR DETAILS", "throttled"],
    ["%ERROR:201: access denied for 192.0.2.1", "throttled"],
    ["This name is reserved by the registry.", "reserved"],
    ["", "unknown"],
  ])("says %j means %s", (text, status) => {
    expect(parseWhoisText(text).status).toBe(status);
  });
});

describe("splitLine", () => {
  // Every character String.prototype.trim removes, and a few it keeps.
  const space = fc.constantFrom(" ", "\t", "\u000b", "\u000c", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff");
  const kept = fc.constantFrom("\u200b", "\u180e", "\u0085", "x", "é");
  it("takes the value after a label's colon as trim() would", () => {
    fc.assert(
      fc.property(fc.array(space, { maxLength: 4 }), fc.array(fc.oneof(kept, space), { maxLength: 6 }), (lead, value) => {
        const text = `${lead.join("")}${value.join("")}z`;
        const line = `Registrar: ${text}`;
        expect(splitLine(line)).toEqual({ key: "Registrar", value: text.trim() });
      }),
    );
  });
  it("finds label shapes with the same answers as the patterns they stand for", () => {
    const piece = fc.constantFrom("on", "o", "n", " ", "  ", "\t", "\u00a0", "a", "Z", "9", "_", "-", ".", "é", "x on y", ":", "M", "T", "W", "F", "S", "s", "(", "'", "/");
    // w25: where a colon-less column label's gap starts, within `limit` characters and on a line of 4 or more.
    const columnLabel = (line: string, limit: number): number => {
      const match = /^[A-Za-z](?:[A-Za-z0-9'()/&_-]| (?! ))*(?=  )/.exec(line);
      return match && line.length >= 4 && match[0].length < Math.min(line.length - 1, limit) ? match[0].length : -1;
    };
    // Some " on " before `before`, followed by a digit or a weekday's capital.
    const wordOnBeforeDateStart = (line: string, before: number): boolean => {
      for (let at = 0; at < line.length && at < before; at += 1) if (line.startsWith(" on ", at) && /^[\dMTWFS]/.test(line.slice(at + 4))) return true;
      return false;
    };
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const line = parts.join("");
        expect(hasWordOnBeforeDateStart(line)).toBe(wordOnBeforeDateStart(line, line.length));
        expect(hasWordOnBeforeDateStart(line, 5)).toBe(wordOnBeforeDateStart(line, 5));
        expect(wordThenGap(line)).toBe(/^[A-Za-z][\w-]*[A-Za-z]\s{2,}/.test(line));
        expect(columnLabelEnd(line, 64)).toBe(columnLabel(line, 64));
        expect(columnLabelEnd(line, 5)).toBe(columnLabel(line, 5));
      }),
    );
  });
  it("keeps times and URLs whole, and leaves sentences unsplit", () => {
    expect(splitLine("12:30 on Monday")).toBeUndefined();
    expect(splitLine("http://example.com/whois")).toBeUndefined();
    expect(splitLine("one two three four five six seven eight nine: x")).toBeUndefined();
    expect(splitLine("one two three four five six seven eight: x")).toEqual({ key: "one two three four five six seven eight", value: "x" });
    expect(splitLine("Updated Date:")).toEqual({ key: "Updated Date", value: "" });
  });
});

describe("parseWhoisText never throws", () => {
  const realistic = fc.constantFrom(
    "Domain Name: EXAMPLE.COM",
    "Creation Date: 2001-01-01T00:00:00Z",
    "Registrant Name: A",
    "[Name Server] ns1.example.com",
    "   Name Server: ns2.example.com",
    "inetnum: 1.2.3.0 - 1.2.3.255",
    "admin-c: X-TEST",
    "Registrant",
    "  Name: B",
    "%comment",
    "",
    "Status: free",
  );
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const record = parseWhoisText(text);
        expect(typeof record.status).toBe("string");
      }),
      { numRuns: 300 },
    );
  });
  it("on random mixtures of realistic lines and noise", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(realistic, fc.string({ maxLength: 80 })), { maxLength: 60 }), (lines) => {
        const record = parseWhoisText(lines.join("\n"));
        expect(record.source.protocol).toBe("whois");
      }),
      { numRuns: 300 },
    );
  });
  it("on adversarial megabyte inputs, quickly (ReDoS tripwire, CPU time)", () => {
    const inputs = [":".repeat(1 << 20), ".".repeat(1 << 20), `Domain Name: ${"a.".repeat(1 << 19)}`, `${"x: y\n".repeat(200_000)}`, " ".repeat(1 << 20), "[".repeat(1 << 20)];
    const { cpuMs } = cpuTimed(() => {
      for (const input of inputs) expect(parseWhoisText(input).status).toBeDefined();
    });
    expect(cpuMs).toBeLessThan(10_000);
  });
});
