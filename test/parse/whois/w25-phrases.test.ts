// Issue #13 ("Parser generality"), w25: refusals, blocks and reservations in the registry's (or registrar's) own words.
// Each answer is our typing of the text as quoted in the public source cited beside it; names and numbers are examples.
import { describe, expect, it } from "vitest";
import { lines } from "./answer-helpers.js";
import { REGISTRAR_CAUSES, SIDN_PER_MINUTE } from "./refusal-answers.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";

/** Status of an answer, and the record fields besides the answer's identity it claims. */
function read(text: string, query: string, server?: string): { status: string; claims: string[] } {
  const record = parseWhoisText(text, { query, ...(server === undefined ? {} : { server }) });
  const identity = new Set(["query", "kind", "status", "source", "domain", "notes", "raw", "statuses"]);
  return { status: record.status, claims: Object.keys(record).filter((key) => !identity.has(key)) };
}

describe("quota and block refusals come out throttled, never available or unknown", () => {
  const refusals: readonly (readonly [source: string, text: string, query: string, server: string])[] = [
    // OpenSRS's documented limit messages (https://support.opensrs.com/support/solutions/articles/201000063438-whois-rate-limiting);
    // the first also pasted in https://github.com/iglvzx/gwhois.org/issues/24.
    ["OpenSRS daily limit", "Maximum daily connection limit reached. Lookup refused.\n", "example.com", "whois.tucows.com"],
    [
      "OpenSRS block-list",
      "WHOIS lookup refused for this IP range. This IP range is on the OpenSRS block-list for WHOIS lookups. To request that this IP range be removed from the block-list, please send an email to whoisblock@tucows.com.\n",
      "example.com",
      "whois.tucows.com",
    ],
    // Nominet WHOIS2's answer when the proxy is over its quota
    // (https://registrars.nominet.uk/uk-namespace/registration-and-domain-management/query-tools/uk-whois2/uk-whois2-instructions-for-use/).
    [
      "Nominet WHOIS2 proxy quota",
      'Error for "example.co.uk". This proxy has exceeded its quota for forwarded WHOIS queries. The quota will be replenished in 120 seconds. WHOIS lookup made at 10:00:00 08-Dec-2026\n',
      "example.co.uk",
      "whois.nic.uk",
    ],
    // A registrar's documented over-limit answer (http://legal.upflare.com/whois-lookup/).
    ["registrar over limit", "Your request can not be completed at this time. Please try your request again after 30 minutes.\n", "example.com", "whois.example-registrar.com"],
    // Fragments of over-limit answers gathered in https://github.com/likexian/whois-parser/pull/62 and issue #29.
    ["excessive queries", "Access to whois service restricted due to excessive queries\n", "example.com", "whois.example-registrar.com"],
    ["query frequency", "The query frequency too fast, please query later\n", "example.com", "whois.example-registrar.com"],
    ["reached rate limit", "IP Address Has Reached Rate Limit\n", "example.com", "whois.example-registrar.com"],
    // SIDN's per-minute limit (quoted in https://github.com/weppos/whois/issues/401); read as unknown before.
    ["SIDN per-minute limit", `${SIDN_PER_MINUTE}\n`, "example.nl", "whois.domain-registry.nl"],
    // A registrar's refusal listing its possible causes, one of them "not currently registered" (quoted whole at
    // http://whois.aosoo.com/index/maizuanshi.net); read as available before.
    [
      "registrar refusal with a list of causes",
      lines(...REGISTRAR_CAUSES),
      "example.net",
      "whois.example-registrar.com",
    ],
  ];
  it.each(refusals)("%s", (_source, text, query, server) => {
    expect(read(text, query, server)).toEqual({ status: "throttled", claims: [] });
  });

  // Answers already read as refusals before w25, kept so: PIR (https://github.com/phpWhois/phpWhois/issues/36), GoDaddy
  // (https://github.com/weppos/whois/issues/645), CZ.NIC (https://github.com/HelgeSverre/Domain-Availability/issues/40),
  // .lu (https://github.com/likexian/whois-parser/pull/84), php-whois #24, the RIPE Database's %ERROR:201.
  it.each([
    "WHOIS LIMIT EXCEEDED - SEE WWW.PIR.ORG/WHOIS FOR DETAILS\n",
    "Rate limit exceeded. Try again after: 24h0m0s\n",
    "Your connection limit exceeded. Please slow down and try again later.\n",
    "Maximum query rate reached\n",
    "WHOIS QUERY RATE LIMIT EXCEEDED\n",
    "%ERROR:201: access denied for 192.0.2.1\n%\n% Sorry, access from your host has been permanently\n% denied because of a repeated excessive querying.\n",
  ])("%j", (text) => {
    expect(read(text, "example.com").status).toBe("throttled");
  });

  it("a not-found answer whose footer warns about excessive queries stays available", () => {
    const text = lines("No Data Found", "", "Access may be restricted due to excessive queries.");
    expect(read(text, "example.ae", "whois.aeda.net.ae").status).toBe("available");
  });

  it("a registered record whose notice or holder uses the refusal words stays registered", () => {
    const record = lines(
      "Domain Name: example.com",
      "Registrar: Example Registrar, Inc.",
      "Creation Date: 2001-01-01T00:00:00Z",
      "Registry Expiry Date: 2030-01-01T00:00:00Z",
      "Name Server: ns1.example.com",
      "Registrant Organization: Lookup Refused Ltd",
      "",
      "NOTICE: lookup refused for clients over the limit; the quota will be replenished hourly.",
      "If the maximum number of requests per minute exceeded, we are unable to process your request at this time.",
    );
    expect(read(record, "example.com").status).toBe("registered");
  });
});

