import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FootprintGraph } from "../../src/footprint/index.js";
import type { WhoisRecord } from "../../src/record/types.js";
import { BIN, runNode } from "../helpers/built-cli.js";
import { startDnsmasq } from "../helpers/dnsmasq.js";
import { haveDnsmasq } from "../footprint/third-world.js";
import { startPythonWorld, type PythonWorld } from "../lookup/rir-world.js";

/**
 * Issue #13 on RIRs we did not write: test/fixtures/python-world/rirs.py serves ARIN, LACNIC (Brazil part),
 * AFRINIC and APNIC over port 43 and RDAP from the same holders, each in its registry's documented layout.
 * `./bin/whoislens lookup` and `footprint` must find the same holder, organisation, address, resources and
 * contacts' e-mails over either protocol.
 */
let world: PythonWorld<{ servers: Record<string, string> }>;
beforeAll(async () => {
  world = await startPythonWorld("../../fixtures/python-world/rirs.py");
}, 20_000);
afterAll(() => world?.close());

async function cli(args: string[], protocol: "whois" | "rdap"): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { WHOISLENS_CACHE_DIR: join(world.dir, `cache-${protocol}`), XDG_CONFIG_HOME: join(world.dir, "no-config") };
  return runNode([BIN, ...args, ...world.flags, "--protocol", protocol], env);
}

/** What a reader takes from a number record, whichever protocol carried it. */
function normalized(record: WhoisRecord): Record<string, unknown> {
  const holder = record.contacts?.find((c) => c.roles.includes("registrant"));
  const net = record.network;
  return {
    status: record.status,
    holder: holder?.handle,
    org: net?.organization ?? holder?.name,
    address: holder ? { street: holder.street, city: holder.city, state: holder.state, postalCode: holder.postalCode, countryCode: holder.countryCode } : undefined,
    resource: record.kind === "asn" ? { start: record.asn?.start, end: record.asn?.end, handle: record.asn?.handle, name: record.asn?.name } : { start: net?.startAddress, end: net?.endAddress, cidrs: net?.cidrs, handle: net?.handle, name: net?.name },
    emails: [...new Set((record.contacts ?? []).map((c) => c.email).filter((e) => e !== undefined))].sort(),
  };
}

const RIRS = [
  { rir: "ARIN", ip: "198.51.100.7", asn: "AS64496", holder: "MCL-7", org: "Meridian Cartography LLC", email: "tech@meridian-carto.example", city: "Portland" },
  { rir: "LACNIC", ip: "192.0.2.9", asn: "AS64497", holder: "BR-MECA-LACNIC", org: "Meridiano Cartografia Ltda", email: "joana@meridiano.example", city: "Recife" },
  { rir: "AFRINIC", ip: "203.0.113.9", asn: "AS64498", holder: "ORG-MC3-AFRINIC", org: "Meridian Cartography Kenya Ltd", email: "noc@meridian-ke.example", city: "Nairobi" },
  { rir: "APNIC", ip: "203.0.113.200", asn: "AS64499", holder: "ORG-MCP1-AP", org: "Meridian Cartography Pty Ltd", email: "noc@meridian-au.example", city: "Perth" },
];

describe("lookup at the stranger's RIRs, port 43 against RDAP", () => {
  it.each(RIRS)("$rir: the same holder, organisation, address, resources and e-mails for $ip and $asn", async ({ ip, asn, holder, org, email, city }) => {
    for (const query of [ip, asn]) {
      const [overWhois, overRdap] = await Promise.all(
        (["whois", "rdap"] as const).map(async (protocol) => {
          const run = await cli(["lookup", query, "--json"], protocol);
          expect(run.code, `${protocol} ${query}: ${run.stderr}`).toBe(0);
          return normalized(JSON.parse(run.stdout) as WhoisRecord);
        }),
      );
      expect(overWhois, query).toEqual(overRdap);
      expect(overWhois, query).toMatchObject({ status: "registered", holder, org, emails: expect.arrayContaining([email]) });
      // ARIN and LACNIC print the city in its own field; RPSL's organisation has free address lines only.
      expect(JSON.stringify(overWhois?.address), query).toContain(city);
    }
  }, 60_000);
});

/**
 * The graph, less the maintainer and role handles port 43 adds (RDAP publishes no maintainer, and its role
 * contacts are entities, not pivots: the rule test/footprint/rir-world.test.ts states) and their edges.
 */
function shape(graph: FootprintGraph): { nodes: string[]; edges: string[] } {
  const portOnly = new Set(graph.nodes.filter((n) => n.type === "handle" && /^(maintainer|role)$/.test(n.attributes.kind ?? "")).map((n) => n.id));
  return {
    nodes: graph.nodes.filter((n) => !portOnly.has(n.id)).map((n) => `${n.id}${n.owned ? " owned" : ""}`).sort(),
    edges: graph.edges.filter((e) => !portOnly.has(e.from) && !portOnly.has(e.to)).map((e) => `${e.from} ${e.relation} ${e.to} (${e.pivot}, ${e.confidence})`).sort(),
  };
}

