import { describe, expect, it } from "vitest";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { RECORD_LIMITS } from "../../../src/parse/limits.js";
import { rangeHandle } from "../../../src/parse/whois/number-holder.js";
import { cpuTimed } from "../../helpers/cpu-time.js";

/**
 * Port-43 number records carry what RDAP carries (issue 13): each answer below is written from the layout as the
 * registry documents it (the URL above each), with made-up holders in documentation ranges.
 */

// ARIN Whois-RWS text (https://www.arin.net/resources/registry/whois/rws/api/): the Org block that follows a resource.
const ARIN_ORG = `OrgName:        Example Widgets, LLC
OrgId:          EXWI
Address:        500 Main Street
Address:        Suite 12
City:           Springfield
StateProv:      IL
PostalCode:     62701
Country:        US
RegDate:        2010-01-02
Updated:        2020-03-04
Ref:            https://rdap.arin.net/registry/entity/EXWI
`;

// A network, then its Org block.
const ARIN_NET = `#
# ARIN WHOIS data and services are subject to the Terms of Use
#

NetRange:       192.0.2.0 - 192.0.2.255
CIDR:           192.0.2.0/24
NetName:        EXAMPLE-NET
NetHandle:      NET-192-0-2-0-1
Parent:         NET192 (NET-192-0-0-0-0)
NetType:        Direct Assignment
Organization:   Example Widgets, LLC (EXWI)
RegDate:        2014-05-01
Updated:        2021-08-09
Ref:            https://rdap.arin.net/registry/ip/192.0.2.0


${ARIN_ORG}

OrgNOCHandle: NOC42-ARIN
OrgNOCName:   Network Operations Center
OrgNOCPhone:  +1-217-555-0142
OrgNOCEmail:  noc@widgets.example
`;

// ARIN `a + N`: the AS number, then the Org block.
const ARIN_ASN = `ASNumber:       64496
ASName:         WIDGETS-AS
ASHandle:       AS64496
RegDate:        2014-05-01
Updated:        2021-08-09
Ref:            https://rdap.arin.net/registry/autnum/64496


${ARIN_ORG}`;

// ARIN POC (`p + HANDLE`), same documentation: Name, Handle, Company, address lines, Phone with its type, Email.
const ARIN_POC = `Name:           Network Operations Center
Handle:         NOC42-ARIN
Company:        Example Widgets, LLC
Address:        77 Elm Street
City:           Peoria
StateProv:      IL
PostalCode:     61602
Country:        US
RegDate:        2011-02-03
Updated:        2022-05-06
Phone:          +1-217-555-0142 (Office)
Email:          noc@widgets.example
Ref:            https://rdap.arin.net/registry/entity/NOC42-ARIN
`;

// RIPE Database (https://docs.db.ripe.net/RPSL-Object-Types/): inetnum with org:, then the objects it references.
// A second organisation object (another holder's, as `-r`-less answers can carry) must not be taken.
const RPSL_NET = `% This is the RIPE Database query service.

inetnum:        198.51.100.0 - 198.51.100.255
netname:        LAKESIDE-NET
descr:          Lakeside Data
country:        SE
org:            ORG-LD9-RIPE
admin-c:        LD77-RIPE
tech-c:         LD77-RIPE
status:         ASSIGNED PA
mnt-by:         LAKESIDE-MNT
source:         RIPE

organisation:   ORG-OT1-RIPE
org-name:       Other Telecom AB
country:        SE
org-type:       LIR
address:        Elsewhere 9
source:         RIPE

organisation:   ORG-LD9-RIPE
org-name:       Lakeside Data AB
country:        SE
org-type:       OTHER
address:        Sjögatan 4
address:        11122 Stockholm
source:         RIPE

role:           Lakeside NOC
address:        Sjögatan 4
nic-hdl:        LD77-RIPE
source:         RIPE
`;

// APNIC (same software): aut-num with org:, organisation object after it.
const RPSL_ASN = `aut-num:        AS64497
as-name:        HARBOUR-AS
descr:          Harbour Networks
country:        AU
org:            ORG-HN2-AP
admin-c:        HN5-AP
tech-c:         HN5-AP
mnt-by:         MAINT-HARBOUR
source:         APNIC

organisation:   ORG-HN2-AP
org-name:       Harbour Networks Pty Ltd
country:        AU
address:        1 Quay Street
source:         APNIC
`;

