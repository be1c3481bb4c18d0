import { describe, expect, it } from "vitest";
import { inverseQueryFor } from "../../src/footprint/pivots/inverse-queries.js";
import { port43Pivots } from "../../src/footprint/port43-holder.js";
import { parseWhoisText } from "../../src/parse/index.js";
import { arinSummaryResources, port43Resources } from "../../src/footprint/port43-resources.js";
import { cpuTimed } from "../helpers/cpu-time.js";

/**
 * Answers written from each registry's documented layout (RIPE Database Query Reference Manual,
 * APNIC/AFRINIC whois (same software), LACNIC's WHOIS page lacnic.net/1040, ARIN's Whois-RWS text
 * output), each in its own style: attribute order, comments, remarks, several objects per answer.
 */
const RIPE_STYLE = [
  "% This is the RIPE Database query service.",
  "% Information related to '192.0.2.0 - 192.0.2.255'",
  "",
  "inetnum:        192.0.2.0 - 192.0.2.255",
  "netname:        EXAMPLE-NET",
  "country:        NL",
  "org:            ORG-EX1-RIPE",
  "admin-c:        JD1-RIPE",
  "tech-c:         EXN1-RIPE",
  "status:         ASSIGNED PA",
  "mnt-by:         RIPE-NCC-END-MNT",
  "mnt-by:         EXAMPLE-MNT",
  "source:         RIPE # Filtered",
  "",
  "organisation:   ORG-EX1-RIPE",
  "org-name:       Example Networks B.V.",
  "org-type:       OTHER",
  "address:        Keizersgracht 1",
  "address:        1015 CJ Amsterdam",
  "country:        NL",
  "mnt-by:         EXAMPLE-MNT",
  "source:         RIPE # Filtered",
  "",
  "role:           Example NOC",
  "nic-hdl:        EXN1-RIPE",
  "mnt-by:         EXAMPLE-MNT",
  "",
  "person:         Jane Doe",
  "nic-hdl:        JD1-RIPE",
  "",
].join("\n");

// APNIC: the allocation first, the assignment inside it after; maintainers are spelled MAINT-…; no org:.
const APNIC_STYLE = [
  "% [whois.apnic.net]",
  "% Whois data copyright terms    http://www.apnic.net/db/dbcopyright.html",
  "",
  "inet6num:       2001:db8::/32",
  "netname:        EXAMPLE-ALLOCATION",
  "descr:          Example Upstream Pty Ltd",
  "admin-c:        EU1-AP",
  "tech-c:         EU1-AP",
  "mnt-by:         APNIC-HM",
  "mnt-lower:      MAINT-AU-UPSTREAM",
  "status:         ALLOCATED PORTABLE",
  "source:         APNIC",
  "",
  "irt:            IRT-EXAMPLE-AU",
  "e-mail:         abuse@example.net",
  "mnt-by:         MAINT-AU-UPSTREAM",
  "",
  "inet6num:       2001:db8:a000::/40",
  "netname:        KANGAROO-NET",
  "descr:          Kangaroo Logistics",
  "country:        AU",
  "remarks:        ---------------",
  "remarks:        contact the NOC below for routing",
  "remarks:        ---------------",
  "admin-c:        KL1-AP",
  "tech-c:        KL1-AP",
  "mnt-irt:        IRT-EXAMPLE-AU",
  "mnt-by:         MAINT-AU-KANGAROO",
  "changed:        hm-changed@apnic.net 20200101",
  "status:         ASSIGNED NON-PORTABLE",
  "source:         APNIC",
  "",
  "role:           Kangaroo Logistics NOC",
  "nic-hdl:        KL1-AP",
  "mnt-by:         MAINT-AU-KANGAROO",
  "",
].join("\n");

const LACNIC_STYLE = [
  "% Joint Whois - whois.lacnic.net",
  "",
  "inetnum:     192.0.2/24",
  "status:      assigned",
  "aut-num:     N/A",
  "owner:       Ejemplo Cooperativa Ltda.",
  "ownerid:     UY-EJCO-LACNIC",
  "responsible: Maria Ejemplo",
  "address:     Avenida Siempreviva, 742",
  "address:     11000 - Montevideo - MO",
  "country:     UY",
  "owner-c:     MAE2",
  "tech-c:      MAE2",
  "created:     20200101",
  "",
  "nic-hdl:     MAE2",
  "person:      Maria Ejemplo",
  "",
].join("\n");

