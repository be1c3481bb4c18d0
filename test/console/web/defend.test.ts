/**
 * The console page's Audit and Watch views in Debian's Chromium: the audit table of the sandbox
 * organisation (the findings of test/defend/audit/sandbox-expected.json), hostile registrant values
 * shown as text, and watch add → run → alert in the inbox → history diff, driven from the keyboard.
 * The watch part runs against a second console over the watch tests' WatchWorld (served on loopback),
 * whose records change between passes.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../../src/net/index.js";
import { WatchWorld } from "../../../src/server/dataset/watch-world.js";
import { EXPECTED } from "../../defend/audit/world.js";
import { initialDomains } from "../../defend/watch/helpers/scenario.js";
import { startWorldServer, type WorldServer } from "../../defend/watch/helpers/world-server.js";
import { startTestConsole as startApiConsole, type TestConsole as ApiConsole } from "../api/helpers.js";
import { launch, signIn, skipReason, watch, type Browser, type Watch } from "./browser.js";
import { IMG, SCRIPT } from "./hostile.js";
import { useSession } from "./session.js";

const skip = skipReason();
if (skip !== undefined) console.warn(`skipping the console page's audit and watch tests: ${skip}`);

/** Every finding line of the expected file as "DOMAIN CHECK-ID" (the table's domain and check columns). */
const EXPECTED_PAIRS = Object.entries(EXPECTED.findings).flatMap(([domain, lines]) => lines.map((line) => `${domain} ${line.split(" ")[0]}`)).sort();

