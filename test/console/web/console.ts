/**
 * The one place the page's browser tests get a console from. Until the API branch merges this is the
 * fake API over the sandbox (fake-api.ts) behind the built page (static.ts); at merge, replace the
 * body of startTestConsole with src/console/index.ts's startConsole({ sandbox: true, port: 0 }) and
 * a token from its token store, keeping the returned shape.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeApi } from "./fake-api.js";
import { serveStatic } from "./static.js";

export interface TestConsole {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** A valid API token. */
  token: string;
  close(): Promise<void>;
}

export async function startTestConsole(options: { bulkDelayMs?: number } = {}): Promise<TestConsole> {
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
    url: `http://127.0.0.1:${port}/`,
    token,
    close: async () => {
      await api.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