// LACNIC (https://www.lacnic.net/1040): the holder's lines inside the resource, blocks written short.
const LACNIC_NET = `% Joint Whois - whois.lacnic.net

inetnum:     200.57.128/20
status:      allocated
aut-num:     AS64498
owner:       Servicios Ejemplo S.A.
ownerid:     AR-SEJE-LACNIC
responsible: Marta Gómez
address:     Calle Falsa, 123,
address:     1414 - Buenos Aires - C
country:     AR
owner-c:     MAG3
tech-c:      MAG3
inetrev:     200.57.128/20
created:     20120405

nic-hdl:     MAG3
person:      Marta Gómez
e-mail:      marta@ejemplo.example
country:     AR
`;

const LACNIC_ASN = `aut-num:     AS64498
owner:       Servicios Ejemplo S.A.
ownerid:     AR-SEJE-LACNIC
responsible: Marta Gómez
country:     AR
owner-c:     MAG3
routing-c:   MAG3
`;

// registro.br serves Brazil's blocks in the same layout, the holder's id a CNPJ.
const REGISTRO_BR_NET = `inetnum:     177.10/16
aut-num:     AS64499
abuse-c:     ABC12
owner:       Exemplo Telecom Ltda
ownerid:     00.000.000/0001-91
responsible: Fulano de Tal
country:     BR
owner-c:     ABC12
`;

// JPNIC's English (/e) answers (https://www.nic.ad.jp/en/whois/): lettered, bracketed labels under a heading.
const JPNIC_NET = `[ JPNIC database provides information regarding IP address and ASN. Its use   ]

Network Information:
a. [Network Number]             192.0.2.64/26
b. [Network Name]               MINATO-NET
g. [Organization]               Minato Shoji K.K.
m. [Administrative Contact]     MS1234JP
n. [Technical Contact]          MS1234JP
[Assigned Date]                 2012/06/01
[Last Update]                   2020/04/01 12:00:00(JST)

Less Specific Info.
----------
Japan Network Information Center
                     [Allocation]                                192.0.2.0/24
`;

const JPNIC_ASN = `AS Information:
a. [AS Number]                  64499
b. [AS Name]                    MINATO-AS
g. [Organization]               Minato Shoji K.K.
m. [Administrative Contact]     MS1234JP
[Last Update]                   2020/04/01 12:00:00(JST)
`;

// JPRS's .jp domain answers use the same bracketed labels under "Domain Information:": [Organization] is the registrant's.
const JPRS_DOMAIN = `Domain Information:
a. [Domain Name]                EXAMPLE.CO.JP
g. [Organization]               Example K.K.
p. [Name Server]                ns1.example.co.jp
[State]                         Connected (2027/01/31)
`;

const registrant = (record: ReturnType<typeof parseWhoisText>) => record.contacts?.filter((c) => c.roles.includes("registrant")) ?? [];

