// Issue #13 (w13-parse): DNSSEC stated over port 43 in each registry's own way (dnssec-answers.ts names the source of
// every layout) gives the value the same registry's RDAP secureDNS gives; the real answers of ../shared/corpus that
// state it are read right; served over port 43 and fetched with GNU whois, `whoislens parse` prints the same.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { WhoisRecord } from "../../../src/record/types.js";
import { parseRdap } from "../../../src/parse/rdap/index.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { runCli } from "../../helpers/cli.js";
import { lines } from "./answer-helpers.js";
import { DNSSEC_ANSWERS, rdapTwin, type DnssecAnswer } from "./dnssec-answers.js";
import { serveAnswersForFile, WHOIS } from "./loopback-port43.js";

const parse = (answer: DnssecAnswer): WhoisRecord => parseWhoisText(answer.text, { server: answer.server, query: answer.query });

describe("DNSSEC in each registry's own words, with RDAP parity", () => {
  it.each(DNSSEC_ANSWERS.map((answer) => [answer.layout, answer] as const))("%s", (_layout, answer) => {
    expect(answer.source.length).toBeGreaterThan(20);
    const record = parse(answer);
    expect(record.status).toBe("registered");
    expect(record.dnssec).toBe(answer.dnssec);
    expect(parseRdap(rdapTwin(answer), { query: answer.query }).dnssec).toBe(record.dnssec);
  });

  it("the layouts cover both values and the signed ones more than ten ways", () => {
    expect(DNSSEC_ANSWERS.filter((answer) => answer.dnssec === "signed").length).toBeGreaterThan(10);
    expect(DNSSEC_ANSWERS.some((answer) => answer.dnssec === "unsigned")).toBe(true);
  });
});

describe("key lines and the registries that state DNSSEC only by them", () => {
  const denic = DNSSEC_ANSWERS.find((answer) => answer.layout.startsWith("DENIC without")) as DnssecAnswer;

  it("an answer without key lines from a server not known to state DNSSEC only by them: absent, not a guess", () => {
    expect(parseWhoisText(denic.text, { server: "whois.example", query: denic.query }).dnssec).toBeUndefined();
    expect(parseWhoisText(denic.text).dnssec).toBeUndefined();
  });

  it("DENIC: a not-found or throttled answer states nothing about DNSSEC", () => {
    expect(parseWhoisText(lines("Domain: example.de", "Status: free"), { server: "whois.denic.de", query: "example.de" }).dnssec).toBeUndefined();
    const throttled = parseWhoisText("% Error: 55000000002 Connection refused; access control limit reached.", { server: "whois.denic.de", query: "example.de" });
    expect(throttled.dnssec).toBeUndefined();
  });

  it("a key list outweighs a generic 'DNSSEC: unsigned' line of the same answer, either order", () => {
    const key = "DS Key Tag 1: 12345";
    expect(parseWhoisText(lines("Domain Name: example.example", "DNSSEC: unsigned", key)).dnssec).toBe("signed");
    expect(parseWhoisText(lines("Domain Name: example.example", key, "DNSSEC: unsigned")).dnssec).toBe("signed");
  });

  it("IANA's record of the TLD quoted before the registry's answer: its ds-rdata is the TLD's, not the domain's", () => {
    const iana = (DNSSEC_ANSWERS.find((answer) => answer.layout.startsWith("IANA")) as DnssecAnswer).text;
    const registry = lines("Domain Name: nic.example", "Registry Domain ID: D1-EXAMPLE", "Registrar: Example Registrar", "Name Server: ns1.example.net", "DNSSEC: unsigned");
    const record = parseWhoisText(`${iana}\n\n${registry}`, { server: "whois.iana.org", query: "nic.example" });
    expect(record.domain?.name).toBe("nic.example");
    expect(record.dnssec).toBe("unsigned");
  });

  it("SWITCH's one-letter field: only 'Y'/'N' whole, not any word that starts with them", () => {
    expect(parseWhoisText(lines("Domain name:", "example.ch", "", "DNSSEC:Yes"), { server: "whois.nic.ch" }).dnssec).toBe("signed");
    expect(parseWhoisText(lines("Domain name:", "example.ch", "", "DNSSEC:Y2"), { server: "whois.nic.ch" }).dnssec).toBeUndefined();
  });
});