// ARIN: the provider's allocation and the customer's reassignment, each followed by its organisation.
const ARIN_STYLE = [
  "#",
  "# ARIN WHOIS data and services are subject to the Terms of Use",
  "#",
  "",
  "NetRange:       198.51.100.0 - 198.51.103.255",
  "CIDR:           198.51.100.0/22",
  "NetName:        BIGISP-NET",
  "Organization:   Big ISP Inc. (BIGISP)",
  "",
  "OrgName:        Big ISP Inc.",
  "OrgId:          BIGISP",
  "Country:        US",
  "",
  "NetRange:       198.51.100.0 - 198.51.100.255",
  "CIDR:           198.51.100.0/24",
  "NetName:        WIDGETCO-1",
  "NetType:        Reassigned",
  "Organization:   WidgetCo LLC (WIDGE-3)",
  "",
  "OrgName:        WidgetCo LLC",
  "OrgId:          WIDGE-3",
  "Address:        1 Main Street",
  "City:           Springfield",
  "StateProv:      OR",
  "PostalCode:     97477",
  "Country:        US",
  "OrgTechHandle:  WTECH-ARIN",
  "",
].join("\n");

/** The holder as footprint reads it over port 43: the parsed record's registrant contact and network. */
function holder(text: string, server: string, query: string): { handle?: string; name?: string; network?: string; networkName?: string } {
  const record = parseWhoisText(text, { server, query });
  const registrant = record.contacts?.find((c) => c.roles.includes("registrant"));
  return {
    ...(registrant?.handle ? { handle: registrant.handle } : {}),
    ...(registrant?.name ? { name: registrant.name } : {}),
    ...(record.network?.cidrs?.[0] ? { network: record.network.cidrs[0] } : {}),
    ...(record.network?.name ? { networkName: record.network.name } : {}),
  };
}

describe("port43Pivots: the maintainer and role handles beside the holder, per layout", () => {
  it("RIPE-style: the holder's own maintainer (not the registry's) and the role; the holder is the record's registrant", () => {
    expect(port43Pivots(RIPE_STYLE)).toEqual([
      { value: "EXAMPLE-MNT", kind: "maintainer", field: "mnt-by" },
      { value: "EXN1-RIPE", kind: "role", field: "tech-c" },
    ]);
    expect(holder(RIPE_STYLE, "whois.ripe.net", "192.0.2.1")).toEqual({ handle: "ORG-EX1-RIPE", name: "Example Networks B.V.", network: "192.0.2.0/24", networkName: "EXAMPLE-NET" });
  });

  it("APNIC-style: the most specific object's maintainer and role, not the allocation's; no org:, no holder", () => {
    expect(port43Pivots(APNIC_STYLE).map((h) => h.value)).toEqual(["MAINT-AU-KANGAROO", "KL1-AP"]);
    expect(holder(APNIC_STYLE, "whois.apnic.net", "2001:db8:a000::1")).toEqual({ network: "2001:db8:a000::/40", networkName: "KANGAROO-NET" });
  });

  it("LACNIC-style: no maintainer or role (owner-c names a person); the holder is ownerid/owner", () => {
    expect(port43Pivots(LACNIC_STYLE)).toEqual([]);
    expect(holder(LACNIC_STYLE, "whois.lacnic.net", "192.0.2.1")).toEqual({ handle: "UY-EJCO-LACNIC", name: "Ejemplo Cooperativa Ltda.", network: "192.0.2.0/24" });
  });

  it("ARIN-style: no maintainer or role attributes; the holder is the reassignment's organisation, not the provider's", () => {
    expect(port43Pivots(ARIN_STYLE)).toEqual([]);
    expect(holder(ARIN_STYLE, "whois.arin.net", "198.51.100.1")).toEqual({ handle: "WIDGE-3", name: "WidgetCo LLC", network: "198.51.100.0/24", networkName: "WIDGETCO-1" });
  });

  it("nothing from an answer without a resource object, and no handle with spaces or markup", () => {
    expect(port43Pivots("% no entries found\n")).toEqual([]);
    expect(port43Pivots(["organisation: ORG-X1-RIPE", "org-name: X", "mnt-by: X-MNT", ""].join("\n"))).toEqual([]);
    // RPSL end-of-line comments ("# …", RFC 2622 §2) are not part of the handle; anything else glued to it is refused.
    const hostile = "inetnum: 192.0.2.0 - 192.0.2.255\nmnt-by: X1-MNT # the holder's\nmnt-by: Y1;rm\nmnt-by: <script>\nmnt-by: \u001b[31mRED-MNT\n";
    expect(port43Pivots(hostile).map((h) => h.value)).toEqual(["X1-MNT"]);
  });

  it("keeps at most 50 handles and reads a 1 MiB answer quickly (no backtracking; ReDoS tripwire, CPU time)", () => {
    const many = ["inetnum: 192.0.2.0 - 192.0.2.255", ...Array.from({ length: 500 }, (_, i) => `mnt-by: M${i}-MNT`)].join("\n");
    expect(port43Pivots(many)).toHaveLength(50);
    const big = `inetnum: 192.0.2.0 - 192.0.2.255\n${"remarks: (((((((((((((((((((((((((((((((\n".repeat(25_000)}`;
    const { cpuMs } = cpuTimed(() => {
      port43Pivots(big);
      arinSummaryResources(big);
    });
    expect(cpuMs).toBeLessThan(2_000);
  });
});