describe("footprint at the stranger's RIRs, port 43 against RDAP", () => {
  it.each(RIRS)("$rir: from $ip to the holder's AS number over either protocol", async ({ ip, asn, holder, org }) => {
    const graphs = await Promise.all(
      (["whois", "rdap"] as const).map(async (protocol) => {
        const run = await cli(["footprint", ip, "--no-dns", "--no-store", "--format", "json"], protocol);
        expect(run.code, `${protocol}: ${run.stderr}`).toBe(0);
        return JSON.parse(run.stdout) as FootprintGraph;
      }),
    );
    const [overWhois, overRdap] = graphs as [FootprintGraph, FootprintGraph];
    expect(shape(overWhois)).toEqual(shape(overRdap));
    const owned = overWhois.nodes.filter((n) => n.owned).map((n) => `${n.type}:${n.value}`);
    expect(owned).toEqual(expect.arrayContaining([`asn:${asn}`, `organization:${org}`, `handle:${holder}`]));
  }, 60_000);
});

describe("the stranger's RIRs when they misbehave, over port 43", () => {
  async function lookup(query: string): Promise<{ code: number; record: WhoisRecord }> {
    const run = await cli(["lookup", query, "--json"], "whois");
    return { code: run.code, record: JSON.parse(run.stdout) as WhoisRecord };
  }

  it("ARIN → RIPE → ARIN: the walk stops at the loop and the record says so", async () => {
    const { record } = await lookup("100.64.0.7");
    expect(record.chain?.map((hop) => `${hop.server} ${hop.status}`)).toEqual(["whois.arin.net registered", "whois.ripe.net registered", "whois.arin.net error"]);
    expect(record.chain?.at(-1)?.error?.code).toBe("WL_ERR_REFERRAL_LOOP");
    // Before, only the chain's last hop told of the loop: the record's notes said nothing.
    expect(record.notes).toContain("referral loop stopped: whois.arin.net → whois.ripe.net → whois.arin.net (whois.arin.net was already asked); data from whois.ripe.net");
  }, 30_000);

  it("a ReferralServer at a private address is refused, ARIN's own answer kept", async () => {
    const { code, record } = await lookup("100.64.1.7");
    expect(code).toBe(0);
    expect(record.chain?.at(-1)?.error?.code).toBe("WL_ERR_PRIVATE_ADDRESS");
    expect(record.notes?.join("\n")).toMatch(/referral to 10\.9\.8\.7 gave no record \(WL_ERR_PRIVATE_ADDRESS/);
    expect(record.network?.name).toBe("ODD-REFERRAL");
  }, 30_000);

  it.each([
    { rir: "ARIN", query: "198.51.100.254" },
    { rir: "APNIC", query: "203.0.113.254" },
  ])("footprint: $rir's refusal is a note on the node, not an address nobody holds", async ({ rir, query }) => {
    const run = await cli(["footprint", query, "--no-dns", "--no-store", "--format", "json"], "whois");
    expect(run.code, run.stderr).toBe(0);
    const seed = (JSON.parse(run.stdout) as FootprintGraph).nodes.find((n) => n.id === `ip:${query}`);
    // Before, the throttled record was read as an answer with no holder: the seed carried no note at all.
    expect(seed?.notes.join("\n")).toContain(`ip.network: WL_ERR_THROTTLED: whois.${rir.toLowerCase()}.net refused ${query}: rate limited`);
  }, 30_000);

  it.each([
    { rir: "ARIN's query-limit text", query: "198.51.100.254" },
    { rir: "APNIC's %ERROR:201", query: "203.0.113.254" },
  ])("$rir is a refusal, not 'no entries'", async ({ query }) => {
    const { code, record } = await lookup(query);
    expect(record.status).toBe("throttled");
    expect(record.chain?.map((hop) => hop.status)).toEqual(["throttled"]);
    expect(code).not.toBe(0);
  }, 30_000);
});

/**
 * From a domain: meridian.test (a thick registry, IANA's referral over port 43, dns.json over RDAP) is held by
 * ARIN's Meridian Cartography LLC, and dnsmasq answers its A records with an address at each RIR. The walk
 * reaches the same networks, AS numbers, organisations and contacts over either protocol.
 */
describe.skipIf(!haveDnsmasq)("footprint from the stranger's domain to its holders at four RIRs", () => {
  let dns: { port: number; child: ChildProcess } | undefined;
  beforeAll(async () => {
    const addresses = RIRS.map((r) => `--host-record=meridian.test,${r.ip}`);
    dns = await startDnsmasq([...addresses, "--host-record=ns1.meridian.test,198.51.100.53"], "meridian.test");
  }, 20_000);
  afterAll(() => dns?.child.kill());

  it("the same graph over port 43 and over RDAP", async () => {
    const graphs = await Promise.all(
      (["whois", "rdap"] as const).map(async (protocol) => {
        const run = await cli(["footprint", "meridian.test", "--resolver", `127.0.0.1:${dns!.port}`, "--no-store", "--format", "json"], protocol);
        expect(run.code, `${protocol}: ${run.stderr}`).toBe(0);
        return JSON.parse(run.stdout) as FootprintGraph;
      }),
    );
    const [overWhois, overRdap] = graphs as [FootprintGraph, FootprintGraph];
    expect(shape(overWhois)).toEqual(shape(overRdap));
    const ids = shape(overWhois).nodes;
    for (const { ip, holder } of RIRS) expect(ids).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^ip:${ip.replaceAll(".", "\\.")}`)), expect.stringMatching(`^handle:${holder}`)]));
    expect(ids).toEqual(expect.arrayContaining(["organization:meridian cartography llc owned", "nameserver:ns1.meridian.test owned", "asn:AS64496 owned", "asn:AS64498 owned", "asn:AS64499 owned"]));
  }, 90_000);
});
