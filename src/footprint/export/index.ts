import { jsonSafe } from "../../util/export-text.js";
import type { FootprintGraph } from "../types.js";
import { renderCsv } from "./csv.js";
import { renderGraphml } from "./graphml.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import type { FootprintFormat } from "../defaults.js";
import { renderStix } from "./stix.js";
import { renderSummary } from "./summary.js";

export { FOOTPRINT_FORMATS, type FootprintFormat } from "../defaults.js";
export { PARTIAL_MARKS, PARTIAL_SENTENCE } from "./partial.js";

/** The graph as JSON: nodes with type and value, edges with evidence; every string sanitized. */
export function renderJson(graph: FootprintGraph): string {
  return `${JSON.stringify(jsonSafe(graph), null, 2)}\n`;
}

const RENDERERS: Record<FootprintFormat, (graph: FootprintGraph) => string> = {
  json: renderJson,
  graphml: renderGraphml,
  csv: renderCsv,
  stix: renderStix,
  md: renderMarkdown,
  html: renderHtml,
  text: renderSummary,
};

export function renderFootprint(graph: FootprintGraph, format: FootprintFormat): string {
  return RENDERERS[format](graph);
}

export { renderCsv, renderGraphml, renderHtml, renderMarkdown, renderStix, renderSummary };
