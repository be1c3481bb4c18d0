/**
 * The console page with the keyboard only (focus order, visible focus, Enter/Space activation, the
 * footprint's edges reachable without a mouse) and at phone width (375 px: nothing wider than the
 * screen, every view usable), screenshots of each.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bigGraph } from "./big-graph.js";
import { launch, screenshot, signIn, skipReason, watch, type Browser, type Watch } from "./browser.js";
import { startTestConsole, type TestConsole } from "./console.js";
import { drawnPixels } from "./graph-probe.js";

const skip = skipReason();
if (skip !== undefined) console.warn(`skipping the console page's keyboard and phone-width tests: ${skip}`);

/** What has focus, and whether its focus ring shows (outline at least 2 px, not "none"). */
async function focused(page: Page): Promise<{ id: string; text: string; tag: string; ring: boolean; edge: string | null }> {
  return (await page.evaluate(`(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    return { id: el.id, text: (el.textContent || "").trim().slice(0, 40), tag: el.tagName.toLowerCase(), ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2, edge: el.getAttribute("data-edge") };
  })()`)) as { id: string; text: string; tag: string; ring: boolean; edge: string | null };
}

async function tabUntil(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 60): Promise<Awaited<ReturnType<typeof focused>>> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (match(f)) return f;
  }
  throw new Error(`no match within ${max} Tab presses`);
}

/** Nothing on the page is wider than the window (no sideways scrolling). */
async function fitsWidth(page: Page): Promise<{ scroll: number; window: number }> {
  return (await page.evaluate("({ scroll: document.documentElement.scrollWidth, window: window.innerWidth })")) as { scroll: number; window: number };
}

