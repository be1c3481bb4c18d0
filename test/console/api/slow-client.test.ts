import { connect } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestConsole, type TestConsole } from "./helpers.js";

let tc: TestConsole;
beforeAll(async () => {
  tc = await startTestConsole({ limits: { requestTimeoutMs: 1000 } });
}, 60_000);
afterAll(() => tc?.close());

// Slow loris: a client that sends its headers a byte at a time is cut when the request time is up, not up
// to 30 s later (Node checks requestTimeout on a timer whose default period is 30 s).
it("a client dripping its request headers is answered 408 and closed soon after the request timeout", async () => {
  const url = new URL(tc.console.url);
  const outcome = await new Promise<{ text: string; unsent: number }>((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let text = "";
    const request = `GET /api/health HTTP/1.1\r\nHost: ${url.host}\r\nX-Slow: ${"a".repeat(200)}`;
    let sent = 0;
    const drip = setInterval(() => {
      if (sent < request.length && !socket.destroyed) socket.write(request[sent++] ?? "");
    }, 50);
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.on("close", () => {
      clearInterval(drip);
      resolve({ text, unsent: request.length - sent });
    });
    socket.on("error", () => undefined);
    setTimeout(() => reject(new Error("still open after 15 s")), 15_000).unref();
  });
  expect(outcome.text).toMatch(/^HTTP\/1\.1 408/);
  // Cut while the headers were still dripping (they take 12.5 s at 50 ms a byte, longer on a busy machine): an
  // ordering, not a wall-clock bound. A cut as late as Node's 30 s check would come after the whole request.
  expect(outcome.unsent).toBeGreaterThan(0);
}, 20_000);
