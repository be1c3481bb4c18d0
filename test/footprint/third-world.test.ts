import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import type { FootprintGraph } from "../../src/footprint/index.js";
import { runCli } from "../helpers/cli.js";
import { useServer } from "../helpers/servers.js";
import { havePython } from "../lookup/rir-world.js";
import { haveDnsmasq, startThirdWorld } from "./third-world.js";

/**
 * The third world (test/footprint/fixtures/third_world.py): APNIC and ARIN databases as text dumps that a Python
 * server indexes and answers from (RPSL with irt/mnt-irt, ARIN records with `+`/`o ! >`), a thin domain
 * registry, RDAP with jCard variants (org as text or structured, adr with only a label, nested entities,
 * relative links, publicIds, cidr0, arin_originas0); its DNS is Debian's dnsmasq. Every seed is run from the
 * CLI over RDAP and over --protocol whois; what it must find is written below by hand from the dumps.
 */
const TASMAN = ["handle:ORG-TL1-AP", "network:203.0.113.0/24", "network:2001:db8:5000::/36", "asn:AS64510"];
const TASMAN_ORG = "organization:Tasman Lighthouse Ltd";
const REDWOOD = ["handle:RWC-42", "network:198.51.100.0/24", "network:2001:db8:6000::/40", "asn:AS64512"];
const FAROL = ["handle:BR-EFAR-LACNIC", "network:2001:db8:7000::/36", "network:2001:db8:8100::/40", "asn:AS64520"];
const FAROL_ORG = "organization:Empresa Farol Ltda.";
const NAMES = ["domain:tasman-lighthouse.test", "email:hostmaster@tasman-lighthouse.test", "nameserver:ns1.tasman-lighthouse.test", "nameserver:ns2.tasman-lighthouse.test", TASMAN_ORG];

/** The answers evidence names: `<protocol>:<server> <query>` for a lookup, and the inverse query as sent. */
const LOOKUP = { rdap: (server: string, query: string) => `rdap:rdap.${server} ${query}`, whois: (server: string, query: string) => `whois:whois.${server} ${query}` };
const APNIC_ORG = "whois:whois.apnic.net -r -i org ORG-TL1-AP";
/** The `e-mail:` of the irt object every Tasman resource names with `mnt-irt:` (its abuse-mailbox is the abuse role's too). */
const IRT_EMAIL = "email:csirt@tasman-lighthouse.test";

interface Case {
  seed: string;
  dns?: true;
  /** Nodes the organisation owns, over both protocols. */
  owned: string[];
  /** Owned only over port 43: the role handle RPSL prints beside the holder (RDAP has entities, not pivots). */
  whoisOnly?: string[];
  /** Edges [from, to, relation] and the answer each names as evidence, per protocol (a function of the protocol's prefix). */
  edges: [from: string, to: string, relation: string, source: (p: "rdap" | "whois") => string][];
}

