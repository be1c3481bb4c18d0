import http from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRdapAgents, fetchRdap } from "../../src/net/index.js";
import { codeOf } from "../helpers/errors.js";
import { listenTracked, type TestServer } from "../helpers/servers.js";

/**
 * fetchRdap's beforeWrite: asked once connected, right before each request is written (the first, then each
 * redirect with the server the redirect names), so that a caller counting queries counts what servers receive.
 */
let server: TestServer;
let base: string;
let connections = 0;
const requests: string[] = [];

beforeAll(async () => {
  const plain = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    if (req.url === "/moved") {
      res.writeHead(303, { location: "https://rdap.other.example/ip/192.0.2.1" });
      return res.end();
    }
    res.writeHead(200, { "content-type": "application/rdap+json" });
    res.end(JSON.stringify({ objectClassName: "ip network", handle: "NET-1" }));
  });
  plain.on("connection", () => (connections += 1));
  server = await listenTracked(plain);
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await closeRdapAgents();
  await server.close();
});

const reset = (): void => {
  requests.length = 0;
  connections = 0;
};

describe("fetchRdap's beforeWrite", () => {
  it("is asked once connected: false writes nothing (the server saw a connection, no request) and fails WL_ERR_ABORTED", async () => {
    await closeRdapAgents();
    reset();
    const asked: number[] = [];
    const error = fetchRdap(`${base}/ok`, { explicitTarget: true, timeoutMs: 2000, beforeWrite: () => (asked.push(connections), false) });
    expect(await codeOf(error)).toBe("WL_ERR_ABORTED");
    // The connection was already made when the check ran.
    expect(asked).toEqual([1]);
    expect(requests).toEqual([]);
  });

  it("a hold longer than the time limit does not time the request out: the clock stops while held", async () => {
    reset();
    const answer = await fetchRdap(`${base}/ok`, { explicitTarget: true, timeoutMs: 150, beforeWrite: () => new Promise((resolve) => setTimeout(() => resolve(true), 400)) });
    expect(answer.status).toBe(200);
    expect(requests).toEqual(["/ok"]);
  });

  it("is asked again for each redirect, with the server the redirect names, and a false there stops the redirect", async () => {
    reset();
    const calls: [string, boolean][] = [];
    const routeRedirect = () => ({ url: `${base}/there`, explicit: true });
    const answer = await fetchRdap(`${base}/moved`, { explicitTarget: true, timeoutMs: 2000, routeRedirect, beforeWrite: (to, redirected) => (calls.push([to, redirected]), true) });
    expect(answer.status).toBe(200);
    expect(calls).toEqual([["127.0.0.1", false], ["rdap.other.example", true]]);
    expect(requests).toEqual(["/moved", "/there"]);

    reset();
    const refused = fetchRdap(`${base}/moved`, { explicitTarget: true, timeoutMs: 2000, routeRedirect, beforeWrite: (_to, redirected) => !redirected });
    expect(await codeOf(refused)).toBe("WL_ERR_ABORTED");
    expect(requests).toEqual(["/moved"]);
  });

  it("cancelled while held: WL_ERR_ABORTED, nothing written, and a verdict arriving after changes nothing", async () => {
    reset();
    const cancel = new AbortController();
    let release: (send: boolean) => void = () => {};
    const pending = fetchRdap(`${base}/ok`, { explicitTarget: true, timeoutMs: 2000, signal: cancel.signal, beforeWrite: () => new Promise<boolean>((resolve) => (release = resolve)) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    cancel.abort();
    expect(await codeOf(pending)).toBe("WL_ERR_ABORTED");
    release(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toEqual([]);
  });

  it("is never asked when the connection is refused", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    let asked = 0;
    const error = fetchRdap(`http://127.0.0.1:${port}/ok`, { explicitTarget: true, timeoutMs: 2000, beforeWrite: () => (asked += 1, true) });
    expect(await codeOf(error)).toBe("WL_ERR_CONNECT");
    expect(asked).toBe(0);
  });
});
