import { execFile } from "node:child_process";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { keepAliveClient } from "../../bench/lib/serve-load-client.mjs";

// bench:serve's load client keeps HTTP/1.1 sockets alive. A server that closes idle keep-alive
// sockets (node's keepAliveTimeout, nginx's keepalive_timeout) used to leave a dead socket in its idle
// list: the next request was written to it and hung, or counted as an error. Each server here is
// written for the case it tests, on loopback, on a port the OS picks.

const LOAD = fileURLToPath(new URL("../../bench/lib/serve-load.mjs", import.meta.url));
const BODY = JSON.stringify({ objectClassName: "domain", ldhName: "example.test" });
const REQUEST = Buffer.from("GET /domain/example.test HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
const ANSWER = `HTTP/1.1 200 OK\r\ncontent-type: application/rdap+json\r\ncontent-length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`;

const servers: (HttpServer | NetServer)[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    if ("closeAllConnections" in s) s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

async function listen<T extends HttpServer | NetServer>(server: T): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * A raw HTTP/1.1 server that ends a keep-alive socket left idle `idleMs` after its last answer, as
 * nginx's keepalive_timeout does. (node:http's keepAliveTimeout would do too, but node 20 adds a
 * second to it, see `realIdleServer`.)
 */
function quickIdleServer(idleMs: number): NetServer {
  return createNetServer((socket) => {
    let timer: NodeJS.Timeout | undefined;
    socket.on("data", () => {
      clearTimeout(timer);
      socket.write(ANSWER);
      timer = setTimeout(() => socket.end(), idleMs);
    });
    socket.on("close", () => clearTimeout(timer));
    socket.on("error", () => undefined);
  });
}

/** node:http itself with its keep-alive timeout (node 20 closes after keepAliveTimeout + 1 s). */
function realIdleServer(): HttpServer {
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/rdap+json", "content-length": Buffer.byteLength(BODY) });
    res.end(BODY);
  });
  server.keepAliveTimeout = 50;
  return server;
}

/** Fails the test instead of hanging it (the old client never settled a request sent on a dead socket). */
const within = <T>(promise: Promise<T>, ms = 3000): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms: hung`)), ms))]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to 5 s) until the client has seen the server close `n` idle sockets: no bet on timer precision. */
async function idleClosed(client: { stats: { serverClosedIdle: number } }, n: number): Promise<void> {
  const end = Date.now() + 5000;
  while (client.stats.serverClosedIdle < n) {
    if (Date.now() > end) throw new Error(`the server closed ${client.stats.serverClosedIdle} idle sockets, not ${n}`);
    await sleep(20);
  }
}

describe("serve-load's keep-alive client against servers that close sockets", () => {
  it("a socket the server closed as idle is not reused: the next request goes out on a new one", async () => {
    const port = await listen(quickIdleServer(20));
    const client = keepAliveClient({ port, request: REQUEST, maxSockets: 4 });
    await within(client.once());
    await idleClosed(client, 1); // the server's 20 ms passed: it closed the socket
    await within(client.once());
    await idleClosed(client, 2);
    await within(Promise.all([client.once(), client.once()]));
    expect(client.stats.serverClosedIdle).toBeGreaterThanOrEqual(2);
    expect(client.stats.opened).toBeGreaterThanOrEqual(3);
    client.close();
  });

  it("the same against node:http's own keepAliveTimeout", async () => {
    const port = await listen(realIdleServer());
    const client = keepAliveClient({ port, request: REQUEST, maxSockets: 4 });
    await within(client.once());
    await idleClosed(client, 1);
    await within(client.once());
    expect(client.stats.serverClosedIdle).toBe(1);
    expect(client.stats.opened).toBe(2);
    client.close();
  });

  it("a request that crossed the server's close on a reused socket (no answer byte) is sent again on a new connection, once", async () => {
    // Each connection answers its first request and drops the connection at its second, unanswered:
    // the FIN of an idle close crossing the client's next request, made deterministic.
    const connections: Socket[] = [];
    const port = await listen(createNetServer((socket) => {
      connections.push(socket);
      let requests = 0;
      socket.on("data", () => {
        requests += 1;
        if (requests === 1) socket.write(ANSWER);
        else socket.destroy();
      });
      socket.on("error", () => undefined);
    }));
    const client = keepAliveClient({ port, request: REQUEST, maxSockets: 2 });
    await within(client.once());
    await within(client.once());
    expect(client.stats.retried).toBe(1);
    expect(connections).toHaveLength(2);
    client.close();
  });

  it("a server that drops every fresh connection unanswered is an error, not a retry loop", async () => {
    let connections = 0;
    const port = await listen(createNetServer((socket) => {
      connections += 1;
      socket.on("data", () => socket.destroy());
      socket.on("error", () => undefined);
    }));
    const client = keepAliveClient({ port, request: REQUEST, maxSockets: 2 });
    await expect(within(client.once())).rejects.toThrow("connection closed before an answer");
    expect(client.stats.retried).toBe(0);
    expect(connections).toBe(1);
    client.close();
  });

  it("serve-load.mjs, an open loop slower than the server's idle timeout: every request answered, none an error", async () => {
    const port = await listen(quickIdleServer(10));
    const spec = { kind: "http", port, query: "/domain/example.test", mode: "open", concurrency: 2, seconds: 1, rate: 5 };
    const { stdout } = await promisify(execFile)(process.execPath, [LOAD, JSON.stringify(spec)], { timeout: 15_000 });
    const result = JSON.parse(stdout) as { count: number; errors: number; sockets: number; p50: number };
    expect(result.errors).toBe(0);
    expect(result.count).toBe(5);
    // Latency counts from each request's scheduled time; it used to be sent one interval late. The interval (200 ms
    // here) is long beside a loopback answer even on a loaded machine, so the bound tells that bug from a slow machine.
    expect(result.p50).toBeLessThan(150);
    expect(result.sockets).toBeGreaterThan(2); // the server did close idle sockets: new ones were opened
  });
});
