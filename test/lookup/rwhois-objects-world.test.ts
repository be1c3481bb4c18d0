import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TieredAnswerCache } from "../../src/lookup/cache.js";
import { lookup } from "../../src/lookup/engine.js";
import type { HopScheduler } from "../../src/lookup/scheduler.js";
import { loadServerMap } from "../../src/servers/index.js";
import { havePython } from "./rir-world.js";
import { hops, lookupJson, startRwhoisWorld, type RwhoisWorld } from "./rwhois-world.js";

/**
 * RWhois answers read as objects, and in-answer `%referral` lines followed (issue #13, w15), from the CLI on the
 * Python RWhois world (fixtures/rwhois_world.py): Tailspin's referenced organization and contact objects under a
 * wider ISP network, Fabrikam's inline holder, and the rwhoisd sample-data spelling of a reseller reached through
 * Wingtip's `%referral rwhois://…/auth-area=…`.
 */
const RESELLER_URL = "rwhois://rwhois.reseller.example:4321/auth-area=203.0.113.192/26";

describe.skipIf(!havePython)("RWhois objects and %referral over the CLI, on the Python RWhois world", () => {
  let world: RwhoisWorld;
  beforeAll(async () => {
    world = await startRwhoisWorld();
  }, 30_000);
  afterAll(async () => world?.close());

  it("Tailspin: the most specific network, its country, the holder's address and the contacts' objects by ID", async () => {
    const { code, record } = await lookupJson(world, "198.51.100.40");
    expect(code).toBe(0);
    expect(record.network).toMatchObject({ cidrs: ["198.51.100.32/28"], handle: "TAIL-NET-4411", name: "NORTHBROOK-CLINIC", organization: "Northbrook Family Clinic", country: "US" });
    expect(record.contacts).toEqual([
      { roles: ["registrant"], handle: "ORG-TAIL-NET-4411", name: "Northbrook Family Clinic", street: ["4 Harbor Road"], city: "Portland", state: "ME", postalCode: "04101", countryCode: "US" },
      { roles: ["technical"], handle: "NB-IT", name: "Northbrook IT Desk", email: "it@northbrook.example", phone: "+1-207-555-0143" },
      { roles: ["administrative"], handle: "NB-ADMIN", name: "Dana Whitfield", email: "dana@northbrook.example" },
    ]);
  });

  it("Fabrikam: the holder printed on the network itself gives the country and the holder's address", async () => {
    const { record } = await lookupJson(world, "203.0.113.10");
    expect(record.network).toMatchObject({ cidrs: ["203.0.113.0/27"], organization: "Contoso Bakery LLC", country: "US" });
    expect(record.contacts?.find((contact) => contact.roles.includes("registrant"))).toMatchObject({ name: "Contoso Bakery LLC", street: ["12 Flour Lane"], city: "Springfield", postalCode: "62701", countryCode: "US" });
  });

  it("%referral from Wingtip to its reseller: followed, auth-area in the chain, the reseller's rwhoisd objects read", async () => {
    const quitsBefore = await world.quits();
    const { code, record } = await lookupJson(world, "203.0.113.200");
    expect(code).toBe(0);
    expect(hops(record)).toEqual([
      { server: "whois.arin.net", status: "registered" },
      { server: "rwhois.wingtip.example", status: "registered", url: "rwhois://rwhois.wingtip.example:4321" },
      { server: "rwhois.reseller.example", status: "registered", url: RESELLER_URL },
    ]);
    // The /28 inside the reseller's /26 wins; its organization (778.…) and contacts (222./223.…) resolve by ID.
    expect(record.network).toMatchObject({ handle: "667.203.0.113.192/26", name: "HARBOR-CAFE", cidrs: ["203.0.113.192/28"], organization: "Harbor Cafe B.V.", country: "NL" });
    expect(record.contacts).toEqual([
      { roles: ["registrant"], handle: "778.reseller.example", name: "Harbor Cafe B.V.", street: ["Kade 12"], city: "Vlissingen", state: "ZE", postalCode: "4381 AA", countryCode: "NL" },
      { roles: ["technical"], handle: "223.reseller.example", name: "Doe, Jane", email: "janed@reseller.example", phone: "(847)-391-7943", fax: "(847)-338-0340" },
      { roles: ["administrative"], handle: "222.reseller.example", name: "Public, John Q.", email: "johnq@reseller.example", phone: "(847)-391-7926", fax: "(847)-338-0340" },
    ]);
    // Both ISPs hold the connection: both sessions ended with -quit.
    expect(await world.quits()).toBe(quitsBefore + 2);
  });

  it("an RWhois answer that holds only a %referral (a block delegated whole) is passed on: the reseller's network answers", async () => {
    const { code, record } = await lookupJson(world, "203.0.113.210");
    expect(code).toBe(0);
    expect(hops(record).map((hop) => hop.server)).toEqual(["whois.arin.net", "rwhois.wingtip.example", "rwhois.reseller.example"]);
    expect(hops(record)[2]).toMatchObject({ status: "registered", url: RESELLER_URL });
    // .210 is outside the customer's /28 (.192–.207): the reseller's own /26 and its holder are the most specific.
    expect(record.network).toMatchObject({ cidrs: ["203.0.113.192/26"], organization: "Reseller Communications, Inc.", country: "CA" });
    expect(record.notes ?? []).toEqual([]);
  });

  it("a %referral to a private address is refused, never dialled; Wingtip's data stays", async () => {
    const { record } = await lookupJson(world, "203.0.113.130");
    expect(record.network).toMatchObject({ cidrs: ["203.0.113.128/25"], organization: "Wingtip Telecom", country: "US" });
    expect(record.chain?.[2]).toMatchObject({ server: "10.9.8.7", status: "error", url: "rwhois://10.9.8.7:4321/auth-area=203.0.113.128/27", error: { code: "WL_ERR_PRIVATE_ADDRESS" } });
  });

  it("--max-referrals 1 stops before the reseller; --servers-only refuses a reseller the map lacks", async () => {
    const one = await lookupJson(world, "203.0.113.200", ["--max-referrals", "1"]);
    expect(one.record.network?.organization).toBe("Wingtip Telecom");
    expect(one.record.chain?.[2]).toMatchObject({ server: "rwhois.reseller.example", status: "error", error: { code: "WL_ERR_TOO_MANY_HOPS" } });
    const partial = join(world.dir, "no-reseller.json");
    const { "rwhois.reseller.example": _dropped, ...rest } = world.servers;
    writeFileSync(partial, JSON.stringify(rest));
    const flags = world.flags.map((flag, i) => (world.flags[i - 1] === "--servers" ? partial : flag));
    const unmapped = await lookupJson(world, "203.0.113.200", [], flags);
    expect(unmapped.record.network?.organization).toBe("Wingtip Telecom");
    expect(unmapped.record.chain?.[2]).toMatchObject({ server: "rwhois.reseller.example", status: "error", error: { code: "WL_ERR_NO_SERVER" } });
  });

  it("the %referral hop is paced by the scheduler under its server's name and cached like any hop", async () => {
    const asked: string[] = [];
    const scheduler: HopScheduler = { run: (server, task) => (asked.push(server), task(() => true)) };
    const cache = new TieredAnswerCache();
    const options = { protocol: "whois" as const, host: "whois.arin.net", servers: loadServerMap(world.servers), mappedOnly: true, scheduler, cache };
    const quitsBefore = await world.quits();
    const first = await lookup("203.0.113.200", options);
    expect(asked).toEqual(["whois.arin.net", "rwhois.wingtip.example", "rwhois.reseller.example"]);
    const second = await lookup("203.0.113.200", options);
    expect(second.network).toEqual(first.network);
    expect(second.network?.organization).toBe("Harbor Cafe B.V.");
    // The second lookup opened no RWhois session: two quits in all, from the first.
    expect(await world.quits()).toBe(quitsBefore + 2);
  });

  it("a mapped host with two addresses, the first refusing: the lookup reaches the ISP at the second", async () => {
    const servers = { ...world.servers };
    const [, port] = (servers["rwhois.tailspin.example"] ?? "").split(":");
    servers["rwhois.tailspin.example"] = `rwhois-two.test:${port}`;
    const resolve = async (host: string): Promise<string[]> => (host === "rwhois-two.test" ? ["127.0.0.2", "127.0.0.1"] : [host]);
    const record = await lookup("198.51.100.40", { protocol: "whois", host: "whois.arin.net", servers: loadServerMap(servers), mappedOnly: true, resolve });
    expect(record.network?.organization).toBe("Northbrook Family Clinic");
    expect(record.chain?.[1]).toMatchObject({ server: "rwhois.tailspin.example", status: "registered" });
  });

  it("SIDN's Abuse Contact block under the registrar: the registrar's abuse e-mail and phone, not an abuse contact", async () => {
    const { code, record } = await lookupJson(world, "harbor-cafe.nl");
    expect(code).toBe(0);
    expect(record.registrar).toMatchObject({ name: "Example Hosting B.V.", abuseEmail: "abuse@hosting.example", abusePhone: "+31.118555010" });
    expect(record.contacts?.some((contact) => contact.roles.includes("abuse")) ?? false).toBe(false);
  });
});
