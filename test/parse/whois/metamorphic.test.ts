// Issue #13 (w23), "Parser generality": metamorphic tests. Every WHOIS answer of ../shared/corpus (read in place) and
// the project's own fixtures (w12-answers.ts, dnssec-answers.ts) is rewritten in the layouts of metamorphs.ts, each a
// style real registries print; the parser's record must keep the values the corpus asserts (the fixtures: status,
// dates, registrar, name servers, statuses, DNSSEC, contacts). `npx vite-node scripts/metamorph-report.ts` prints
// which transformation moves which field. docs/parsing.md, "Metamorphic tests (issue #13, w23)", lists what was fixed.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { lines } from "./answer-helpers.js";
import { breaksOf, corpusThere, metamorphSubjects, parseSubject, type Break, type Subject } from "./metamorph-subjects.js";
import { labelLine, METAMORPHS } from "./metamorphs.js";

if (!corpusThere) console.warn("metamorphic tests: ../shared/corpus is absent (it ships beside the project in CI, not in a user's clone); the fixtures alone are transformed");

/**
 * Answers a transformation is not applied to, each with why the parser is right not to keep its values there
 * (docs/parsing.md lists them too). Keyed "transformation answer-id".
 */
const NOT_HONOURED: ReadonlyMap<string, string> = new Map([
  // Verisign's thin answer lists host objects ("Server Name: GOOGLE.COM.EVIL…" + their registrars) before the record;
  // they are dropped by a substring test for Verisign's own spelling, run on every answer (records.ts). Another
  // spelling of that one registry's label is not worth a case- and layout-blind scan of every answer on the hot path.
  ...["label-upper", "label-lower", "dot-leaders", "bracket-labels", "column-no-colon"].map((name): [string, string] => [`${name} pw__whois.verisign-grs.com__google.com`, "Verisign's host-object list is recognized by its own spelling only"]),
  // After "Name servers:" and its indented hosts, an unindented line without a label stays under the heading: HKIRC,
  // .ve and .kg print their heading's values so (their corpus answers change when such a line closes the heading).
  ["name-server-list wp__whois.markmonitor.com__status_registered", "an unindented unlabelled line after an indented list stays under the heading (HKIRC, .ve, .kg)"],
  // RWhois (RFC 2167 §3.3) answers are "class:Attribute:value" lines at the margin; an indented one is not RWhois.
  ...["indent-2", "indent-4", "indent-tab"].map((name): [string, string] => [`${name} fixture 7 (rwhois.example.net)`, "RWhois lines stand at the margin (RFC 2167)"]),
  // AusRegistry (.au) and .qa print "Registrant: <organisation>" beside "Registrant Contact Name: <person>"; rewritten
  // as a "Registrant Contact:" heading, the organisation line and the heading read as one registrant contact.
  ["role-headings wp__whois.audns.net.au__au_status_registered", "'Registrant: org' beside a 'Registrant Contact:' heading is one contact"],
  ["role-headings wp__whois.registry.qa__qa_status_registered", "'Registrant: org' beside a 'Registrant Contact:' heading is one contact"],
  // w25, column-no-colon: a label written without a colon is split off only when the field tables know it. These labels
  // are known to one registry's own reading, or their line is not a field in that layout.
  ["column-no-colon wp__whois.cira.ca__ca_status_invalid", "CIRA's 'Error code' is no field label: only its colon marks the error field"],
  ["column-no-colon wp__whois.registro.br__br_status_registered", "registro.br's 'ownerid' is read by that registry's own rule, not the field tables"],
  ["column-no-colon fixture 8 (whois.arin.net)", "ARIN's 'CustName' is read by the number-holder rules, not the field tables"],
  ["column-no-colon wp__whois.ua__ua_uanic_status_registered", "UANIC's contact objects after the domain read as its holder when no colon marks their labels"],
  // A ruler ("-----------") under .es's "Registrant:" reads as a bare line of the role's block; inside such a block a
  // role-prefixed label split by spaces alone is left a line (TWNIC's "Admin Person   admin@…" is a name and an e-mail).
  ["column-no-colon wp__whois.nic.es__es_status_registered", "a ruler under a role heading makes its block one of bare lines"],
  // Blank lines delimit a contact's or a section's block in these flat-looking answers: .fi's "Holder" lines, .kz's
  // dot-leader sections, SK-NIC's registrar object, .bj's contact fields, KRNIC's contact paragraphs.
  ...[
    "wp__whois.fi__fi_property_status_graceperiod", "wp__whois.fi__fi_status_registered", "lx__whois.nic.kz__google.kz",
    "wp__whois.nic.kz__kz_property_status_ok", "wp__whois.nic.kz__kz_status_registered", "pw__whois.sk-nic.sk__google.sk",
    "wp__whois.nic.bj__bj_status_registered", "fixture 0 (whois.kisa.or.kr)",
  ].map((id): [string, string] => [`blank-lines ${id}`, "a blank line ends a block in this registry's layout"]),
]);