describe("a registry's 'blocked' in its own language, with nothing else held, is a withheld name", () => {
  // Estonia's answer for a name blocked from registration (https://github.com/internetee/whois/issues/161): "status: Blocked"
  // and no registrar, dates or contacts. The same status word in Russian, Spanish, Polish and German reads the same.
  const estonia = (status: string): string =>
    lines("Estonia .ee Top Level Domain WHOIS server", "", "Domain:", "name:                  cache.ee", `status:                ${status}`, "", "More information at http://internet.ee");
  it.each(["Blocked", "заблокирован", "Bloqueado", "zablokowana", "gesperrt"])("%s", (status) => {
    expect(read(estonia(status), "cache.ee", "whois.tld.ee")).toEqual({ status: "reserved", claims: [] });
  });

  it("a registered domain the registry has blocked (with its registrar and dates) stays registered", () => {
    const text = lines("domain:        EXAMPLE.RU", "state:         заблокирован", "registrar:     EXAMPLE-RU", "created:       2001-01-01T00:00:00Z", "paid-till:     2030-01-01T00:00:00Z");
    expect(read(text, "example.ru", "whois.tcinet.ru").status).toBe("registered");
  });
});

describe("status values in the registry's language", () => {
  // Registered-state words ("ativo", "Attivo", "Aktiv", "Activo") are no not-found or reserved word: the record stays registered.
  it.each(["ativo", "Attivo", "Aktiv", "Activo"])("%s is a live registration", (status) => {
    expect(read(lines("domain: example.pt", `status: ${status}`), "example.pt").status).toBe("registered");
  });
  // Reservation words: cs "Rezervováno", pl "zarezerwowana", zh "保留", ja "予約済み", es "Reservado".
  it.each(["Rezervováno", "zarezerwowana", "保留", "予約済み", "Reservado"])("%s is a reserved name", (status) => {
    expect(read(lines("domain: example.test", `status: ${status}`), "example.test").status).toBe("reserved");
  });
});

describe("not-found texts of the public HostBill WHOIS table (https://github.com/dmtrbch/hostbill-whois/blob/027328561ecb805adcdaf728e5517d4a944c8f16/whois.php)", () => {
  // Each TLD's "available" text as the registry prints it, alone on its line.
  it.each([
    ["example.hr", "Domena example.hr nije registrirana."],
    ["example.rs", "%ERROR:103: Domain is not registered"],
    ["example.py", "No se encontraron datos para el dominio solicitado."],
    ["example.sn", "Ce domaine n'existe pas"],
    ["example.bd", "Domain you requested does not exist."],
    ["example.kg", "Data not found."],
    ["example.coop", "No domain records were found to match example.coop"],
  ])("%s", (query, text) => {
    expect(read(`${text}\n`, query)).toEqual({ status: "available", claims: [] });
  });
});

describe("not-found answers described in the registries' own help pages stay available", () => {
  it.each([
    // NASK (.pl): "No information available about domain name … in the Registry NASK database" (http://www.dns.pl/english/whois.html).
    ["example.pl", "whois.dns.pl", "No information available about domain name example.pl in the Registry NASK database."],
    // NASK's Polish wording of the same state, "Brak informacji o domenie w bazie Registry NASK" (https://dns.pl./whois/FAQ).
    ["example.pl", "whois.dns.pl", "Brak informacji o domenie example.pl w bazie Registry NASK"],
  ])("%s", (query, server, text) => {
    expect(read(`${text}\n`, query, server)).toEqual({ status: "available", claims: [] });
  });
});
