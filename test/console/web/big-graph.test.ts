/**
 * A footprint graph of ≥ 1,000 nodes stays usable: time from the graph's data arriving to the first
 * painted frame is measured by the page (data-render-ms) and printed here, and bounded on the page's
 * main-thread CPU time (load-proof); the drawing is checked to be the cheap one (concentric rings, no
 * labels); after it, a click on a node updates the details panel, and the keyboard edge list shows an
 * edge's evidence.
 * The graph is served by intercepting the page's own API calls, so this runs against any console.
 */
import type { CDPSession, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bigGraph } from "./big-graph.js";
import { drawnPixels } from "./graph-probe.js";
import { launch, screenshot, signIn, skipReason, watch, type Browser } from "./browser.js";
import { startTestConsole, type TestConsole } from "./console.js";

const skip = skipReason();
if (skip !== undefined) console.warn(`skipping the console page's large-graph test: ${skip}`);

const json = (route: Route, body: unknown): Promise<void> => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(body) });

/**
 * CPU time of the page's main thread, not wall time: a loaded machine (CI at load 20 on 2 cores) stretches the
 * wall clock many times over and adds almost nothing to this. Measured on 2026-12-07: 340–390 ms from the seed to
 * the first paint, 16.1 s with the force layout and labels at 1,200 nodes (the regression this catches, put back
 * by raising DRAW.bigGraph); the click about 60 ms. The wall times are printed, not bounded.
 */
const BOUNDS = { renderCpuMs: 5_000, clickCpuMs: 3_000 } as const;
/** How long the test waits for the details panel: a backstop against a click that never answers, not a speed bound. */
const CLICK_BACKSTOP_MS = 30_000;

/** CPU time of the page's main thread so far (Chromium's ThreadTime metric, in seconds), in ms. */
async function mainThreadCpuMs(session: CDPSession): Promise<number> {
  const { metrics } = await session.send("Performance.getMetrics");
  const threadTime = metrics.find((metric) => metric.name === "ThreadTime");
  if (threadTime === undefined) throw new Error(`Chromium reports no ThreadTime metric (has: ${metrics.map((metric) => metric.name).join(", ")})`);
  return threadTime.value * 1000;
}

