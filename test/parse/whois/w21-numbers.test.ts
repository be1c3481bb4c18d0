// Issue #13 ("Parser generality"), w21: number resources (IP networks and AS numbers) over port 43, at the RIRs and
// NIRs, read as RDAP reads the same object. Short excerpts in each registry's layout, cited beside them; names, handles,
// addresses and dates are invented (documentation ranges and AS numbers), the labels, phrases and layout are the
// registry's.
import { describe, expect, it } from "vitest";
import { byRole, lines } from "./answer-helpers.js";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { parseRdap } from "../../../src/parse/rdap/index.js";
import { REMARK_LIMITS } from "../../../src/parse/whois/number-holder.js";

describe("an AS number's answer that lists its holder's blocks (registro.br, LACNIC)", () => {
  // registro.br's own client prints an AS number as its WHOIS does: the aut-num object, a blank line, then an "inetnum:"
  // line per block of the holder (https://github.com/registrobr/rdap/blob/master/output/as_tmpl.go: "inetnum: (ip
  // networks)"); the labels of the aut-num object as in the registro.br answer pasted in
  // https://github.com/secynic/ipwhois/issues/315.
  const registroBr = lines(
    "% Copyright (c) Nic.br",
    "%  The use of the data below is only permitted as described in",
    "%  full by the terms of use at https://registro.br/termo/en.html ,",
    "",
    "aut-num:     AS64500",
    "owner:       Exemplo Telecomunicacoes Ltda",
    "ownerid:     12.345.678/0001-90",
    "responsible: Fulano de Tal",
    "country:     BR",
    "owner-c:     FUTAL14",
    "routing-c:   BEEXE2",
    "abuse-c:     BEEXE2",
    "created:     20100315",
    "changed:     20210720",
    "",
    "inetnum:     198.51.100.0/24",
    "inetnum:     2001:db8:2000::/40",
    "",
    "nic-hdl-br:  FUTAL14",
    "person:      Fulano de Tal",
    "created:     20090408",
    "changed:     20180827",
    "",
    "nic-hdl-br:  BEEXE2",
    "person:      Beltrano Exemplo",
    "e-mail:      noc@exemplo.example",
    "created:     20120626",
    "changed:     20200618",
  );

  it("the record is the AS number's: kind asn, its country, no network made of the listed blocks", () => {
    const record = parseWhoisText(registroBr, { server: "whois.registro.br", query: "AS64500" });
    expect(record.kind).toBe("asn");
    expect(record.asn).toEqual({ handle: "AS64500", start: 64500, end: 64500, country: "BR" });
    expect(record.network).toBeUndefined();
    expect(record.dates).toEqual({ created: "2010-03-15T00:00:00Z", updated: "2021-07-20T00:00:00Z" });
    expect(byRole(record, "registrant")[0]).toMatchObject({ handle: "12.345.678/0001-90", name: "Exemplo Telecomunicacoes Ltda" });
  });

  it("a network answer naming its AS number after the block stays the network's (the order decides)", () => {
    // The registro.br IP answer of https://github.com/secynic/ipwhois/issues/315: "inetnum:" first, then "aut-num:".
    const record = parseWhoisText(lines("inetnum:     198.51.100.0/24", "aut-num:     AS64500", "owner:       Exemplo Telecomunicacoes Ltda", "ownerid:     12.345.678/0001-90"), { server: "whois.registro.br", query: "198.51.100.7" });
    expect(record.kind).toBe("ip");
    expect(record.network).toMatchObject({ startAddress: "198.51.100.0", endAddress: "198.51.100.255", cidrs: ["198.51.100.0/24"] });
  });

  it("'routing-c' is the AS number's technical contact (LACNIC's FAQ: 'the technical point of contact for the ASN')", () => {
    // https://www.lacnic.net/1137/3/lacnic/sistema-de-administrac%C3%A3o-de-recursos-e-whois-faq ("routing-c:" Código do
    // ponto de contato técnico para o ASN); the layout of LACNIC's AS answer as its Joint Whois prints it.
    const lacnic = lines(
      "% Copyright LACNIC lacnic.net",
      "",
      "aut-num:     AS64501",
      "owner:       Universidad Ejemplo",
      "ownerid:     MX-UNEJ1-LACNIC",
      "responsible: Juan Ejemplo",
      "address:     Av. Ejemplo, 3000, Centro",
      "address:     04510 - Coyoacan - CX",
      "country:     MX",
      "phone:       +52 55 55550000 []",
      "owner-c:     JUE",
      "routing-c:   NOC",
      "abuse-c:     NOC",
      "created:     19890331",
      "changed:     20110503",
      "",
      "nic-hdl:     NOC",
      "person:      Red Universitaria",
      "e-mail:      noc@ejemplo.example",
      "country:     MX",
      "created:     20041202",
      "changed:     20181004",
    );
    const record = parseWhoisText(lacnic, { server: "whois.lacnic.net", query: "AS64501" });
    expect(record.kind).toBe("asn");
    expect(byRole(record, "technical")[0]).toMatchObject({ handle: "NOC", name: "Red Universitaria", email: "noc@ejemplo.example" });
    expect(byRole(record, "abuse")[0]?.handle).toBe("NOC");
  });

  it("over port 43 and RDAP the AS number comes out the same (LACNIC's RDAP autnum: handle, start/endAutnum, country)", () => {
    const whois = parseWhoisText(registroBr, { server: "whois.registro.br", query: "AS64500" });
    const rdap = parseRdap({ objectClassName: "autnum", handle: "AS64500", startAutnum: 64500, endAutnum: 64500, country: "BR" }, { server: "rdap.registro.br" });
    expect(whois.asn).toEqual(rdap.asn);
    expect(whois.kind).toBe(rdap.kind);
  });
});

