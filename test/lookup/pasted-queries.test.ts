import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyQuery } from "../../src/lookup/index.js";
import { closeRdapAgents } from "../../src/net/index.js";
import type { WhoisRecord } from "../../src/record/types.js";
import { useSandboxWork } from "../helpers/built-cli.js";
import { runCli } from "../helpers/cli.js";

/**
 * What a security engineer pastes from a phishing report or a log: a URL, an e-mail address, a bracketed IPv6
 * literal, a wildcard certificate name. The object inside is looked up, and a note says what was taken from it.
 */
describe("classifyQuery on pasted text", () => {
  it.each([
    ["https://www.example.com/login?next=%2Faccount", "domain", "example.com", /is a URL: looked up its host www\.example\.com/],
    ["HTTP://EXAMPLE.COM:8080", "domain", "example.com", /is a URL: looked up its host example\.com/],
    ["https://bücher.de/", "domain", "xn--bcher-kva.de", /is a URL/],
    ["http://192.0.2.1/admin", "ipv4", "192.0.2.1", /is a URL: looked up its host 192\.0\.2\.1/],
    ["http://[2001:db8::1]:8080/", "ipv6", "2001:db8::1", /is a URL: looked up its host 2001:db8::1/],
    ["billing@example.co.uk", "domain", "example.co.uk", /is an e-mail address: looked up its domain example\.co\.uk/],
    ["[2001:db8::1]", "ipv6", "2001:db8::1", /looked up 2001:db8::1/],
    ["*.example.com", "domain", "example.com", /is a wildcard name/],
    // host:port as firewall logs, netstat and IOC feeds print a peer (RFC 3986 §3.2.3; [IPv6]:port, RFC 5952 §6).
    ["192.0.2.1:443", "ipv4", "192.0.2.1", /is a host and port: looked up 192\.0\.2\.1/],
    ["www.example.com:8443", "domain", "example.com", /is a host and port: looked up www\.example\.com/],
    ["[2001:db8::1]:443", "ipv6", "2001:db8::1", /is a host and port: looked up 2001:db8::1/],
    ["192.0[.]2.1:443", "ipv4", "192.0.2.1", /is defanged: read as 192\.0\.2\.1:443/],
    // Defanged indicators as threat reports print them (CyberChef's Defang URL / Defang IP Addresses, ioc-fanger).
    ["example[.]com", "domain", "example.com", /is defanged: read as example\.com/],
    ["hxxps://www[.]example[.]com/login", "domain", "example.com", /is defanged: read as https:\/\/www\.example\.com\/login/],
    ["hXXp[://]example.com/x", "domain", "example.com", /is defanged/],
    ["fxp://files.example(.)com", "domain", "example.com", /is defanged/],
    // Upper-case schemes, as some feeds print them (refang's first-letter pre-check must not skip them).
    ["HXXPS://www[.]example[.]com/login", "domain", "example.com", /is defanged: read as https:\/\/www\.example\.com\/login/i],
    ["FXP://files.example(.)com", "domain", "example.com", /is defanged: read as ftp:\/\/files\.example\.com/],
    ["192.0.2[.]10", "ipv4", "192.0.2.10", /is defanged/],
    ["2001:db8[:]:1", "ipv6", "2001:db8::1", /is defanged/],
    ["billing[@]example[dot]co[.]uk", "domain", "example.co.uk", /is defanged/],
    ["billing[at]example{.}com", "domain", "example.com", /is defanged/],
    ["example\\.com", "domain", "example.com", /is defanged/],
  ])("%s → %s %s", (input, kind, value, note) => {
    const query = classifyQuery(input);
    expect([query.kind, query.value, query.input]).toEqual([kind, value, input]);
    expect(query.notes[0]).toMatch(note);
  });

  it.each([
    ["https://", /not a valid URL/],
    ["a@b@example.com", /not a valid domain name/],
    ["@example.com", /not a valid domain name/],
    [`https://example.com/${"a".repeat(2100)}`, /query too long/],
    ["https://www.example.com/ path", /whitespace/],
    ["exa[mple.com", /not a valid domain name/],
    ["example.com:99999", /not a valid domain name/],
  ])("%s is refused, naming the problem", (input, message) => {
    expect(() => classifyQuery(input)).toThrow(message);
  });

  // AS numbers as reports and peering pages print them, a space between prefix and number (issue #13, w24).
  it.each([
    ["AS 64500", 64500],
    ["as 64500", 64500],
    ["ASN 64500", 64500],
    ["ASN64500", 64500],
    ["asn 4200000000", 4200000000],
  ])("%s is the AS number", (input, asn) => {
    const query = classifyQuery(input);
    expect([query.kind, query.value, query.asn, query.input]).toEqual(["asn", `AS${asn}`, asn, input]);
    expect(query.notes[0]).toMatch(/is written as AS number AS\d+/);
  });

  it.each([
    ["AS  64500", /whitespace/],
    ["AS\t64500", /whitespace/],
    ["AS 64500 x", /whitespace/],
    ["ASN 4294967296", /AS number out of range/],
    ["example .com", /whitespace/],
    ["as example.com", /whitespace/],
    ["ASX 64500", /whitespace/],
  ])("%s is refused: nothing looser than one space after AS/ASN", (input, message) => {
    expect(() => classifyQuery(input)).toThrow(message);
  });

  it("a bare IPv6 address is never read as host and port (its last group is no port)", () => {
    for (const address of ["2001:db8::443", "2001:db8:0:0:0:0:0:8443", "::ffff:192.0.2.1"]) expect(classifyQuery(address).notes.join(" ")).not.toMatch(/host and port/);
    expect(classifyQuery("2001:db8::443")).toMatchObject({ kind: "ipv6", value: "2001:db8::443" });
  });
});

