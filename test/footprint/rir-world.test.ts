import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FootprintGraph } from "../../src/footprint/index.js";
import { runCli } from "../helpers/cli.js";
import { havePython, useRirWorld } from "../lookup/rir-world.js";

/**
 * footprint from one address on the Python RIR world (test/lookup/fixtures/rir_world.py), from the CLI,
 * over RDAP and over port 43: the same holder, organisation and resources either way. Each holder has a
 * block and an AS number no address of the seed points at: only the holder's handle reaches them (ARIN
 * `o ! >`, RPSL `-i org`, LACNIC's ownerid; RDAP's entity networks/autnums).
 */
const SEEDS = [
  { seed: "198.51.100.7", rir: "ARIN", handle: "NWT-7", organization: "Northwind Traders Inc.", assets: ["198.51.100.0/24", "2001:db8:100::/40", "AS64500"], card: { address: "100 Harbor Way, Seattle, WA, 98101", country: "US" } },
  { seed: "192.0.2.10", rir: "RIPE (via ARIN's referral)", handle: "ORG-FA1-RIPE", organization: "Fjord Analytics AS", assets: ["192.0.2.0/24", "2001:db8:1000::/36", "AS64501"], card: { address: "Storgata 1, Oslo, 0155", country: "NO" } },
  { seed: "203.0.113.9", rir: "APNIC", handle: "ORG-KF1-AP", organization: "Kiwi Fibre Ltd", assets: ["203.0.113.0/25", "2001:db8:2000::/36", "AS64502"], card: { address: "12 Queen Street, Auckland, 1010", country: "NZ" } },
  { seed: "192.88.99.5", rir: "AFRINIC", handle: "ORG-BN1-AFRINIC", organization: "Baobab Networks Ltd", assets: ["192.88.99.0/24", "2001:db8:3000::/36", "AS64503"], card: { address: "Kenyatta Avenue 5, Nairobi, 00100", country: "KE" } },
  // LACNIC prints the street with a trailing comma and "7750000 - Ñuñoa - RM" (postcode - city - state) under it.
  { seed: "198.18.5.1", rir: "LACNIC", handle: "CL-CADL-LACNIC", organization: "Compañía Andina de Datos Ltda.", assets: ["198.18.0.0/15", "2001:db8:4000::/36", "AS64504"], card: { address: "Av. Providencia, 1234, Ñuñoa, RM, 7750000", country: "CL" } },
];

/** The registry a handle belongs to, as the second-level label of its servers' names ("ripe" for whois.ripe.net). */
function rirOf(handle: string): string {
  const suffix = /-(RIPE|AP|AFRINIC|LACNIC)$/.exec(handle)?.[1];
  return suffix === undefined ? "arin" : suffix === "AP" ? "apnic" : suffix.toLowerCase();
}

/** The holder's organisation node as the report shows it: its address and country. */
function organisationCard(graph: FootprintGraph, organization: string): { address?: string; country?: string } {
  const node = graph.nodes.find((n) => n.type === "organization" && n.value === organization);
  return { ...(node?.attributes.address ? { address: node.attributes.address } : {}), ...(node?.attributes.country ? { country: node.attributes.country } : {}) };
}

/** What the graph says the holder owns: its networks, AS numbers, organisation, and the holder's handle. */
function owned(graph: FootprintGraph, handle: string): { assets: string[]; organizations: string[]; holder: boolean } {
  const mine = graph.nodes.filter((n) => n.owned);
  return {
    assets: mine.filter((n) => n.type === "network" || n.type === "asn").map((n) => n.value).sort(),
    organizations: mine.filter((n) => n.type === "organization").map((n) => n.value),
    holder: mine.some((n) => n.type === "handle" && n.value === handle),
  };
}

