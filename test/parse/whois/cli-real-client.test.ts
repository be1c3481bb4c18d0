// Issue #13, "Parser generality", end to end: answers in the layouts the generality tests name, served over port 43
// by a loopback server with CRLF line ends (as registries send them), fetched with the real GNU `whois` client
// (`whois -h 127.0.0.1 -p PORT …`), and read by `whoislens parse` from the CLI, one by one and with --batch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WhoisRecord } from "../../../src/record/types.js";
import { runCli } from "../../helpers/cli.js";
import { fetchWithWhois as fetchFrom, startPort43, WHOIS, type Port43 } from "./loopback-port43.js";

/** What the loopback server answers, by query (written here in the layouts named beside them; example values). */
const ANSWERS: Readonly<Record<string, string[]>> = {
  // KISA: a Korean section, then the same record in English (see generality-languages.test.ts).
  "example.kr": [
    "query : example.kr", "", "# KOREAN(UTF8)", "", "도메인이름                  : example.kr", "등록대행자                  : (주)예시등록(http://www.registrar.example)",
    "사용 종료일                 : 2030. 05. 19.", "", "1차 네임서버 정보", "   호스트이름               : ns1.example.net", "",
    "# ENGLISH", "", "Domain Name                 : example.kr", "Administrative Contact(AC)  : Example Admin", "AC E-Mail                   : admin@example.kr",
    "Registered Date             : 2012. 05. 19.",
  ],
  // A status word in the registry's language decides the answer.
  "example.pt": ["Nome de domínio / Domain Name: example.pt", "Estatuto: Livre"],
  "example.tr": ["** Domain Name: example.tr", "Durum: Rezerve"],
  // A not-found answer in the registry's language.
  "example.pl": ["Domena example.pl nie została znaleziona."],
  // The registrar as an address block under its own heading; a role heading in the registry's language.
  "example.cz": [
    "Domain Name: example.cz", "Datum registrace: 2001-02-03", "", "Registrar Information:", "    Example Registrar s.r.o.", "    Example 1", "    https://www.registrar.example",
    "", "Technický kontakt:", "    Example Tech", "    tech@example.cz", "", "Jmenné servery:", "    ns1.example.net", "    ns2.example.net",
  ],
};

let server: Port43;

beforeAll(async () => {
  server = await startPort43((query) => ANSWERS[query]);
});

afterAll(async () => {
  await server.close();
});

const fetchWithWhois = (query: string): Promise<string> => fetchFrom(server.port, query);

/** The exit code `parse` gives each status (as `lookup` does: 0 registered, 1 available or reserved). */
const EXIT_FOR: Readonly<Record<string, number>> = { registered: 0, available: 1, reserved: 1 };

async function parseFromCli(text: string, query: string): Promise<WhoisRecord> {
  const result = await runCli(["parse", "-", "--format", "whois", "--query", query, "--json"], { stdin: text });
  const record = JSON.parse(result.stdout) as WhoisRecord;
  expect(result.code).toBe(EXIT_FOR[record.status]);
  return record;
}

// (Without GNU whois the suite shows as skipped under a title that says why, as canary/imap.test.ts does.)
const TITLE = WHOIS === undefined ? "answers fetched with GNU whois (skipped: whois missing; scripts/ci-tools.sh installs it)" : "answers fetched with GNU whois, read by `whoislens parse`";

describe.skipIf(WHOIS === undefined)(TITLE, () => {
  it("KISA's two-language answer: registrar and web address, name server, administrative contact", async () => {
    const text = await fetchWithWhois("example.kr");
    expect(text).toContain("도메인이름");
    const record = await parseFromCli(text, "example.kr");
    expect(record.status).toBe("registered");
    expect(record.registrar).toEqual({ name: "(주)예시등록", url: "http://www.registrar.example" });
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.example.net"]);
    expect(record.contacts?.find((c) => c.roles.includes("administrative"))).toMatchObject({ name: "Example Admin", email: "admin@example.kr" });
  });

  it("status words and not-found wording in the registry's language", async () => {
    expect((await parseFromCli(await fetchWithWhois("example.pt"), "example.pt")).status).toBe("available");
    expect((await parseFromCli(await fetchWithWhois("example.tr"), "example.tr")).status).toBe("reserved");
    const pl = await parseFromCli(await fetchWithWhois("example.pl"), "example.pl");
    expect(pl).toMatchObject({ status: "available", domain: { name: "example.pl" } });
  });

  it("registrar block, role heading and name-server heading in the registry's language", async () => {
    const record = await parseFromCli(await fetchWithWhois("example.cz"), "example.cz");
    expect(record.registrar).toEqual({ name: "Example Registrar s.r.o.", url: "https://www.registrar.example" });
    expect(record.dates?.created).toBe("2001-02-03T00:00:00Z");
    expect(record.contacts).toEqual([{ roles: ["technical"], name: "Example Tech", email: "tech@example.cz" }]);
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.example.net", "ns2.example.net"]);
  });

  it("the same answers through `parse --batch` give the same records", async () => {
    const queries = Object.keys(ANSWERS);
    const texts = await Promise.all(queries.map((query) => fetchWithWhois(query)));
    const input = queries.map((query, index) => JSON.stringify({ id: query, server: "127.0.0.1", query, text: texts[index] })).join("\n");
    const batch = await runCli(["parse", "--batch"], { stdin: `${input}\n` });
    expect(batch.stderr).toBe("");
    const rows = batch.stdout.trim().split("\n").map((line) => JSON.parse(line) as { id: string; record: WhoisRecord });
    expect(rows.map((row) => row.id)).toEqual(queries);
    for (const [index, row] of rows.entries()) {
      const single = await parseFromCli(texts[index] as string, queries[index] as string);
      expect({ ...row.record, source: undefined }).toEqual({ ...single, source: undefined });
    }
  });
});
