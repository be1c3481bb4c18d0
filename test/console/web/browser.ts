/**
 * Debian's Chromium driven by playwright-core (no browser download): the launch flags the issue
 * gives for this closed network, a fresh profile per launch, and a watch on every page for what
 * must never happen (a dialog, a page error, a CSP violation). Screenshots go to
 * test-artifacts/console/ (gitignored).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { webBuilt } from "./static.js";

export const CHROMIUM = process.env.WHOISLENS_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = fileURLToPath(new URL("../../../test-artifacts/console/", import.meta.url));

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Why the browser tests cannot run here, or undefined when they can. */
export function skipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing: run scripts/ci-tools.sh (installs Debian's chromium) or set WHOISLENS_CHROMIUM`;
  if (!webBuilt()) return "dist/console-web/ is not built: run npm run build (or npm run build:console-web)";
  return undefined;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "wl-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport, timeout: 60_000 });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did that it must not: dialogs (alert(1) from an injection), uncaught errors, CSP reports. */
export interface Watch {
  dialogs: string[];
  errors: string[];
  csp: string[];
}

export function watch(page: Page): Watch {
  const seen: Watch = { dialogs: [], errors: [], csp: [] };
  page.on("dialog", (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on("pageerror", (error) => seen.errors.push(error.message));
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy/i.test(text)) seen.csp.push(text);
    else if (message.type() === "error" && !/Failed to load resource/.test(text)) seen.errors.push(text);
  });
  return seen;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Opens the console and signs in with the token form (the token lands in session storage). */
export async function signIn(page: Page, url: string, token: string, hash = ""): Promise<void> {
  await page.goto(`${url}${hash}`);
  await page.locator("body[data-ready=true]").waitFor();
  await page.locator("#token-input").fill(token);
  await page.locator("#token-input").press("Enter");
  await page.locator("#nav").waitFor({ state: "visible" });
}
