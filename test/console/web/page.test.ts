/**
 * The console page end to end in Debian's Chromium: a lookup (both protocols), a footprint of the
 * sandbox organisation with its edges' evidence, filters and an export, a bulk job's live progress,
 * a detection upload, an alert arriving live, keyboard use and a phone-width layout. Every page is
 * watched: no dialog, no page error, no CSP violation (the page is served with a strict CSP).
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot, skipReason, watch, type Browser } from "./browser.js";
import { consoleKind, type TestConsole } from "./console.js";
import { useSession } from "./session.js";
import { clearEdgePoint, nodeTypesFiltered } from "./graph-probe.js";

const skip = skipReason();
if (skip !== undefined) console.warn(`skipping the console page's browser tests: ${skip}`);

/** The sandbox world's registered domains (sandbox.describe()), as a zone list would give them. */
const SANDBOX_ZONE = ["example.com", "acme-widgets.com", "privacy-example.com", "xn--caf-dma.com", "loop-referral.com", "private-referral.com", "example.org", "example.net", "sunset-example.app", "acme-widgets.net", "acmewidgets-store.com", "globex-example.com", "globex-example.net", "initech-example.com", "xn--bcher-kva.de", "beispiel.de", "example.jp"];

/** A real Zeek whois.log line (the format's own header) with one port-43 query. */
const ZEEK_WHOIS = "#separator \\x09\n#path\twhois\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery\n1700000003.0\tW1\t10.0.0.5\t51000\t198.51.100.43\t43\texample.com\n";

