/**
 * Every attacker-controlled string is inert text on the page (issue #16): records built by the
 * library's parsers from hostile RDAP and port-43 answers (organisation `<img src=x onerror=alert(1)>`,
 * registrar URL `javascript:alert(1)`), hostile hops, footprint labels and evidence, bulk results,
 * error messages, and a detect upload whose log line carries the markup. Asserted in the browser: no
 * dialog, no element created from the data, the text visible, no javascript: link.
 */
import type { Page, Route } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot, skipReason, type Watch } from "./browser.js";
import { useSession } from "./session.js";
import { GOOD_URL, hostileGraph, hostileLookups, IMG, JS_URL, SCRIPT } from "./hostile.js";

const skip = skipReason();
if (skip !== undefined) console.warn(`skipping the console page's XSS tests: ${skip}`);

const json = (route: Route, body: unknown, status = 200): Promise<void> => route.fulfill({ status, contentType: "application/json", body: JSON.stringify(body) });
const events = (route: Route, text: string): Promise<void> => route.fulfill({ status: 200, contentType: "text/event-stream", body: text });

describe.skipIf(skip !== undefined)("hostile strings on the console page", () => {
  const session = useSession();
  let page: Page;
  let seen: Watch;
  let scripts: number;

  beforeAll(async () => {
    ({ page, seen } = session());
    scripts = await page.locator("script").count();
  });

  /** Nothing the data could have made: no dialog, no img, no new script, no javascript: link, no CSP report. */
  async function expectInert(): Promise<void> {
    await page.waitForTimeout(300); // an injected img's onerror would fire by now
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.csp).toEqual([]);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(scripts);
    expect(await page.locator('[href^="javascript" i], [src^="javascript" i]').count()).toBe(0);
    expect(await page.evaluate("document.querySelectorAll('[onerror], [onload], [onclick]').length")).toBe(0);
  }

  it.each(["rdap", "whois"] as const)("a %s record whose organisation is markup and whose registrar URL is javascript: shows inert text", async (protocol) => {
    const answers = hostileLookups();
    expect(JSON.stringify(answers[protocol])).toContain(`"url":"${JS_URL}"`);
    await page.route("**/api/lookup", (route) => json(route, answers[protocol]));
    await page.locator("#nav button[data-view=lookup]").click();
    await page.locator("#lookup-query").fill("hostile-example.com");
    await page.locator("#lookup-query").press("Enter");
    const result = page.locator("#lookup-result article.record");
    await result.waitFor();
    const facts = await result.locator("dl.facts").innerText();
    expect(facts).toContain(JS_URL);
    expect(await result.locator("span.inert", { hasText: JS_URL }).isVisible()).toBe(true);
    const contacts = await result.locator("table").last().innerText();
    expect(contacts).toContain(IMG);
    if (protocol === "rdap") {
      expect(facts).toContain(SCRIPT);
      // The hop's real https URL is a link; the hostile hop's server, protocol and URL are text.
      expect(await page.locator(`#lookup-result a[href="${GOOD_URL}"]`).count()).toBe(1);
      expect(await page.locator("#lookup-result .timeline").innerText()).toContain(IMG);
      await page.locator("#lookup-result .timeline details.raw summary").last().click();
      expect(await page.locator("#lookup-result .timeline pre").last().textContent()).toBe(SCRIPT);
    }
    await expectInert();
    await screenshot(page, `xss-lookup-${protocol}`);
    await page.unroute("**/api/lookup");
  });

  it("an API error message that is markup shows as text", async () => {
    await page.route("**/api/lookup", (route) => json(route, { error: { code: "WL_ERR_INVALID_QUERY", message: IMG } }, 400));
    await page.locator("#lookup-query").fill("x");
    await page.locator("#lookup-query").press("Enter");
    await page.locator("#lookup-result p.error", { hasText: IMG }).waitFor();
    await expectInert();
    await page.unroute("**/api/lookup");
  });

  it("footprint labels, relations and evidence that are markup show as text", async () => {
    await page.route("**/api/footprint", (route) => json(route, { id: "hostile" }));
    await page.route("**/api/footprint/hostile/events", (route) => events(route, `event: progress\ndata: {"${IMG}": "${SCRIPT.replace(/"/g, "")}"}\n\nevent: end\ndata: {}\n\n`));
    await page.route("**/api/footprint/hostile/graph", (route) => json(route, hostileGraph()));
    await page.locator("#nav button[data-view=footprint]").click();
    await page.locator("#footprint-seed").fill("hostile-example.com");
    await page.locator("#footprint-seed").press("Enter");
    await page.locator("#footprint-graph[data-render-ms]").waitFor();
    await page.locator("#footprint-edges button").first().click();
    const panel = await page.locator("#footprint-evidence").innerText();
    expect(panel).toContain(IMG);
    expect(panel).toContain(SCRIPT);
    expect(panel).toContain(JS_URL);
    expect(await page.locator("#footprint-types").innerText()).toContain(SCRIPT);
    await expectInert();
    await screenshot(page, "xss-footprint");
  });

  it("bulk results that are markup show as text", async () => {
    await page.route("**/api/bulk", (route) => json(route, { id: "h" }));
    await page.route("**/api/bulk/h/events", (route) => events(route, `event: progress\ndata: {"total":1,"done":1,"failed":1}\n\nevent: end\ndata: {}\n\n`));
    await page.route("**/api/bulk/h", (route) => json(route, { id: "h", total: 1, done: 1, failed: 1, state: SCRIPT }));
    await page.route("**/api/bulk/h/results?*", (route) => json(route, { items: [{ query: IMG, state: "failed", error: { code: SCRIPT, message: JS_URL } }], total: 1 }));
    await page.locator("#nav button[data-view=bulk]").click();
    await page.locator("#bulk-queries").fill("hostile-example.com");
    await page.locator("#bulk-form button[type=submit]").click();
    const row = page.locator("#bulk-results tbody tr").first();
    await row.waitFor();
    expect(await row.innerText()).toContain(IMG);
    expect(await row.innerText()).toContain(JS_URL);
    await expectInert();
  });

  it("a log line carrying markup shows as text in detection results and in the live inbox", async () => {
    const log = `#separator \\x09\n#path\twhois\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery\n1700000003.0\tW1\t10.0.0.9\t51000\t198.51.100.43\t43\t${IMG}\n`;
    await page.locator("#nav button[data-view=detect]").click();
    await page.locator("#detect-file").setInputFiles({ name: `${IMG}.log`, mimeType: "text/plain", buffer: Buffer.from(log) });
    await page.locator("#detect-form button[type=submit]").click();
    const alert = page.locator("#detect-result article.alert").first();
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain(IMG);
    expect(await page.locator("#detect-result h3").first().innerText()).toContain(IMG);
    await page.locator("#nav button[data-view=alerts]").click();
    await page.locator("#alerts-list > li.new", { hasText: IMG }).first().waitFor({ timeout: 15_000 });
    await expectInert();
    await screenshot(page, "xss-alerts");
  });
});
