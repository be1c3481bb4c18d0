/**
 * The page's safety rules, checked on its source and its build: data reaches the DOM only as text
 * (no innerHTML and its relatives, no eval, no string timers), and the built page has no inline
 * script, style or event handler (the console's CSP has no 'unsafe-inline').
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { webBuilt, WEB_ROOT } from "./static.js";

const SRC = fileURLToPath(new URL("../../../src/console/web/", import.meta.url));

/** Sinks that parse strings as markup or code; the page has no reason to use any of them. */
const FORBIDDEN = [/\.innerHTML\s*=/, /\.outerHTML\s*=/, /insertAdjacentHTML/, /document\.write/, /\beval\(/, /new Function\(/, /setTimeout\(\s*["'`]/, /createContextualFragment/, /DOMParser/, /\.srcdoc/];

describe("console page source", () => {
  const files = readdirSync(SRC).filter((f) => f.endsWith(".ts") && f !== "vite.config.ts");

  // The table below is read from the folder: it must hold the page's code (the entry index.html loads and
  // the modules main.ts imports), or a move of the sources would leave the check running over nothing.
  it("checks the page's own modules", () => {
    const entry = /<script type="module" src="\.\/([^"]+)"/.exec(readFileSync(join(SRC, "index.html"), "utf8"))?.[1];
    const imported = [...readFileSync(join(SRC, "main.ts"), "utf8").matchAll(/from "\.\/([\w-]+)\.js"/g)].map((m) => `${m[1]}.ts`);
    expect(entry).toBe("main.ts");
    expect(imported.length).toBeGreaterThan(3);
    expect(files).toEqual(expect.arrayContaining([entry, ...imported]));
  });

  it.each(files)("%s uses no markup or code sink", (file) => {
    const text = readFileSync(join(SRC, file), "utf8");
    for (const sink of FORBIDDEN) expect(text, `${file}: ${sink}`).not.toMatch(sink);
  });

  it("index.html has no inline script, style or handler", () => {
    const html = readFileSync(join(SRC, "index.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it.skipIf(!webBuilt())("the build has no inline script, style, handler or data: URL", () => {
    const html = readFileSync(join(WEB_ROOT, "index.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    // Scripts and styles come from the build's own files (no CDN).
    expect(html).not.toMatch(/<(?:script|link)\b[^>]*\b(?:src|href)="(?!\.\/assets\/)/i);
    const assets = readdirSync(join(WEB_ROOT, "assets"));
    for (const file of assets.filter((f) => f.endsWith(".css"))) expect(readFileSync(join(WEB_ROOT, "assets", file), "utf8")).not.toMatch(/url\(\s*["']?(?:data|https?):/i);
  });
});