const KEPT = METAMORPHS.filter((metamorph) => metamorph.notInTest === undefined);
const LEFT_OUT = METAMORPHS.filter((metamorph) => metamorph.notInTest !== undefined);
const subjects = metamorphSubjects();
const baselines = new Map<Subject, [string, unknown][]>(subjects.map((subject) => [subject, subject.fingerprint(parseSubject(subject, subject.text))]));
const honoured = (names: readonly string[], subject: Subject): boolean => names.every((name) => !NOT_HONOURED.has(`${name} ${subject.id}`));

describe("metamorphic: an answer rewritten in another registry's layout keeps its values (issue #13)", () => {
  it("every transformation names the registry style it mimics", () => {
    expect(new Set(METAMORPHS.map((m) => m.name)).size).toBe(METAMORPHS.length);
    for (const metamorph of METAMORPHS) expect(metamorph.style).toMatch(/whois\.|RFC |Database|ICANN|Nominet|JPRS|NASK|Verisign|RIPE|ARIN|DENIC|AFNIC/);
  });

  it("a transformation left out of the test says why, and docs/parsing.md names it", () => {
    const docs = readFileSync(new URL("../../../docs/parsing.md", import.meta.url), "utf8");
    for (const metamorph of LEFT_OUT) {
      expect(metamorph.notInTest).toMatch(/^(not honoured|unfinished): /);
      expect(docs).toContain(`\`${metamorph.name}\``);
    }
  });

  it.each(KEPT.map((metamorph) => [metamorph.name, metamorph] as const))("%s", (_, metamorph) => {
    const breaks: Break[] = [];
    for (const subject of subjects) {
      if (honoured([metamorph.name], subject)) breaks.push(...breaksOf(subject, [metamorph], baselines.get(subject)));
    }
    expect(breaks).toEqual([]);
  });

  it("compositions of transformations keep the values too (fixed seed)", () => {
    const pick = fc.tuple(fc.constantFrom(...subjects), fc.shuffledSubarray([...KEPT], { minLength: 2, maxLength: 4 }));
    fc.assert(
      fc.property(pick, ([subject, chosen]) => {
        fc.pre(honoured(chosen.map((m) => m.name), subject));
        expect(breaksOf(subject, chosen, baselines.get(subject))).toEqual([]);
      }),
      { seed: 20261208, numRuns: 300 },
    );
  });

  it("the transformations rewrite only label lines: a time, a house number or an RWhois line is no label", () => {
    expect(labelLine("Domain Name: EXAMPLE.COM")).toEqual({ indent: "", label: "Domain Name", value: "EXAMPLE.COM" });
    expect(labelLine("   Record created on 2000-08-29 10:22:50 (UTC+8)")).toBeUndefined();
    expect(labelLine("No:114 G-4 Balgat")).toBeUndefined();
    expect(labelLine("domain:Created:20090324")).toBeUndefined();
    expect(labelLine("URL: https://example.com/")).toEqual({ indent: "", label: "URL", value: "https://example.com/" });
  });
});