describe.skipIf(skip !== undefined)("console page: keyboard and phone width", () => {
  let app: TestConsole;
  let browser: Browser;
  const watches: Watch[] = [];

  beforeAll(async () => {
    app = await startTestConsole({ bulkDelayMs: 10 });
    browser = await launch();
  }, 90_000);
  afterAll(async () => {
    for (const seen of watches) {
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
      expect(seen.csp).toEqual([]);
    }
    await browser?.close();
    await app?.close();
  });

  it("works from the keyboard: sign-in, focus order with a visible ring, Enter and Space, graph edges", async () => {
    const page = await browser.context.newPage();
    watches.push(watch(page));
    await page.goto(app.url);
    await page.locator("body[data-ready=true]").waitFor();
    // Signed out, the token field has focus; the skip link is before it, the button after it.
    expect(await focused(page)).toMatchObject({ id: "token-input", ring: true });
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toMatchObject({ tag: "a", text: "Skip to content", ring: true });
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ id: "token-input", ring: true });
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "button", text: "Sign in", ring: true });
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.type(app.token);
    await page.keyboard.press("Enter");
    await page.locator("#view-lookup").waitFor({ state: "visible" });

    // From the top (a reload keeps the session's token): skip link, the seven views, sign out, then
    // the lookup form — each with its ring.
    await page.reload();
    await page.locator("#view-lookup").waitFor({ state: "visible" });
    const order: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      const f = await focused(page);
      expect(f.ring, `focus ring on ${f.id || f.text}`).toBe(true);
      order.push(f.id || f.text);
    }
    expect(order).toEqual(["Skip to content", "Lookup", "Footprint", "Bulk", "Alerts", "Detect", "Audit", "Watch", "sign-out", "lookup-query", "lookup-protocol", "Look up"]);

    // Space on a view button shows it and moves focus into it; Enter does the same.
    await page.locator("#nav button[data-view=bulk]").focus();
    await page.keyboard.press("Space");
    expect(await page.locator("#view-bulk").isVisible()).toBe(true);
    expect((await focused(page)).id).toBe("bulk-queries");
    await page.locator("#nav button[data-view=lookup]").focus();
    await page.keyboard.press("Enter");
    expect((await focused(page)).id).toBe("lookup-query");
    await page.keyboard.type("example.net");
    await page.keyboard.press("Enter");
    await expect(page.locator("#lookup-result article.record h3").textContent({ timeout: 30_000 })).resolves.toBe("example.net — registered");

    // The footprint's edges are reachable and selectable without a mouse.
    const graph = bigGraph(40);
    await page.route("**/api/footprint", (route) => route.fulfill({ status: 200, contentType: "application/json", body: '{"id":"kb"}' }));
    await page.route("**/api/footprint/kb/events", (route) => route.fulfill({ status: 200, contentType: "text/event-stream", body: "event: end\ndata: {}\n\n" }));
    await page.route("**/api/footprint/kb/graph", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(graph) }));
    await page.locator("#nav button[data-view=footprint]").focus();
    await page.keyboard.press("Enter");
    expect((await focused(page)).id).toBe("footprint-seed");
    await page.keyboard.type("bigcorp.example");
    await page.keyboard.press("Enter");
    await page.locator("#footprint-graph[data-render-ms]").waitFor({ timeout: 30_000 });
    const first = await tabUntil(page, (f) => f.edge !== null);
    expect(first.ring).toBe(true);
    await page.keyboard.press("Enter");
    await expect(page.locator("#footprint-evidence").getAttribute("data-edge")).resolves.toBe(first.edge);
    await page.keyboard.press("Tab");
    const second = await focused(page);
    await page.keyboard.press("Space");
    await expect(page.locator("#footprint-evidence").getAttribute("data-edge")).resolves.toBe(second.edge);
    expect(second.edge).not.toBe(first.edge);
    // The type filters are checkboxes in the tab order too.
    await page.locator("#footprint-types input").first().focus();
    await page.keyboard.press("Space");
    expect(await page.locator("#footprint-types input").first().isChecked()).toBe(false);
    await screenshot(page, "keyboard-footprint");
    await page.close();
  }, 120_000);

  it.each([
    { width: 375, height: 812 },
    { width: 1280, height: 900 },
  ])("is readable at $width px: no view is wider than the screen", async ({ width, height }) => {
    const page = await browser.context.newPage();
    watches.push(watch(page));
    await page.setViewportSize({ width, height });
    await signIn(page, app.url, app.token);
    // Every view button is on screen (the navigation wraps).
    for (const box of await page.locator("#nav button").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(width);

    await page.locator("#lookup-query").fill("example.com");
    await page.locator("#lookup-query").press("Enter");
    await page.locator("#lookup-result .timeline").waitFor({ timeout: 30_000 });
    await page.locator("#lookup-result details.raw summary").last().click();
    expect(await fitsWidth(page)).toEqual({ scroll: width, window: width });
    await screenshot(page, `lookup-${width}`);

    await page.locator("#nav button[data-view=footprint]").click();
    await page.locator("#footprint-seed").fill("example.com");
    await page.locator("#footprint-seed").press("Enter");
    await page.locator("#footprint-graph[data-render-ms]").waitFor({ timeout: 120_000 });
    await page.locator("#footprint-edges button").first().click();
    expect(await fitsWidth(page)).toEqual({ scroll: width, window: width });
    expect(await drawnPixels(page)).toBeGreaterThan(1000);
    const graphBox = await page.locator("#footprint-graph").boundingBox();
    // On a phone the evidence panel goes below the graph, which takes the width.
    expect(graphBox!.width).toBeGreaterThan(width < 720 ? width - 40 : width / 2);
    await screenshot(page, `footprint-${width}`);

    await page.locator("#nav button[data-view=bulk]").click();
    await page.locator("#bulk-queries").fill("example.com\nexample.org\nnever-registered-example.com");
    await page.locator("#bulk-form button[type=submit]").click();
    await page.locator("#bulk-results table").waitFor({ timeout: 60_000 });
    expect(await fitsWidth(page)).toEqual({ scroll: width, window: width });
    await screenshot(page, `bulk-${width}`);

    await page.locator("#nav button[data-view=detect]").click();
    await page.locator("#detect-file").setInputFiles({ name: "whois.log", mimeType: "text/plain", buffer: Buffer.from("#separator \\x09\n#path\twhois\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery\n1700000003.0\tW1\t10.0.0.5\t51000\t198.51.100.43\t43\texample.com\n") });
    await page.locator("#detect-form button[type=submit]").click();
    await page.locator("#detect-result article.alert").first().waitFor({ timeout: 30_000 });
    expect(await fitsWidth(page)).toEqual({ scroll: width, window: width });
    await screenshot(page, `detect-${width}`);

    await page.locator("#nav button[data-view=alerts]").click();
    await page.locator("#alerts-list > li").first().waitFor({ timeout: 15_000 });
    expect(await fitsWidth(page)).toEqual({ scroll: width, window: width });
    await screenshot(page, `alerts-${width}`);
    await page.close();
  }, 240_000);
});
