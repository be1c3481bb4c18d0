import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestConsole, type TestConsole } from "./helpers.js";

const CAP = 8;
let tc: TestConsole;
beforeAll(async () => {
  tc = await startTestConsole({ limits: { maxConnections: CAP } });
}, 60_000);
afterAll(() => tc?.close());

const openConnections = (): Promise<number> =>
  new Promise((resolve, reject) => tc.console.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A raw GET /api/health on its own connection: the answer's text, or "" when the console closed it unanswered. */
function rawHealth(url: URL): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(`GET /api/health HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`));
    let text = "";
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(text));
  });
}

// A hostile client opening thousands of idle sockets (each held until the request timeout) stalled the console at
// ~20,000 and would take the descriptors a running job's lookups and the store need. Past the cap a new connection
// is closed as it arrives; once the idle ones go, the console answers again.
it("past the connection cap a new connection is closed unanswered; the console answers once the idle ones go", async () => {
  const url = new URL(tc.console.url);
  const idle: Socket[] = [];
  for (let i = 0; i < CAP; i++) {
    const socket = connect(Number(url.port), url.hostname);
    socket.on("error", () => undefined);
    idle.push(socket);
  }
  await until(async () => (await openConnections()) === CAP);
  expect(await rawHealth(url)).toBe("");

  for (const socket of idle) socket.destroy();
  await until(async () => (await openConnections()) === 0);
  expect(await rawHealth(url)).toMatch(/^HTTP\/1\.1 200/);
}, 30_000);