describe("the holder of a number resource is a registrant contact, as RDAP's registrant entity", () => {
  it("ARIN: the Org block (OrgId the handle, OrgName the name, the address structured); network.organization as before", () => {
    const record = parseWhoisText(ARIN_NET, { server: "whois.arin.net", query: "192.0.2.1" });
    expect(registrant(record)).toEqual([
      { roles: ["registrant"], handle: "EXWI", name: "Example Widgets, LLC", street: ["500 Main Street", "Suite 12"], city: "Springfield", state: "IL", postalCode: "62701", countryCode: "US" },
    ]);
    expect(record.network).toMatchObject({ organization: "Example Widgets, LLC", handle: "NET-192-0-2-0-1", cidrs: ["192.0.2.0/24"] });
    expect(record.contacts?.map((c) => c.handle)).toEqual(["EXWI", "NOC42-ARIN"]);
  });

  it("ARIN: the holder is the Org block the network's Organization line names, not merely the first Org block of the answer", () => {
    const upstream = "NetRange:       192.0.0.0 - 192.0.255.255\nCIDR:           192.0.0.0/16\nNetName:        UPSTREAM-BLK\nNetHandle:      NET-192-0-0-0-1\nOrganization:   Upstream Transit Co. (UPTR)\n\nOrgName:        Upstream Transit Co.\nOrgId:          UPTR\nCountry:        US\n\n";
    const record = parseWhoisText(`${ARIN_ORG}\n${upstream}`, { server: "whois.arin.net", query: "192.0.2.1" });
    // Another Org block (EXWI) first, then UPTR's network and Org block: the network's line names UPTR.
    expect(registrant(record)[0]).toMatchObject({ handle: "UPTR", name: "Upstream Transit Co." });
    expect(record.network?.organization).toBe("Upstream Transit Co.");
  });

  it("ARIN: an Organization line whose parenthesised words name no Org block falls back to the Org block", () => {
    const text = ARIN_NET.replace("Organization:   Example Widgets, LLC (EXWI)", "Organization:   Example Widgets (UK)");
    expect(registrant(parseWhoisText(text, { server: "whois.arin.net", query: "192.0.2.1" }))[0]).toMatchObject({ handle: "EXWI", name: "Example Widgets, LLC" });
  });

  it("RPSL: the organisation object the resource's org: names, not another one in the answer", () => {
    const record = parseWhoisText(RPSL_NET, { server: "whois.ripe.net", query: "198.51.100.1" });
    expect(registrant(record)).toEqual([{ roles: ["registrant"], handle: "ORG-LD9-RIPE", name: "Lakeside Data AB", street: ["Sjögatan 4"], city: "Stockholm", postalCode: "11122", countryCode: "SE" }]);
    expect(JSON.stringify(record.contacts)).not.toContain("Other Telecom");
  });

  it("RPSL: an org: whose object the answer does not carry still names the holder's handle", () => {
    const brief = RPSL_NET.split("\n\norganisation:")[0] as string;
    const record = parseWhoisText(brief, { server: "whois.ripe.net", query: "198.51.100.1" });
    expect(registrant(record)).toEqual([{ roles: ["registrant"], handle: "ORG-LD9-RIPE" }]);
  });

  it("LACNIC: owner/ownerid/address/country inside the resource", () => {
    const record = parseWhoisText(LACNIC_NET, { server: "whois.lacnic.net", query: "200.57.130.1" });
    const [holder] = registrant(record);
    expect(holder).toMatchObject({ roles: ["registrant"], handle: "AR-SEJE-LACNIC", name: "Servicios Ejemplo S.A.", countryCode: "AR" });
    expect(holder?.street?.[0]).toBe("Calle Falsa, 123");
    expect(record.network?.organization).toBe("Servicios Ejemplo S.A.");
  });

  // LACNIC's FAQ (https://www.lacnic.net/1040): "owner-c: the organization's point of contact", a person, not the holder;
  // LACNIC's RDAP gives that entity the administrative role. It came out a second registrant over port 43.
  it("LACNIC and registro.br: the owner-c person is the holder's administrative contact, the holder the one registrant", () => {
    const net = parseWhoisText(LACNIC_NET, { server: "whois.lacnic.net", query: "200.57.130.1" });
    expect(registrant(net).map((c) => c.handle)).toEqual(["AR-SEJE-LACNIC"]);
    expect(net.contacts?.find((c) => c.handle === "MAG3")).toMatchObject({ roles: ["administrative", "technical"], name: "Marta Gómez" });
    const asn = parseWhoisText(LACNIC_ASN, { server: "whois.lacnic.net", query: "AS64498" });
    expect(registrant(asn).map((c) => c.handle)).toEqual(["AR-SEJE-LACNIC"]);
    expect(asn.contacts?.find((c) => c.handle === "MAG3")?.roles).toContain("administrative");
    const br = parseWhoisText(REGISTRO_BR_NET, { server: "whois.registro.br", query: "177.10.1.1" });
    expect(registrant(br).map((c) => c.handle)).toEqual(["00.000.000/0001-91"]);
    expect(br.contacts?.filter((c) => c.handle === "ABC12").flatMap((c) => c.roles)).toEqual(expect.arrayContaining(["administrative", "abuse"]));
  });

  it("registro.br's blocks: the ownerid (a CNPJ) is the holder's handle", () => {
    const record = parseWhoisText(REGISTRO_BR_NET, { server: "whois.registro.br", query: "177.10.1.1" });
    expect(registrant(record)[0]).toMatchObject({ handle: "00.000.000/0001-91", name: "Exemplo Telecom Ltda", countryCode: "BR" });
  });

  it("a domain answer's owner/ownerid lines (registro.br domains) are its one registrant, owner-c an administrative contact (as rdap.registro.br)", () => {
    const text = "domain:      exemplo.com.br\nowner:       Exemplo Ltda\nownerid:     00.000.000/0001-91\ncountry:     BR\nowner-c:     ABC12\nnserver:     ns1.exemplo.com.br\nexpires:     20300101\n";
    const record = parseWhoisText(text, { server: "whois.registro.br", query: "exemplo.com.br" });
    expect(record.kind).toBe("domain");
    expect(registrant(record)).toHaveLength(1);
    expect(registrant(record)[0]).toMatchObject({ handle: "00.000.000/0001-91", name: "Exemplo Ltda", countryCode: "BR" });
    expect(record.contacts?.find((c) => c.handle === "ABC12")?.roles).toEqual(["administrative"]);
  });
});

