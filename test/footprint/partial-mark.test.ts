import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { FOOTPRINT_FORMATS, PARTIAL_MARKS, renderFootprint, type FootprintFormat, type FootprintGraph, type GraphNode } from "../../src/footprint/index.js";

/**
 * An interrupted footprint says it is partial in every format `footprint --format` offers, each in the
 * way that format can (src/footprint/export/partial.ts); a finished one never does. Before, only md,
 * text and json did: a CSV, GraphML, HTML or STIX file of a Ctrl-C'd run passed for a complete one.
 */

function node(type: GraphNode["type"], value: string, extra: Partial<GraphNode> = {}): GraphNode {
  return { id: `${type}:${value}`, type, value, depth: 1, confidence: 0.9, attributes: {}, notes: [], expanded: true, owned: true, ...extra };
}

function graph(interrupted: boolean): FootprintGraph {
  const nodes = [node("domain", "example.com", { seed: true, depth: 0, confidence: 1 }), node("domain", "acme-widgets.com"), node("organization", "Acme Widgets")];
  const edges = nodes.slice(1).map((target) => ({ from: "domain:example.com", to: target.id, relation: "same-registrant", pivot: "registrant.org", confidence: 0.9, evidence: { source: "rdap:rdap.verisign.com", field: "registrant.org", value: "Acme Widgets" } }));
  return {
    seeds: ["domain:example.com"], nodes, edges, startedAt: "2026-12-06T00:00:00.000Z", finishedAt: "2026-12-06T00:00:01.000Z",
    spend: { byServer: {}, total: 3, paid: 0, budget: 10, skipped: 0 },
    settings: { depth: 3, budget: 10, minConfidence: 0.5, fanOut: 200 },
    ...(interrupted ? { interrupted: true as const } : {}),
  };
}

type GraphmlDoc = { graphml: { key: { "@_id": string; "@_for": string; "@_attr.name": string }[]; graph: { desc?: string; data?: { "@_key": string; "#text": string | boolean }[] }[] } };
const parseGraphml = (xml: string): GraphmlDoc => new XMLParser({ ignoreAttributes: false, isArray: (name) => ["graph", "data", "key"].includes(name) }).parse(xml) as GraphmlDoc;

/** Per format: whether the rendered text says the run was partial, read the way a consumer of that format reads it. */
const SAYS_PARTIAL: Record<FootprintFormat, (text: string) => boolean> = {
  json: (text) => (JSON.parse(text) as { interrupted?: boolean }).interrupted === true,
  md: (text) => text.includes("**Partial: the run was interrupted before it ended.**"),
  text: (text) => /^Partial: the run was interrupted before it ended/m.test(text),
  html: (text) => /<p class="partial"><strong>Partial:<\/strong> the run was interrupted before it ended/.test(text),
  csv: (text) => {
    const lines = text.trimEnd().split("\n");
    // The header is still the first line; the mark is a comment row, last.
    return lines[0]?.startsWith("type,value,") === true && /^# partial: the run was interrupted before it ended/.test(lines.at(-1) ?? "");
  },
  graphml: (text) => {
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = parseGraphml(text);
    const key = doc.graphml.key.find((k) => k["@_for"] === "graph" && k["@_attr.name"] === "partial");
    const g = doc.graphml.graph[0];
    const value = g?.data?.find((d) => d["@_key"] === key?.["@_id"])?.["#text"];
    return key !== undefined && (value === true || value === "true") && String(g?.desc ?? "").startsWith("partial: the run was interrupted");
  },
  stix: (text) => {
    const bundle = JSON.parse(text) as { objects: { type: string; abstract?: string; object_refs?: string[] }[] };
    const note = bundle.objects.find((o) => o.type === "note" && o.abstract === "Partial footprint");
    const seed = bundle.objects.find((o) => o.type === "domain-name" && (o as { value?: string }).value === "example.com") as { id?: string } | undefined;
    return note !== undefined && seed?.id !== undefined && note.object_refs?.includes(seed.id) === true;
  },
};

describe("footprint's partial mark in every output format", () => {
  it("every format footprint offers has a mark (PARTIAL_MARKS) and a check here", () => {
    expect(Object.keys(PARTIAL_MARKS).sort()).toEqual([...FOOTPRINT_FORMATS].sort());
    expect(Object.keys(SAYS_PARTIAL).sort()).toEqual([...FOOTPRINT_FORMATS].sort());
  });

  it.each([...FOOTPRINT_FORMATS])("%s: an interrupted run says it is partial; a finished one does not", (format) => {
    expect(SAYS_PARTIAL[format](renderFootprint(graph(true), format))).toBe(true);
    expect(SAYS_PARTIAL[format](renderFootprint(graph(false), format))).toBe(false);
  });

  const SPECS = join(import.meta.dirname, "../../../shared/specs/stix2.1");
  it.skipIf(!existsSync(SPECS))("STIX: the partial note validates against the STIX 2.1 note schema, and the bundle stays valid", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    for (const folder of ["common", "observables", "sdos", "sros"]) {
      for (const file of readdirSync(join(SPECS, folder)).filter((f) => f.endsWith(".json"))) ajv.addSchema(JSON.parse(readFileSync(join(SPECS, folder, file), "utf8")));
    }
    const base = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas";
    const bundle = JSON.parse(renderFootprint(graph(true), "stix")) as { objects: { type: string }[] };
    const note = bundle.objects.find((o) => o.type === "note");
    const validNote = ajv.getSchema(`${base}/sdos/note.json`)!;
    expect(validNote(note), JSON.stringify(validNote.errors)).toBe(true);
    // The schemas' bundle.json lists no note (nor grouping, location, opinion) among its SDOs, so a note
    // falls to its "custom object" branch, which a note matches twice: the bundle is checked without it.
    const validBundle = ajv.getSchema(`${base}/common/bundle.json`)!;
    const rest = { ...bundle, objects: bundle.objects.filter((o) => o !== note) };
    expect(validBundle(rest), JSON.stringify(validBundle.errors)).toBe(true);
  });
});
