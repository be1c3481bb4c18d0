/**
 * The one place the page's browser tests get a console from: the real one (src/console/index.ts's
 * startConsole over the sandbox, an in-memory store and a fresh token) when that module exists, else
 * — before the API branch merges, or with WHOISLENS_TEST_FAKE_CONSOLE=1 — the fake API over the
 * sandbox (fake-api.ts) behind the built page (static.ts) with the same CSP.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeApi } from "./fake-api.js";
import { serveStatic } from "./static.js";

export interface TestConsole {
  /** http://127.0.0.1:PORT (no trailing slash) */
  url: string;
  /** A valid API token. */
  token: string;
  close(): Promise<void>;
}

/** The real console's module, imported by a computed name so this file compiles before it exists. */
const REAL_CONSOLE = "../../../src/console/index.js";

interface RealConsoleModule {
  startConsole(options: Record<string, unknown>): Promise<{ url: string; tokens: { add(name: string): Promise<{ token: string }> }; close(): Promise<void> }>;
}

async function realConsole(): Promise<RealConsoleModule | undefined> {
  if (process.env.WHOISLENS_TEST_FAKE_CONSOLE === "1") return undefined;
  try {
    const mod = (await import(/* @vite-ignore */ REAL_CONSOLE)) as Partial<RealConsoleModule>;
    return typeof mod.startConsole === "function" ? (mod as RealConsoleModule) : undefined;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" || /Cannot find module|Failed to load url|does not exist/i.test((error as Error).message)) return undefined;
    throw error;
  }
}

/** Which console the tests run against ("real" or "fake"), for their messages. */
export let consoleKind: "real" | "fake" = "fake";

export async function startTestConsole(options: { bulkDelayMs?: number } = {}): Promise<TestConsole> {
  const real = await realConsole();
  if (real !== undefined) {
    consoleKind = "real";
    const running = await real.startConsole({ host: "127.0.0.1", port: 0, store: ":memory:", sandbox: true, log: () => undefined });
    const { token } = await running.tokens.add(`e2e-${randomBytes(4).toString("hex")}`);
    return { url: running.url, token, close: () => running.close() };
  }
  consoleKind = "fake";
  const api = await FakeApi.start({ bulkDelayMs: options.bulkDelayMs ?? 120 });
  const token = randomBytes(32).toString("base64url");
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status: number, body: unknown): void => {
      if (res.headersSent) return;
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    if (!url.pathname.startsWith("/api/")) {
      if (req.method === "GET" && serveStatic(url.pathname, res)) return;
      return send(404, { error: { code: "WL_ERR_NOT_FOUND", message: "not found" } });
    }
    if (url.pathname === "/api/health") return send(200, { ok: true, version: "test" });
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: { code: "WL_ERR_UNAUTHORIZED", message: "a valid API token is required" } });
    api.handle(req.method ?? "GET", url.pathname, url.searchParams, req, res, send).catch((error: unknown) => send(500, { error: { code: "WL_ERR_INTERNAL", message: (error as Error).message } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: async () => {
      await api.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
