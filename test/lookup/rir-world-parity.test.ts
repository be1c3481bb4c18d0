import { beforeAll, describe, expect, it } from "vitest";
import type { Contact, WhoisRecord } from "../../src/record/types.js";
import { useSandboxWork } from "../helpers/built-cli.js";
import { runCli } from "../helpers/cli.js";
import { havePython, useRirWorld } from "./rir-world.js";

/**
 * The five places where `lookup --protocol whois` gave another record than `--protocol rdap` for the same object
 * on the Python RIR world (rir-world.test.ts's .todo lines), from the CLI, over both protocols: the two records
 * now agree on the field. The parser's side is in test/parse/whois/number-holder.test.ts.
 */
const NUMBERS: { query: string; truth: string }[] = [
  { query: "198.51.100.7", truth: "198.51.100.0/24" },
  { query: "192.0.2.10", truth: "192.0.2.0/24" },
  { query: "203.0.113.9", truth: "203.0.113.0/25" },
  { query: "192.88.99.5", truth: "192.88.99.0/24" },
  { query: "198.18.5.1", truth: "198.18.0.0/15" },
  { query: "2001:db8:100::1", truth: "2001:db8:100::/40" },
  { query: "2001:db8:1000::1", truth: "2001:db8:1000::/36" },
  { query: "2001:db8:2000::1", truth: "2001:db8:2000::/36" },
  { query: "2001:db8:3000::1", truth: "2001:db8:3000::/36" },
  { query: "2001:db8:4000::1", truth: "2001:db8:4000::/36" },
  { query: "AS64500", truth: "AS64500" },
  { query: "AS64501", truth: "AS64501" },
  { query: "AS64502", truth: "AS64502" },
  { query: "AS64503", truth: "AS64503" },
  { query: "64504", truth: "AS64504" },
];
const ASNS = NUMBERS.filter((row) => row.truth.startsWith("AS"));

async function lookupAll(flags: readonly string[], protocol: "rdap" | "whois", queries: string[]): Promise<Map<string, WhoisRecord>> {
  const run = await runCli(["lookup", "--protocol", protocol, "--ndjson", "--timeout", "5000", ...flags, ...queries]);
  const records = new Map<string, WhoisRecord>();
  for (const line of run.stdout.split("\n").filter(Boolean)) {
    const record = JSON.parse(line) as WhoisRecord;
    records.set(record.query, record);
  }
  return records;
}

/** The holder as RDAP's registrant entity names it: the registrant contact with the holder's handle. */
function holder(record: WhoisRecord | undefined, handle: string): Pick<Contact, "roles" | "handle" | "name"> | undefined {
  const contact = record?.contacts?.find((c) => c.roles.includes("registrant") && c.handle === handle);
  return contact === undefined ? undefined : { roles: contact.roles.filter((role) => role === "registrant"), handle: contact.handle, name: contact.name };
}

