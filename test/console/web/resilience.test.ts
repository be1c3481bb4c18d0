/**
 * When a live stream fails the page keeps going: a bulk job whose event stream is refused is followed
 * by polling its state; the alert inbox reconnects after its stream drops and still shows the alerts
 * that arrive afterwards. The API's answers are given by intercepting the page's calls.
 */
import type { Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { skipReason } from "./browser.js";
import { useSession } from "./session.js";

const skip = skipReason();
if (skip !== undefined) console.warn(`skipping the console page's stream-failure tests: ${skip}`);

const json = (route: Route, body: unknown): Promise<void> => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(body) });

describe.skipIf(skip !== undefined)("console page when live streams fail", () => {
  const session = useSession(["dialogs"]);

  it("follows a bulk job by polling when its event stream is refused", async () => {
    const { page } = session();
    let polls = 0;
    await page.route("**/api/bulk", (route) => json(route, { id: "poll" }));
    await page.route("**/api/bulk/poll/events", (route) => route.abort("connectionreset"));
    await page.route("**/api/bulk/poll", (route) => {
      polls++;
      return json(route, polls < 3 ? { id: "poll", total: 4, done: polls, failed: 0, state: "running" } : { id: "poll", total: 4, done: 4, failed: 1, state: "done" });
    });
    await page.route("**/api/bulk/poll/results?*", (route) => json(route, { items: ["a.example", "b.example", "c.example", "d.example"].map((query, i) => ({ query, state: i === 3 ? "failed" : "done", ...(i === 3 ? { error: { code: "WL_ERR_TIMEOUT", message: "no answer" } } : {}) })), total: 4 }));
    await page.locator("#nav button[data-view=bulk]").click();
    await page.locator("#bulk-queries").fill("a.example\nb.example\nc.example\nd.example");
    await page.evaluate(`(() => {
      window.__polled = [];
      new MutationObserver(() => window.__polled.push(document.getElementById("bulk-counts").textContent)).observe(document.getElementById("bulk-counts"), { childList: true, characterData: true, subtree: true });
    })()`);
    await page.locator("#bulk-form button[type=submit]").click();
    await page.locator("#bulk-results tbody tr").nth(3).waitFor({ timeout: 20_000 });
    expect(await page.locator("#bulk-counts").textContent()).toBe("4 of 4 done, 1 failed");
    expect(polls).toBeGreaterThanOrEqual(3);
    expect((await page.evaluate("window.__polled")) as string[]).toContain("2 of 4 done, 0 failed");
    expect(await page.locator("#bulk-results tbody tr").nth(3).innerText()).toMatch(/WL_ERR_TIMEOUT no answer/);
    await page.unrouteAll({ behavior: "ignoreErrors" });
  });

  it("pages through a large job's results with Show more", async () => {
    const { page } = session();
    const total = 450;
    await page.route("**/api/bulk", (route) => json(route, { id: "big" }));
    await page.route("**/api/bulk/big/events", (route) => route.fulfill({ status: 200, contentType: "text/event-stream", body: `event: progress\ndata: {"total":${total},"done":${total},"failed":0}\n\nevent: end\ndata: {}\n\n` }));
    await page.route("**/api/bulk/big", (route) => json(route, { id: "big", total, done: total, failed: 0, state: "done" }));
    await page.route("**/api/bulk/big/results?*", (route) => {
      const url = new URL(route.request().url());
      const offset = Number(url.searchParams.get("offset"));
      const limit = Number(url.searchParams.get("limit"));
      const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({ query: `q${offset + i}.example`, state: "done" }));
      return json(route, { items, total });
    });
    await page.locator("#nav button[data-view=bulk]").click();
    await page.locator("#bulk-queries").fill("q0.example");
    await page.locator("#bulk-form button[type=submit]").click();
    const more = page.locator("#bulk-results button", { hasText: /^Show \d+ more$/ });
    await page.locator("#bulk-results p", { hasText: `Showing 200 of ${total} results.` }).waitFor({ timeout: 15_000 });
    await more.click();
    await page.locator("#bulk-results p", { hasText: `Showing 400 of ${total} results.` }).waitFor();
    await more.click();
    await page.locator("#bulk-results p", { hasText: `Showing ${total} of ${total} results.` }).waitFor();
    expect(await page.locator("#bulk-results tbody tr").count()).toBe(total);
    expect(await page.locator("#bulk-results tbody tr").last().innerText()).toMatch(/^q449\.example/);
    expect(await more.isVisible()).toBe(false);
    await page.unrouteAll({ behavior: "ignoreErrors" });
  });

  it("reconnects the alert inbox after its stream drops and shows alerts sent afterwards", async () => {
    const page = await session().browser.context.newPage();
    let streams = 0;
    await page.route("**/api/alerts?*", (route) => json(route, { items: [], total: 0 }));
    await page.route("**/api/alerts/events", (route) => {
      streams++;
      if (streams === 1) return route.abort("connectionreset");
      const alert = { "@timestamp": "2026-12-06T10:00:00.000Z", rule: { id: "whois-burst", name: "WHOIS lookup burst" }, source: { address: "10.9.9.9" }, whoislens: { severity: "high", evidence: [{ file: "upload", line: 7, text: "burst line" }], reasons: ["12 lookups in 60 s"], targets: ["example.com"] } };
      return route.fulfill({ status: 200, contentType: "text/event-stream", body: `: hello\n\nevent: alert\ndata: ${JSON.stringify({ id: 1, createdAt: "2026-12-06T10:00:01.000Z", origin: "detect", alert })}\n\n` });
    });
    await page.goto(session().app.url);
    await page.locator("#token-input").fill(session().app.token);
    await page.locator("#token-input").press("Enter");
    await page.locator("#nav button[data-view=alerts]").click();
    const item = page.locator("#alerts-list > li.new").first();
    await item.waitFor({ timeout: 15_000 });
    expect(streams).toBeGreaterThanOrEqual(2);
    expect(await item.innerText()).toMatch(/From detect[\s\S]*WHOIS lookup burst[\s\S]*10\.9\.9\.9[\s\S]*upload:7 burst line/);
    await page.close();
  });
});