describe("RIPE's AS answer opens with the as-block holding the number: the record's dates are the aut-num's", () => {
  // `whois -h whois.ripe.net AS3333` prints "% Information related to 'AS3209 - AS3353'", the as-block (descr "RIPE NCC
  // ASN block", its own created/last-modified), then "% Information related to 'AS3333'" and the aut-num (as-block:
  // https://docs.db.ripe.net/RPSL-Object-Types/Descriptions-of-Primary-Objects/#description-of-the-as-block-object).
  const ripe = lines(
    "% This is the RIPE Database query service.",
    "% The objects are in RPSL format.",
    "",
    "% Information related to 'AS64496 - AS64511'",
    "",
    "as-block:       AS64496 - AS64511",
    "descr:          RIPE NCC ASN block",
    "remarks:        These AS Numbers are assigned to network operators in the RIPE NCC service region.",
    "mnt-by:         RIPE-NCC-HM-MNT",
    "created:        2018-11-22T15:27:19Z",
    "last-modified:  2018-11-22T15:27:19Z",
    "source:         RIPE",
    "",
    "% Information related to 'AS64500'",
    "",
    "% Abuse contact for 'AS64500' is 'abuse@sample.example'",
    "",
    "aut-num:        AS64500",
    "as-name:        SAMPLE-AS",
    "org:            ORG-SAMP1-RIPE",
    "remarks:        Peering: peering@sample.example",
    "admin-c:        JD1-RIPE",
    "tech-c:         OPS4-RIPE",
    "status:         ASSIGNED",
    "mnt-by:         SAMPLE-MNT",
    "created:        2002-09-11T11:35:42Z",
    "last-modified:  2023-05-02T09:48:27Z",
    "source:         RIPE",
  );

  it("created and updated come from the aut-num, not from the block before it", () => {
    const record = parseWhoisText(ripe, { server: "whois.ripe.net", query: "AS64500" });
    expect(record.kind).toBe("asn");
    expect(record.asn).toMatchObject({ handle: "AS64500", start: 64500, end: 64500, name: "SAMPLE-AS" });
    expect(record.dates).toEqual({ created: "2002-09-11T11:35:42Z", updated: "2023-05-02T09:48:27Z" });
  });

  it("the remarks are the aut-num's, not the as-block's", () => {
    const record = parseWhoisText(ripe, { server: "whois.ripe.net", query: "AS64500" });
    expect(record.remarks).toEqual(["Peering: peering@sample.example"]);
  });

  it("an answer with no as-block keeps its first dates (the rule is the block's class, not its place)", () => {
    const record = parseWhoisText(ripe.slice(ripe.indexOf("% Information related to 'AS64500'")), { server: "whois.ripe.net", query: "AS64500" });
    expect(record.dates?.created).toBe("2002-09-11T11:35:42Z");
  });
});