const CASES: Case[] = [
  {
    seed: "203.0.113.9",
    owned: ["ip:203.0.113.9", ...TASMAN, TASMAN_ORG, "email:noc@tasman-lighthouse.test"],
    whoisOnly: ["handle:TL5-AP"],
    edges: [
      ["ip:203.0.113.9", "network:203.0.113.0/24", "in-network", (p) => LOOKUP[p]("apnic.net", "203.0.113.9")],
      ["ip:203.0.113.9", "handle:ORG-TL1-AP", "registered-to", (p) => LOOKUP[p]("apnic.net", "203.0.113.9")],
      // The irt's e-mail (mnt-irt: IRT-TASMAN-AU): RDAP's abuse entity, and over port 43 the irt object the answer appends.
      ["ip:203.0.113.9", IRT_EMAIL, "abuse-email", (p) => LOOKUP[p]("apnic.net", "203.0.113.9")],
      ["handle:ORG-TL1-AP", "network:2001:db8:5000::/36", "holds-network", () => APNIC_ORG],
      ["handle:ORG-TL1-AP", "asn:AS64510", "holds-asn", () => APNIC_ORG],
    ],
  },
  {
    seed: "203.0.113.0/24",
    owned: [...TASMAN, TASMAN_ORG, "email:noc@tasman-lighthouse.test"],
    whoisOnly: ["handle:TL5-AP"],
    edges: [["network:203.0.113.0/24", "handle:ORG-TL1-AP", "registered-to", (p) => LOOKUP[p]("apnic.net", "203.0.113.0/24")]],
  },
  {
    seed: "AS64510",
    owned: [...TASMAN, TASMAN_ORG, "email:noc@tasman-lighthouse.test"],
    // The aut-num is maintained by the holder's own maintainer (the inetnums by APNIC-HM, which is skipped).
    whoisOnly: ["handle:TL5-AP", "handle:MAINT-AU-TASMAN"],
    edges: [
      ["asn:AS64510", "handle:ORG-TL1-AP", "registered-to", (p) => LOOKUP[p]("apnic.net", "AS64510")],
      ["handle:ORG-TL1-AP", "network:203.0.113.0/24", "holds-network", () => APNIC_ORG],
    ],
  },
  {
    // The handle's own name: before, a handle seed came out with its resources but not the organisation it is.
    seed: "ORG-TL1-AP",
    owned: [...TASMAN, TASMAN_ORG],
    edges: [
      ["handle:ORG-TL1-AP", "network:2001:db8:5000::/36", "holds-network", () => APNIC_ORG],
      ["handle:ORG-TL1-AP", TASMAN_ORG, "handle-of", (p) => (p === "rdap" ? "rdap:rdap.apnic.net ORG-TL1-AP" : "whois:whois.apnic.net ORG-TL1-AP")],
    ],
  },
  {
    // ARIN's OrgId has no registry suffix: over port 43 the answer about it says whose it is (`+ RWC-42`, then `o ! > RWC-42`).
    seed: "RWC-42",
    owned: [...REDWOOD, "organization:Redwood Cartography LLC"],
    edges: [
      ["handle:RWC-42", "organization:Redwood Cartography LLC", "handle-of", (p) => `${p}:${p}.arin.net RWC-42`],["handle:RWC-42", "network:2001:db8:6000::/40", "holds-network", (p) => (p === "rdap" ? "rdap:rdap.arin.net RWC-42" : "whois:whois.arin.net o ! > RWC-42")]],
  },
  {
    seed: "198.51.100.7",
    owned: ["ip:198.51.100.7", ...REDWOOD, "organization:Redwood Cartography LLC", "email:noc@redwood-carto.test"],
    edges: [
      ["ip:198.51.100.7", "handle:RWC-42", "registered-to", (p) => LOOKUP[p]("arin.net", "198.51.100.7")],
      ["handle:RWC-42", "asn:AS64512", "holds-asn", (p) => (p === "rdap" ? "rdap:rdap.arin.net RWC-42" : "whois:whois.arin.net o ! > RWC-42")],
    ],
  },
  {
    // LACNIC's own layout over port 43 (owner/ownerid/responsible, owner-c's nic-hdl block); its RDAP adr is a label only.
    seed: "2001:db8:7000::9",
    owned: ["ip:2001:db8:7000::9", ...FAROL, FAROL_ORG, "email:ana@farol.test"],
    edges: [
      ["ip:2001:db8:7000::9", "handle:BR-EFAR-LACNIC", "registered-to", (p) => LOOKUP[p]("lacnic.net", "2001:db8:7000::9")],
      ["handle:BR-EFAR-LACNIC", "network:2001:db8:8100::/40", "holds-network", (p) => `${p}:${p}.lacnic.net BR-EFAR-LACNIC`],
    ],
  },
  {
    seed: "AS64520",
    owned: [...FAROL, FAROL_ORG, "email:ana@farol.test"],
    edges: [["handle:BR-EFAR-LACNIC", "asn:AS64520", "holds-asn", (p) => `${p}:${p}.lacnic.net BR-EFAR-LACNIC`]],
  },
  {
    seed: "BR-EFAR-LACNIC",
    owned: [...FAROL, FAROL_ORG],
    edges: [["handle:BR-EFAR-LACNIC", FAROL_ORG, "handle-of", (p) => `${p}:${p}.lacnic.net BR-EFAR-LACNIC`]],
  },
  {
    seed: "tasman-lighthouse.test",
    dns: true,
    owned: [...NAMES, "person:Tasman Hostmaster", "ip:203.0.113.53", "network:203.0.113.0/24", "handle:ORG-TL1-AP"],
    edges: [
      ["domain:tasman-lighthouse.test", "email:hostmaster@tasman-lighthouse.test", "registrant-email", (p) => `${p}:${p === "rdap" ? "rdap" : "whois"}.nic.test tasman-lighthouse.test`],
      ["domain:tasman-lighthouse.test", "nameserver:ns1.tasman-lighthouse.test", "uses-nameserver", (p) => `${p}:${p === "rdap" ? "rdap" : "whois"}.nic.test tasman-lighthouse.test`],
      ["nameserver:ns1.tasman-lighthouse.test", "ip:203.0.113.53", "host-address", () => "dns ns1.tasman-lighthouse.test"],
      ["ip:203.0.113.53", "network:203.0.113.0/24", "in-network", (p) => LOOKUP[p]("apnic.net", "203.0.113.53")],
    ],
  },
  {
    seed: "hostmaster@tasman-lighthouse.test",
    dns: true,
    owned: NAMES,
    edges: [["email:hostmaster@tasman-lighthouse.test", "domain:tasman-lighthouse.test", "mailbox-domain", () => "email hostmaster@tasman-lighthouse.test"]],
  },
  {
    seed: "ns:ns1.tasman-lighthouse.test",
    dns: true,
    owned: ["nameserver:ns1.tasman-lighthouse.test", "ip:203.0.113.53", ...TASMAN, TASMAN_ORG],
    whoisOnly: ["handle:TL5-AP"],
    edges: [
      ["nameserver:ns1.tasman-lighthouse.test", "ip:203.0.113.53", "host-address", () => "dns ns1.tasman-lighthouse.test"],
      ["handle:ORG-TL1-AP", "asn:AS64510", "holds-asn", () => APNIC_ORG],
    ],
  },
];

