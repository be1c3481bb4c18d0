import { describe, expect, it } from "vitest";
import { renderJson } from "../../../src/footprint/export/index.js";
import type { FootprintGraph } from "../../../src/footprint/types.js";
import { edgeVisible, evidenceParts, GRAPH_LIMITS, normalizeGraph, visibleNodes } from "../../../src/console/web/graph-model.js";
import { displayText, safeHttpUrl } from "../../../src/console/web/safe-text.js";
import { contractGraph } from "./fake-api.js";

const GRAPH: FootprintGraph = {
  seeds: ["example.com"],
  nodes: [
    { id: "domain:example.com", type: "domain", value: "example.com", depth: 0, confidence: 1, seed: true, attributes: {}, notes: [], expanded: true, owned: true },
    { id: "email:dns@example.com", type: "email", value: "dns@example.com", depth: 1, confidence: 0.9, attributes: {}, notes: ["shared by 3 domains"], expanded: true, owned: true },
    { id: "domain:example.net", type: "domain", value: "example.net", depth: 2, confidence: 0.4, attributes: {}, notes: [], expanded: false, owned: false },
  ],
  edges: [
    { from: "domain:example.com", to: "email:dns@example.com", relation: "registrant-email", pivot: "domain.contacts", evidence: { source: "rdap:rdap.verisign.com domain/example.com", field: "registrant.email", value: "dns@example.com" }, confidence: 0.9 },
    { from: "email:dns@example.com", to: "domain:example.net", relation: "same-registrant-email", pivot: "reverse.email", evidence: { source: "store", field: "registrant.email", value: "dns@example.com" }, confidence: 0.4 },
  ],
  spend: { byServer: {}, total: 0, paid: 0, budget: 10, skipped: 0 },
  startedAt: "2026-12-06T00:00:00Z",
  finishedAt: "2026-12-06T00:00:01Z",
  settings: { depth: 3, budget: 10, minConfidence: 0.5, fanOut: 200 },
};

describe("the page's graph model", () => {
  it("reads footprint's own JSON export and the console contract's names alike", () => {
    const own = normalizeGraph(JSON.parse(renderJson(GRAPH)));
    const contract = normalizeGraph(contractGraph(GRAPH));
    for (const g of [own, contract]) {
      expect(g.nodes.map((n) => [n.id, n.type, n.label, n.level, n.seed])).toEqual([
        ["domain:example.com", "domain", "example.com", 0, true],
        ["email:dns@example.com", "email", "dns@example.com", 1, false],
        ["domain:example.net", "domain", "example.net", 2, false],
      ]);
      expect(g.edges.map((e) => [e.source, e.target, e.kind, e.confidence])).toEqual([
        ["domain:example.com", "email:dns@example.com", "registrant-email", 0.9],
        ["email:dns@example.com", "domain:example.net", "same-registrant-email", 0.4],
      ]);
      expect(evidenceParts(g.edges[0]!.evidence[0]!)).toMatchObject({ protocol: "rdap", server: "rdap.verisign.com" });
      expect(g.dropped).toBe(0);
    }
    expect(evidenceParts(own.edges[0]!.evidence[0]!)).toEqual({ protocol: "rdap", server: "rdap.verisign.com", query: "domain/example.com" });
  });

  it("drops malformed entries and edges to missing nodes (cytoscape would refuse them), counting them", () => {
    const g = normalizeGraph({ nodes: [{ id: "a" }, { id: "a" }, null, { type: "x" }, { id: "b", confidence: 7 }], edges: [{ source: "a", target: "b" }, { source: "a", target: "zz" }, "x", { from: "b", to: "a", id: "a" }] });
    expect(g.nodes.map((n) => n.id)).toEqual(["a", "b"]);
    expect(g.nodes[1]!.confidence).toBe(1);
    expect(g.edges.map((e) => [e.id, e.source, e.target])).toEqual([["e0", "a", "b"], ["a#1", "b", "a"]]);
    expect(g.dropped).toBe(5);
    expect(normalizeGraph("not a graph")).toEqual({ nodes: [], edges: [], dropped: 0 });
  });

  it("caps the graph at its limits", () => {
    const nodes = Array.from({ length: GRAPH_LIMITS.maxNodes + 5 }, (_, i) => ({ id: `n${i}` }));
    const g = normalizeGraph({ nodes, edges: [] });
    expect(g.nodes.length).toBe(GRAPH_LIMITS.maxNodes);
    expect(g.dropped).toBe(5);
  });

  it("levels nodes breadth-first from the seeds when the answer gives no depth", () => {
    const g = normalizeGraph({ nodes: [{ id: "x" }, { id: "s", seed: true }, { id: "y" }, { id: "lonely" }], edges: [{ source: "s", target: "x" }, { source: "y", target: "x" }] });
    expect(Object.fromEntries(g.nodes.map((n) => [n.id, n.level]))).toEqual({ s: 0, x: 1, y: 2, lonely: 3 });
  });

  it("filters by node type and confidence; seeds always show", () => {
    const g = normalizeGraph(contractGraph(GRAPH));
    const filter = { types: new Set(["domain"]), minConfidence: 0.5 };
    const shown = visibleNodes(g, filter);
    expect([...shown]).toEqual(["domain:example.com"]);
    expect(g.edges.filter((e) => edgeVisible(e, shown, filter))).toEqual([]);
    const all = { types: new Set(["domain", "email"]), minConfidence: 0 };
    expect(g.edges.filter((e) => edgeVisible(e, visibleNodes(g, all), all)).length).toBe(2);
  });
});

describe("the page's text and link rules", () => {
  it("links only absolute http(s) URLs without credentials", () => {
    expect(safeHttpUrl("https://www.registrar-one.sandbox")).toBe("https://www.registrar-one.sandbox/");
    expect(safeHttpUrl(" http://example.com/a?b ")).toBe("http://example.com/a?b");
    for (const bad of ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "//evil.example/", "/relative", "https://user:pw@example.com/", "file:///etc/passwd", "", 42, undefined]) {
      expect(safeHttpUrl(bad), String(bad)).toBeUndefined();
    }
  });

  it("strips control and bidi characters and caps the length", () => {
    expect(displayText("a\u001b[31mred\u202e\u0000b")).toBe("aredb");
    expect(displayText({ a: 1 })).toBe('{"a":1}');
    expect(displayText(undefined)).toBe("");
    expect(displayText("x".repeat(30), 10)).toBe(`${"x".repeat(10)}… (20 more characters)`);
  });
});