describe("what an organisation holds, from each registry's answer", () => {
  it("an RPSL inverse answer: inetnum, inet6num and aut-num keys", () => {
    const answer = ["inetnum: 192.0.2.0 - 192.0.2.127", "netname: A-NET", "", "inet6num: 2001:0db8:a000:0000::/40", "netname: A-V6", "", "aut-num: AS64496", "as-name: A-AS", "", "mntner: A-MNT", ""].join("\n");
    expect(port43Resources(answer).map((r) => [r.kind, r.value, r.name])).toEqual([
      ["network", "192.0.2.0/25", "A-NET"],
      ["network", "2001:db8:a000::/40", "A-V6"],
      ["asn", "AS64496", "A-AS"],
    ]);
  });

  it("LACNIC's owner answer lists its resources as attributes (shortened prefixes too); N/A is none", () => {
    const answer = ["owner:       Ejemplo Cooperativa Ltda.", "ownerid:     UY-EJCO-LACNIC", "aut-num:     AS64497", "aut-num:     N/A", "inetnum:     192.0.2/24", "inetnum:     2001:db8:c000::/40", ""].join("\n");
    expect(port43Resources(answer).map((r) => r.value)).toEqual(["AS64497", "192.0.2.0/24", "2001:db8:c000::/40"]);
  });

  it("ARIN's summary lines (o ! > ORGID): networks as CIDRs, AS numbers", () => {
    const answer = [
      "# ARIN WHOIS data",
      "WidgetCo LLC WIDGETCO-1 (NET-198-51-100-0-1) 198.51.100.0 - 198.51.100.255",
      "WidgetCo LLC WIDGETCO-V6 (NET6-2001-DB8-B000-1) 2001:db8:b000:: - 2001:db8:b0ff:ffff:ffff:ffff:ffff:ffff",
      "WidgetCo LLC WIDGETCO-AS (AS64498) 64498",
      "WidgetCo LLC (WIDGE-3)",
    ].join("\n");
    expect(arinSummaryResources(answer).map((r) => [r.kind, r.value, r.name])).toEqual([
      ["network", "198.51.100.0/24", "WIDGETCO-1"],
      ["network", "2001:db8:b000::/40", "WIDGETCO-V6"],
      ["asn", "AS64498", "WIDGETCO-AS"],
    ]);
  });
});

describe("inverseQueryFor: each registry in its own syntax", () => {
  it.each([
    ["ORG-EX1-RIPE", {}, "whois.ripe.net", "-r -i org ORG-EX1-RIPE"],
    ["EXAMPLE-MNT", { server: "whois.ripe.net", kind: "maintainer" }, "whois.ripe.net", "-r -i mnt-by EXAMPLE-MNT"],
    ["MAINT-AU-KANGAROO", { server: "whois.apnic.net", kind: "maintainer" }, "whois.apnic.net", "-r -i mnt-by MAINT-AU-KANGAROO"],
    ["KL1-AP", { server: "whois.apnic.net", kind: "role" }, "whois.apnic.net", "-r -i admin-c,tech-c KL1-AP"],
    ["ORG-VSA1-AFRINIC", {}, "whois.afrinic.net", "-r -i org ORG-VSA1-AFRINIC"],
    ["WIDGE-3", { server: "whois.arin.net", kind: "organisation" }, "whois.arin.net", "o ! > WIDGE-3"],
    ["ACMEW-ARIN", { server: "rdap.arin.net", kind: "organisation" }, "whois.arin.net", "o ! > ACMEW-ARIN"],
    ["UY-EJCO-LACNIC", {}, "whois.lacnic.net", "UY-EJCO-LACNIC"],
  ])("%s → %s", (handle, known, server, request) => {
    expect(inverseQueryFor(handle, known)).toMatchObject({ server, request });
  });

  it.each(["ORG-X1-RIPE\r\n-i mnt-by RIPE-NCC-HM-MNT", "-B ORG-X1-RIPE", "ORG X1-RIPE", "ORG-X1-RIPE;", `ORG-${"X".repeat(80)}-RIPE`])(
    "never sends a handle that would add flags or a query: %j",
    (handle) => {
      expect(inverseQueryFor(handle, { server: "whois.ripe.net", kind: "organisation" })).toBeUndefined();
    },
  );

  it("no question for a handle no registry answers one for (a person's, an unknown registry's)", () => {
    expect(inverseQueryFor("JD1-RIPE", {})).toBeUndefined();
    expect(inverseQueryFor("WTECH-ARIN", { server: "whois.arin.net", kind: "role" })).toBeUndefined();
    expect(inverseQueryFor("SOMETHING", {})).toBeUndefined();
  });
});
