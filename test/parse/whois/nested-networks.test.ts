import { describe, expect, it } from "vitest";
import { parseWhoisText } from "../../../src/parse/whois/index.js";
import { mostSpecificNetwork, opensNetwork } from "../../../src/parse/whois/nested-networks.js";
import { tokenize } from "../../../src/parse/whois/tokenize.js";

/**
 * An answer holding nested networks is read as its most specific one, as RDAP answers (issue #13: over port 43 the
 * allocation's range and holder were given under the reassignment's handle). Layouts after ARIN's Whois-RWS text
 * output (https://www.arin.net/resources/registry/whois/rws/api/: NetRange/CIDR/NetName/NetHandle/Parent/NetType/
 * Organization, then the Org block) and the RPSL objects of the RIPE Database documentation
 * (https://docs.db.ripe.net/RPSL-Object-Types/), with documentation addresses.
 */
const arinNested = [
  "NetRange:       198.51.0.0 - 198.51.255.255",
  "CIDR:           198.51.0.0/16",
  "NetName:        BIGISP-NET",
  "NetHandle:      NET-198-51-0-0-1",
  "NetType:        Direct Allocation",
  "Organization:   Big ISP Inc. (BIGISP)",
  "RegDate:        2001-01-01",
  "",
  "OrgName:        Big ISP Inc.",
  "OrgId:          BIGISP",
  "Address:        1 ISP Way",
  "City:           Denver",
  "Country:        US",
  "",
  "OrgAbuseHandle: ABUSE1-ARIN",
  "OrgAbuseName:   Big ISP Abuse",
  "OrgAbuseEmail:  abuse@bigisp.example",
  "",
  "NetRange:       198.51.100.0 - 198.51.100.255",
  "CIDR:           198.51.100.0/24",
  "NetName:        WIDGETS-CUST",
  "NetHandle:      NET-198-51-100-0-1",
  "Parent:         BIGISP-NET (NET-198-51-0-0-1)",
  "NetType:        Reassigned",
  "Organization:   Widgets Co (WIDGE-3)",
  "RegDate:        2015-05-05",
  "",
  "OrgName:        Widgets Co",
  "OrgId:          WIDGE-3",
  "Address:        5 Widget Rd",
  "City:           Austin",
  "Country:        US",
  "",
].join("\n");

describe("nested networks in one answer", () => {
  it("ARIN allocation then reassignment: the reassignment's range, name, type, dates and holder; the allocation's abuse desk left out", () => {
    const record = parseWhoisText(arinNested, { server: "whois.arin.net", query: "198.51.100.7" });
    expect(record.network).toMatchObject({ startAddress: "198.51.100.0", endAddress: "198.51.100.255", cidrs: ["198.51.100.0/24"], handle: "NET-198-51-100-0-1", name: "WIDGETS-CUST", type: "REASSIGNED", organization: "Widgets Co" });
    expect(record.dates?.created).toBe("2015-05-05T00:00:00Z");
    expect(record.contacts?.map((c) => `${c.roles.join("+")} ${c.handle}`)).toEqual(["registrant WIDGE-3"]);
  });

  it("RPSL: the wider inet6num and the role only it names are left out; the narrower one's contacts stay", () => {
    const text = [
      "inet6num:       2001:db8::/32",
      "netname:        EXAMPLE-NIR-ALLOCATION",
      "admin-c:        NIR1-AP",
      "status:         ALLOCATED PORTABLE",
      "",
      "role:           National Registry",
      "nic-hdl:        NIR1-AP",
      "e-mail:         hostmaster@nir.example",
      "",
      "inet6num:       2001:db8:10c::/48",
      "netname:        EXAMPLE-CUSTOMER",
      "admin-c:        CUST1-AP",
      "country:        JP",
      "",
      "person:         Customer Person",
      "nic-hdl:        CUST1-AP",
      "e-mail:         noc@customer.example",
      "",
    ].join("\n");
    const record = parseWhoisText(text, { server: "whois.apnic.net", query: "2001:db8:10c::1" });
    expect(record.network).toMatchObject({ cidrs: ["2001:db8:10c::/48"], name: "EXAMPLE-CUSTOMER", country: "JP" });
    expect(record.statuses).toBeUndefined();
    expect(record.contacts?.map((c) => c.handle)).toEqual(["CUST1-AP"]);
    expect(JSON.stringify(record)).not.toContain("hostmaster@nir.example");
  });

  it("the narrower network first (RPSL less-specific objects after it): the wider one's own block is left out", () => {
    const text = ["inetnum: 192.0.2.128 - 192.0.2.255", "netname: INNER", "", "inetnum: 192.0.2.0 - 192.0.2.255", "netname: OUTER", "country: NL", ""].join("\n");
    const record = parseWhoisText(text, { server: "whois.ripe.net", query: "192.0.2.200" });
    expect(record.network).toMatchObject({ startAddress: "192.0.2.128", name: "INNER" });
    expect(record.network?.country).toBeUndefined();
  });

  it("unrelated networks (an inverse query's list) are read as before: the first one", () => {
    const text = ["inetnum: 192.0.2.0 - 192.0.2.255", "netname: FIRST", "", "inetnum: 198.51.100.0 - 198.51.100.255", "netname: SECOND", ""].join("\n");
    const record = parseWhoisText(text, { server: "whois.ripe.net" });
    expect(record.network).toMatchObject({ startAddress: "192.0.2.0", name: "FIRST" });
  });
});