describe("an AS number's holder and country belong to the ASN, not to a network", () => {
  it.each([
    { layout: "ARIN a +", text: ARIN_ASN, server: "whois.arin.net", handle: "EXWI", name: "Example Widgets, LLC", country: "US" },
    { layout: "APNIC aut-num with org:", text: RPSL_ASN, server: "whois.apnic.net", handle: "ORG-HN2-AP", name: "Harbour Networks Pty Ltd", country: "AU" },
    { layout: "LACNIC aut-num", text: LACNIC_ASN, server: "whois.lacnic.net", handle: "AR-SEJE-LACNIC", name: "Servicios Ejemplo S.A.", country: "AR" },
  ])("$layout: asn.country and the registrant contact, no network object", ({ text, server, handle, name, country }) => {
    const record = parseWhoisText(text, { server, query: "AS64496" });
    expect(record.kind).toBe("asn");
    expect(record.network).toBeUndefined();
    expect(record.asn?.country).toBe(country);
    expect(registrant(record)[0]).toMatchObject({ handle, name });
  });

  it("an ASN answer that names its holder but no handle: a registrant with the name", () => {
    const record = parseWhoisText("ASNumber:       64496\nASName:         WIDGETS-AS\n\nOrgName:        Example Widgets, LLC\nCountry:        US\n", { server: "whois.arin.net", query: "AS64496" });
    expect(record.network).toBeUndefined();
    expect(record.asn?.country).toBe("US");
    expect(registrant(record)).toEqual([{ roles: ["registrant"], name: "Example Widgets, LLC" }]);
  });

  it("an IP record that also names its origin AS keeps its network", () => {
    const record = parseWhoisText(LACNIC_NET, { server: "whois.lacnic.net", query: "200.57.130.1" });
    expect(record.kind).toBe("ip");
    expect(record.network).toMatchObject({ cidrs: ["200.57.128.0/20"], handle: "200.57.128.0/20", country: "AR", organization: "Servicios Ejemplo S.A." });
  });
});

describe("LACNIC's shortened blocks are named in full, as RDAP names them", () => {
  it("the network's handle is the expanded CIDR", () => {
    expect(parseWhoisText(LACNIC_NET, { server: "whois.lacnic.net", query: "200.57.130.1" }).network).toMatchObject({ handle: "200.57.128.0/20", cidrs: ["200.57.128.0/20"] });
    expect(parseWhoisText(REGISTRO_BR_NET, { server: "whois.registro.br", query: "177.10.1.1" }).network?.handle).toBe("177.10.0.0/16");
  });

  it.each([
    ["198.18/15", "198.18.0.0/15"],
    ["10/8", "10.0.0.0/8"],
    ["200.57.128/20", "200.57.128.0/20"],
    ["192.0.2.0/24", "192.0.2.0/24"],
    ["192.0.2.0  -  192.0.2.255", "192.0.2.0 - 192.0.2.255"],
    ["2001:db8::/32", "2001:db8::/32"],
  ])("rangeHandle(%j) is %j", (value, handle) => {
    expect(rangeHandle(value)).toBe(handle);
  });
});

