/**
 * Reads the drawn graph from the page for the tests: cytoscape keeps its instance on the container
 * (`_cyreg.cy`), so a test can ask where an edge was drawn and click there like a user would.
 */
import type { Page } from "playwright-core";

/**
 * The edge whose midpoint is farthest from every node and every other edge (a click there can only
 * hit that edge); other edges are measured as straight segments between their endpoints.
 */
export async function clearEdgePoint(page: Page, options: { scroll?: boolean; exclude?: string } = {}): Promise<{ id: string; x: number; y: number; clear: number }> {
  // Scroll the graph into view first and let the scroll event reach cytoscape (it refreshes its idea of
  // where the canvas is then): a click that scrolls the page itself lands before that event.
  if (options.scroll !== false) await page.evaluate(`new Promise((resolve) => {
    document.getElementById("footprint-graph").scrollIntoView({ block: "center" });
    requestAnimationFrame(() => requestAnimationFrame(resolve));
  })`);
  return (await page.evaluate(`(() => {
    const cy = document.getElementById("footprint-graph")._cyreg.cy;
    const nodes = cy.nodes(":visible").map((n) => n.renderedPosition());
    const edges = cy.edges(":visible").map((e) => ({ id: e.id(), a: e.renderedSourceEndpoint(), b: e.renderedTargetEndpoint(), m: e.renderedMidpoint() }));
    const segment = (p, a, b) => {
      const dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy;
      const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
      return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
    };
    const w = cy.width(), h = cy.height();
    let best;
    for (const e of edges) {
      if (e.id === ${JSON.stringify(options.exclude ?? null)}) continue;
      const m = e.m;
      if (m.x < 10 || m.y < 10 || m.x > w - 10 || m.y > h - 10) continue;
      let clear = Infinity;
      for (const p of nodes) clear = Math.min(clear, Math.hypot(p.x - m.x, p.y - m.y));
      for (const o of edges) if (o !== e) clear = Math.min(clear, segment(m, o.a, o.b));
      if (best === undefined || clear > best.clear) best = { id: e.id, x: m.x, y: m.y, clear };
    }
    return best;
  })()`)) as { id: string; x: number; y: number; clear: number };
}

export async function nodeTypesFiltered(page: Page, type: string): Promise<boolean[]> {
  return (await page.evaluate(`document.getElementById("footprint-graph")._cyreg.cy.nodes('[type = "${type.replace(/[^a-z]/g, "")}"]').map((n) => n.hasClass("filtered"))`)) as boolean[];
}

/** Painted (non-transparent) pixels on the graph's canvases: 0 means nothing was drawn. */
export async function drawnPixels(page: Page): Promise<number> {
  return (await page.evaluate(`(() => {
    let n = 0;
    for (const canvas of document.querySelectorAll("#footprint-graph canvas")) {
      if (canvas.width === 0 || canvas.height === 0) continue;
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    }
    return n;
  })()`)) as number;
}
