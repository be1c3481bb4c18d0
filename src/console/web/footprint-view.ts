/**
 * Footprint: start a run (POST /api/footprint), follow its progress (SSE), then draw its graph with
 * cytoscape.js. Every edge carries its evidence: click/tap an edge, or pick it in the edge list with
 * the keyboard, and the evidence panel shows where the link was read. Filters by node type and
 * confidence; export buttons fetch the API's exports.
 */
import type { Core, ElementDefinition, LayoutOptions } from "cytoscape";
import { apiFetch, apiJson, eventJson, streamEvents } from "./api.js";
import { byId, clear, definitionList, downloadBlob, h, setStatus } from "./dom.js";
import { edgeVisible, evidenceParts, normalizeGraph, visibleNodes, type GraphFilter, type ViewEdge, type ViewGraph } from "./graph-model.js";
import { displayText } from "./safe-text.js";

/** Export formats the API serves (footprint --format, less the terminal summary). */
const EXPORTS = [
  { format: "json", label: "JSON", file: "json" },
  { format: "graphml", label: "GraphML", file: "graphml" },
  { format: "csv", label: "CSV", file: "csv" },
  { format: "stix", label: "STIX 2.1", file: "stix.json" },
  { format: "md", label: "Markdown", file: "md" },
  { format: "html", label: "HTML report", file: "html" },
] as const;

/** Drawing choices by graph size: beyond `bigGraph` nodes, no force layout and no labels (they cost seconds at 1,000+). */
const DRAW = {
  bigGraph: 300,
  /** cose iterations for small graphs (bounded: cose is O(n²) per iteration). */
  coseIterations: 400,
  /** Rows in the keyboard edge list (filters narrow it). */
  edgeListRows: 400,
} as const;

/** Colours by node type (readable on white, distinct for the common types). */
const TYPE_COLOURS: Record<string, string> = {
  domain: "#1f6feb",
  email: "#8250df",
  organization: "#bf3989",
  person: "#cf222e",
  phone: "#9a6700",
  ip: "#1a7f37",
  network: "#116329",
  asn: "#0a3069",
  nameserver: "#57606a",
  mailserver: "#6e7781",
  registrar: "#953800",
  handle: "#4d2d00",
};

interface State {
  id?: string;
  graph?: ViewGraph;
  cy?: Core;
  filter: { types: Set<string>; minConfidence: number };
  abort?: AbortController;
}
const state: State = { filter: { types: new Set(), minConfidence: 0 } };

export function initFootprint(): void {
  byId<HTMLFormElement>("footprint-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const seed = byId<HTMLInputElement>("footprint-seed").value.trim();
    const depth = Number(byId<HTMLInputElement>("footprint-depth").value);
    if (seed !== "") void start(seed, Number.isInteger(depth) && depth > 0 ? depth : undefined);
  });
  const range = byId<HTMLInputElement>("footprint-confidence");
  range.addEventListener("input", () => {
    state.filter.minConfidence = Number(range.value);
    byId("footprint-confidence-value").textContent = Number(range.value).toFixed(2);
    applyFilter();
  });
  const exports = byId("footprint-exports");
  for (const { format, label, file } of EXPORTS) {
    const button = h("button", { text: `Export ${label}`, class: "secondary", attrs: { type: "button", "data-format": format } });
    button.addEventListener("click", () => void download(format, file));
    exports.append(button);
  }
  byId("footprint-edges").addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest("button[data-edge]") : null;
    const id = target?.getAttribute("data-edge");
    if (id !== null && id !== undefined) selectEdge(id, true);
  });
}

