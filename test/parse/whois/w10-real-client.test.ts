// The layouts of w10-gaps.test.ts end to end: served over port 43 by a loopback server with CRLF line ends (as
// registries send them), fetched with the real GNU `whois` client (`whois -h 127.0.0.1 -p PORT …`) and read by
// `whoislens parse` from the CLI; and the FRED contact checked against the RDAP entity CZ.NIC's RDAP gives for it
// (RFC 9083 §5.1: an entity with a jCard, RFC 7095; the country as the adr `cc` parameter, RFC 8605), a second world in the other protocol. Example values throughout.
import { describe, expect, it } from "vitest";
import { parseRdap } from "../../../src/parse/rdap/index.js";
import type { WhoisRecord } from "../../../src/record/types.js";
import { runCli } from "../../helpers/cli.js";
import { serveAnswersForFile, WHOIS } from "./loopback-port43.js";

/** FRED (whois.nic.cz) answering a contact handle: its `contact:` object alone under the `%` header. */
const FRED_CONTACT = [
  "%", "% (c) 2006-2026 CZ.NIC, z.s.p.o.", "%", "% Whoisd Server Version: 3.12.0", "",
  "contact:      UKAZKA-ADMIN", "org:          Ukazka a.s.", "name:         Eva Spravcova", "address:      Vzorova 12/3", "address:      Praha 2",
  "address:      12000", "address:      CZ", "phone:        +420.555000111", "e-mail:       eva@ukazka.example", "registrar:    REG-SAMPLE",
  "created:      01.02.2015 10:20:30", "changed:      03.04.2020 11:22:33", "",
];

/** What the loopback server answers, by query. */
const ANSWERS: Readonly<Record<string, string[]>> = {
  // NeuStar-style (.us): "<Role> Facsimile Number".
  "fax-sample.us": [
    "Domain Name:                                 fax-sample.us", "Domain ID:                                   D1234-US",
    "Registrant ID:                               REG-1", "Registrant Name:                             Sample Holder",
    "Registrant Facsimile Number:                 +1.5550101", "Administrative Contact ID:                   ADM-1",
    "Administrative Contact Name:                 Sample Admin", "Administrative Contact Facsimile Number:     +1.5550102",
    "Name Server:                                 ns1.sample-host.us", "Domain Registration Date:                    Mon Jan 02 03:04:05 GMT 2012",
  ],
  // SK-NIC, the older layout.
  "stara-vzorka.sk": [
    "%", "% whois.sk-nic.sk - whois server for TLD .sk", "%", "", "", "Domain-name         stara-vzorka.sk", "Admin-id            VZOR-0001",
    "Admin-name          Jana Vzorova", "dns_name            ns1.stara-vzorka.sk", "dns_name            ns2.stara-vzorka.sk", "Last-update         2010-01-02",
    "Valid-date          2011-03-04", "Domain-status       DOM_OK",
  ],
  // CIRA: a name that cannot exist.
  "abc.ca": [
    "Domain name:           abc.ca", "Domain status:         unavailable", "Error code:            01114",
    "Error message:         The domain name provided conflicts with at least one other registered domain name and as a result is not available for registration (e.g. abc.ca conflicts with abc.on.ca).",
    "", "% WHOIS look-up made at 2026-01-02 03:04:05 (GMT)",
  ],
  // NIC Bolivia: not found.
  "libre-muestra.com.bo": ["", "", "whois.nic.bo solo acepta consultas con dominios .bo"],
  "UKAZKA-ADMIN": FRED_CONTACT,
};

const fetchWithWhois = serveAnswersForFile(ANSWERS);

async function parseFromCli(text: string, query: string, server?: string): Promise<{ record: WhoisRecord; code: number }> {
  const result = await runCli(["parse", "-", "--format", "whois", "--query", query, ...(server ? ["--server", server] : []), "--json"], { stdin: text });
  return { record: JSON.parse(result.stdout) as WhoisRecord, code: result.code };
}

const byRole = (record: WhoisRecord, role: string) => record.contacts?.find((contact) => (contact.roles as string[]).includes(role));

const TITLE = WHOIS === undefined ? "w10 layouts fetched with GNU whois (skipped: whois missing; scripts/ci-tools.sh installs it)" : "w10 layouts fetched with GNU whois, read by `whoislens parse`";

describe.skipIf(WHOIS === undefined)(TITLE, () => {
  it("NeuStar's facsimile numbers are the contacts' fax", async () => {
    const { record, code } = await parseFromCli(await fetchWithWhois("fax-sample.us"), "fax-sample.us");
    expect(code).toBe(0);
    expect(byRole(record, "registrant")?.fax).toBe("+1.5550101");
    expect(byRole(record, "administrative")?.fax).toBe("+1.5550102");
  });

  it("SK-NIC's older layout gives its name servers and expiry", async () => {
    const { record } = await parseFromCli(await fetchWithWhois("stara-vzorka.sk"), "stara-vzorka.sk", "whois.sk-nic.sk");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.stara-vzorka.sk", "ns2.stara-vzorka.sk"]);
    expect(record.dates?.expires).toBe("2011-03-04T00:00:00Z");
  });

  it("CIRA's error answer is invalid, NIC Bolivia's refusal for its own zone is available (exit 1)", async () => {
    expect((await parseFromCli(await fetchWithWhois("abc.ca"), "abc.ca", "whois.cira.ca")).record.status).toBe("invalid");
    const bo = await parseFromCli(await fetchWithWhois("libre-muestra.com.bo"), "libre-muestra.com.bo", "whois.nic.bo");
    expect(bo.record.status).toBe("available");
    expect(bo.code).toBe(1);
  });

  it("a FRED contact answer is the entity RDAP gives for the same handle", async () => {
    const { record: whois } = await parseFromCli(await fetchWithWhois("UKAZKA-ADMIN"), "UKAZKA-ADMIN", "whois.nic.cz");
    const rdap = parseRdap({
      objectClassName: "entity",
      handle: "UKAZKA-ADMIN",
      vcardArray: ["vcard", [
        ["version", {}, "text", "4.0"],
        ["fn", {}, "text", "Eva Spravcova"],
        ["org", {}, "text", "Ukazka a.s."],
        ["adr", { cc: "CZ" }, "text", ["", "", "Vzorova 12/3", "Praha 2", "", "12000", ""]],
        ["tel", { type: "voice" }, "uri", "tel:+420.555000111"],
        ["email", {}, "text", "eva@ukazka.example"],
      ]],
      events: [{ eventAction: "registration", eventDate: "2015-02-01T10:20:30Z" }, { eventAction: "last changed", eventDate: "2020-04-03T11:22:33Z" }],
    }, { server: "rdap.nic.cz", query: "UKAZKA-ADMIN" });
    expect(whois.kind).toBe("entity");
    expect(rdap.kind).toBe("entity");
    const pick = (record: WhoisRecord) => {
      const contact = record.contacts?.[0];
      return { handle: contact?.handle, name: contact?.name, organization: contact?.organization, email: contact?.email, city: contact?.city, postalCode: contact?.postalCode, countryCode: contact?.countryCode, roles: contact?.roles };
    };
    expect(pick(whois)).toEqual(pick(rdap));
    expect(whois.contacts).toHaveLength(rdap.contacts?.length ?? 0);
  });
});