describe.skipIf(!havePython)("port 43 and RDAP agree on number records' holders, AS numbers, short blocks, JPNIC and ARIN POCs", () => {
  const world = useRirWorld();
  const records: Record<"rdap" | "whois", Map<string, WhoisRecord>> = { rdap: new Map(), whois: new Map() };

  beforeAll(async () => {
    const queries = [...NUMBERS.map((row) => row.query), "NOC1234-ARIN"];
    [records.rdap, records.whois] = await Promise.all([lookupAll(world().flags, "rdap", queries), lookupAll(world().flags, "whois", queries)]);
  }, 60_000);

  it.each(NUMBERS)("$query: the holder is the registrant contact with the holder's handle and name, over both protocols", ({ query, truth }) => {
    const want = world().truth[truth]!;
    const expected = { roles: ["registrant"], handle: want.orgHandle, name: want.org };
    expect(holder(records.rdap.get(query), want.orgHandle)).toEqual(expected);
    expect(holder(records.whois.get(query), want.orgHandle)).toEqual(expected);
  });

  it.each(NUMBERS.filter((row) => !row.truth.startsWith("AS")))("$query: network.organization is the holder's name on both protocols", ({ query, truth }) => {
    const org = world().truth[truth]!.org;
    expect(records.whois.get(query)?.network?.organization).toBe(org);
    expect(records.rdap.get(query)?.network?.organization).toBe(org);
  });

  it.each(ASNS)("$query: the AS number's country is asn.country and no network object is made, over both protocols", ({ query, truth }) => {
    for (const protocol of ["rdap", "whois"] as const) {
      const record = records[protocol].get(query);
      expect(record?.kind, protocol).toBe("asn");
      expect(record?.network, protocol).toBeUndefined();
      expect(record?.asn?.country, protocol).toBe(world().truth[truth]!.country);
    }
  });

  it("LACNIC's abbreviated `inetnum: 198.18/15`: the network's handle is 198.18.0.0/15 on both protocols", () => {
    expect(records.rdap.get("198.18.5.1")?.network?.handle).toBe("198.18.0.0/15");
    expect(records.whois.get("198.18.5.1")?.network?.handle).toBe(records.rdap.get("198.18.5.1")?.network?.handle);
    expect(world().truth["198.18.0.0/15"]!.handle).toBe("198.18.0.0/15");
  });

  it("JPNIC's `a. [Network Number]` and `g. [Organization]`: the merged port-43 record is JPNIC's /28 under its holder, not APNIC's /27", async () => {
    const run = await runCli(["lookup", "--protocol", "whois", "--json", ...world().flags, "203.0.113.170"]);
    const record = JSON.parse(run.stdout) as WhoisRecord;
    expect(record.chain?.map((hop) => hop.server)).toEqual(["whois.apnic.net", "whois.nic.ad.jp"]);
    // fixtures/rir_world.py JPNIC_NETS: 203.0.113.160/28 SAKURA-NET, held by Sakura Denki K.K.
    expect(record.network).toMatchObject({ handle: "203.0.113.160/28", cidrs: ["203.0.113.160/28"], startAddress: "203.0.113.160", endAddress: "203.0.113.175", name: "SAKURA-NET", organization: "Sakura Denki K.K." });
  });

  it("an ARIN POC handle over port 43 is a registered entity with the one contact RDAP's entity answer gives", () => {
    const pick = (contact: Contact | undefined) => contact && { roles: contact.roles, handle: contact.handle, name: contact.name, email: contact.email, phone: contact.phone, street: contact.street };
    const whois = records.whois.get("NOC1234-ARIN");
    const rdap = records.rdap.get("NOC1234-ARIN");
    expect(whois).toMatchObject({ kind: "entity", status: "registered" });
    expect(rdap).toMatchObject({ kind: "entity", status: "registered" });
    expect(whois?.contacts).toHaveLength(1);
    const { street: _street, ...fromWhois } = pick(whois?.contacts?.[0])!;
    const { street: _rdapStreet, ...fromRdap } = pick(rdap?.contacts?.[0])!;
    expect(fromWhois).toEqual(fromRdap);
    expect(fromWhois).toEqual({ roles: [], handle: "NOC1234-ARIN", name: "Network Operations", email: "noc@northwind.example", phone: "+1-206-555-0100" });
    // ARIN's POC answer names the company RDAP leaves to the org entity.
    expect(whois?.contacts?.[0]?.organization).toBe("Northwind Traders Inc.");
  });
});

/**
 * The same fields on the first world (src/server, written in TypeScript in another style: ARIN's `Organization:`
 * and Org block, RIPE and APNIC organisation objects, LACNIC's owner block): the holder and the AS numbers agree
 * across protocols there too (docs/sandbox.md lists the objects).
 */
describe("port 43 and RDAP agree on number records' holders on the sandbox world too", () => {
  const world = useSandboxWork("whoislens-parity-");
  const records: Record<"rdap" | "whois", Map<string, WhoisRecord>> = { rdap: new Map(), whois: new Map() };
  const HOLDERS = [
    { query: "198.51.100.7", handle: "ACMEW-ARIN", name: "Acme Widgets Inc." },
    { query: "203.0.113.7", handle: "ORG-AWE1-RIPE", name: "Acme Widgets Europe B.V." },
    { query: "2001:db8:a000::7", handle: "ORG-KL1-AP", name: "Kangaroo Logistics Pty Ltd" },
    { query: "2001:db8:c000::7", handle: "UY-COEJ-LACNIC", name: "Cooperativa Ejemplo Ltda." },
    { query: "AS64500", handle: "ACMEW-ARIN", name: "Acme Widgets Inc.", country: "US" },
    { query: "AS64501", handle: "ORG-AWE1-RIPE", name: "Acme Widgets Europe B.V.", country: "NL" },
    { query: "AS65545", handle: "ORG-KL1-AP", name: "Kangaroo Logistics Pty Ltd", country: "AU" },
    { query: "AS65540", handle: "UY-COEJ-LACNIC", name: "Cooperativa Ejemplo Ltda.", country: "UY" },
  ];

  beforeAll(async () => {
    const { mapFile, sandbox } = world();
    const flags = ["--servers", mapFile, "--servers-only", "--bootstrap-dir", sandbox.bootstrapDir, "--no-cache"];
    const queries = HOLDERS.map((row) => row.query);
    [records.rdap, records.whois] = await Promise.all([lookupAll(flags, "rdap", queries), lookupAll(flags, "whois", queries)]);
  }, 60_000);

  it.each(HOLDERS)("$query: the registrant contact $handle ($name) on both protocols", ({ query, handle, name }) => {
    expect(holder(records.rdap.get(query), handle)).toEqual({ roles: ["registrant"], handle, name });
    expect(holder(records.whois.get(query), handle)).toEqual({ roles: ["registrant"], handle, name });
  });

  it.each(HOLDERS.filter((row) => row.country !== undefined))("$query: asn.country $country and no network, on both protocols", ({ query, country }) => {
    for (const protocol of ["rdap", "whois"] as const) {
      expect(records[protocol].get(query)?.network, protocol).toBeUndefined();
      expect(records[protocol].get(query)?.asn?.country, protocol).toBe(country);
    }
  });
});
