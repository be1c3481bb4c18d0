import { csvCell } from "../../util/export-text.js";
import type { FootprintGraph } from "../types.js";
import { bestEdges } from "./model.js";
import { PARTIAL_SENTENCE } from "./partial.js";

const COLUMNS = ["type", "value", "owned", "confidence", "depth", "found_via", "from", "evidence_source", "evidence_field", "registrar", "expires", "notes"] as const;

/** One row per entity, strongest link first; every cell guarded against formula injection. */
export function renderCsv(graph: FootprintGraph): string {
  const best = bestEdges(graph);
  const values = new Map(graph.nodes.map((node) => [node.id, node.value]));
  const rows = [...graph.nodes]
    .sort((a, b) => a.type.localeCompare(b.type) || b.confidence - a.confidence)
    .map((node) => {
      const edge = best.get(node.id);
      const cells: Record<(typeof COLUMNS)[number], string> = {
        type: node.type, value: node.value, owned: node.owned ? "yes" : "no", confidence: node.confidence.toFixed(3), depth: String(node.depth),
        found_via: node.seed ? "seed" : edge?.relation ?? "", from: edge ? values.get(edge.from) ?? "" : "",
        evidence_source: edge?.evidence.source ?? "", evidence_field: edge?.evidence.field ?? "",
        registrar: node.attributes.registrar ?? "", expires: node.attributes.expires ?? "", notes: node.notes.join("; "),
      };
      return COLUMNS.map((column) => csvCell(cells[column])).join(",");
    });
  // Interrupted: a comment row last (see PARTIAL_MARKS.csv), so the header stays the first line.
  // Our own constant text (no comma or quote), written as it is: quoted, it would no longer start with '#'.
  const partial = graph.interrupted ? `# partial: ${PARTIAL_SENTENCE}\n` : "";
  return `${COLUMNS.join(",")}\n${rows.join("\n")}\n${partial}`;
}