describe("whoislens lookup of a pasted URL and e-mail address, on the sandbox, both protocols", () => {
  const world = useSandboxWork("whoislens-pasted-");
  let flags: string[];
  beforeAll(() => {
    flags = ["--servers", world().mapFile, "--servers-only", "--bootstrap-dir", world().sandbox.bootstrapDir, "--no-cache", "--json", "--timeout", "3000"];
  });
  afterAll(() => closeRdapAgents());

  it.each(["rdap", "whois"])("--protocol %s: the URL's and the address's domain, with the note", async (protocol) => {
    for (const pasted of ["https://www.example.com/login?next=%2Faccount", "hostmaster@example.com", "hxxps://www[.]example[.]com/login"]) {
      const run = await runCli(["lookup", pasted, "--protocol", protocol, ...flags]);
      expect(run.code, run.stderr).toBe(0);
      const record = JSON.parse(run.stdout) as WhoisRecord;
      expect(record.domain?.name).toBe("example.com");
      expect(record.status).toBe("registered");
      expect(run.stderr + JSON.stringify(record.notes ?? [])).toMatch(/looked up its (?:host www\.example\.com|domain example\.com)/);
    }
  });
});

describe("whoislens lookup 'as 64500' (an AS number pasted with a space), on the sandbox, both protocols", () => {
  const world = useSandboxWork("whoislens-pasted-asn-");
  afterAll(() => closeRdapAgents());

  it.each(["rdap", "whois"])("--protocol %s: ARIN's AS64500 for each spelling", async (protocol) => {
    const flags = ["--servers", world().mapFile, "--servers-only", "--bootstrap-dir", world().sandbox.bootstrapDir, "--no-cache", "--json", "--timeout", "3000"];
    for (const pasted of ["as 64500", "AS 64500", "ASN 64500", "ASN64500"]) {
      const run = await runCli(["lookup", pasted, "--protocol", protocol, ...flags]);
      expect(run.code, run.stderr).toBe(0);
      const record = JSON.parse(run.stdout) as WhoisRecord;
      expect(record.status).toBe("registered");
      expect(JSON.stringify(record)).toMatch(/ACME-AS/);
    }
  });
});