const PROTOCOLS = ["rdap", "whois"] as const;
const ids = (graph: FootprintGraph, owned: boolean): string[] => graph.nodes.filter((n) => n.owned === owned).map((n) => `${n.type}:${n.value}`).sort();

describe.skipIf(!havePython)("footprint in the third world, from the CLI, over RDAP and over port 43", () => {
  const world = useServer(startThirdWorld, 30_000);
  const run = async (seed: string, protocol: string, ...more: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    runCli(["footprint", seed, ...world().flags, "--protocol", protocol, "--no-store", ...more]);

  describe.each(CASES)("seed $seed", (c) => {
    it.skipIf(c.dns === true && !haveDnsmasq).each(PROTOCOLS)("--protocol %s: the hand-written graph, every edge with its evidence", async (protocol) => {
      const result = await run(c.seed, protocol, "--format", "json");
      expect(result.code, result.stderr).toBe(0);
      const graph = JSON.parse(result.stdout) as FootprintGraph;
      expect(ids(graph, true)).toEqual([...c.owned, ...(protocol === "whois" ? (c.whoisOnly ?? []) : [])].sort());
      for (const [from, to, relation, source] of c.edges) {
        const edge = graph.edges.find((e) => e.from.toLowerCase() === from.toLowerCase() && e.to.toLowerCase() === to.toLowerCase() && e.relation === relation);
        expect(edge?.evidence.source, `${from} -${relation}-> ${to}`).toBe(source(protocol));
      }
      // Every edge names the answer and the field it was read from.
      for (const edge of graph.edges) expect(edge.evidence.source !== "" && edge.evidence.field !== "", JSON.stringify(edge)).toBe(true);
    }, 60_000);
  });

  // The organisation's card (address, country) is the same over both protocols, whatever shape RDAP's adr takes:
  // structured (ARIN) or a label only (APNIC, LACNIC).
  const sameCard = async ({ seed, org }: { seed: string; org: string }): Promise<void> => {
    const cards = [];
    for (const protocol of PROTOCOLS) {
      const graph = JSON.parse((await run(seed, protocol, "--format", "json", "--depth", "1")).stdout) as FootprintGraph;
      const node = graph.nodes.find((n) => n.type === "organization" && n.value === org);
      cards.push({ address: node?.attributes.address, country: node?.attributes.country });
    }
    expect(cards[0]?.address).toBeTruthy();
    expect(cards[1]).toEqual(cards[0]);
  };
  it.each([{ seed: "203.0.113.9", org: "Tasman Lighthouse Ltd" }])("$org: the same card over RDAP and port 43", sameCard, 60_000);
  // An RDAP adr whose label holds what port 43 prints: ARIN's country only in the label's last line ("UNITED STATES",
  // the structured part empty); LACNIC's label-only adr ending "01310-100 - Sao Paulo - SP" and "BR". The label is read
  // as the WHOIS parser reads the same lines (parse/address-lines.ts); both failed before (country lost, no city).
  it.each([
    { seed: "198.51.100.7", org: "Redwood Cartography LLC" },
    { seed: "2001:db8:7000::9", org: "Empresa Farol Ltda." },
  ])("$org: a label-only or label-country RDAP adr gives the card port 43 gives", sameCard, 60_000);

  // Port 43 finds all RDAP finds (it adds the role and maintainer handles RPSL prints). Before, the irt's e-mail was
  // RDAP's only: the parser read `mnt-irt:` as no contact, so the irt object the answer appends was nobody's.
  const edgeKeys = (graph: FootprintGraph): string[] => graph.edges.map((e) => `${e.from} -${e.relation}-> ${e.to} (${e.evidence.field})`);
  it.each(["203.0.113.9", "AS64510", "2001:db8:5000::1"])("%s: every node and edge RDAP gives, port 43 gives too, the irt's e-mail among them", async (seed) => {
    const graphs = [];
    for (const protocol of PROTOCOLS) graphs.push(JSON.parse((await run(seed, protocol, "--format", "json")).stdout) as FootprintGraph);
    const [rdap, whois] = graphs as [FootprintGraph, FootprintGraph];
    const irtEdge = (graph: FootprintGraph) => graph.edges.find((e) => e.to === IRT_EMAIL && e.relation === "abuse-email");
    expect(irtEdge(rdap)?.evidence.field).toBe("contacts[abuse].email");
    expect(irtEdge(whois)?.evidence.field).toBe("contacts[abuse].email");
    const whoisNodes = new Set(whois.nodes.map((n) => `${n.type}:${n.value}`));
    expect(rdap.nodes.map((n) => `${n.type}:${n.value}`).filter((id) => !whoisNodes.has(id))).toEqual([]);
    const whoisEdges = new Set(edgeKeys(whois));
    expect(edgeKeys(rdap).filter((key) => !whoisEdges.has(key))).toEqual([]);
  }, 60_000);

  // The role's and maintainer's inverse queries over port 43 reach the holder's lab block (no org: line): kept, not
  // called the organisation's (an LIR's maintainer holds customers' objects too), its evidence the role's query.
  it("port 43: the maintainer-only block is found through the role, noted as unverified", async () => {
    const graph = JSON.parse((await run("AS64510", "whois", "--format", "json")).stdout) as FootprintGraph;
    const lab = graph.nodes.find((n) => n.value === "198.18.64.0/24");
    expect(lab?.owned).toBe(false);
    expect(graph.edges.find((e) => e.to === "network:198.18.64.0/24")?.evidence.source).toMatch(/^whois:whois\.apnic\.net -r -i (admin-c,tech-c TL5-AP|mnt-by MAINT-AU-TASMAN)$/);
  }, 60_000);

  describe("hostile parts", () => {
    it.each(PROTOCOLS)("--protocol %s: an organisation listing 10,000 blocks is capped and noted, within the budget", async (protocol) => {
      const result = await run("198.19.0.1", protocol, "--format", "json", "--budget", "20");
      expect(result.code, result.stderr).toBe(0);
      const graph = JSON.parse(result.stdout) as FootprintGraph;
      const holder = graph.nodes.find((n) => n.value === "ORG-MEGA1-AP");
      expect(holder?.notes.join(" ")).toMatch(/-r -i org ORG-MEGA1-AP: at least \d+ resources listed \(answer cut off at a size cap\), the first 1000 kept/);
      expect(graph.nodes.filter((n) => n.type === "network").length).toBeLessThanOrEqual(1001);
      expect(graph.spend.total).toBeLessThanOrEqual(20);
      // The customer block's contact handle carries shell and terminal escapes: never a node, never asked about.
      expect(graph.nodes.some((n) => n.value.includes("$(") || n.value.includes("\u001b") || n.value.startsWith("EV1"))).toBe(false);
    }, 60_000);

    // ARIN's MEGA-9 lists 3,000 blocks in `o ! >` and in its RDAP entity's networks. Before, the RDAP entity's list
    // had no cap: every block became a node.
    it.each(PROTOCOLS)("--protocol %s: ARIN's organisation with 3,000 blocks: 1,000 kept, noted", async (protocol) => {
      const result = await run("MEGA-9", protocol, "--format", "json", "--budget", "20", "--depth", "1");
      expect(result.code, result.stderr).toBe(0);
      const graph = JSON.parse(result.stdout) as FootprintGraph;
      expect(graph.nodes.filter((n) => n.type === "network")).toHaveLength(1000);
      // Before, the RDAP parser kept 100 of the entity's networks (its cap for one object's parts) and said nothing.
      const note = protocol === "rdap" ? "rdap:rdap.arin.net MEGA-9: networks: 3000 listed, the first 1000 kept" : "o ! > MEGA-9: 3000 resources listed, the first 1000 kept";
      expect(graph.nodes.find((n) => n.value === "MEGA-9")?.notes).toEqual([note]);
      expect(graph.spend.total).toBeLessThanOrEqual(20);
    }, 60_000);

    it("a handle with escapes never reaches the terminal", async () => {
      const result = await run("198.19.0.1", "whois", "--format", "text", "--budget", "20", "--depth", "1");
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout + result.stderr).not.toMatch(/\u001b|\$\(reboot\)/);
    }, 60_000);

    it.each(PROTOCOLS)("--protocol %s: the ARIN ↔ APNIC loop ends in a note, no network kept", async (protocol) => {
      const result = await run("192.0.2.1", protocol, "--format", "json");
      expect(result.code, result.stderr).toBe(0);
      const graph = JSON.parse(result.stdout) as FootprintGraph;
      // Before: over port 43 APNIC's IANA-BLOCK 0.0.0.0/0 came out as the address's network, owned.
      expect(graph.nodes.filter((n) => n.type === "network")).toEqual([]);
      const note = graph.nodes.find((n) => n.value === "192.0.2.1")?.notes.join(" ");
      expect(note).toMatch(protocol === "rdap" ? /WL_ERR_REFERRAL_LOOP/ : /IANA-BLOCK 0\.0\.0\.0\/0 is wider than any allocation/);
      expect(graph.spend.total).toBeLessThanOrEqual(4);
    }, 60_000);

    it.skipIf(!haveDnsmasq)("a name server at a private address is noted, and no registry is asked about it", async () => {
      const graph = JSON.parse((await run("tasman-lighthouse.test", "whois", "--format", "json")).stdout) as FootprintGraph;
      const lan = graph.nodes.find((n) => n.value === "10.20.30.40");
      expect(lan?.owned).toBe(false);
      expect(lan?.notes).toEqual(["private or unregistered address: not looked up"]);
      expect(graph.edges.some((e) => e.from === "ip:10.20.30.40")).toBe(false);
    }, 60_000);
  });

  describe("exports of the third world's graph", () => {
    const SPECS = join(import.meta.dirname, "../../../shared/specs/stix2.1");
    const outputs: Record<string, Record<string, string>> = {};
    beforeAll(async () => {
      for (const protocol of PROTOCOLS) {
        outputs[protocol] = {};
        for (const format of ["json", "stix", "text"]) outputs[protocol]![format] = (await run("203.0.113.9", protocol, "--format", format)).stdout;
      }
    }, 60_000);

    it.each(PROTOCOLS)("--protocol %s: the terminal summary names each asset's finding and its evidence, no escapes", (protocol) => {
      const text = outputs[protocol]!.text!;
      expect(text).not.toMatch(/\u001b|\\\(/);
      expect(text).toMatch(/2001:db8:5000::\/36 .*holds-network of ORG-TL1-AP +per whois:whois\.apnic\.net -r -i org ORG-TL1-AP/);
      expect(text).toMatch(new RegExp(`203\\.0\\.113\\.0/24 .*in-network of 203\\.0\\.113\\.9 +per ${protocol}:${protocol === "rdap" ? "rdap" : "whois"}\\.apnic\\.net 203\\.0\\.113\\.9`));
    });

    it.skipIf(!existsSync(SPECS)).each(PROTOCOLS)("--protocol %s: STIX validates against ../shared/specs and every relationship names its evidence", (protocol) => {
      const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
      addFormats.default(ajv);
      for (const folder of ["common", "observables", "sdos", "sros"]) {
        for (const file of readdirSync(join(SPECS, folder)).filter((f) => f.endsWith(".json"))) ajv.addSchema(JSON.parse(readFileSync(join(SPECS, folder, file), "utf8")));
      }
      const base = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas";
      const bundle = JSON.parse(outputs[protocol]!.stix!) as { objects: { type: string; description?: string }[] };
      const validBundle = ajv.getSchema(`${base}/common/bundle.json`)!;
      expect(validBundle(bundle), JSON.stringify(validBundle.errors)).toBe(true);
      const folderOf: Record<string, string> = { relationship: "sros", identity: "sdos" };
      for (const object of bundle.objects) {
        const validate = ajv.getSchema(`${base}/${folderOf[object.type] ?? "observables"}/${object.type}.json`)!;
        expect(validate(object), `${object.type}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
      const relationships = bundle.objects.filter((o) => o.type === "relationship");
      expect(relationships.length).toBeGreaterThan(3);
      for (const r of relationships) expect(r.description).toMatch(new RegExp(`^[a-z.]+: (via [^,]+, )?(${protocol}|whois|email|dns)[: ]\\S+.*; .+ = .+`));
      // The block only the holder's handle reaches: its finding (the handle's inverse query) is a relationship from
      // the address the handle was read from, the handle named. Before, edges from a handle were dropped.
      const hidden = bundle.objects.find((o) => o.type === "ipv6-addr" && (o as { value?: string }).value === "2001:db8:5000::/36") as { id: string } | undefined;
      const into = relationships.filter((r) => (r as { target_ref?: string }).target_ref === hidden?.id).map((r) => r.description);
      expect(into).toContain(`handle.resources: via handle ORG-TL1-AP, ${APNIC_ORG}; inet6num (-r -i org ORG-TL1-AP) = 2001:db8:5000::/36`);
    });

    it.each(PROTOCOLS)("--protocol %s: JSON has every node an edge points at, and the evidence of each edge", (protocol) => {
      const graph = JSON.parse(outputs[protocol]!.json!) as FootprintGraph;
      const nodeIds = new Set(graph.nodes.map((n) => n.id));
      for (const edge of graph.edges) {
        expect(nodeIds.has(edge.from) && nodeIds.has(edge.to), `${edge.from} -> ${edge.to}`).toBe(true);
        expect(edge.evidence.source).toMatch(/^(rdap|whois):|^email |^dns /);
      }
    });
  });
});
