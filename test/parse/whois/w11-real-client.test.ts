// The layouts of w11-gaps.test.ts end to end: served over port 43 by a loopback server with CRLF line ends (as registries
// send them), fetched with the real GNU `whois` client and read by `whoislens parse` from the CLI; registro.br's domain
// checked against the RDAP domain rdap.registro.br gives for it (RFC 9083 §5.3: the registrant entity with the holder's
// name, its id as handle, the contacts' entities apart; jCard RFC 7095, the country as the adr `cc` parameter, RFC 8605),
// a second world in the other protocol. Example values throughout.
import { describe, expect, it } from "vitest";
import { parseRdap } from "../../../src/parse/rdap/index.js";
import type { Contact, WhoisRecord } from "../../../src/record/types.js";
import { runCli } from "../../helpers/cli.js";
import { serveAnswersForFile, WHOIS } from "./loopback-port43.js";

const ANSWERS: Readonly<Record<string, string[]>> = {
  // nic.at: the domain object and its contacts' personname objects back to back, no blank line between them.
  "zweites-beispiel.at": [
    "% Copyright (c)2026 by NIC.AT (1)", "%", "% Restricted rights.", "%",
    "domain:         zweites-beispiel.at", "registrar:      Zweiter Registrar GmbH ( https://nic.at/registrar/998 )",
    "registrant:     ZB2001-NICAT", "tech-c:         ZB2002-NICAT", "nserver:        ns1.zweites-beispiel.at", "remarks:        192.0.2.10",
    "changed:        20240506 07:08:09", "source:         AT-DOM",
    "personname:     Greta Inhaberin", "organization:   Zweites Beispiel OG", "street address: Hauptplatz 3", "postal code:    4020",
    "city:           Linz", "country:        Austria", "phone:          +43732555111", "e-mail:         greta@zweites-beispiel.at",
    "nic-hdl:        ZB2001-NICAT", "changed:        20230101 09:00:00", "source:         AT-DOM",
    "personname:     Hans Hostmaster", "organization:   Beispiel Hosting AG", "street address: Serverstrasse 9", "postal code:    5020",
    "city:           Salzburg", "country:        Austria", "phone:          +43662555222", "fax-no:         +43662555223",
    "e-mail:         hostmaster@beispiel-hosting.at", "nic-hdl:        ZB2002-NICAT", "changed:        20220101 09:00:00", "source:         AT-DOM",
  ],
  // registro.br: the domain block, then the person blocks of its handles.
  "segunda-loja.com.br": [
    "% Copyright (c) Nic.br", "%  2026-02-03T04:05:06-03:00", "",
    "domain:      segunda-loja.com.br", "owner:       Segunda Loja Comercio Ltda", "ownerid:     11.222.333/0001-44",
    "responsible: Paulo Responsavel", "country:     BR", "owner-c:     PAUSE3", "admin-c:     PAUSE3", "tech-c:      HOSEX9",
    "billing-c:   PAUSE3", "nserver:     ns1.segunda-loja.com.br", "nsstat:      20260101 AA", "nslastaa:    20260101",
    "created:     20120304 #7654321", "changed:     20250101", "expires:     20280304", "status:      published", "",
    "nic-hdl-br:  PAUSE3", "person:      Paulo Segundo", "e-mail:      paulo@segunda-loja.com.br", "country:     BR",
    "created:     20120304", "changed:     20200101", "",
    "nic-hdl-br:  HOSEX9", "person:      Hospedagem Exemplo", "e-mail:      dns@hospedagem-exemplo.com.br", "country:     BR",
    "created:     20080101", "changed:     20210101", "",
  ],
  // Verisign's .name: a shared second-level name.
  "estrelas.name": [
    "Disclaimer: VeriSign, Inc. makes every effort to maintain the", "completeness and accuracy of the Whois data.", "", " ****", "",
    "Not available for second level registration.", "Third level registrations may be available on this shared name.",
  ],
};

const fetchWithWhois = serveAnswersForFile(ANSWERS);

async function parseFromCli(query: string, whoisServer: string): Promise<WhoisRecord> {
  const text = await fetchWithWhois(query);
  const result = await runCli(["parse", "-", "--format", "whois", "--query", query, "--server", whoisServer, "--json"], { stdin: text });
  return JSON.parse(result.stdout) as WhoisRecord;
}

const withRole = (record: WhoisRecord, role: string): Contact[] => (record.contacts ?? []).filter((contact) => (contact.roles as string[]).includes(role));

const TITLE = WHOIS === undefined ? "w11 layouts fetched with GNU whois (skipped: whois missing; scripts/ci-tools.sh installs it)" : "w11 layouts fetched with GNU whois, read by `whoislens parse`";

describe.skipIf(WHOIS === undefined)(TITLE, () => {
  it("nic.at objects back to back: each handle keeps its own object's phone and address", async () => {
    const record = await parseFromCli("zweites-beispiel.at", "whois.nic.at");
    expect(withRole(record, "registrant")[0]).toMatchObject({ handle: "ZB2001-NICAT", name: "Greta Inhaberin", phone: "+43732555111", city: "Linz" });
    expect(withRole(record, "registrant")[0]?.fax).toBeUndefined();
    expect(withRole(record, "technical")[0]).toMatchObject({ handle: "ZB2002-NICAT", name: "Hans Hostmaster", phone: "+43662555222", fax: "+43662555223", city: "Salzburg" });
  });

  it("registro.br domain: port 43 gives the registrant and contacts RDAP gives", async () => {
    const whois = await parseFromCli("segunda-loja.com.br", "whois.registro.br");
    const rdap = parseRdap({
      objectClassName: "domain",
      ldhName: "segunda-loja.com.br",
      status: ["active"],
      nameservers: [{ objectClassName: "nameserver", ldhName: "ns1.segunda-loja.com.br" }],
      events: [{ eventAction: "registration", eventDate: "2012-03-04T12:00:00Z" }, { eventAction: "expiration", eventDate: "2028-03-04T00:00:00Z" }],
      entities: [
        {
          objectClassName: "entity",
          handle: "11.222.333/0001-44",
          roles: ["registrant"],
          publicIds: [{ type: "cnpj", identifier: "11.222.333/0001-44" }],
          vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Segunda Loja Comercio Ltda"], ["adr", { cc: "BR" }, "text", ["", "", "", "", "", "", ""]]]],
        },
        {
          objectClassName: "entity",
          handle: "PAUSE3",
          roles: ["administrative", "billing"],
          vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Paulo Segundo"], ["email", {}, "text", "paulo@segunda-loja.com.br"]]],
        },
        {
          objectClassName: "entity",
          handle: "HOSEX9",
          roles: ["technical"],
          vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Hospedagem Exemplo"], ["email", {}, "text", "dns@hospedagem-exemplo.com.br"]]],
        },
      ],
    }, { server: "rdap.registro.br", query: "segunda-loja.com.br" });
    const pick = (record: WhoisRecord) => (record.contacts ?? [])
      .map((contact) => ({ handle: contact.handle, name: contact.name, email: contact.email, roles: [...contact.roles].sort() }))
      .sort((a, b) => String(a.handle).localeCompare(String(b.handle)));
    expect(pick(whois)).toEqual(pick(rdap));
    expect(withRole(whois, "registrant")).toEqual([expect.objectContaining({ handle: "11.222.333/0001-44", name: "Segunda Loja Comercio Ltda", countryCode: "BR" })]);
  });

  it(".name shared second-level name: reserved", async () => {
    expect((await parseFromCli("estrelas.name", "whois.nic.name")).status).toBe("reserved");
  });
});
