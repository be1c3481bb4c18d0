// Port-43 layouts seen in real answers (issue #13 follow-up): each answer below is written in the layout a registry
// prints (source named beside it); names, handles, numbers and dates are invented.
import { describe, expect, it } from "vitest";
import { byRole, lines } from "./answer-helpers.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";

describe("fax labels", () => {
  // NeuStar (.us, .biz) and .CO Internet: "<Role> Facsimile Number:" with the role spelled out.
  it("NeuStar's 'Facsimile Number' is the contact's fax, for every role", () => {
    const record = parseWhoisText(lines(
      "Domain Name:                                 sample-fax.us",
      "Domain ID:                                   D1234-US",
      "Registrant ID:                               REG-1",
      "Registrant Name:                             Sample Holder",
      "Registrant Phone Number:                     +1.5550100",
      "Registrant Facsimile Number:                 +1.5550101",
      "Administrative Contact ID:                   ADM-1",
      "Administrative Contact Name:                 Sample Admin",
      "Administrative Contact Facsimile Number:     +1.5550102",
      "Billing Contact ID:                          BIL-1",
      "Billing Contact Facsimile Number:            +1.5550103",
      "Technical Contact ID:                        TEC-1",
      "Technical Contact Facsimile Number:          +1.5550104",
      "Name Server:                                 ns1.sample-host.us",
    ), { query: "sample-fax.us" });
    expect(byRole(record, "registrant")[0]?.fax).toBe("+1.5550101");
    expect(byRole(record, "registrant")[0]?.phone).toBe("+1.5550100");
    expect(byRole(record, "administrative")[0]?.fax).toBe("+1.5550102");
    expect(byRole(record, "billing")[0]?.fax).toBe("+1.5550103");
    expect(byRole(record, "technical")[0]?.fax).toBe("+1.5550104");
  });

  it.each([
    ["Registrant Fax Number", "+1.5550111"],
    ["Registrant Facsimile", "+1.5550112"],
    ["Registrant Fax-no", "+1.5550113"],
    ["Registrant Telefax", "+49.5550114"],
    ["Registrant Fax Nr.", "+49.5550115"],
  ])("'%s' is the registrant's fax", (label, number) => {
    const record = parseWhoisText(lines("Domain Name: sample-fax.example", `Registrant Name: Sample Holder`, `${label}: ${number}`, "Name Server: ns1.sample-host.net"));
    expect(byRole(record, "registrant")[0]?.fax).toBe(number);
  });

  it("RIPE-style 'fax-no:' inside a person object is its fax", () => {
    const record = parseWhoisText(lines(
      "domain:         sample-fax.example",
      "admin-c:        SH1-EX",
      "nserver:        ns1.sample-host.net",
      "",
      "person:         Sample Person",
      "nic-hdl:        SH1-EX",
      "phone:          +49 5550 120",
      "fax-no:         +49 5550 121",
    ));
    expect(byRole(record, "administrative")[0]?.fax).toBe("+49 5550 121");
  });

  it("an empty 'Registrant Facsimile Number:' stays a field: the lines after it are not its section", () => {
    const record = parseWhoisText(lines(
      "Domain Name: sample-fax.us",
      "Registrant Name: Sample Holder",
      "Registrant Facsimile Number:",
      "Registrant Email: holder@sample-fax.us",
      "Name Server: ns1.sample-host.us",
    ));
    expect(byRole(record, "registrant")[0]?.email).toBe("holder@sample-fax.us");
    expect(record.nameservers?.map((ns) => ns.name)).toEqual(["ns1.sample-host.us"]);
  });
});

describe("a labelled error field refuses the query (CIRA)", () => {
  // CIRA's answer for a name that cannot exist: "Domain status: unavailable" then "Error code:" / "Error message:".
  const cira = (message: string): string => lines(
    "Domain name:           sample-conflict.ca",
    "Domain status:         unavailable",
    "Error code:            01114",
    `Error message:         ${message}`,
    "",
    "% WHOIS look-up made at 2026-01-02 03:04:05 (GMT)",
    "% Use of CIRA's WHOIS service is governed by the Terms of Use in its Legal Notice",
  );

  it("its reason's 'not available for registration' does not make the name reserved", () => {
    const record = parseWhoisText(cira("The domain name provided conflicts with at least one other registered domain name and as a result is not available for registration (e.g. abc.ca conflicts with abc.qc.ca)."), { query: "sample-conflict.ca" });
    expect(record.status).toBe("invalid");
  });

  it("a throttle wording in the error field still says throttled", () => {
    expect(parseWhoisText(cira("Too many queries from your IP, try again later."), { query: "sample-conflict.ca" }).status).toBe("throttled");
  });

  it("the same reserved wording without an error field stays reserved", () => {
    expect(parseWhoisText(lines("Domain name: sample-kept.example", "", "This name is reserved by the registry and is not available for registration.")).status).toBe("reserved");
  });
});

describe("a zone refusal naming the query's own zone is a not-found answer (NIC Bolivia)", () => {
  // whois.nic.bo answers an unregistered .bo name with a refusal naming its own zone.
  const bo = "\r\n\r\nwhois.nic.bo solo acepta consultas con dominios .bo";

  it("the query lies in the zone named: available", () => {
    expect(parseWhoisText(bo, { query: "libre-muestra.com.bo", server: "whois.nic.bo" }).status).toBe("available");
  });

  it("a query outside the zone named stays invalid", () => {
    expect(parseWhoisText(bo, { query: "sample.pe", server: "whois.nic.bo" }).status).toBe("invalid");
    expect(parseWhoisText("This server only accepts queries for .ex domains.\n", { query: "sample.com" }).status).toBe("invalid");
  });

  it("no query: the zone's own server stands for it", () => {
    expect(parseWhoisText(bo, { server: "whois.nic.bo" }).status).toBe("available");
    expect(parseWhoisText(bo, { server: "whois.other-registry.example" }).status).toBe("invalid");
    expect(parseWhoisText(bo).status).toBe("invalid");
  });
});