async function start(seed: string, depth: number | undefined): Promise<void> {
  state.abort?.abort();
  const abort = new AbortController();
  state.abort = abort;
  const progress = byId("footprint-progress");
  progress.textContent = `Starting a footprint of ${displayText(seed)}…`;
  try {
    const { id } = await apiJson<{ id: string }>("/api/footprint", { json: { seed, ...(depth !== undefined ? { depth } : {}) }, signal: abort.signal });
    state.id = String(id);
    // Fetch the drawing code while the footprint runs (it is a separate chunk, loaded on first use).
    void loadCytoscape();
    let ended = false;
    let failure: string | undefined;
    await streamEvents(
      `/api/footprint/${encodeURIComponent(state.id)}/events`,
      (event) => {
        if (event.event === "progress") progress.textContent = `Running: ${progressText(eventJson(event))}`;
        if (event.event === "end" || event.event === "error") {
          ended = true;
          // The API ends every run with `end` and its state: done, failed (with its error) or interrupted (partial graph kept).
          const data = (eventJson(event) ?? {}) as { state?: unknown; error?: unknown; message?: unknown };
          if (event.event === "error" || data.state === "failed") failure = displayText(data.error ?? data.message ?? event.data);
          else if (data.state === "interrupted") progress.textContent = "Interrupted: showing what was found before it stopped.";
          abort.abort();
        }
      },
      abort.signal,
    ).catch((error: unknown) => {
      if (!ended) throw error;
    });
    if (state.abort !== abort) return;
    if (failure !== undefined) {
      progress.textContent = `Footprint failed: ${failure}`;
      return;
    }
    const json = await apiJson(`/api/footprint/${encodeURIComponent(state.id)}/graph`);
    if (progress.textContent.startsWith("Running") || progress.textContent.startsWith("Starting")) progress.textContent = "Finished.";
    await showGraph(json, performance.now());
  } catch (error) {
    if (state.abort === abort) progress.textContent = `Footprint failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function progressText(data: unknown): string {
  if (typeof data !== "object" || data === null) return "…";
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>).slice(0, 8)) if (typeof value === "number" || typeof value === "string") parts.push(`${displayText(key, 32)} ${displayText(value, 64)}`);
  return parts.join(", ");
}

const importCytoscape = () => import("cytoscape");
let cytoscapeModule: ReturnType<typeof importCytoscape> | undefined;
async function loadCytoscape(): Promise<Awaited<ReturnType<typeof importCytoscape>>["default"]> {
  cytoscapeModule ??= importCytoscape();
  return (await cytoscapeModule).default;
}

/** Draws a graph from the API's JSON; `t0` is when the data arrived (the page reports data → first paint). */
export async function showGraph(json: unknown, t0: number = performance.now()): Promise<void> {
  const graph = normalizeGraph(json);
  state.graph = graph;
  const panel = byId("footprint-panel");
  panel.hidden = false;
  buildTypeFilters(graph);
  const container = byId("footprint-graph");
  container.removeAttribute("data-render-ms");
  state.cy?.destroy();
  const cytoscape = await loadCytoscape();
  const big = graph.nodes.length > DRAW.bigGraph;
  const elements: ElementDefinition[] = [];
  for (const n of graph.nodes) elements.push({ group: "nodes", data: { id: n.id, label: n.label, type: n.type, level: n.level, seed: n.seed ? 1 : 0 } });
  for (const e of graph.edges) elements.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, kind: e.kind } });
  const maxLevel = graph.nodes.reduce((m, n) => Math.max(m, n.level), 0);
  const layout: LayoutOptions = big
    ? { name: "concentric", concentric: (node) => maxLevel + 1 - Number(node.data("level")), levelWidth: () => 1, animate: false, minNodeSpacing: 4 }
    : { name: "cose", animate: false, numIter: DRAW.coseIterations, randomize: false, nodeDimensionsIncludeLabels: true };
  const cy = cytoscape({
    container,
    elements,
    layout,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    pixelRatio: big ? 1 : "auto",
    minZoom: 0.02,
    maxZoom: 4,
    boxSelectionEnabled: false,
    style: [
      { selector: "node", style: { "background-color": "#888", width: big ? 14 : 18, height: big ? 14 : 18, label: big ? "" : "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3, color: "#1f2328" } },
      ...Object.entries(TYPE_COLOURS).map(([type, colour]) => ({ selector: `node[type = "${type}"]`, style: { "background-color": colour } })),
      { selector: "node[seed = 1]", style: { "border-width": 3, "border-color": "#000", width: big ? 24 : 26, height: big ? 24 : 26 } },
      { selector: "edge", style: { width: big ? 1 : 1.5, "line-color": "#afb8c1", "target-arrow-shape": big ? "none" : "triangle", "target-arrow-color": "#afb8c1", "curve-style": big ? "haystack" : "bezier" } },
      { selector: "edge:selected", style: { width: 4, "line-color": "#d1242f", "target-arrow-color": "#d1242f", "z-index": 10 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#d1242f" } },
      { selector: ".filtered", style: { display: "none" } },
    ],
  });
  state.cy = cy;
  watchLayoutShifts();
  cy.on("tap", "edge", (event) => selectEdge(String(event.target.id()), false));
  cy.on("tap", "node", (event) => showNode(String(event.target.id())));
  await firstPaint(cy);
  const ms = Math.round(performance.now() - t0);
  container.dataset.renderMs = String(ms);
  byId("footprint-summary").textContent =
    `${graph.nodes.length} nodes, ${graph.edges.length} edges${graph.dropped > 0 ? ` (${graph.dropped} malformed entries left out)` : ""}; drawn in ${ms} ms (${big ? "concentric layout, labels hidden: zoom or select for details" : "force layout"}).`;
  applyFilter();
}

let shiftObserver: ResizeObserver | undefined;
/**
 * cytoscape caches where its canvas is on the page and refreshes that only on scroll and on its own
 * resize: a status line or summary appearing above the graph would shift every later click. The page's
 * size changes with any such shift, so watching it is enough.
 */
function watchLayoutShifts(): void {
  if (shiftObserver !== undefined) return;
  let pending = false;
  shiftObserver = new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      state.cy?.resize();
    });
  });
  shiftObserver.observe(document.body);
}

/** Resolves after cytoscape has drawn once and the browser has painted that frame. */
function firstPaint(cy: Core): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      requestAnimationFrame(() => setTimeout(resolve, 0));
    };
    cy.one("render", finish);
    // A graph drawn before the listener was attached renders no more until something changes.
    requestAnimationFrame(() => requestAnimationFrame(finish));
  });
}

function buildTypeFilters(graph: ViewGraph): void {
  const types = [...new Set(graph.nodes.map((n) => n.type))].sort();
  state.filter.types = new Set(types);
  const box = byId("footprint-types");
  clear(box);
  for (const type of types) {
    const count = graph.nodes.filter((n) => n.type === type).length;
    const input = h("input", { attrs: { type: "checkbox", value: type, id: `ft-${type.replace(/[^a-z0-9-]/gi, "_")}` } });
    input.checked = true;
    input.addEventListener("change", () => {
      if (input.checked) state.filter.types.add(type);
      else state.filter.types.delete(type);
      applyFilter();
    });
    const swatch = h("span", { class: "swatch", attrs: { "aria-hidden": "true" } });
    swatch.style.backgroundColor = TYPE_COLOURS[type] ?? "#888";
    box.append(h("label", { class: "type-filter" }, [input, swatch, `${type} (${count})`]));
  }
}

function currentFilter(): GraphFilter {
  return { types: state.filter.types, minConfidence: state.filter.minConfidence };
}

function applyFilter(): void {
  const graph = state.graph;
  if (graph === undefined) return;
  const filter = currentFilter();
  const shown = visibleNodes(graph, filter);
  const edges = graph.edges.filter((e) => edgeVisible(e, shown, filter));
  const cy = state.cy;
  if (cy !== undefined) {
    const shownEdges = new Set(edges.map((e) => e.id));
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        if (shown.has(n.id())) n.removeClass("filtered");
        else n.addClass("filtered");
      });
      cy.edges().forEach((e) => {
        if (shownEdges.has(e.id())) e.removeClass("filtered");
        else e.addClass("filtered");
      });
    });
  }
  renderEdgeList(graph, edges);
}

function nodeLabel(graph: ViewGraph, id: string): string {
  return graph.nodes.find((n) => n.id === id)?.label ?? id;
}

function renderEdgeList(graph: ViewGraph, edges: ViewEdge[]): void {
  const list = byId("footprint-edges");
  clear(list);
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  for (const edge of edges.slice(0, DRAW.edgeListRows)) {
    const text = `${labels.get(edge.source) ?? edge.source} → ${labels.get(edge.target) ?? edge.target} (${edge.kind}, ${edge.confidence.toFixed(2)})`;
    list.append(h("li", {}, [h("button", { class: "edge-button", text, attrs: { type: "button", "data-edge": edge.id } })]));
  }
  if (edges.length > DRAW.edgeListRows) list.append(h("li", { class: "muted", text: `… ${edges.length - DRAW.edgeListRows} more edges: narrow the filters to list them.` }));
  if (edges.length === 0) list.append(h("li", { class: "muted", text: "No edge passes the filters." }));
}

/** Shows an edge's evidence; `fromList`: keep focus in the list (keyboard users), else the graph selected it. */
function selectEdge(id: string, fromList: boolean): void {
  const graph = state.graph;
  const edge = graph?.edges.find((e) => e.id === id);
  if (graph === undefined || edge === undefined) return;
  const cy = state.cy;
  if (cy !== undefined) {
    cy.elements(":selected").unselect();
    cy.getElementById(id).select();
  }
  for (const b of byId("footprint-edges").querySelectorAll("button[aria-pressed]")) b.removeAttribute("aria-pressed");
  byId("footprint-edges").querySelector(`button[data-edge="${CSS.escape(id)}"]`)?.setAttribute("aria-pressed", "true");
  const panel = resetPanel("edge", id);
  panel.append(
    h("h3", { text: "Evidence" }),
    definitionList([
      ["From", nodeLabel(graph, edge.source)],
      ["To", nodeLabel(graph, edge.target)],
      ["Link", edge.kind],
      ["Pivot", edge.pivot],
      ["Confidence", edge.confidence.toFixed(2)],
    ]),
  );
  if (edge.evidence.length === 0) panel.append(h("p", { class: "muted", text: "The server sent no evidence for this edge." }));
  else {
    // One block per item (a narrow panel and a phone read these better than a six-column table).
    const items = h("ol", { class: "evidence-items", attrs: { "aria-label": "Where this link was read" } });
    for (const e of edge.evidence) {
      const parts = evidenceParts(e);
      items.append(h("li", { class: "evidence-item" }, [definitionList([["Server", parts.server], ["Protocol", parts.protocol], ["Query", parts.query], ["Field", e.field], ["Value", e.value], ["Text", e.text]])]));
    }
    panel.append(h("h4", { text: "Where this link was read" }), items);
  }
  if (!fromList) setStatus(`Edge selected: ${nodeLabel(graph, edge.source)} → ${nodeLabel(graph, edge.target)}`);
}

/** The evidence panel emptied and marked with what it now shows (data-edge or data-node). */
function resetPanel(kind: "edge" | "node", id: string): HTMLElement {
  const panel = byId("footprint-evidence");
  clear(panel);
  delete panel.dataset[kind === "edge" ? "node" : "edge"];
  panel.dataset[kind] = id;
  return panel;
}

function showNode(id: string): void {
  const graph = state.graph;
  const node = graph?.nodes.find((n) => n.id === id);
  if (node === undefined) return;
  const panel = resetPanel("node", id);
  panel.append(
    h("h3", { text: "Node" }),
    definitionList([
      ["Value", node.label],
      ["Type", node.type],
      ["Confidence", node.confidence.toFixed(2)],
      ["Seed", node.seed ? "yes" : undefined],
      ["Owned", node.owned === undefined ? undefined : node.owned ? "yes" : "no"],
      ["Steps from seed", String(node.level)],
      ["Notes", node.notes],
    ]),
  );
}

async function download(format: string, extension: string): Promise<void> {
  if (state.id === undefined) return;
  try {
    const res = await apiFetch(`/api/footprint/${encodeURIComponent(state.id)}/export/${encodeURIComponent(format)}`);
    downloadBlob(await res.blob(), `footprint-${state.id}.${extension}`);
    setStatus(`Exported ${format}`);
  } catch (error) {
    setStatus(`Export failed: ${error instanceof Error ? error.message : String(error)}`, "error");
  }
}
