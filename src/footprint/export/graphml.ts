import { xmlText } from "../../util/export-text.js";
import type { FootprintGraph } from "../types.js";
import { PARTIAL_SENTENCE } from "./partial.js";

const NODE_KEYS = ["type", "value", "confidence", "depth", "owned", "seed", "notes"] as const;
const EDGE_KEYS = ["relation", "pivot", "confidence", "evidence_source", "evidence_field", "evidence_value"] as const;
const NUMERIC = new Set(["confidence", "depth"]);

/** GraphML (Gephi, yEd, Maltego import): one node per entity, one edge per link, evidence as edge data. */
export function renderGraphml(graph: FootprintGraph): string {
  const ids = new Map(graph.nodes.map((node, index) => [node.id, `n${index}`]));
  const key = (domain: "node" | "edge", name: string): string =>
    `  <key id="${domain[0]}_${name}" for="${domain}" attr.name="${name}" attr.type="${NUMERIC.has(name) ? "double" : name === "owned" || name === "seed" ? "boolean" : "string"}"/>`;
  const data = (domain: "node" | "edge", name: string, value: string | number | boolean): string => `      <data key="${domain[0]}_${name}">${xmlText(String(value))}</data>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...NODE_KEYS.map((k) => key("node", k)),
    ...EDGE_KEYS.map((k) => key("edge", k)),
    // Whether the run was interrupted (PARTIAL_MARKS.graphml): declared always, true only for a partial graph.
    '  <key id="g_partial" for="graph" attr.name="partial" attr.type="boolean"><default>false</default></key>',
    '  <graph id="footprint" edgedefault="directed">',
  ];
  if (graph.interrupted) lines.push(`    <desc>${xmlText(`partial: ${PARTIAL_SENTENCE}`)}</desc>`, '    <data key="g_partial">true</data>');
  for (const node of graph.nodes) {
    lines.push(`    <node id="${ids.get(node.id)}">`);
    lines.push(data("node", "type", node.type), data("node", "value", node.value), data("node", "confidence", node.confidence), data("node", "depth", node.depth));
    lines.push(data("node", "owned", node.owned), data("node", "seed", node.seed ?? false), data("node", "notes", node.notes.join("; ")));
    lines.push("    </node>");
  }
  graph.edges.forEach((edge, index) => {
    const source = ids.get(edge.from);
    const target = ids.get(edge.to);
    if (!source || !target) return;
    lines.push(`    <edge id="e${index}" source="${source}" target="${target}">`);
    lines.push(data("edge", "relation", edge.relation), data("edge", "pivot", edge.pivot), data("edge", "confidence", edge.confidence));
    lines.push(data("edge", "evidence_source", edge.evidence.source), data("edge", "evidence_field", edge.evidence.field), data("edge", "evidence_value", edge.evidence.value));
    lines.push("    </edge>");
  });
  lines.push("  </graph>", "</graphml>", "");
  return lines.join("\n");
}
