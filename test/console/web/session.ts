/** One console, one Chromium and one signed-in page, as most browser test files start. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
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

/**
 * A describe block's session: started in beforeAll (90 s: the first Chromium launch is slow on a loaded
 * machine), closed in afterAll. `clean` names what the page must not have shown by the end (dialogs, page
 * errors, CSP reports), checked before the close. Call it before the block's own hooks: its close then
 * runs after theirs (vitest runs after-hooks last-registered first). The getter throws outside a test.
 */
export function useSession(clean: (keyof Watch)[] = []): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await startSession();
  }, 90_000);
  afterAll(async () => {
    for (const kind of clean) expect(session?.seen[kind] ?? [], `the page's ${kind}`).toEqual([]);
    await session?.close();
    session = undefined;
  });
  return () => {
    if (session === undefined) throw new Error("useSession: the session is not started (called outside a test?)");
    return session;
  };
}