describe("a network's own free-text lines are its remarks, as RDAP gives them", () => {
  // ARIN: "Comment:" lines of the network; its RDAP gives them as the network's "Registration Comments" remark
  // (Whois-RWS, https://www.arin.net/resources/registry/whois/rws/api/; the layout as in the ARIN answer kept at
  // https://github.com/kst164/networks-assgn1 "q": NetRange … Comment: … Ref:, then the Org block with its own Comment).
  const arin = lines(
    "NetRange:       192.0.2.0 - 192.0.2.255",
    "CIDR:           192.0.2.0/24",
    "NetName:        SAMPLE-NET",
    "NetHandle:      NET-192-0-2-0-1",
    "Parent:         NET192 (NET-192-0-0-0-0)",
    "NetType:        Direct Allocation",
    "Organization:   Sample Carrier, Inc. (SC-123)",
    "RegDate:        2001-03-01",
    "Updated:        2021-05-10",
    "Comment:        Abuse reports: abuse@carrier.example",
    "Comment:        Geofeed https://carrier.example/geofeed.csv",
    "Ref:            https://rdap.arin.net/registry/ip/192.0.2.0",
    "",
    "OrgName:        Sample Carrier, Inc.",
    "OrgId:          SC-123",
    "Country:        US",
    "Comment:        The organisation's own comment",
    "Ref:            https://rdap.arin.net/registry/entity/SC-123",
  );

  it("ARIN: the network's Comment lines, not the Org's", () => {
    const record = parseWhoisText(arin, { server: "whois.arin.net", query: "192.0.2.1" });
    expect(record.remarks).toEqual(["Abuse reports: abuse@carrier.example", "Geofeed https://carrier.example/geofeed.csv"]);
  });

  it("over port 43 and RDAP the same ARIN network gives the same network fields (its NetType in RDAP's capitals) and remarks", () => {
    // ARIN's RDAP network as served for NET-8-8-8-0-2 ("type" : "DIRECT ALLOCATION", cidr0_cidrs, parentHandle; kept in
    // public RDAP samples, and RFC 9083 §5.4's example), the Org as the registrant entity; port 43 prints
    // "NetType: Direct Allocation" (the ARIN answers in https://github.com/jsmitty12/phpWhois/issues/88).
    const rdap = parseRdap({
      objectClassName: "ip network",
      handle: "NET-192-0-2-0-1",
      startAddress: "192.0.2.0",
      endAddress: "192.0.2.255",
      ipVersion: "v4",
      name: "SAMPLE-NET",
      type: "DIRECT ALLOCATION",
      parentHandle: "NET-192-0-0-0-0",
      cidr0_cidrs: [{ v4prefix: "192.0.2.0", length: 24 }],
      remarks: [{ title: "Registration Comments", description: ["Abuse reports: abuse@carrier.example", "Geofeed https://carrier.example/geofeed.csv"] }],
      entities: [{ objectClassName: "entity", handle: "SC-123", roles: ["registrant"], vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Sample Carrier, Inc."], ["kind", {}, "text", "org"]]] }],
    });
    const whois = parseWhoisText(arin, { server: "whois.arin.net", query: "192.0.2.1" });
    // (ARIN's RDAP network states no country; port 43 gives the Org's.)
    expect({ ...whois.network, country: undefined }).toEqual({ ...rdap.network, country: undefined });
    expect(whois.network?.type).toBe("DIRECT ALLOCATION");
    expect(whois.remarks).toEqual(rdap.remarks);
  });

  // RIPE: "descr:" and "remarks:" of the inetnum, a remark's continuation lines each a line (the RIPE answer pasted in
  // https://github.com/Luanqmata/IESGO-Security-6Sem, Sprint4_Juice_Shop/Relatorio_Geral/whois.md, continues its
  // "remarks:" over indented lines); the role object's remarks are the role's.
  const ripe = lines(
    "% Information related to '192.0.2.0 - 192.0.2.255'",
    "",
    "inetnum:        192.0.2.0 - 192.0.2.255",
    "netname:        SAMPLE-EU",
    "descr:          Sample Cloud Services, EU",
    "remarks:        The activity you have detected originates from a",
    "                dynamic hosting environment.",
    "country:        IE",
    "admin-c:        SCR1-RIPE",
    "tech-c:         SCR1-RIPE",
    "status:         ASSIGNED PA",
    "mnt-by:         MNT-SAMPLE",
    "created:        2010-12-02T15:38:53Z",
    "last-modified:  2010-12-02T15:38:53Z",
    "source:         RIPE",
    "",
    "role:           Sample Cloud Role",
    "address:        Sample Street 1",
    "remarks:        The role's own remark",
    "nic-hdl:        SCR1-RIPE",
    "source:         RIPE",
  );

  it("RIPE: descr and remarks of the inetnum, continuation lines kept, the role's remark left to the role", () => {
    const record = parseWhoisText(ripe, { server: "whois.ripe.net", query: "192.0.2.1" });
    expect(record.remarks).toEqual(["Sample Cloud Services, EU", "The activity you have detected originates from a", "dynamic hosting environment."]);
  });

  it("over port 43 and RDAP the same RIPE network gives the same network fields and remarks", () => {
    // RIPE's RDAP for the same inetnum: descr and remarks as remarks, no cidr0 (see rdap-w21-numbers.test.ts).
    const rdap = parseRdap({
      objectClassName: "ip network",
      handle: "192.0.2.0 - 192.0.2.255",
      startAddress: "192.0.2.0",
      endAddress: "192.0.2.255",
      ipVersion: "v4",
      name: "SAMPLE-EU",
      type: "ASSIGNED PA",
      country: "IE",
      remarks: [{ description: ["Sample Cloud Services, EU"] }, { title: "remarks", description: ["The activity you have detected originates from a", "dynamic hosting environment."] }],
      events: [{ eventAction: "registration", eventDate: "2010-12-02T15:38:53Z" }, { eventAction: "last changed", eventDate: "2010-12-02T15:38:53Z" }],
    });
    const whois = parseWhoisText(ripe, { server: "whois.ripe.net", query: "192.0.2.1" });
    expect(whois.network).toEqual(rdap.network);
    expect(whois.remarks).toEqual(rdap.remarks);
    expect(whois.dates).toEqual(rdap.dates);
  });

  it("a domain answer's descr lines are not remarks (they stay the free-form holder of RIPE-style ccTLDs)", () => {
    const record = parseWhoisText(lines("domain:         example.hr", "descr:          Example d.o.o.", "descr:          Ulica 1", "remarks:        a remark"), { server: "whois.dns.hr", query: "example.hr" });
    expect(record.kind).toBe("domain");
    expect(record.remarks).toBeUndefined();
  });

  it("an answer of thousands of remark lines keeps the first REMARK_LIMITS.lines, none over REMARK_LIMITS.characters long", () => {
    const many = Array.from({ length: REMARK_LIMITS.lines + 50 }, (_, index) => `remarks:        line ${index} ${"x".repeat(index === 1 ? 1500 : 1)}`);
    const record = parseWhoisText(lines("inetnum:        192.0.2.0 - 192.0.2.255", "netname:        SAMPLE", ...many, "source:         RIPE"), { server: "whois.ripe.net", query: "192.0.2.1" });
    expect(record.remarks).toHaveLength(REMARK_LIMITS.lines);
    expect(record.remarks?.[0]).toBe("line 0 x");
    expect(Math.max(...(record.remarks ?? []).map((line) => line.length))).toBeLessThanOrEqual(REMARK_LIMITS.characters);
  });
});

describe("the RIPE Database software's '% Abuse contact for … is …' line gives the abuse mailbox", () => {
  // The line stands above the object on RIPE, APNIC and AFRINIC (the APNIC answer pasted in
  // https://github.com/rfc1036/whois/pull/122: "% Abuse contact for '81.68.0.0 - 81.71.255.255' is '…'"); the abuse-c
  // role object itself is often not printed (an organisation's abuse-c). RDAP gives the mailbox as the abuse entity.
  const filtered = lines(
    "% Information related to '192.0.2.0 - 192.0.2.255'",
    "",
    "% Abuse contact for '192.0.2.0 - 192.0.2.255' is 'abuse@sample.example'",
    "",
    "inetnum:        192.0.2.0 - 192.0.2.255",
    "netname:        SAMPLE-NET",
    "country:        NL",
    "org:            ORG-SAMP1-RIPE",
    "admin-c:        JD1-RIPE",
    "tech-c:         JD1-RIPE",
    "status:         ASSIGNED PA",
    "source:         RIPE",
  );

  it("no abuse object in the answer: an abuse contact with that mailbox", () => {
    const record = parseWhoisText(filtered, { server: "whois.ripe.net", query: "192.0.2.9" });
    expect(byRole(record, "abuse")).toEqual([{ roles: ["abuse"], email: "abuse@sample.example" }]);
  });

  it("an abuse-c handle whose object is not printed gets the mailbox", () => {
    const withHandle = filtered.replace("status:", "abuse-c:        ABU1-RIPE\nstatus:");
    const record = parseWhoisText(withHandle, { server: "whois.ripe.net", query: "192.0.2.9" });
    expect(byRole(record, "abuse")).toEqual([{ roles: ["abuse"], handle: "ABU1-RIPE", email: "abuse@sample.example" }]);
  });

  it("a handle that is the technical contact's too keeps that contact's fields; the mailbox is an abuse contact of its own", () => {
    const shared = filtered.replace("status:", "abuse-c:        JD1-RIPE\nstatus:");
    const record = parseWhoisText(shared, { server: "whois.ripe.net", query: "192.0.2.9" });
    expect(byRole(record, "technical")[0]?.email).toBeUndefined();
    expect(byRole(record, "abuse").map((contact) => contact.email)).toContain("abuse@sample.example");
  });

  it("an abuse object printed with its own mailbox is kept as it is", () => {
    const printed = `${filtered.replace("status:", "abuse-c:        ABU1-RIPE\nstatus:")}\n\nrole:           Abuse Desk\nabuse-mailbox:  desk@sample.example\nnic-hdl:        ABU1-RIPE\nsource:         RIPE\n`;
    const record = parseWhoisText(printed, { server: "whois.ripe.net", query: "192.0.2.9" });
    expect(byRole(record, "abuse").map((contact) => contact.email)).toEqual(["desk@sample.example"]);
  });

  it("'% No abuse contact registered for …' and a domain answer's lines give none", () => {
    const none = filtered.replace("% Abuse contact for '192.0.2.0 - 192.0.2.255' is 'abuse@sample.example'", "% No abuse contact registered for 192.0.2.0 - 192.0.2.255");
    expect(byRole(parseWhoisText(none, { server: "whois.ripe.net", query: "192.0.2.9" }), "abuse")).toEqual([]);
    const domain = parseWhoisText(lines("% Abuse contact for 'example.test' is 'abuse@example.test'", "", "domain:   example.test", "status:   ACTIVE"), { server: "whois.example", query: "example.test" });
    expect(byRole(domain, "abuse")).toEqual([]);
  });

  it("over port 43 and RDAP the abuse mailbox is the same", () => {
    const rdap = parseRdap({
      objectClassName: "ip network",
      handle: "192.0.2.0 - 192.0.2.255",
      startAddress: "192.0.2.0",
      endAddress: "192.0.2.255",
      entities: [{ objectClassName: "entity", handle: "ABU1-RIPE", roles: ["abuse"], vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Abuse-C Role"], ["kind", {}, "text", "group"], ["email", { type: "abuse" }, "text", "abuse@sample.example"]]] }],
    });
    const whois = parseWhoisText(filtered, { server: "whois.ripe.net", query: "192.0.2.9" });
    expect(byRole(whois, "abuse")[0]?.email).toBe(byRole(rdap, "abuse")[0]?.email);
  });
});

describe("an RPSL value's end-of-line comment is not part of a code", () => {
  // RIPE's answer for a block it does not manage (pasted in https://github.com/rfc1036/whois/pull/89; the same lines in
  // the RIPE Database's own tests, RIPE-NCC/whois InetnumTransferInternalTest): "country: EU # Country is really world
  // wide" (RFC 2622 §2: "#" comments to the end of the line). RIPE's RDAP gives that block "country": "EU".
  const nonRipe = lines(
    "% Information related to '192.0.0.0 - 192.0.127.255'",
    "",
    "% No abuse contact registered for 192.0.0.0 - 192.0.127.255",
    "",
    "inetnum:        192.0.0.0 - 192.0.127.255",
    "netname:        NON-RIPE-NCC-MANAGED-ADDRESS-BLOCK",
    "descr:          IPv4 address block not managed by the RIPE NCC",
    "remarks:        ------------------------------------------------------",
    "remarks:",
    "remarks:        For registration information,",
    "remarks:        you can consult the following sources:",
    "country:        EU # Country is really world wide",
    "admin-c:        IANA1-RIPE",
    "tech-c:         IANA1-RIPE",
    "status:         ALLOCATED UNSPECIFIED",
    "mnt-by:         RIPE-NCC-HM-MNT",
    "source:         RIPE",
  );

  it("the network's country is the code before the comment, as RDAP gives it", () => {
    const whois = parseWhoisText(nonRipe, { server: "whois.ripe.net", query: "192.0.2.1" });
    const rdap = parseRdap({ objectClassName: "ip network", handle: "192.0.0.0 - 192.0.127.255", startAddress: "192.0.0.0", endAddress: "192.0.127.255", name: "NON-RIPE-NCC-MANAGED-ADDRESS-BLOCK", type: "ALLOCATED UNSPECIFIED", country: "EU" });
    expect(whois.network?.country).toBe("EU");
    expect(whois.network).toEqual(rdap.network);
  });

  it("empty remarks lines are no remarks", () => {
    const whois = parseWhoisText(nonRipe, { server: "whois.ripe.net", query: "192.0.2.1" });
    expect(whois.remarks).toEqual(["IPv4 address block not managed by the RIPE NCC", "------------------------------------------------------", "For registration information,", "you can consult the following sources:"]);
  });
});

describe("AFRINIC's phone numbers written as tel: URIs", () => {
  // AFRINIC's port-43 person objects print "phone: tel:+216-30-013-001" (as in a public course note's paste of
  // `whois 196.232.x.x`, and AFRINIC's database dump); RDAP's jCard tel is the same URI, read without its scheme.
  const afrinic = lines(
    "inetnum:        196.0.2.0 - 196.0.2.255",
    "netname:        SAMPLE-TN",
    "country:        TN",
    "admin-c:        SP1-AFRINIC",
    "tech-c:         SP1-AFRINIC",
    "status:         ASSIGNED PA",
    "source:         AFRINIC # Filtered",
    "parent:         196.0.0.0 - 196.0.255.255",
    "",
    "person:         Sample Person",
    "address:        Tunis 1003",
    "address:        TN",
    "phone:          tel:+216-30-000-001",
    "fax-no:         tel:+216-30-000-002",
    "nic-hdl:        SP1-AFRINIC",
    "source:         AFRINIC # Filtered",
  );

  it("the number without its scheme, as RDAP gives it", () => {
    const record = parseWhoisText(afrinic, { server: "whois.afrinic.net", query: "196.0.2.1" });
    expect(byRole(record, "technical")[0]).toMatchObject({ handle: "SP1-AFRINIC", phone: "+216-30-000-001", fax: "+216-30-000-002" });
    const rdap = parseRdap({ objectClassName: "ip network", handle: "196.0.2.0 - 196.0.2.255", entities: [{ objectClassName: "entity", handle: "SP1-AFRINIC", roles: ["technical"], vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Sample Person"], ["tel", { type: "voice" }, "uri", "tel:+216-30-000-001"]]] }] });
    expect(byRole(record, "technical")[0]?.phone).toBe(byRole(rdap, "technical")[0]?.phone);
  });

  it("a phone that is no URI is kept as written", () => {
    const record = parseWhoisText(afrinic.replace("tel:+216-30-000-001", "+216 30 000 001 (telephone)"), { server: "whois.afrinic.net", query: "196.0.2.1" });
    expect(byRole(record, "technical")[0]?.phone).toBe("+216 30 000 001 (telephone)");
  });
});

describe("ARIN's top-level nets: 'Parent: ()' names no parent", () => {
  // ARIN prints "Parent:          ()" for a net with no parent (NET-38-0-0-0-1 COGENT-A, NET-10-0-0-0-1, NET-8-0-0-0-1 in
  // the answers users paste, e.g. `whois 38.100.193.70`; Whois-RWS, https://www.arin.net/resources/registry/whois/rws/api/);
  // its RDAP network has no parentHandle then.
  const topLevel = lines(
    "NetRange:       198.0.0.0 - 198.255.255.255",
    "CIDR:           198.0.0.0/8",
    "NetName:        SAMPLE-A",
    "NetHandle:      NET-198-0-0-0-1",
    "Parent:          ()",
    "NetType:        Direct Allocation",
    "OriginAS:",
    "Organization:   Sample Networks, Inc. (SN-1)",
  );

  it("no parentHandle, as RDAP gives none", () => {
    const whois = parseWhoisText(topLevel, { server: "whois.arin.net", query: "198.51.100.1" });
    expect(whois.network?.parentHandle).toBeUndefined();
    expect(whois.network).toMatchObject({ handle: "NET-198-0-0-0-1", cidrs: ["198.0.0.0/8"] });
  });

  it("a parent named with its handle in brackets is that handle", () => {
    const whois = parseWhoisText(topLevel.replace("Parent:          ()", "Parent:         NET198 (NET-198-0-0-0-0)"), { server: "whois.arin.net", query: "198.51.100.1" });
    expect(whois.network?.parentHandle).toBe("NET-198-0-0-0-0");
  });
});