describe.skipIf(skip !== undefined)("a footprint graph of 1,200 nodes", () => {
  let app: TestConsole;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestConsole();
    browser = await launch();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("draws, reports data → first paint, zooms, and answers a click", async () => {
    const page = await browser.context.newPage();
    const seen = watch(page);
    const graph = bigGraph(1200);
    await page.route("**/api/footprint", (route) => json(route, { id: "big" }));
    await page.route("**/api/footprint/big/events", (route) => route.fulfill({ status: 200, contentType: "text/event-stream", body: "event: progress\ndata: {\"nodes\":1200}\n\nevent: end\ndata: {}\n\n" }));
    await page.route("**/api/footprint/big/graph", (route) => json(route, graph));
    await signIn(page, app.url, app.token, "#footprint");
    const renderer = await browser.context.newCDPSession(page);
    await renderer.send("Performance.enable");
    const cpuBefore = await mainThreadCpuMs(renderer);
    await page.locator("#footprint-seed").fill("bigcorp.example");
    await page.locator("#footprint-seed").press("Enter");
    await page.locator("#footprint-graph[data-render-ms]").waitFor({ timeout: 60_000 });
    const renderCpuMs = Math.round((await mainThreadCpuMs(renderer)) - cpuBefore);
    const renderMs = Number(await page.locator("#footprint-graph").getAttribute("data-render-ms"));
    console.log(`console page: ${graph.nodes.length} nodes, ${graph.edges.length} edges, data → first paint ${renderMs} ms (page main thread CPU ${renderCpuMs} ms, seed to first paint)`);
    expect(renderCpuMs).toBeLessThan(BOUNDS.renderCpuMs);
    // The drawing choices that keep it cheap, checked on the drawing itself: one ring per level around the seed
    // (the concentric layout, not the force layout's O(n²) iterations) and no labels drawn.
    const drawn = (await page.evaluate(`document.getElementById("footprint-graph")._cyreg.cy.nodes().map((n) => ({ level: Number(n.data("level")), x: n.position("x"), y: n.position("y"), label: n.style("label") }))`)) as { level: number; x: number; y: number; label: string }[];
    const centre = drawn.find((node) => node.level === 0) ?? { x: 0, y: 0 };
    const radii = new Map<number, number[]>();
    for (const node of drawn) radii.set(node.level, [...(radii.get(node.level) ?? []), Math.hypot(node.x - centre.x, node.y - centre.y)]);
    const spreadByLevel = [...radii.values()].map((r) => Math.max(...r) - Math.min(...r));
    expect(radii.size).toBeGreaterThan(1);
    expect(Math.max(...spreadByLevel)).toBeLessThan(1);
    expect(drawn.filter((node) => node.label !== "")).toEqual([]);
    expect(await drawnPixels(page)).toBeGreaterThan(1000);
    expect(await page.locator("#footprint-summary").textContent()).toBe(`${graph.nodes.length} nodes, ${graph.edges.length} edges; drawn in ${renderMs} ms (concentric layout, labels hidden: zoom or select for details).`);

    // Zoomed out to fit 1,200 nodes, every point of the canvas is within a few pixels of several edges,
    // so the click goes to a node (the seed); edges' evidence is checked on the sandbox graph and
    // through the edge list below. The wheel zoom before it must not stall either.
    await page.evaluate('document.getElementById("footprint-graph").scrollIntoView({ block: "center" })');
    const box = (await page.locator("#footprint-graph").boundingBox())!;
    const seed = (await page.evaluate('document.getElementById("footprint-graph")._cyreg.cy.nodes("[seed = 1]")[0].renderedPosition()')) as { x: number; y: number };
    await page.mouse.move(box.x + seed.x, box.y + seed.y);
    const zoomStarted = Date.now();
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -300);
    await page.evaluate("new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
    console.log(`console page: 10 wheel zoom steps drawn in ${Date.now() - zoomStarted} ms`);
    const at = (await page.evaluate('document.getElementById("footprint-graph")._cyreg.cy.nodes("[seed = 1]")[0].renderedPosition()')) as { x: number; y: number };
    const started = Date.now();
    const clickCpuBefore = await mainThreadCpuMs(renderer);
    await page.locator("#footprint-graph").click({ position: { x: at.x, y: at.y } });
    await page.locator('#footprint-evidence[data-node="domain:bigcorp.example"]').waitFor({ timeout: CLICK_BACKSTOP_MS });
    const clickCpuMs = Math.round((await mainThreadCpuMs(renderer)) - clickCpuBefore);
    const clickMs = Date.now() - started;
    console.log(`console page: click on a node → details panel in ${clickMs} ms (page main thread CPU ${clickCpuMs} ms)`);
    expect(clickCpuMs).toBeLessThan(BOUNDS.clickCpuMs);
    expect(await page.locator("#footprint-evidence dl.facts").innerText()).toMatch(/Value\s+bigcorp\.example/);

    // The edge list is capped (the filters narrow it) and still answers the keyboard.
    expect(await page.locator("#footprint-edges button").count()).toBe(400);
    await page.locator("#footprint-edges button").nth(5).focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("#footprint-evidence").getAttribute("data-edge")).resolves.toBe(await page.locator("#footprint-edges button").nth(5).getAttribute("data-edge"));
    // A filter over 1,200 nodes applies at once too.
    await page.locator("#footprint-types input[value=ip]").uncheck();
    expect(await page.locator("#footprint-edges button", { hasText: "resolves-to" }).count()).toBe(0);
    await screenshot(page, "footprint-1200-nodes");
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.csp).toEqual([]);
    await page.close();
  }, 120_000);
});
