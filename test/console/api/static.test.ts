import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestConsole, type TestConsole } from "./helpers.js";

describe("console: the web page's static files", () => {
  let dir: string;
  let built: TestConsole;
  let bare: TestConsole;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "wl-console-web-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), '<!doctype html><title>whoislens</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(dir, "assets", "app.js"), "export const x = 1;\n");
    writeFileSync(join(dir, ".secret"), "no");
    built = await startTestConsole({ sandbox: false, webRoot: dir });
    bare = await startTestConsole({ sandbox: false, webRoot: join(dir, "absent") });
  });
  afterAll(async () => {
    await built?.close();
    await bare?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the built page at / without a token, under the strict CSP", async () => {
    const page = await built.api("/", { auth: false });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain("<title>whoislens</title>");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const script = await built.api("/assets/app.js", { auth: false });
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect((await built.api("/.secret", { auth: false })).status).not.toBe(200);
    // The API still needs its token.
    expect((await built.api("/api/alerts", { auth: false })).status).toBe(401);
  });

  it("says the page is not built when dist/console-web is absent", async () => {
    const page = await bare.api("/", { auth: false });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/plain/);
    expect(await page.text()).toMatch(/web page is not built/);
  });
});
