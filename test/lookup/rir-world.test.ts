import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WhoisRecord } from "../../src/record/types.js";
import { BIN, ROOT, runNode } from "../helpers/built-cli.js";
import { runCli } from "../helpers/cli.js";
import { agreed, expected, havePython, startRirWorld, useRirWorld, type RirWorld } from "./rir-world.js";

/**
 * Number resources on a world we did not write in TypeScript (fixtures/rir_world.py): every kind of
 * query, from the CLI, over RDAP and over port 43, must come out as the same normalized record — the
 * one the world's own table says. Each RIR answers in its real layout (ARIN's NetRange/OrgId, RPSL at
 * RIPE/APNIC/AFRINIC, LACNIC's owner/ownerid with abbreviated blocks, in Latin-1).
 */
const CASES: { query: string; truth: string; what: string }[] = [
  { query: "198.51.100.7", truth: "198.51.100.0/24", what: "IPv4 at ARIN (NetRange, rwhois referral to an unmapped host refused)" },
  { query: "192.0.2.10", truth: "192.0.2.0/24", what: "IPv4 ARIN lists but RIPE holds (ReferralServer / RDAP 303)" },
  { query: "203.0.113.9", truth: "203.0.113.0/25", what: "IPv4 at APNIC" },
  { query: "192.88.99.5", truth: "192.88.99.0/24", what: "IPv4 at AFRINIC" },
  { query: "198.18.5.1", truth: "198.18.0.0/15", what: "IPv4 at LACNIC (abbreviated 198.18/15, Latin-1)" },
  { query: "2001:db8:100::1", truth: "2001:db8:100::/40", what: "IPv6 at ARIN" },
  { query: "2001:db8:1000::1", truth: "2001:db8:1000::/36", what: "IPv6 at RIPE (inet6num)" },
  { query: "2001:db8:2000::1", truth: "2001:db8:2000::/36", what: "IPv6 at APNIC" },
  { query: "2001:db8:3000::1", truth: "2001:db8:3000::/36", what: "IPv6 at AFRINIC" },
  { query: "2001:db8:4000::1", truth: "2001:db8:4000::/36", what: "IPv6 at LACNIC" },
  { query: "198.51.100.0/24", truth: "198.51.100.0/24", what: "CIDR at ARIN" },
  { query: "192.0.2.0/25", truth: "192.0.2.0/24", what: "CIDR inside RIPE's block, via ARIN" },
  { query: "2001:db8:1000::/48", truth: "2001:db8:1000::/36", what: "IPv6 CIDR at RIPE" },
  { query: "AS64500", truth: "AS64500", what: "ASN at ARIN (a + 64500)" },
  { query: "64500", truth: "AS64500", what: "bare ASN at ARIN" },
  { query: "AS64501", truth: "AS64501", what: "ASN at RIPE" },
  { query: "AS64502", truth: "AS64502", what: "ASN at APNIC" },
  { query: "AS64503", truth: "AS64503", what: "ASN at AFRINIC" },
  { query: "64504", truth: "AS64504", what: "bare ASN at LACNIC" },
];

/** The record carries what the world's table says, over either protocol (the port-43 gaps once listed here are closed: rir-world-parity.test.ts). */
function expectAgreement(record: WhoisRecord, world: RirWorld, truth: string, protocol: string, query: string): void {
  expect(agreed(record, world.truth[truth]!.orgHandle), `${protocol} ${query}`).toEqual(expected(world.truth[truth]!));
}

async function lookupAll(world: RirWorld, protocol: "rdap" | "whois", queries: string[]): Promise<Map<string, WhoisRecord>> {
  const run = await runCli(["lookup", "--protocol", protocol, "--ndjson", ...world.flags, ...queries]);
  const records = new Map<string, WhoisRecord>();
  for (const line of run.stdout.split("\n").filter(Boolean)) {
    const record = JSON.parse(line) as WhoisRecord;
    records.set(record.query, record);
  }
  return records;
}

