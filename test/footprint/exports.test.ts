import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderFootprint, type FootprintGraph, type GraphNode } from "../../src/footprint/index.js";

const HOSTILE = {
  formula: "=HYPERLINK(\"http://evil.example\",\"x\")",
  script: "<script>alert(1)</script><img src=x onerror=alert(2)>",
  escape: "\u001b]0;pwned\u0007\u001b[31mred\u001b[0m",
  xml: "]]></data><node id=\"x\"/><!--",
};

function node(type: GraphNode["type"], value: string, extra: Partial<GraphNode> = {}): GraphNode {
  return { id: `${type}:${value}`, type, value, depth: 1, confidence: 0.9, attributes: {}, notes: [], expanded: true, owned: true, ...extra };
}

/** A small graph with every node kind and hostile strings in values, attributes, notes and evidence. */
function sampleGraph(): FootprintGraph {
  const nodes: GraphNode[] = [
    node("domain", "example.com", { seed: true, depth: 0, confidence: 1, attributes: { registrar: HOSTILE.script, expires: "2026-12-01T00:00:00Z", status: "registered" } }),
    node("domain", "acme-widgets.com", { attributes: { expires: "2030-01-01T00:00:00Z" }, notes: [HOSTILE.escape] }),
    node("domain", "acme-old.com", { attributes: { expires: "2026-08-30T00:00:00Z" } }),
    node("domain", "acme-soon.com", { attributes: { expires: "2026-11-30T00:00:00Z" } }),
    node("email", "hostmaster@acme-widgets.example"),
    node("organization", HOSTILE.formula),
    node("person", `Alice ${HOSTILE.script}`),
    node("phone", "+12175550100"),
    node("ip", "198.51.100.10"),
    node("ip", "2001:db8:1234::10"),
    node("network", "198.51.100.0/24", { attributes: { name: HOSTILE.xml } }),
    node("network", "2001:db8:1234::/48"),
    node("asn", "AS64500", { attributes: { name: "ACME-AS" } }),
    node("nameserver", "ns1.acme-dns.example"),
    node("mailserver", "mail.example.com"),
    node("registrar", "Registrar One, LLC", { owned: false }),
    node("handle", "ACMEW-ARIN"),
  ];
  const edges = nodes.slice(1).map((target) => ({
    from: "domain:example.com", to: target.id, relation: "test-link", pivot: "test.pivot", confidence: 0.9,
    evidence: { source: `rdap:${HOSTILE.escape}`, field: HOSTILE.xml, value: HOSTILE.formula },
  }));
  return {
    seeds: ["domain:example.com"], nodes, edges, startedAt: "2026-11-25T00:00:00.000Z", finishedAt: "2026-11-25T00:00:01.000Z",
    spend: { byServer: { "rdap.verisign.com": 3 }, total: 3, paid: 0, budget: 10, skipped: 0 },
    settings: { depth: 3, budget: 10, minConfidence: 0.5, fanOut: 200 },
  };
}

const SPECS = join(import.meta.dirname, "../../../shared/specs/stix2.1");

