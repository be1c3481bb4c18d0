/** One console, one Chromium and one signed-in page, as most browser test files start. */
import type { Page } from "playwright-core";
import { launch, signIn, watch, type Browser, type Watch } from "./browser.js";
import { startTestConsole, type TestConsole } from "./console.js";

export interface Session {
  app: TestConsole;
  browser: Browser;
  page: Page;
  seen: Watch;
  close(): Promise<void>;
}

export async function startSession(): Promise<Session> {
  const app = await startTestConsole();
  const browser = await launch();
  const page = await browser.context.newPage();
  const seen = watch(page);
  await signIn(page, app.url, app.token);
  return {
    app,
    browser,
    page,
    seen,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}