describe("one rule for a line that opens a network (the first reading and mostSpecificNetwork share it)", () => {
  const opened = (text: string) => tokenize(text).filter(opensNetwork).map((entry) => entry.value);

  it("a range label at the top level of its block opens a network: ARIN's NetRange, RPSL's inetnum/inet6num", () => {
    expect(opened(arinNested)).toEqual(["198.51.0.0 - 198.51.255.255", "198.51.100.0 - 198.51.100.255"]);
    expect(opened("inet6num: 2001:db8::/32\nnetname: A\n\ninetnum: 192.0.2.0 - 192.0.2.255\nnetname: B\n")).toEqual(["2001:db8::/32", "192.0.2.0 - 192.0.2.255"]);
  });

  it("a range under a heading (JPNIC's [Network Number] under Network Information:) opens none, and leaves the answer as it is", () => {
    const text = ["inetnum:        192.0.2.0 - 192.0.2.255", "netname:        OUTER", "", "Network Information:", "a. [Network Number]             192.0.2.64/26", "b. [Network Name]               INNER", ""].join("\n");
    const entries = tokenize(text);
    expect(entries.some((entry) => entry.section !== "" && entry.value === "192.0.2.64/26")).toBe(true);
    expect(entries.filter(opensNetwork).map((entry) => entry.value)).toEqual(["192.0.2.0 - 192.0.2.255"]);
    // One network by the rule: nothing to narrow (the first reading does not ask for a second one either).
    expect(mostSpecificNetwork(entries)).toBe(entries);
  });

  it("two blocks opening nested networks are narrowed: the rule counts blocks, not lines", () => {
    const entries = tokenize(arinNested);
    expect(mostSpecificNetwork(entries)).not.toBe(entries);
    const twoLinesOneBlock = tokenize("inetnum: 192.0.2.0 - 192.0.2.255\ninetnum: 192.0.2.0 - 192.0.2.127\nnetname: ONE\n");
    expect(mostSpecificNetwork(twoLinesOneBlock)).toBe(twoLinesOneBlock);
  });
});

/**
 * RPSL's inetnum/inet6num `status:` is what RIPE's, APNIC's and AFRINIC's RDAP give as the network's `type`
 * (RIPE Database documentation, https://docs.db.ripe.net/RPSL-Object-Types/Descriptions-of-Primary-Objects/ ,
 * "status:" of inetnum; the RDAP ip network object's "type", RFC 9083 §5.4): port 43 gave it as a status only.
 */
describe("a network object's RPSL status is its type too", () => {
  it("from the network's own block, kept in the statuses as well", () => {
    const record = parseWhoisText(["inetnum: 192.0.2.0 - 192.0.2.255", "netname: EXAMPLE-NET", "status: ASSIGNED PA", "", "organisation: ORG-EX1-RIPE", "status: OTHER", ""].join("\n"), { server: "whois.ripe.net" });
    expect(record.network?.type).toBe("ASSIGNED PA");
    expect(record.statuses).toContain("ASSIGNED PA");
  });

  it("ARIN's NetType stays the type; a domain's status never makes a network", () => {
    const arin = parseWhoisText(["NetRange: 198.51.100.0 - 198.51.100.255", "NetType: Direct Allocation", "NetName: X", ""].join("\n"), { server: "whois.arin.net" });
    expect(arin.network?.type).toBe("DIRECT ALLOCATION");
    const domain = parseWhoisText(["Domain Name: example.com", "Domain Status: clientTransferProhibited", ""].join("\n"), { server: "whois.example" });
    expect(domain.network).toBeUndefined();
  });
});
