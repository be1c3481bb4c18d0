import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { footprint, type FootprintGraph } from "../../src/footprint/index.js";
import type { Store } from "../../src/store/index.js";
import { ACME, startWorld, UNRELATED_DOMAINS, zoneStore, type World } from "./world.js";

function score(graph: FootprintGraph): { recall: number; unrelated: number; missing: string[]; extra: string[] } {
  const truth = new Set<string>([...ACME.domain, ...ACME.network, ...ACME.asn]);
  const owned = graph.nodes.filter((n) => n.owned && (n.type === "domain" || n.type === "network" || n.type === "asn")).map((n) => n.value);
  const found = owned.filter((v) => truth.has(v));
  return {
    recall: found.length / truth.size,
    unrelated: owned.length === 0 ? 0 : (owned.length - found.length) / owned.length,
    missing: [...truth].filter((v) => !owned.includes(v)),
    extra: owned.filter((v) => !truth.has(v)),
  };
}

/**
 * Every test runs twice: RDAP first (auto; .de and .jp have no RDAP in the world) and port 43 only.
 * The expected assets are the same; only the evidence's source differs, as the table says.
 */
const PROTOCOLS = [
  { protocol: "auto", arinAsn: /rdap:rdap\.arin\.net ACMEW-ARIN/, ripeAsn: /whois:whois\.ripe\.net -r -i org ORG-AWE1-RIPE/ },
  { protocol: "whois", arinAsn: /whois:whois\.arin\.net o ! > ACMEW-ARIN/, ripeAsn: /whois:whois\.ripe\.net -r -i org ORG-AWE1-RIPE/ },
] as const;