describe("JPNIC's bracketed English labels are read by the heading above them", () => {
  it("Network Information: [Network Number] is the network's CIDR, [Organization] its holder", () => {
    const record = parseWhoisText(JPNIC_NET, { server: "whois.nic.ad.jp", query: "192.0.2.70/e" });
    expect(record.kind).toBe("ip");
    expect(record.network).toMatchObject({ handle: "192.0.2.64/26", cidrs: ["192.0.2.64/26"], startAddress: "192.0.2.64", endAddress: "192.0.2.127", name: "MINATO-NET", organization: "Minato Shoji K.K." });
  });

  it("AS Information: the number, its name, and the holder as registrant (no network)", () => {
    const record = parseWhoisText(JPNIC_ASN, { server: "whois.nic.ad.jp", query: "AS 64499/e" });
    expect(record.kind).toBe("asn");
    expect(record.asn).toMatchObject({ handle: "AS64499", start: 64499, name: "MINATO-AS" });
    expect(record.network).toBeUndefined();
    expect(registrant(record)[0]).toMatchObject({ name: "Minato Shoji K.K." });
  });

  it("JPRS's Domain Information: [Organization] stays the domain's registrant, no network is made", () => {
    const record = parseWhoisText(JPRS_DOMAIN, { server: "whois.jprs.jp", query: "example.co.jp" });
    expect(record.kind).toBe("domain");
    expect(record.network).toBeUndefined();
    expect(record.domain?.name).toBe("example.co.jp");
  });
});

describe("ARIN's POC answer is a registered entity with its one contact", () => {
  it("Name/Handle/Company/address/Phone/Email become the contact, the phone without its type", () => {
    const record = parseWhoisText(ARIN_POC, { server: "whois.arin.net", query: "NOC42-ARIN" });
    expect(record.status).toBe("registered");
    expect(record.contacts).toEqual([
      {
        roles: [],
        handle: "NOC42-ARIN",
        name: "Network Operations Center",
        organization: "Example Widgets, LLC",
        email: "noc@widgets.example",
        phone: "+1-217-555-0142",
        street: ["77 Elm Street"],
        city: "Peoria",
        state: "IL",
        postalCode: "61602",
        countryCode: "US",
      },
    ]);
  });

  it("a block with a name and a handle but nothing a contact has is not taken for a POC", () => {
    const record = parseWhoisText("Name:           Something\nHandle:         X1\n", { server: "whois.example", query: "X1" });
    expect(record.contacts).toBeUndefined();
    expect(record.status).toBe("unknown");
  });
});

describe("hostile number answers", () => {
  it("an Org block with thousands of address lines keeps the record's street limit and parses in bounded time (CPU-time tripwire)", () => {
    const text = ARIN_NET.replace("Address:        Suite 12\n", "Address:        x\n".repeat(20_000));
    const { value: record, cpuMs } = cpuTimed(() => parseWhoisText(text, { server: "whois.arin.net", query: "192.0.2.1" }));
    // A quadratic pass over the block trips it; a loaded machine does not (this process's CPU time, not wall time).
    expect(cpuMs).toBeLessThan(5_000);
    const [holder] = registrant(record);
    expect(holder?.handle).toBe("EXWI");
    expect(holder?.street).toHaveLength(RECORD_LIMITS.streetLines);
  });

  it("handles named like Object.prototype members are plain text", () => {
    const text = "inetnum:        198.51.100.0 - 198.51.100.255\norg:            __proto__\n\norganisation:   __proto__\norg-name:       Prototype Ltd\ncountry:        SE\n";
    const record = parseWhoisText(text, { server: "whois.ripe.net", query: "198.51.100.1" });
    expect(registrant(record)[0]).toMatchObject({ handle: "__proto__", name: "Prototype Ltd", countryCode: "SE" });
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  it("a POC phone padded with spaces before its type loses the type and the spaces", () => {
    const text = ARIN_POC.replace("+1-217-555-0142 (Office)", `+1-217-555-0142${" ".repeat(500)}(Office)`);
    expect(parseWhoisText(text, { server: "whois.arin.net", query: "NOC42-ARIN" }).contacts?.[0]?.phone).toBe("+1-217-555-0142");
  });
});