describe.skipIf(!existsSync(SPECS))(existsSync(SPECS) ? "STIX 2.1 bundle" : "STIX 2.1 bundle (skipped: ../shared/specs/stix2.1 not found)", () => {
  it("validates against the STIX 2.1 JSON schemas, bundle and every object", () => {
    if (!existsSync(SPECS)) return;
    const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    for (const folder of ["common", "observables", "sdos", "sros"]) {
      for (const file of readdirSync(join(SPECS, folder)).filter((f) => f.endsWith(".json"))) ajv.addSchema(JSON.parse(readFileSync(join(SPECS, folder, file), "utf8")));
    }
    const base = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas";
    const bundle = JSON.parse(renderFootprint(sampleGraph(), "stix")) as { objects: { type: string }[] };
    const validBundle = ajv.getSchema(`${base}/common/bundle.json`)!;
    expect(validBundle(bundle), JSON.stringify(validBundle.errors)).toBe(true);
    const folderOf: Record<string, string> = { relationship: "sros", identity: "sdos" };
    const types = new Set(bundle.objects.map((o) => o.type));
    expect([...types].sort()).toEqual(["autonomous-system", "domain-name", "email-addr", "identity", "ipv4-addr", "ipv6-addr", "relationship"]);
    const owner = bundle.objects.find((o) => o.type === "identity" && (o as { name?: string }).name === HOSTILE.formula) as { contact_information?: string } | undefined;
    expect(owner?.contact_information).toBe("phone: +12175550100");
    for (const object of bundle.objects) {
      const validate = ajv.getSchema(`${base}/${folderOf[object.type] ?? "observables"}/${object.type}.json`)!;
      expect(validate(object), `${object.type}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});

describe("exports", () => {
  it("GraphML parses as XML with the GraphML structure, hostile text kept as text", () => {
    const xml = renderFootprint(sampleGraph(), "graphml");
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["graph", "node", "edge", "data", "key"].includes(name) }).parse(xml) as {
      graphml: { key: { "@_id": string; "@_for": string }[]; graph: { "@_edgedefault": string; node: { "@_id": string; data: { "#text"?: string | number }[] }[]; edge: { "@_source": string; "@_target": string }[] }[] };
    };
    const graph = doc.graphml.graph[0]!;
    expect(graph["@_edgedefault"]).toBe("directed");
    expect(graph.node).toHaveLength(17);
    expect(graph.edge).toHaveLength(16);
    const ids = new Set(graph.node.map((n) => n["@_id"]));
    for (const edge of graph.edge) expect(ids.has(edge["@_source"]) && ids.has(edge["@_target"])).toBe(true);
    expect(doc.graphml.key.map((k) => k["@_for"])).toContain("edge");
    expect(xml).not.toContain("\u001b");
    expect(xml).not.toContain("<script>");
  });

  it("CSV guards every cell against formula injection and strips escapes", () => {
    const csv = renderFootprint(sampleGraph(), "csv");
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv).toContain("'=HYPERLINK");
    expect(csv).not.toContain("\u001b");
    expect(csv.split("\n")[0]).toBe("type,value,owned,confidence,depth,found_via,from,evidence_source,evidence_field,registrar,expires,notes");
  });

  it("HTML is self-contained and escapes every field", () => {
    const html = renderFootprint(sampleGraph(), "html");
    expect(html).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toMatch(/src="http|href="http|<link/i);
    expect(html).not.toContain("\u001b");
  });

  it("Markdown escapes markup, strips escapes and lists expiring domains", () => {
    const md = renderFootprint(sampleGraph(), "md");
    expect(md).not.toContain("<script>");
    expect(md).not.toContain("\u001b");
    const expiring = md.split("## Domains expiring within 90 days")[1]?.split("## ")[0] ?? "";
    expect(expiring).toContain("example.com");
    expect(expiring).not.toContain("acme-widgets.com");
    // Soonest first; a domain already past its date (the run finished on 2026-11-25) has its own section.
    expect(expiring.indexOf("acme-soon.com")).toBeLessThan(expiring.indexOf("example.com"));
    expect(expiring).not.toContain("acme-old.com");
    const expired = md.split("## Domains past their expiry date")[1]?.split("## ")[0] ?? "";
    expect(expired).toContain("acme-old.com");
    expect(expired).not.toContain("example.com");
    expect(renderFootprint(sampleGraph(), "html")).toMatch(/<h2>Domains past their expiry date<\/h2>.*acme-old\.com.*<h2>Domains expiring within 90 days/s);
  });

  it("the terminal summary strips escapes and line breaks, escapes nothing, and cuts long cells", () => {
    const graph = sampleGraph();
    graph.nodes.push(node("person", `Mallory\nForged line\r\u202eevil ${"x".repeat(200)}`));
    const text = renderFootprint(graph, "text");
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).not.toMatch(/^Forged line/m);
    expect(text).toMatch(/^ {2}Mallory Forged line evil x+… /m);
    // Text for a person, not Markdown: the organisation's formula is shown as it is, nothing escaped.
    expect(text).toContain("=HYPERLINK(\"http://evil.example\",\"x\")");
    expect(text).not.toMatch(/\\[()[\]<>#*_|]/);
    expect(text).toMatch(/^Past their expiry date: acme-old\.com \(2026-08-30\)$/m);
    expect(text).toMatch(/^Expiring within 90 days: acme-soon\.com \(2026-11-30\), example\.com \(2026-12-01\)$/m);
  });

  it("JSON keeps nodes with type and value and edges with evidence, sanitized", () => {
    const json = JSON.parse(renderFootprint(sampleGraph(), "json")) as FootprintGraph;
    expect(json.nodes.every((n) => typeof n.type === "string" && typeof n.value === "string")).toBe(true);
    expect(json.edges[0]?.evidence.field).toBe(HOSTILE.xml);
    expect(JSON.stringify(json)).not.toContain("\\u001b");
  });
});