describe.each(PROTOCOLS)("footprint on the sandbox organisation (--protocol $protocol)", ({ protocol, arinAsn, ripeAsn }) => {
  let world: World;
  let store: Store;
  let graph: FootprintGraph;
  let lookup: World["lookup"];

  beforeAll(async () => {
    world = await startWorld();
    store = await zoneStore(world);
    lookup = { ...world.lookup, protocol };
    graph = await footprint(["example.com"], { lookup, store, dns: { resolver: world.resolver }, budget: 200 });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await world?.close();
  });

  it("finds ≥ 95% of Acme's domains, netblocks and AS numbers with ≤ 5% unrelated, from one seed domain", () => {
    const result = score(graph);
    expect(result.missing).toEqual([]);
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.unrelated).toBeLessThanOrEqual(0.05);
    expect(result.extra).toEqual([]);
  });

  it("never counts the organisations that share its registrars and DNS host", () => {
    for (const name of UNRELATED_DOMAINS) expect(graph.nodes.find((n) => n.type === "domain" && n.value === name)?.owned ?? false).toBe(false);
    const bigdns = graph.nodes.filter((n) => n.value.endsWith("bigdns.example"));
    expect(bigdns.length).toBeGreaterThan(0);
    for (const node of bigdns) expect(node.owned).toBe(false);
    for (const node of graph.nodes.filter((n) => n.type === "registrar")) expect(node.owned).toBe(false);
  });

  it("finds the privacy-protected domain through the organisation's own name servers", () => {
    const store = graph.nodes.find((n) => n.value === "acmewidgets-store.com");
    expect(store?.owned).toBe(true);
    const edge = graph.edges.find((e) => e.to === store?.id);
    expect(edge?.relation).toBe("shares-nameserver");
    expect(store?.notes.join(" ")).toMatch(/privacy/);
  });

  it("explains every edge: pivot, source record, field, value and confidence", () => {
    expect(graph.edges.length).toBeGreaterThan(20);
    for (const edge of graph.edges) {
      expect(edge.pivot).not.toBe("");
      expect(edge.evidence.source).not.toBe("");
      expect(edge.evidence.field).not.toBe("");
      expect(edge.evidence.value).not.toBe("");
      expect(edge.confidence).toBeGreaterThan(0);
      expect(edge.confidence).toBeLessThanOrEqual(1);
    }
    for (const node of graph.nodes.filter((n) => n.owned && !n.seed)) expect(graph.edges.some((e) => e.to === node.id)).toBe(true);
  });

  it("reaches ARIN's ASN through the organisation (RDAP entity or ARIN's o ! >) and RIPE's through an inverse query", () => {
    const via = (value: string): string[] => graph.edges.filter((e) => e.to === `asn:${value}`).map((e) => e.evidence.source);
    expect(via("AS64500")).toContainEqual(expect.stringMatching(arinAsn));
    expect(via("AS64501")).toContainEqual(expect.stringMatching(ripeAsn));
  });

  it("names the holders' handles and organisations, as RDAP's registrant entities do", () => {
    const owned = (type: string): string[] => graph.nodes.filter((n) => n.type === type && n.owned).map((n) => n.value);
    expect(owned("handle")).toEqual(expect.arrayContaining(["ACMEW-ARIN", "ORG-AWE1-RIPE"]));
    expect(owned("organization")).toEqual(expect.arrayContaining(["Acme Widgets Inc.", "Acme Widgets Europe B.V."]));
    for (const registry of ["RIPE-NCC-HM-MNT", "RIPE-NCC-END-MNT"]) expect(graph.nodes.some((n) => n.value === registry)).toBe(false);
  });

  it("stays within its budget and reports what it spent per server", () => {
    expect(graph.spend.total).toBeLessThanOrEqual(200);
    expect(Object.values(graph.spend.byServer).reduce((a, b) => a + b, 0)).toBe(graph.spend.total);
    expect(Object.keys(graph.spend.byServer)).toContain("whois.ripe.net");
  });

  it("a small budget is a hard cap: the rest is noted, never sent", async () => {
    world.sandbox.resetCounters();
    const small = await footprint(["example.com"], { lookup: { ...lookup }, store, dns: { resolver: world.resolver }, budget: 12 });
    expect(small.spend.total).toBeLessThanOrEqual(12);
    expect(small.nodes.some((n) => n.notes.some((note) => /budget/.test(note)))).toBe(true);
    const sent = Object.entries(world.sandbox.stats()).reduce((sum, [, n]) => sum + n, 0);
    expect(sent).toBeLessThanOrEqual(12);
  });

  it("depth 1 stops after the seed's own record and DNS", async () => {
    const shallow = await footprint(["example.com"], { lookup, store, dns: { resolver: world.resolver }, depth: 1 });
    expect(Math.max(...shallow.nodes.map((n) => n.depth))).toBe(1);
    expect(shallow.nodes.filter((n) => n.expanded).map((n) => n.value)).toEqual(["example.com"]);
  });

  it("an organisation seed finds its domains through the store's reverse index", async () => {
    const byOrg = await footprint(["org:Acme Widgets Inc."], { lookup, store, dns: false });
    const domains = byOrg.nodes.filter((n) => n.type === "domain" && n.owned).map((n) => n.value);
    expect(domains).toEqual(expect.arrayContaining(["example.com", "acme-widgets.com", "example.net", "acme-widgets.net"]));
    expect(domains).not.toContain("globex-example.com");
  });

  it("an IP seed leads to its network, holder and the holder's other resources", async () => {
    const byIp = await footprint(["203.0.113.10"], { lookup, dns: false });
    const owned = byIp.nodes.filter((n) => n.owned).map((n) => n.value);
    expect(owned).toEqual(expect.arrayContaining(["203.0.113.0/24", "ORG-AWE1-RIPE", "AS64501", "AS65550", "2001:db8:1234::/48"]));
  });

  it.each([
    ["person:Alice Example", "example.com"],
    ["+1.2175550100", "acme-widgets.com"],
    ["ns:ns1.acme-dns.example", "acmewidgets-store.com"],
    ["198.51.100.0/24", "AS64500"],
    ["AS64501", "203.0.113.0/24"],
    ["ORG-AWE1-RIPE", "AS65550"],
  ])("a %s seed reaches %s", async (seed, expected) => {
    const graph = await footprint([seed], { lookup, store, dns: false, depth: 2 });
    expect(graph.nodes.filter((n) => n.owned).map((n) => n.value)).toContain(expected);
  });
});