async function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.locator(`${selector} tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent ?? "")));
}

describe.skipIf(skip !== undefined)("console page: Audit and Watch views", () => {
  const session = useSession(["dialogs", "errors"]);
  let server: WorldServer;
  let worldConsole: ApiConsole;
  let browser: Browser;
  let page: Page;
  let seen: Watch;

  beforeAll(async () => {
    const hostile = { ...initialDomains()[0]!, name: "acme-hostile.org", registrant: { name: IMG, organization: SCRIPT, email: "hostmaster@acme-widgets.org" } };
    server = await startWorldServer(new WatchWorld([...initialDomains(), hostile]));
    worldConsole = await startApiConsole({ sandbox: false, lookup: { ...server.lookup, protocol: "rdap" } });
    browser = await launch();
    page = await browser.context.newPage();
    seen = watch(page);
    await signIn(page, worldConsole.console.url, worldConsole.token, "#watch");
  }, 90_000);
  afterAll(async () => {
    expect(seen?.dialogs ?? []).toEqual([]);
    expect(seen?.errors ?? []).toEqual([]);
    expect(seen?.csp ?? []).toEqual([]);
    await browser?.close();
    await worldConsole?.close();
    await closeRdapAgents();
    await server?.close();
  });

  it("audits the sandbox organisation: the table holds exactly the expected findings, most severe first, and downloads SARIF", async () => {
    const p = session().page;
    await p.locator('#nav button[data-view="audit"]').click();
    await p.locator("#audit-domains").fill(EXPECTED.domains.join("\n"));
    await p.locator("#audit-jewels").fill(EXPECTED.crownJewels.join(" "));
    await p.locator("#audit-asof").fill(EXPECTED.asOf);
    await p.locator('#audit-form button[type="submit"]').click();
    await p.locator("#audit-summary", { hasText: /findings? over 8 domains/ }).waitFor({ timeout: 60_000 });
    const rows = await tableRows(p, "#audit-result");
    expect(rows.map((r) => `${r[2]} ${r[1]}`).sort()).toEqual(EXPECTED_PAIRS);
    for (const r of rows) expect(r[0], r[1]).toBe(EXPECTED.severities[r[1]!]);
    const ranks = rows.map((r) => ["critical", "high", "medium", "low", "info"].indexOf(r[0]!));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(rows.find((r) => r[1] === "WL-AUDIT-NS-DANGLING")?.[4]).toBe("ns1.acme-legacy-dns.com");
    // Ordered by domain on request.
    await p.locator("#audit-sort").selectOption("domain");
    const byDomain = (await tableRows(p, "#audit-result")).map((r) => r[2]!);
    expect(byDomain).toEqual([...byDomain].sort((a, b) => a.localeCompare(b)));
    const [download] = await Promise.all([p.waitForEvent("download"), p.locator("#audit-sarif").click()]);
    expect(download.suggestedFilename()).toBe("whoislens-audit.sarif");
    const sarif = JSON.parse(await streamText(await download.createReadStream())) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]!.results.length).toBe(rows.length);
  }, 120_000);

  it("shows hostile registrant values as inert text in the findings table", async () => {
    await page.locator('#nav button[data-view="audit"]').click();
    await page.locator("#audit-domains").fill("acme-hostile.org");
    await page.locator('#audit-form button[type="submit"]').click();
    await page.locator("#audit-summary", { hasText: /over 1 domain/ }).waitFor({ timeout: 60_000 });
    const rows = await tableRows(page, "#audit-result");
    expect(rows.some((r) => r[1] === "WL-AUDIT-PII-NAME" && r[4] === IMG)).toBe(true);
    expect(await page.locator("#audit-result img, #audit-result script").count()).toBe(0);
  }, 60_000);

  it("from the keyboard: watch add → run → alert in the inbox → history with before and after", async () => {
    await page.locator('#nav button[data-view="watch"]').click();
    await page.locator("#watch-value").focus();
    await page.keyboard.type("acme-widgets.org");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space"); // crown jewel
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter"); // Add
    await page.locator("#watch-list td", { hasText: "domain:acme-widgets.org" }).waitFor();
    expect((await tableRows(page, "#watch-list"))[0]!.slice(0, 2)).toEqual(["domain:acme-widgets.org", "yes"]);
    // The first pass sets the baseline; then the registrar and the registrant change.
    await page.locator("#watch-run").focus();
    await page.keyboard.press("Enter");
    await page.locator("#watch-counts", { hasText: /Watch pass done: 1 checked, 0 failed\. 0 new alert/ }).waitFor({ timeout: 60_000 });
    // The new registrar's name is hostile markup: it must reach the inbox and the history as text.
    server.world.update("acme-widgets.org", { registrar: { name: `Registrar Two GmbH ${IMG}`, ianaId: "9992" } });
    await page.locator("#watch-run").focus();
    await page.keyboard.press("Enter");
    await page.locator("#watch-counts", { hasText: /1 new alert/ }).waitFor({ timeout: 60_000 });
    await page.locator('#nav button[data-view="alerts"]').click();
    const alert = page.locator("#alerts-list article", { hasText: "watch/registrar-changed" }).first();
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.locator(".sev").textContent()).toBe("critical");
    expect(await alert.textContent()).toContain(IMG);
    expect(await page.locator("#alerts-list img, #alerts-list script, #watch-history img").count()).toBe(0);
    await page.locator('#nav button[data-view="watch"]').click();
    await page.locator('#watch-list button[data-history="acme-widgets.org"]').focus();
    await page.keyboard.press("Enter");
    await page.locator("#watch-history tbody tr", { hasText: "registrar-changed" }).waitFor();
    const change = page.locator("#watch-history tbody tr", { hasText: "registrar-changed" });
    expect(await change.locator("del.before").textContent()).toContain("Registrar One LLC");
    expect(await change.locator("ins.after").textContent()).toContain(`Registrar Two GmbH ${IMG}`);
    expect(await page.locator("#watch-history img").count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe("watch-history-title");
    // Remove from the keyboard.
    await page.locator('#watch-list button[data-remove="domain:acme-widgets.org"]').focus();
    await page.keyboard.press("Enter");
    await page.locator("#watch-list", { hasText: "The watch list is empty." }).waitFor();
  }, 120_000);
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