describe.skipIf(!havePython)("footprint on the Python RIR world, from the CLI", () => {
  const rirWorld = useRirWorld();

  it.each(SEEDS)("$rir: from $seed to the same holder and resources over RDAP and over port 43", async ({ seed, handle, organization, assets, card }) => {
    const graphs: Record<string, FootprintGraph> = {};
    for (const protocol of ["rdap", "whois"]) {
      const run = await runCli(["footprint", seed, ...rirWorld().flags, "--protocol", protocol, "--no-dns", "--no-store", "--format", "json"]);
      expect(run.code, run.stderr).toBe(0);
      graphs[protocol] = JSON.parse(run.stdout) as FootprintGraph;
      expect(owned(graphs[protocol]!, handle), protocol).toEqual({ assets: [...assets].sort(), organizations: [organization], holder: true });
    }
    // Every node RDAP finds, port 43 finds too; port 43 adds only the maintainer and role handles RPSL and
    // LACNIC print beside the holder (RDAP publishes no maintainer, and its role contacts are entities, not pivots).
    const ids = (graph: FootprintGraph) => new Set(graph.nodes.map((n) => `${n.type}:${n.value}:${n.owned ? "owned" : ""}`));
    const [rdapIds, whoisIds] = [ids(graphs.rdap!), ids(graphs.whois!)];
    expect([...rdapIds].filter((id) => !whoisIds.has(id))).toEqual([]);
    const extra = graphs.whois!.nodes.filter((n) => !rdapIds.has(`${n.type}:${n.value}:${n.owned ? "owned" : ""}`));
    for (const node of extra) expect(`${node.type} ${node.attributes.kind}`, node.value).toMatch(/^handle (maintainer|role)$/);
    // The organisation's address is read from the record's registrant over both protocols. Before, port 43 read
    // the organisation object's raw lines ("Storgata 1, 0155 Oslo"; ARIN's without a state over RDAP): every
    // RIR's card differed between the two.
    expect(organisationCard(graphs.rdap!, organization), "RDAP").toEqual(card);
    expect(organisationCard(graphs.whois!, organization), "port 43").toEqual(card);
    // The holder's handle is credited to the registry that answered (RIPE's after ARIN's redirect or referral):
    // its resources are asked there.
    const registry = { rdap: /^rdap\.(arin\.net|db\.ripe\.net|apnic\.net|afrinic\.net|lacnic\.net)$/, whois: /^whois\.(arin|ripe|apnic|afrinic|lacnic)\.net$/ } as const;
    for (const protocol of ["rdap", "whois"] as const) {
      const server = graphs[protocol]!.nodes.find((n) => n.type === "handle" && n.value === handle)?.attributes.server ?? "";
      expect(server, protocol).toMatch(registry[protocol]);
      expect(server.split(".").at(-2), protocol).toBe(rirOf(handle));
    }
    // The block no address points at is reached from the holder's handle over both protocols.
    for (const protocol of ["rdap", "whois"]) {
      const hidden = graphs[protocol]!.edges.find((e) => e.to === `network:${assets[1]}`);
      expect(hidden?.from, protocol).toBe(`handle:${handle}`);
    }
  }, 60_000);

  // The registry's server asked under a name no style row knows (-h of a mirror, a lab copy): its answer's
  // layout decides the inverse query, which goes back to that server. Before, such a server had no style:
  // over port 43 the holder's other block and AS number were never asked for, though RDAP found them.
  it.each(SEEDS.filter((s) => !s.rir.includes("via")))("$rir at -h whois.mirror.test: the same resources over port 43", async ({ seed, handle, assets }) => {
    const map = JSON.parse(readFileSync(rirWorld().mapFile, "utf8")) as Record<string, string>;
    const mapFile = join(rirWorld().dir, `mirror-${rirOf(handle)}.json`);
    writeFileSync(mapFile, JSON.stringify({ ...map, "whois.mirror.test": map[`whois.${rirOf(handle)}.net`] }));
    const flags = rirWorld().flags.map((flag) => (flag === rirWorld().mapFile ? mapFile : flag));
    const run = await runCli(["footprint", seed, ...flags, "-h", "whois.mirror.test", "--protocol", "whois", "--no-dns", "--no-store", "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(owned(JSON.parse(run.stdout) as FootprintGraph, handle).assets).toEqual([...assets].sort());
  }, 60_000);
});
