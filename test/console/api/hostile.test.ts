import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestConsole, type TestConsole } from "./helpers.js";

type Json = Record<string, any>;
const JSON_HEADERS = { "content-type": "application/json" };

/** A raw HTTP request (fetch normalises paths, so `..` segments need this). */
function raw(url: string, path: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = httpRequest({ host: u.hostname, port: u.port, path, method: "GET", headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("console API: hostile requests", () => {
  let c: TestConsole;
  let footprintId: string;
  beforeAll(async () => {
    c = await startTestConsole({ limits: { bodyLimitBytes: 64 * 1024, uploadLimitBytes: 32 * 1024, maxStreams: 2 } });
    const started = (await (await c.api("/api/footprint", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ seed: "example.org", depth: 0 }) })).json()) as { id: string };
    footprintId = started.id;
    for (let i = 0; i < 100; i += 1) {
      const graph = await c.api(`/api/footprint/${footprintId}/graph`);
      await graph.body?.cancel();
      if (graph.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 30_000);
  afterAll(async () => {
    await c?.close();
  });

  const expectError = async (response: Response, status: number, message?: RegExp): Promise<void> => {
    expect(response.status).toBe(status);
    const body = (await response.json()) as Json;
    expect(body.error.code).toMatch(/^WL_ERR_API_/);
    if (message) expect(body.error.message).toMatch(message);
  };

  it("an oversized JSON body: 413, WL_ERR_API_REQUEST", async () => {
    const queries = Array.from({ length: 5000 }, (_, i) => `name-${i}-padding-padding.example.com`);
    await expectError(await c.api("/api/bulk", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ queries }) }), 413);
  });

  it("bad JSON, an empty body, a JSON array, the wrong content type: 400 or 415", async () => {
    await expectError(await c.api("/api/lookup", { method: "POST", headers: JSON_HEADERS, body: '{"query": "example.com"' }), 400, /not valid JSON/);
    await expectError(await c.api("/api/lookup", { method: "POST", headers: JSON_HEADERS, body: "" }), 400, /empty/);
    await expectError(await c.api("/api/lookup", { method: "POST", headers: JSON_HEADERS, body: '["example.com"]' }), 400);
    await expectError(await c.api("/api/lookup", { method: "POST", headers: { "content-type": "text/plain" }, body: "example.com" }), 415);
    await expectError(await c.api("/api/lookup", { method: "POST", headers: { "content-type": "application/octet-stream" }, body: '{"query":"example.com"}' }), 415, /application\/json/);
    await expectError(await c.api("/api/detect", { method: "POST", headers: JSON_HEADERS, body: "{}" }), 415, /octet-stream/);
  });

  it("deeply nested JSON is refused before parsing (400), also inside a field zod would never look at", async () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    await expectError(await c.api("/api/lookup", { method: "POST", headers: JSON_HEADERS, body: `{"query":"example.com","x":${deep}}` }), 400, /nested 20001 levels deep \(limit 32\)/);
    await expectError(await c.api("/api/bulk", { method: "POST", headers: JSON_HEADERS, body: `{"queries":${"[".repeat(40)}"a"${"]".repeat(40)}}` }), 400, /limit 32/);
  });

  it("an upload over the cap: 413 naming the flag, nothing kept", async () => {
    const before = (await (await c.api("/api/alerts")).json()) as Json;
    await expectError(await c.api("/api/detect", { method: "POST", headers: { "content-type": "application/octet-stream" }, body: Buffer.alloc(64 * 1024, 0x61) }), 413, /--max-upload-bytes/);
    // Sent without a length (chunked): stopped while streaming.
    const body = new ReadableStream({
      pull(controller) {
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x62));
      },
    });
    await expectError(await c.api("/api/detect", { method: "POST", headers: { "content-type": "application/octet-stream" }, body, duplex: "half" } as RequestInit), 413, /--max-upload-bytes/);
    const after = (await (await c.api("/api/alerts")).json()) as Json;
    expect(after.total).toBe(before.total);
  });

  it("at most two uploads are read at once: a third gets 503 WL_ERR_API_BUSY", async () => {
    const slow = () => {
      let sent = 0;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const body = new ReadableStream({
        async pull(controller) {
          if (sent === 1) await gate;
          if (sent >= 2) return controller.close();
          sent += 1;
          controller.enqueue(new TextEncoder().encode("# zeek-like noise\n"));
        },
      });
      const response = c.api("/api/detect", { method: "POST", headers: { "content-type": "application/octet-stream" }, body, duplex: "half" } as RequestInit);
      return { response, release };
    };
    const a = slow();
    const b = slow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectError(await c.api("/api/detect", { method: "POST", headers: { "content-type": "application/octet-stream" }, body: "x\n" }), 503, /uploads are being read/);
    a.release();
    b.release();
    expect((await a.response).status).toBe(200);
    expect((await b.response).status).toBe(200);
  });

  it("path traversal in an export or rules format never reaches a file: 400 or 404, no file content", async () => {
    const probes = [
      `/api/footprint/${footprintId}/export/..%2F..%2F..%2Fetc%2Fpasswd`,
      `/api/footprint/${footprintId}/export/../../../../etc/passwd`,
      `/api/footprint/${footprintId}/export/%2e%2e%2fpackage.json`,
      `/api/footprint/${footprintId}/export/json%00.html`,
      `/api/footprint/..%2F..%2Fetc/export/json`,
      "/api/rules/..%2F..%2F..%2Fetc%2Fpasswd",
      "/api/rules/../../package.json",
      "/api/rules/sigma%2F..%2F..%2Fpackage.json",
      "/../../../etc/passwd",
      "/%2e%2e/%2e%2e/package.json",
    ];
    for (const path of probes) {
      const response = await raw(c.console.url, path, c.token);
      expect([400, 403, 404], path).toContain(response.status);
      expect(response.body, path).not.toMatch(/root:|"name": ?"whoislens"|"devDependencies"/);
    }
    // The real format still works.
    expect((await raw(c.console.url, `/api/footprint/${footprintId}/export/csv`, c.token)).status).toBe(200);
  });

  it("job ids, page bounds and query strings are validated", async () => {
    await expectError(await c.api("/api/bulk/..%2F..%2Fx"), 400);
    await expectError(await c.api(`/api/bulk/${"a".repeat(65)}`), 400);
    await expectError(await c.api("/api/alerts?limit=100000"), 400, /"limit"/);
    await expectError(await c.api("/api/alerts?offset=-1"), 400, /"offset"/);
    await expectError(await c.api("/api/alerts?limit=abc"), 400, /"limit"/);
    await expectError(await c.api("/api/alerts?extra=1"), 400);
    await expectError(await c.api("/api/nothing-here"), 404);
  });

  it("live streams are capped: the next one gets 503 WL_ERR_API_BUSY, and a closed one frees its place", async () => {
    const controllers = [new AbortController(), new AbortController()];
    const open = await Promise.all(controllers.map((ac) => c.api("/api/alerts/events", { signal: ac.signal })));
    for (const response of open) expect(response.status).toBe(200);
    await expectError(await c.api("/api/alerts/events"), 503, /--max-streams/);
    controllers[0]!.abort();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const retry = await c.api("/api/alerts/events");
      status = retry.status;
      await retry.body?.cancel();
    }
    expect(status).toBe(200);
    controllers[1]!.abort();
  });

  it("on loopback, a request addressed to another host name (DNS rebinding) is refused before anything else", async () => {
    const ask = (host: string, path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const u = new URL(c.console.url);
        const req = httpRequest({ host: u.hostname, port: u.port, path, headers: { host, authorization: `Bearer ${c.token}` } }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("error", reject);
        req.end();
      });
    for (const path of ["/", "/api/health", "/api/alerts"]) {
      const refused = await ask("attacker.example:8043", path);
      expect(refused.status, path).toBe(403);
      expect(refused.body).toMatch(/DNS rebinding/);
    }
    for (const host of [`127.0.0.1:${c.console.port}`, `localhost:${c.console.port}`, `[::1]:${c.console.port}`]) expect((await ask(host, "/api/alerts")).status, host).toBe(200);
  });

  it("an attacker-controlled error message comes back without control characters", async () => {
    const response = await c.api("/api/lookup", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ query: "evil\u001b[31m\u0007name.com\u202e" }) });
    const text = await response.text();
    expect(text).not.toMatch(/\u001b|\u0007|\u202e/);
  });
});