describe.skipIf(!havePython)("number resources on the Python RIR world, from the CLI, over both protocols", () => {
  let world: RirWorld;
  const records: Record<"rdap" | "whois", Map<string, WhoisRecord>> = { rdap: new Map(), whois: new Map() };

  beforeAll(async () => {
    world = await startRirWorld();
    const queries = CASES.map((c) => c.query);
    [records.rdap, records.whois] = await Promise.all([lookupAll(world, "rdap", queries), lookupAll(world, "whois", queries)]);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  describe.each(["rdap", "whois"] as const)("--protocol %s", (protocol) => {
    it.each(CASES)("$query ($what): range, cidr, name, handle, holder, country, contacts as the world has them", ({ query, truth }) => {
      const record = records[protocol].get(query);
      expect(record, `no record for ${query}`).toBeDefined();
      expect(record!.source.protocol).toBe(protocol);
      expectAgreement(record!, world, truth, protocol, query);
    });
  });

  // LACNIC's owner-c is "the organization's point of contact" (https://www.lacnic.net/1040), the administrative entity in
  // LACNIC's RDAP; over port 43 it came out a second registrant beside the holder.
  it.each(["rdap", "whois"] as const)("LACNIC's owner-c person (AMU2) over %s is the holder's administrative contact, not a second registrant", (protocol) => {
    const record = records[protocol].get("198.18.5.1");
    expect(record?.contacts?.filter((c) => c.roles.includes("registrant")).map((c) => c.handle)).toEqual(["CL-CADL-LACNIC"]);
    expect(record?.contacts?.find((c) => c.handle === "AMU2")?.roles).toContain("administrative");
  });

  it("the built CLI (./bin/whoislens, the bundle users run) gives the same records over both protocols", async () => {
    if (!existsSync(join(ROOT, "dist/cli/main.js"))) throw new Error("this test runs the built CLI: run `npm run build` first (npm test does)");
    const env = { WHOISLENS_CACHE_DIR: join(world.dir, "cache"), XDG_CONFIG_HOME: join(world.dir, "config"), XDG_DATA_HOME: join(world.dir, "data") };
    const picks = CASES.filter((c) => ["192.0.2.10", "198.18.5.1", "2001:db8:2000::1", "64500"].includes(c.query));
    for (const protocol of ["rdap", "whois"]) {
      const run = await runNode([BIN, "lookup", "--protocol", protocol, "--ndjson", ...world.flags, ...picks.map((c) => c.query)], env);
      expect(run.code, run.stderr).toBe(0);
      const byQuery = new Map(run.stdout.trim().split("\n").map((line) => JSON.parse(line) as WhoisRecord).map((r) => [r.query, r]));
      for (const { query, truth } of picks) {
        expectAgreement(byQuery.get(query)!, world, truth, protocol, query);
      }
    }
  }, 60_000);

  it("the ARIN-listed RIPE block: port 43 follows ReferralServer, RDAP follows the 303, both end at RIPE", () => {
    expect(records.whois.get("192.0.2.10")?.chain?.map((hop) => hop.server)).toEqual(["whois.arin.net", "whois.ripe.net"]);
    // One RDAP hop: the redirect is inside it, taken through the --servers map (never to the real host).
    expect(records.rdap.get("192.0.2.10")?.chain?.map((hop) => `${hop.server} ${hop.status}`)).toEqual(["rdap.arin.net registered"]);
    // The data is RIPE's: the record's source says so (the chain keeps the hop that was asked).
    expect(records.rdap.get("192.0.2.10")?.source).toMatchObject({ server: "rdap.db.ripe.net", url: "https://rdap.db.ripe.net/ip/192.0.2.10" });
  });

  it.each([
    { base: "https://rdap.arin.net/registry/", code: 303 },
    { base: "https://rdap.db.ripe.net/", code: 301 },
    { base: "https://rdap.apnic.net/", code: 307 },
    { base: "https://rdap.lacnic.net/rdap/", code: 308 },
  ])("--rdap-url $base: the RIR redirects ($code) to AFRINIC, which answers for its own block and AS number", async ({ base }) => {
    const run = await runCli(["lookup", "--protocol", "rdap", "--ndjson", "--rdap-url", base, ...world.flags, "192.88.99.5", "AS64503"]);
    const [ip, asn] = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as WhoisRecord);
    expect(ip?.source).toMatchObject({ server: "rdap.afrinic.net", url: "https://rdap.afrinic.net/rdap/ip/192.88.99.5" });
    expect(agreed(ip!, "ORG-BN1-AFRINIC")).toEqual(expected(world.truth["192.88.99.0/24"]!));
    expect(agreed(asn!, "ORG-BN1-AFRINIC")).toEqual(expected(world.truth["AS64503"]!));
  });

  it("--rdap-url at AFRINIC: its 302 leads to APNIC for APNIC's block", async () => {
    const run = await runCli(["lookup", "--protocol", "rdap", "--json", "--rdap-url", "https://rdap.afrinic.net/rdap/", ...world.flags, "203.0.113.9"]);
    const record = JSON.parse(run.stdout) as WhoisRecord;
    expect(record.source.server).toBe("rdap.apnic.net");
    expect(agreed(record, "ORG-KF1-AP")).toEqual(expected(world.truth["203.0.113.0/25"]!));
  });

  it("ARIN is asked with its own flags: n + for addresses and CIDRs, a + for AS numbers", () => {
    expect(records.whois.get("198.51.100.7")?.chain?.[0]?.query).toBe("n + 198.51.100.7");
    expect(records.whois.get("198.51.100.0/24")?.chain?.[0]?.query).toBe("n + 198.51.100.0/24");
    expect(records.whois.get("64500")?.chain?.[0]?.query).toBe("a + 64500");
    expect(records.whois.get("AS64500")?.chain?.[0]?.query).toBe("a + 64500");
    expect(records.whois.get("AS64501")?.chain?.[0]?.query).toBe("-B AS64501");
  });

  it("an address in JPNIC's allocation: APNIC's answer hands over to JPNIC (asked with /e), whose holder wins", async () => {
    const run = await runCli(["lookup", "--protocol", "whois", "--json", ...world.flags, "203.0.113.170"]);
    const record = JSON.parse(run.stdout) as WhoisRecord;
    expect(record.chain?.map((hop) => `${hop.server} ${hop.query} ${hop.status}`)).toEqual(["whois.apnic.net -B 203.0.113.170 registered", "whois.nic.ad.jp 203.0.113.170/e registered"]);
    expect(record.network?.name).toBe("SAKURA-NET");
    expect(record.contacts?.map((c) => c.handle)).toEqual(["SD1234JP"]);
  });

  it.each([
    // ARIN's rwhois referral is tried, and refused (this world's map has no RWhois server): a third hop, in error.
    { query: "198.51.100.7", truth: "198.51.100.0/24", rir: "whois.arin.net", then: ["rwhois.northwind.example"] },
    { query: "2001:db8:1000::1", truth: "2001:db8:1000::/36", rir: "whois.ripe.net", then: [] },
    { query: "AS64502", truth: "AS64502", rir: "whois.apnic.net", then: [] },
  ])("-h whois.iana.org $query: IANA's refer: leads to $rir and the same record as the bootstrap's route", async ({ query, truth, rir, then }) => {
    const run = await runCli(["lookup", "--protocol", "whois", "--json", "-h", "whois.iana.org", ...world.flags, query]);
    const record = JSON.parse(run.stdout) as WhoisRecord;
    expect(record.chain?.map((hop) => hop.server)).toEqual(["whois.iana.org", rir, ...then]);
    expect(agreed(record, world.truth[truth]!.orgHandle)).toEqual(expected(world.truth[truth]!));
  });

  it("an rwhois referral to a host the --servers-only map lacks is refused, and the ARIN data stays", () => {
    // Followed since w13 (rwhois-referral.test.ts has the RWhois world); this world maps no RWhois server.
    expect(records.whois.get("198.51.100.7")?.notes).toEqual([
      "referral to rwhois.northwind.example gave no record (WL_ERR_NO_SERVER: rwhois.northwind.example is not in the --servers map (mapped-only mode)); data from whois.arin.net only",
    ]);
  });

  it("LACNIC's Latin-1 answer reads as the same holder name RDAP gives in UTF-8", () => {
    expect(records.whois.get("198.18.5.1")?.network?.organization).toBe("Compañía Andina de Datos Ltda.");
    expect(records.rdap.get("198.18.5.1")?.network?.organization).toBe("Compañía Andina de Datos Ltda.");
  });

});

describe.skipIf(!havePython)("handles and the hostile corners of the Python RIR world", () => {
  const rirWorld = useRirWorld();
  const cli = (protocol: string, ...queries: string[]) => runCli(["lookup", "--protocol", protocol, "--json", "--timeout", "3000", ...rirWorld().flags, ...queries]);

  const ORGS = [
    { handle: "NWT-7", name: "Northwind Traders Inc.", rir: "ARIN (an OrgId: no RFC 8521 tag, ARIN by default on both protocols)" },
    { handle: "ORG-FA1-RIPE", name: "Fjord Analytics AS", rir: "RIPE" },
    { handle: "ORG-KF1-AP", name: "Kiwi Fibre Ltd", rir: "APNIC" },
    { handle: "ORG-BN1-AFRINIC", name: "Baobab Networks Ltd", rir: "AFRINIC" },
    { handle: "CL-CADL-LACNIC", name: "Compañía Andina de Datos Ltda.", rir: "LACNIC" },
  ];
  describe.each(["rdap", "whois"])("--protocol %s", (protocol) => {
    it.each(ORGS)("the organisation handle $handle ($rir) is the organisation, asked once", async ({ handle, name }) => {
      const run = await cli(protocol, handle);
      expect(run.code, run.stderr).toBe(0);
      const record = JSON.parse(run.stdout) as WhoisRecord;
      expect(record).toMatchObject({ kind: "entity", status: "registered" });
      expect(record.contacts?.some((c) => c.name === name || c.organization === name), JSON.stringify(record.contacts)).toBe(true);
      expect(record.chain).toHaveLength(1);
      // An RIR entity's related links name its networks: other objects, not a second copy to merge.
      if (protocol === "rdap") expect(record.network).toBeUndefined();
    });
  });

  // The role objects of the world's table (rir_world.py HOLDERS): port 43 answers `-B HANDLE` with the one RPSL role
  // object, RDAP with the entity. Both must give the entity itself as the record's one contact. (Phones as digits: the
  // world writes "+64 9 555 0100" over port 43 and the tel: URI "+64-9-555-0100" in RDAP; the RPSL role has no country.)
  const ROLES = [
    { handle: "KF42-AP", rir: "APNIC", hosts: { whois: "whois.apnic.net", rdap: "rdap.apnic.net" }, name: "Kiwi Fibre NOC", email: "noc@kiwifibre.example", phone: "6495550100", street: ["12 Queen Street"], city: "Auckland", postalCode: "1010" },
    { handle: "FA123-RIPE", rir: "RIPE", hosts: { whois: "whois.ripe.net", rdap: "rdap.db.ripe.net" }, name: "Fjord NOC", email: "noc@fjord.example", phone: "4722000000", street: ["Storgata 1"], city: "Oslo", postalCode: "0155" },
    { handle: "BN7-AFRINIC", rir: "AFRINIC", hosts: { whois: "whois.afrinic.net", rdap: "rdap.afrinic.net" }, name: "Baobab Hostmaster", email: "hostmaster@baobab.example", phone: "254205550100", street: ["Kenyatta Avenue 5"], city: "Nairobi", postalCode: "00100" },
  ];
  describe.each(["rdap", "whois"])("--protocol %s", (protocol) => {
    it.each(ROLES)("the role handle $handle ($rir) is a registered entity whose one contact is the role", async ({ handle, hosts, phone, ...fields }) => {
      const run = await cli(protocol, handle);
      expect(run.code, run.stderr).toBe(0);
      const record = JSON.parse(run.stdout) as WhoisRecord;
      expect(record).toMatchObject({ kind: "entity", status: "registered" });
      expect(record.chain?.map((hop) => hop.server)).toEqual([hosts[protocol as "rdap" | "whois"]]);
      expect(record.contacts?.map((c) => ({ roles: c.roles, handle: c.handle, name: c.name, email: c.email, phone: c.phone?.replace(/\D/g, ""), street: c.street, city: c.city, postalCode: c.postalCode }))).toEqual([
        { roles: [], handle, phone, name: fields.name, email: fields.email, street: fields.street, city: fields.city, postalCode: fields.postalCode },
      ]);
      expect(record.notes).toBeUndefined();
    });
  });

  // A LACNIC person handle has no -SUFFIX ("AMU2"): a handle, not a one-label domain (src/lookup/classify.ts). No
  // registry can be told from it, so the user names one: -h over port 43, --rdap-url over RDAP (or both from --rdap-url).
  const ANA = { roles: [], handle: "AMU2", name: "Ana Muñoz", email: "ana@andina.example", street: ["Av. Providencia, 1234"], city: "Ñuñoa", state: "RM", postalCode: "7750000" };
  it.each([
    { protocol: "whois", registry: ["-h", "whois.lacnic.net"], server: "whois.lacnic.net" },
    { protocol: "whois", registry: ["--rdap-url", "https://rdap.lacnic.net/rdap/"], server: "whois.lacnic.net" },
    { protocol: "rdap", registry: ["--rdap-url", "https://rdap.lacnic.net/rdap/"], server: "rdap.lacnic.net" },
  ])("LACNIC's person AMU2 over $protocol with $registry.0: the registered entity, asked once of $server (Latin-1 on both)", async ({ protocol, registry, server }) => {
    const run = await runCli(["lookup", "--protocol", protocol, "--json", "--timeout", "3000", ...registry, ...rirWorld().flags, "AMU2"]);
    expect(run.code, run.stderr).toBe(0);
    const record = JSON.parse(run.stdout) as WhoisRecord;
    expect(record).toMatchObject({ kind: "entity", status: "registered" });
    expect(record.chain?.map((hop) => hop.server)).toEqual([server]);
    const ana = record.contacts?.find((c) => c.handle === "AMU2");
    // (The world's RDAP writes the country in the adr's country-name part, which the record keeps as `country`.)
    expect({ ...ana, phone: ana?.phone?.replace(/\D/g, ""), country: ana?.countryCode ?? ana?.country }).toMatchObject({ ...ANA, phone: "56225550100", country: "CL" });
  });

  it.each(["auto", "rdap", "whois"])("AMU2 with no registry named (--protocol %s) fails WL_ERR_NO_SERVER, naming how to name one", async (protocol) => {
    const run = await cli(protocol, "AMU2");
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/WL_ERR_NO_SERVER: AMU2 is a registry handle without a -SUFFIX .* -h .* --rdap-url/);
  });

  it("a maintainer asked of RIPE over port 43 is a registered entity, with the admin-c it names", async () => {
    const run = await runCli(["lookup", "--protocol", "whois", "--json", "--timeout", "3000", "-h", "whois.ripe.net", ...rirWorld().flags, "FJORD-MNT"]);
    const record = JSON.parse(run.stdout) as WhoisRecord;
    expect(record).toMatchObject({ kind: "entity", status: "registered", contacts: [{ roles: [], handle: "FJORD-MNT" }, { roles: ["administrative"], handle: "FA123-RIPE" }] });
  });

  it.each(["rdap", "whois"])("LACNIC's ownerid CL-CADL-LACNIC over %s names the owner, in Latin-1 on both protocols", async (protocol) => {
    const run = await cli(protocol, "CL-CADL-LACNIC");
    expect(run.code).toBe(0);
    const record = JSON.parse(run.stdout) as WhoisRecord;
    expect(record.status).toBe("registered");
    // LACNIC's RDAP entities come as Latin-1 JSON with `charset=ISO-8859-1`; its port 43 as Latin-1 text.
    expect(JSON.stringify(record)).toContain("Compañía Andina de Datos Ltda.");
    expect(JSON.stringify(record)).not.toContain("\ufffd");
  });

  it("an ARIN POC handle answers over RDAP", async () => {
    const run = await cli("rdap", "NOC1234-ARIN");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: "entity", status: "registered", contacts: [{ handle: "NOC1234-ARIN", name: "Network Operations" }] });
  });

  it("a referral to a private address is refused over both protocols, and the private host is never asked", async () => {
    const whois = await cli("whois", "AS64505");
    const record = JSON.parse(whois.stdout) as WhoisRecord;
    expect(record.chain?.at(-1)).toMatchObject({ server: "10.11.12.13", status: "error", error: { code: "WL_ERR_PRIVATE_ADDRESS" } });
    expect(record.asn?.handle).toBe("AS64505");
    const rdap = await cli("rdap", "AS64505");
    expect(rdap.code).not.toBe(0);
    expect(rdap.stderr).toMatch(/WL_ERR_PRIVATE_ADDRESS: 10\.11\.12\.13/);
  });

  it("a referral loop between two RIRs ends over both protocols", async () => {
    const rdap = await cli("rdap", "AS64506");
    expect(rdap.code).not.toBe(0);
    expect(rdap.stderr).toMatch(/WL_ERR_REFERRAL_LOOP/);
    const whois = await cli("whois", "AS64506");
    const record = JSON.parse(whois.stdout) as WhoisRecord;
    // ARIN → AFRINIC, whose answer points back at ARIN: asked once each, the loop named, the data kept.
    expect(record.chain?.map((hop) => hop.server)).toEqual(["whois.arin.net", "whois.afrinic.net", "whois.arin.net"]);
    expect(record.chain?.at(-1)).toMatchObject({ status: "error", error: { code: "WL_ERR_REFERRAL_LOOP" } });
    expect(record.asn?.name).toBe("LOOP-AS");
  });

  it("an RDAP server that closes after its status line: an error, exit 3, nothing passed off as registered", async () => {
    const run = await cli("rdap", "AS64508");
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/WL_ERR_(CONNECT|PROTOCOL)/);
  });

  it("a server that closes after its first line gives no record passed off as registered", async () => {
    const run = await cli("whois", "AS64508");
    expect(run.code).not.toBe(0);
    const record = JSON.parse(run.stdout) as WhoisRecord;
    expect(record.status).toBe("unknown");
    expect(record.notes?.join(" ")).toMatch(/This is the AfriNIC Whois server/);
  });

  it.each(["rdap", "whois"])("a block in APNIC's bootstrap range that APNIC does not hold is not found over %s (RDAP 404, %%ERROR:101)", async (protocol) => {
    const run = await cli(protocol, "203.0.113.200");
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "available", chain: [{ server: protocol === "rdap" ? "rdap.apnic.net" : "whois.apnic.net", status: "available" }] });
  });
});
