// Issue #13 ("Parser generality"), w20: the .kz registrars' servers. A user pasted whois.megahost.kz's answer in
// https://github.com/caarlos0/domain_exporter/issues/256 (2024): KazNIC's dotted labels, with the holder's heading
// "Organization or Person Using Domain Name", "IPv4 address" under each name server and a "Domain expired" date.
// Names, addresses and dates here are invented; the labels and layout are the server's.
// Also the RIRs' short answers and JPNIC's English layout (sources cited beside each).
import { describe, expect, it } from "vitest";
import { byRole, lines } from "./answer-helpers.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";

const megahost = lines(
  "This Whois Server for the KZ domain zone is maintained by Sample Host LLC (https://sample-host.kz).",
  "",
  "Domain Name............: SAMPLE-HOST.KZ",
  "",
  "Organization or Person Using Domain Name",
  "Name...................: Sample Host LLP",
  "Organization Name......: Sample Host, LLP",
  "Street Address.........: Uralsk, prospekt Sample, 1",
  "City...................: Uralsk",
  "Postal Code............: 090000",
  "Country................: KZ",
  "",
  "Administrative Contact/Agent",
  "Contact ID.............: SAMPL-40466057",
  "Name...................: Sample Host LLP",
  "Email Address..........: domain@sample-host.kz",
  "",
  "Nameserver in listed order",
  "Primary server.........: ns1.sample-host.kz",
  "IPv4 address...........: 192.0.2.181",
  "",
  "Secondary server.......: ns2.sample-host.kz",
  "IPv4 address...........: 198.51.100.195",
  "",
  "Domain created.........: 2009-04-01 10:00:00 (GMT+0:00)",
  "Last modified..........: 2023-03-02 11:00:00 (GMT+0:00)",
  "Domain expired.........: 2025-04-01 10:00:00 (GMT+0:00)",
  "Domain status..........: ok - Normal state.",
  "",
);

describe(".kz registrars' answers (whois.megahost.kz)", () => {
  const record = parseWhoisText(megahost, { query: "sample-host.kz", server: "whois.megahost.kz" });

  it("an 'IPv4 address' under a name server is its glue: the answer stays a domain record", () => {
    expect(record.kind).toBe("domain");
    expect(record.domain?.name).toBe("sample-host.kz");
    expect(record.network).toBeUndefined();
    expect(record.nameservers).toEqual([
      { name: "ns1.sample-host.kz", ipv4: ["192.0.2.181"] },
      { name: "ns2.sample-host.kz", ipv4: ["198.51.100.195"] },
    ]);
  });

  it("'Domain expired' is the expiry date", () => {
    expect(record.dates).toMatchObject({ created: "2009-04-01T10:00:00Z", updated: "2023-03-02T11:00:00Z", expires: "2025-04-01T10:00:00Z" });
    expect(record.status).toBe("registered");
  });

  it("'Organization or Person Using Domain Name' heads the holder's block", () => {
    const [holder] = byRole(record, "registrant");
    expect(holder).toMatchObject({ name: "Sample Host LLP", organization: "Sample Host, LLP", city: "Uralsk", postalCode: "090000", countryCode: "KZ" });
    expect(byRole(record, "administrative")[0]?.email).toBe("domain@sample-host.kz");
  });

  it("KRNIC's 'IPv4 Address' range of an IP answer is still its network", () => {
    const krnic = parseWhoisText(lines("[ Network Information ]", "IPv4 Address       : 192.0.2.0 - 192.0.2.255 (/24)", "Service Name       : SAMPLE-NET", ""), { query: "192.0.2.1", server: "whois.kisa.or.kr" });
    expect(krnic.kind).toBe("ip");
    expect(krnic.network).toMatchObject({ startAddress: "192.0.2.0", endAddress: "192.0.2.255" });
  });
});

describe("the RIRs' and NIRs' short answers to an address query", () => {
  // The messages the Perl client Net::Whois::IANA stops on (https://github.com/atoomic/Net-Whois-IANA, lacnic_read_query
  // and jpnic_read_query), under LACNIC's banner as its port 43 prints it.
  const lacnic = (line: string) => parseWhoisText(lines("% Joint Whois - whois.lacnic.net", "%  This server accepts single ASN, IPv4 or IPv6 queries", "", line, ""), { query: "192.0.2.1", server: "whois.lacnic.net" });

  it("'% Permission denied' is a refusal (throttled), about the address asked", () => {
    expect(lacnic("% Permission denied.")).toMatchObject({ status: "throttled", kind: "ip" });
  });

  it("'% Not assigned to LACNIC' is a not-found answer (another registry's space)", () => {
    expect(lacnic("% Not assigned to LACNIC")).toMatchObject({ status: "available", kind: "ip" });
  });

  it("JPNIC's '[Assigned Date]' is the network's creation date", () => {
    const record = parseWhoisText(
      lines(
        "[ JPNIC database provides information regarding IP address and ASN. Its use   ]",
        "",
        "Network Information:",
        "a. [Network Number]              192.0.2.0/24",
        "b. [Network Name]                SAMPLE-NET",
        "g. [Organization]                Sample Co., Ltd.",
        "[Assigned Date]                  2005/01/28",
        "[Return Date]                    ",
        "[Last Update]                    2010/05/06 17:41:08(JST)",
        "",
      ),
      { query: "192.0.2.1", server: "whois.nic.ad.jp" },
    );
    expect(record.kind).toBe("ip");
    expect(record.network).toMatchObject({ name: "SAMPLE-NET", organization: "Sample Co., Ltd." });
    expect(record.dates).toMatchObject({ created: "2005-01-28T00:00:00Z", updated: "2010-05-06T08:41:08Z" });
  });
});

describe("a role's address block (ZACR's .co.za layout)", () => {
  // As pasted in https://github.com/glensc/monitoring-plugin-check_domain/issues/34 (2015): "Registrant's Address:" with
  // Street, City, Province, Country and "Code:", the postal code there.
  const record = parseWhoisText(
    lines(
      "   Domain: sample.co.za",
      "    Registrant:",
      "        Name: Sample Inc.",
      "        Email: dns-admin@sample.co.za",
      "",
      "    Registrant's Address:",
      "        Street: 1 Sample Parkway",
      "        City: Mountain View",
      "        Province: CA",
      "        Country: US",
      "        Code: 94043",
      "",
      "    Relevant Dates:",
      "        Registration Date: 2001-06-25",
      "        Renewal Date:      2016-06-25",
      "",
    ),
    { query: "sample.co.za", server: "whois.registry.net.za" },
  );

  it("'Code:' in the address block is the postal code, not the contact's handle", () => {
    const [holder] = byRole(record, "registrant");
    expect(holder).toMatchObject({ name: "Sample Inc.", street: ["1 Sample Parkway"], city: "Mountain View", state: "CA", postalCode: "94043", countryCode: "US" });
    expect(holder?.handle).toBeUndefined();
  });

  it("'Code:' elsewhere in a role's block still names its handle", () => {
    const other = parseWhoisText(lines("Domain: sample.co.za", "Registrant:", "    Code: SAMPLE-1", "    Name: Sample Inc.", ""), { query: "sample.co.za", server: "whois.registry.net.za" });
    expect(byRole(other, "registrant")[0]).toMatchObject({ handle: "SAMPLE-1", name: "Sample Inc." });
  });
});