describe("the engine fixes the metamorphic tests called for (each failed before w23)", () => {
  it("an indented '>>> Last update of WHOIS database … <<<' footer is no update date (an answer indented as a whole)", () => {
    const record = parseWhoisText(lines("    Domain Name: EXAMPLE.IO", "    Creation Date: 2001-02-03T04:05:06Z", "", "    >>> Last update of WHOIS database: 2019-06-25T20:04:37Z <<<"));
    expect(record.dates?.updated).toBeUndefined();
    expect(record.dates?.created).toBe("2001-02-03T04:05:06Z");
  });

  it("a line-anchored not-found or reserved sentence still decides when the answer is indented or its lines padded", () => {
    // whois.fi answers "Domain not available" alone on its line for a reserved name.
    expect(parseWhoisText(lines("", "    Domain not available", "", "    More information is available at https://domain.fi/")).status).toBe("reserved");
    expect(parseWhoisText(lines("", "Domain not available   ", "", "More information is available at https://domain.fi/")).status).toBe("reserved");
  });

  it.each([
    ["organisation:      Not assigned", "a column gap"],
    ["organisation:Not assigned", "no space"],
    ["organisation:\tNot assigned", "a tab"],
    ["organisation........: Not assigned", "dot leaders"],
    ["[organisation]      Not assigned", "brackets"],
  ])("a labelled phrase matches whatever the layout around its label: IANA's '%s' (%s)", (line) => {
    // IANA's answer for a TLD it has not delegated: "domain: EH" then "organisation: Not assigned".
    expect(parseWhoisText(lines("% IANA WHOIS server", "", "domain:       EH", "", line, "", "source:       IANA")).status).toBe("available");
  });

  it.each(["2999-12-31T21:59:59Z", "2999-12-31 21:59:59 UTC", "2999-12-31 21:59:59 +00:00", "2999/12/31 21:59:59"])(
    "a far-future expiry written year first is read in every layout: '%s' (.za's 'never expires' is 2999-12-31)",
    (value) => {
      expect(parseWhoisText(lines("Domain Name: example.org.za", `Registry Expiry Date: ${value}`)).dates?.expires).toBe("2999-12-31T21:59:59Z");
    },
  );

  it("a value indented below its label: a date-time's colon is no label's, and a role's handle label over one line is that field", () => {
    const record = parseWhoisText(lines(
      "Domain Name:", "    example.us", "Creation Date:", "    2002-04-19T23:15:57Z", "Registry Expiry Date:", "    Tue Apr 18 23:59:59 GMT 2014",
      "Registrant ID:", "    H1062079", "Registrant Name:", "    Example Holder", "Name Server:", "    ns1.example.net",
    ));
    expect(record.dates).toEqual({ created: "2002-04-19T23:15:57Z", expires: "2014-04-18T23:59:59Z" });
    expect(record.contacts?.find((contact) => contact.roles.includes("registrant"))).toMatchObject({ handle: "H1062079", name: "Example Holder" });
  });

  it("w25: a label the tables know, then two spaces or more and no colon, is that field (SK-NIC 'Domain-name         google.sk')", () => {
    const record = parseWhoisText(lines(
      "Domain Name                     example.cc", "Registrar URL                   http://www.registrar.example",
      "Creation Date                   1997-10-12T00:00:00Z", "Registrar Registration Expiration Date  2020-10-12T04:00:00Z",
      "Domain Status                   clientTransferProhibited https://icann.org/epp#clientTransferProhibited",
      "Registrant Organization         Example Corporation", "Name Server                     ns1.example.net",
    ));
    expect(record.dates).toEqual({ created: "1997-10-12T00:00:00Z", expires: "2020-10-12T04:00:00Z" });
    expect(record.registrar?.url).toBe("http://www.registrar.example");
    expect(record.statuses).toEqual(["clientTransferProhibited"]);
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.example.net"]);
    expect(record.contacts?.find((contact) => contact.roles.includes("registrant"))?.organization).toBe("Example Corporation");
  });

  it("w25: prose is never read as such a field: justified text, a sentence's end before two spaces, a label's colon after a gap", () => {
    // Verisign's notice ("… sponsoring\nregistrar.  Users may consult …"), Red.es's justified terms, .za.net's "Label   : value".
    const record = parseWhoisText(lines(
      "Domain Name: EXAMPLE.COM", "Record Created         : Fri Mar 29 22:03:53 GMT 2002",
      "NOTICE: The expiration date displayed in this record is the date the", "registrar.  Users may consult the sponsoring registrar's Whois database to",
      "Domain names in the .com and .net domains can now be registered", "The  User will be held accountable for the use they make of the service",
    ));
    expect(record.registrar).toBeUndefined();
    expect(record.dates?.created).toBe("2002-03-29T22:03:53Z");
  });

  it("a possessive label keeps its meaning in capitals ('OWNER'S HANDLE', .sn)", () => {
    const record = parseWhoisText(lines("Domain: example.sn", "Created: 2008-05-08 17:59:38", "OWNER'S HANDLE: C4-SN", "Nameserver: ns1.example.net"));
    expect(record.contacts?.find((contact) => contact.roles.includes("registrant"))?.handle).toBe("C4-SN");
  });
});