describe("RDAP secureDNS (RFC 9083 §5.3)", () => {
  const domain = { objectClassName: "domain", ldhName: "example.de" };
  it.each([
    ["delegationSigned true", { delegationSigned: true }, "signed"],
    ["delegationSigned false", { delegationSigned: false }, "unsigned"],
    ["dsData without delegationSigned", { dsData: [{ keyTag: 1, algorithm: 8, digestType: 2, digest: "AB" }] }, "signed"],
    ["keyData without delegationSigned", { keyData: [{ flags: 257, protocol: 3, algorithm: 13, publicKey: "AwEAAQ==" }] }, "signed"],
    ["empty lists, no delegationSigned", { dsData: [], keyData: [] }, undefined],
    ["delegationSigned false wins over stray data", { delegationSigned: false, dsData: [{ keyTag: 1 }] }, "unsigned"],
  ] as const)("%s", (_case, secureDNS, expected) => {
    expect(parseRdap({ ...domain, secureDNS }).dnssec).toBe(expected);
  });
});

// Real answers: the ids of ../shared/corpus whose DNSSEC statement this work reads (every record it changed), with
// the value each states. The IANA case: the .google TLD's record carries ds-rdata, so the delegation is signed
// (the peer's assertion there, false, reads no ds-rdata).
const CORPUS = "../shared/corpus/whois";
const CORPUS_DNSSEC: readonly [string, "signed" | "unsigned" | undefined][] = [
  ["lx__whois.iana.org__google", "signed"],
  ["lx__whois.nic.wf__git.wf", "signed"],
  ["wp__whois.nic.re__re_status_registered", "signed"],
  ["wp__whois.eu__eu_property_nameservers", "signed"],
  ["wp__whois.eu__eu_status_registered", "unsigned"],
  ["wp__whois.dns.be__be_status_registered", "unsigned"],
  ["lx__whois.denic.de__google.de", "unsigned"],
  ["wp__whois.denic.de__de_status_registered", "unsigned"],
  ["lx__whois.nic.fr__git.fr", "unsigned"],
  ["lx__whois.nic.wf__google.wf", "unsigned"],
  ["pw__whois.nic.li__liechtenstein.li", "unsigned"],
  ["wp__whois.nic.ch__ch_status_registered", "unsigned"],
  ["pw__whois.rnids.rs__abc.rs", "unsigned"],
  ["pw__whois.iana.org__nic.live", "unsigned"],
  ["wp__whois.nic.cz__cz_response_with_keyset", "signed"],
  ["lx__whois.dk-hostmaster.dk__emilstahl.dk", "signed"],
  ["wp__whois.denic.de__de_response_throttled", undefined],
  ["wp__whois.nic.fr__fr_status_available", undefined],
];

describe.skipIf(!existsSync(CORPUS))("real answers of ../shared/corpus (skipped when the corpus is not beside the repository)", () => {
  it.each(CORPUS_DNSSEC)("%s", (id, expected) => {
    const meta = JSON.parse(readFileSync(`${CORPUS}/${id}.expected.json`, "utf8")) as { server?: string; query?: string };
    const record = parseWhoisText(readFileSync(`${CORPUS}/${id}.txt`, "utf8"), { server: meta.server, query: meta.query });
    expect(record.dnssec).toBe(expected);
  });
});

const SERVED = DNSSEC_ANSWERS.filter((answer) => ["DENIC Dnskey (signed)", "DENIC without Dnskey (unsigned)", "AFNIC dsl-id / ds-list / keyN-* object", "EURid Keys: keyTag lines", "SWITCH DNSSEC:N"].includes(answer.layout));
const byQuery = new Map(SERVED.map((answer, index) => [`q${index}.${answer.query}`, answer] as const));
const fetchWithWhois = serveAnswersForFile(Object.fromEntries([...byQuery].map(([query, answer]) => [query, answer.text.split("\n")])));

describe.skipIf(WHOIS === undefined)(WHOIS === undefined ? "GNU whois fetch (skipped: whois missing; scripts/ci-tools.sh installs it)" : "fetched with GNU whois over loopback port 43, read by `whoislens parse`, then the RDAP twin", () => {
  it.each([...byQuery].map(([query, answer]) => [answer.layout, query, answer] as const))("%s", async (_layout, query, answer) => {
    const text = await fetchWithWhois(query);
    const port43 = await runCli(["parse", "-", "--format", "whois", "--query", answer.query, "--server", answer.server, "--json"], { stdin: text });
    expect(port43.code).toBe(0);
    const rdap = await runCli(["parse", "-", "--format", "rdap", "--query", answer.query, "--json"], { stdin: JSON.stringify(rdapTwin(answer)) });
    expect(rdap.code).toBe(0);
    expect((JSON.parse(port43.stdout) as WhoisRecord).dnssec).toBe(answer.dnssec);
    expect((JSON.parse(rdap.stdout) as WhoisRecord).dnssec).toBe(answer.dnssec);
  });
});