describe.skipIf(skip !== undefined)("console page in Chromium", () => {
  const session = useSession(["dialogs", "errors", "csp"]);
  let app: TestConsole;
  let browser: Browser;
  let page: Page;

  beforeAll(() => {
    ({ app, browser, page } = session());
    console.log(`console page tests: against the ${consoleKind} console`);
  });

  it("signs out with the API's message when the token is refused", async () => {
    const other = await browser.context.newPage();
    const otherSeen = watch(other);
    await other.goto(app.url);
    await other.locator("#token-input").fill("not-a-token");
    await other.locator("#token-input").press("Enter");
    await other.locator("#status[data-kind=error]", { hasText: /^Signed out: \S/ }).waitFor({ timeout: 15_000 });
    expect(await other.locator("#view-token").isVisible()).toBe(true);
    expect(await other.locator("#nav").isVisible()).toBe(false);
    expect(await other.evaluate("sessionStorage.getItem('whoislens.console.token')")).toBeNull();
    expect(otherSeen.dialogs).toEqual([]);
    await other.close();
  });

  it("keeps the token in session storage only", async () => {
    const stored = await page.evaluate("[sessionStorage.getItem('whoislens.console.token'), localStorage.length]");
    expect(stored).toEqual([app.token, 0]);
  });

  it("looks up a domain: the normalized record, each hop's raw answer and the chain as a timeline", async () => {
    await page.locator("#nav button[data-view=lookup]").click();
    await page.locator("#lookup-query").fill("example.com");
    await page.locator("#lookup-query").press("Enter");
    const record = page.locator("#lookup-result article.record");
    await record.waitFor({ timeout: 30_000 });
    await expect(record.locator("h3").textContent()).resolves.toBe("example.com — registered");
    const facts = await record.locator("dl.facts").innerText();
    expect(facts).toMatch(/Registrar\s+Registrar One, LLC/);
    expect(facts).toMatch(/Created\s+1995-08-14T04:00:00Z/);
    // A real URL is a link; the chain lists both RDAP hops (registry, then registrar) with their answers.
    await expect(record.locator('a[href="https://www.registrar-one.sandbox/"]').count()).resolves.toBe(1);
    const hops = page.locator("#lookup-result .timeline > li");
    await expect(hops.count()).resolves.toBe(2);
    await expect(hops.nth(0).locator(".hop-server").textContent()).resolves.toBe("rdap.verisign.com");
    await expect(hops.nth(1).locator(".hop-server").textContent()).resolves.toBe("rdap.registrar-one.sandbox");
    await hops.nth(1).locator("details.raw summary").click();
    expect(JSON.parse((await hops.nth(1).locator("details.raw pre").textContent()) ?? "{}")).toMatchObject({ objectClassName: "domain", ldhName: expect.stringMatching(/^example\.com$/i) });
    await screenshot(page, "lookup-rdap-1280");
  });

  it("looks up over port 43 when asked: the hops are WHOIS and their raw answers are the text", async () => {
    await page.locator("#lookup-protocol").selectOption("whois");
    await page.locator("#lookup-query").fill("example.com");
    await page.locator("#lookup-form button[type=submit]").click();
    await page.locator("#lookup-result .timeline .proto-whois").first().waitFor({ timeout: 30_000 });
    const protos = await page.locator("#lookup-result .timeline .proto").allTextContents();
    expect(protos.length).toBeGreaterThanOrEqual(2);
    expect(new Set(protos)).toEqual(new Set(["whois"]));
    await page.locator("#lookup-result .timeline > li").first().locator("details.raw summary").click();
    expect(await page.locator("#lookup-result .timeline > li").first().locator("pre").textContent()).toMatch(/Domain Name: EXAMPLE\.COM/i);
    await page.locator("#lookup-protocol").selectOption("auto");
  });

  it("shows a bulk job's progress live, then its results", async () => {
    await page.locator("#nav button[data-view=bulk]").click();
    // The sandbox's registered domains (a bulk run over them is also what teaches a console's store the
    // reverse index the footprint below pivots on), a free name, an address and an AS number.
    const queries = [...SANDBOX_ZONE, "never-registered-example.com", "198.51.100.7", "AS64500"];
    await page.locator("#bulk-queries").fill(queries.join("\n"));
    // Record every text the counter shows (a MutationObserver sees each update, however fast).
    await page.evaluate(`(() => {
      window.__counts = [];
      new MutationObserver(() => window.__counts.push(document.getElementById("bulk-counts").textContent)).observe(document.getElementById("bulk-counts"), { childList: true, characterData: true, subtree: true });
    })()`);
    await page.locator("#bulk-form button[type=submit]").click();
    await page.locator("#bulk-results table").waitFor({ timeout: 60_000 });
    const counts = (await page.evaluate("window.__counts")) as string[];
    const done = counts.map((c) => Number(/^(\d+) of/.exec(c)?.[1] ?? -1));
    const between = done.filter((d) => d > 0 && d < queries.length);
    expect(new Set(between).size).toBeGreaterThanOrEqual(3);
    expect(done.at(-1)).toBe(queries.length);
    const failed = await page.locator("#bulk-results tbody tr", { hasText: /WL_ERR_/ }).count();
    await expect(page.locator("#bulk-counts").textContent()).resolves.toBe(`${queries.length} of ${queries.length} done, ${failed} failed`);
    expect(failed).toBeLessThanOrEqual(3); // the world's referral-fault domains (loop, private) may fail; nothing else
    await expect(page.locator("#bulk-progress").getAttribute("value")).resolves.toBe(String(queries.length));
    expect(await page.locator("#bulk-results tbody tr").count()).toBe(queries.length);
    expect(await page.locator("#bulk-results tbody tr", { hasText: "example.com" }).first().innerText()).toMatch(/registered\s+Registrar One, LLC/);
    expect(await page.locator("#bulk-results tbody tr", { hasText: "never-registered-example.com" }).innerText()).toMatch(/available/);
    await screenshot(page, "bulk-1280");
  }, 90_000);

  it("draws the sandbox organisation's footprint with evidence on every edge, filters it and exports it", async () => {
    await page.locator("#nav button[data-view=footprint]").click();
    await page.locator("#footprint-seed").fill("example.com");
    await page.locator("#footprint-seed").press("Enter");
    await page.locator("#footprint-graph[data-render-ms]").waitFor({ timeout: 120_000 });
    const summary = (await page.locator("#footprint-summary").textContent()) ?? "";
    const [, nodes, edges] = /^(\d+) nodes, (\d+) edges/.exec(summary) ?? [];
    expect(Number(nodes)).toBeGreaterThan(20);
    expect(Number(edges)).toBeGreaterThan(20);
    // The privacy-protected shop domain is tied through Acme's own name servers: its edge's evidence says where.
    const edge = page.locator("#footprint-edges button", { hasText: /→ acmewidgets-store\.com \(shares-nameserver/ }).first();
    await edge.click();
    const panel = page.locator("#footprint-evidence");
    await expect(panel.locator("dl.facts").first().innerText()).resolves.toMatch(/Link\s+shares-nameserver/);
    const evidence = await panel.locator(".evidence-item").first().innerText();
    expect(evidence).toMatch(/Server\s+\S+/);
    expect(evidence).toMatch(/Field\s+\S+/);
    expect(evidence).toMatch(/Value\s+\S+/);
    // Every edge the page lists has evidence (the panel never says it has none).
    const count = await page.locator("#footprint-edges button").count();
    for (let i = 0; i < count; i += Math.max(1, Math.floor(count / 12))) {
      await page.locator("#footprint-edges button").nth(i).click();
      await expect(panel.locator(".evidence-item").count()).resolves.toBeGreaterThan(0);
    }
    // Clicking an edge on the canvas selects it too.
    const point = await clearEdgePoint(page);
    expect(point.clear).toBeGreaterThan(8); // cytoscape's pointer tolerance for edges: 8 px
    await page.locator("#footprint-graph").click({ position: { x: point.x, y: point.y } });
    await expect(panel.getAttribute("data-edge")).resolves.toBe(point.id);

    // A line appearing in the status bar above the graph moves it down. With the page unscrolled (a tall
    // window: no scroll anchoring, no scroll event) the next click must still land: cytoscape caches
    // where its canvas is, and the page tells it when the layout shifts.
    await page.setViewportSize({ width: 1280, height: 1600 });
    await page.evaluate('window.scrollTo(0, 0); document.getElementById("status").textContent = ""');
    await page.evaluate("new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
    const first = await clearEdgePoint(page, { scroll: false, exclude: point.id });
    await page.locator("#footprint-graph").click({ position: { x: first.x, y: first.y } });
    await expect(panel.getAttribute("data-edge")).resolves.toBe(first.id);
    expect(await page.locator("#status").textContent()).toMatch(/^Edge selected/);
    await page.evaluate("new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
    const next = await clearEdgePoint(page, { scroll: false, exclude: first.id });
    await page.locator("#footprint-graph").click({ position: { x: next.x, y: next.y } });
    await expect(panel.getAttribute("data-edge")).resolves.toBe(next.id);
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, "footprint-sandbox-1280");

    // Filters: hide registrars, then raise the confidence floor.
    await page.locator("#footprint-types input[value=registrar]").uncheck();
    const hidden = await nodeTypesFiltered(page, "registrar");
    expect(hidden.length).toBeGreaterThan(0);
    expect(new Set(hidden)).toEqual(new Set([true]));
    const listed = await page.locator("#footprint-edges button").count();
    expect(await page.locator("#footprint-edges button", { hasText: /registrar-one|registrar-two/i }).count()).toBe(0);
    await page.locator("#footprint-confidence").fill("0.9");
    expect(await page.locator("#footprint-edges button").count()).toBeLessThan(listed);
    await page.locator("#footprint-confidence").fill("0");
    await page.locator("#footprint-types input[value=registrar]").check();

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#footprint-exports button[data-format=csv]").click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toMatch(/acmewidgets-store\.com/);
  }, 180_000);

  it("uploads a log to detect and shows the alerts with their evidence lines", async () => {
    await page.locator("#nav button[data-view=detect]").click();
    await page.locator("#detect-file").setInputFiles({ name: "whois.log", mimeType: "text/plain", buffer: Buffer.from(ZEEK_WHOIS) });
    await page.locator("#detect-form button[type=submit]").click();
    const alert = page.locator("#detect-result article.alert").first();
    await alert.waitFor({ timeout: 30_000 });
    await expect(alert.locator("h3").innerText()).resolves.toMatch(/WHOIS port-43 egress/);
    await expect(alert.locator(".evidence-lines code").first().textContent()).resolves.toBe("1700000003.0 W1 10.0.0.5 51000 198.51.100.43 43 example.com");
    await expect(alert.locator(".evidence-lines .where").first().textContent()).resolves.toMatch(/:4$/);
  });

  it("shows an alert arriving live in the inbox, with a badge while another view is shown", async () => {
    await page.locator("#nav button[data-view=lookup]").click();
    await page.locator("#alerts-live[data-live=open], #alerts-live[data-live=connecting]").waitFor({ state: "attached" });
    const before = await page.locator("#alerts-list > li").count();
    const line = ZEEK_WHOIS.replace("10.0.0.5", "10.0.0.77");
    const res = await fetch(new URL("api/detect", app.url), { method: "POST", headers: { authorization: `Bearer ${app.token}`, "content-type": "application/octet-stream" }, body: line });
    expect(res.status).toBe(200);
    await page.locator("#alert-count", { hasText: /^[1-9]/ }).waitFor({ timeout: 15_000 });
    await page.locator("#nav button[data-view=alerts]").click();
    await expect(page.locator("#alert-count").textContent()).resolves.toBe("");
    const fresh = page.locator("#alerts-list > li.new").first();
    await expect(fresh.innerText()).resolves.toMatch(/10\.0\.0\.77/);
    expect(await page.locator("#alerts-list > li").count()).toBeGreaterThan(before);
    await screenshot(page, "alerts-1280");
  });
});
