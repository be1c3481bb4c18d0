import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

/** Test-only loopback servers. Each returns its port and a close function. */
export interface TestServer {
  port: number;
  close(): Promise<void>;
}

/** A loopback port nothing listens on (a server opened and closed a moment ago): a connection there is refused. */
export async function closedPort(): Promise<number> {
  const server = await tcpServer(() => undefined);
  await server.close();
  return server.port;
}

/** Listens on a loopback port; close() also drops open connections so tests never wait on them. */
export async function listenTracked(server: net.Server): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function tcpServer(onConnection: (socket: net.Socket) => void): Promise<TestServer> {
  return listenTracked(net.createServer(onConnection));
}

/**
 * A describe block's loopback TCP servers: `start(handler)` opens one and gives its port; each is closed
 * in afterAll. `servers` lists them, the latest last (a test may take one off and close it itself).
 */
export function useTcpServers(): { start(onConnection: (socket: net.Socket) => void): Promise<number>; servers: TestServer[] } {
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  return {
    servers,
    start: async (onConnection) => {
      const server = await tcpServer(onConnection);
      servers.push(server);
      return server.port;
    },
  };
}

export function httpServer(handler: http.RequestListener): Promise<TestServer> {
  return listenTracked(http.createServer(handler));
}

/**
 * A describe block's one loopback server (or world of servers: useSandbox), made by `start` in beforeAll
 * and closed in afterAll — the set-up and tear-down the RDAP client and sandbox tests each wrote out.
 * `startTimeoutMs` overrides the hook timeout for starts that take long (a Python world, PostgreSQL). The getter throws when called before the
 * start (outside a test). A block that also keeps client pools closes them in its own afterAll.
 */
export function useServer<S extends { close(): Promise<void> }>(start: () => Promise<S>, startTimeoutMs?: number): () => S {
  let server: S | undefined;
  beforeAll(async () => {
    server = await start();
  }, startTimeoutMs);
  afterAll(async () => {
    await server?.close();
    server = undefined;
  });
  return () => {
    if (server === undefined) throw new Error("useServer: the server is not started (called outside a test?)");
    return server;
  };
}

/** useServer for one HTTP handler; `origin()` is the server's http://127.0.0.1:PORT. */
export function useHttpServer(handler: http.RequestListener): { server: () => TestServer; origin: () => string } {
  const server = useServer(() => httpServer(handler));
  return { server, origin: () => `http://127.0.0.1:${server().port}` };
}

/** Calls `handle` with the query line (up to CRLF) and the socket, for servers that answer in their own way (resets, dribbles). */
export function onWhoisQuery(handle: (query: string, socket: net.Socket) => void): (socket: net.Socket) => void {
  return (socket) => {
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      const end = buffer.indexOf("\r\n");
      if (end === -1) return;
      handle(buffer.slice(0, end), socket);
    });
  };
}

/** Answers each query with `answer(query)` and closes, like a port-43 server. */
export function whoisResponder(answer: (query: string) => string | Buffer): (socket: net.Socket) => void {
  return onWhoisQuery((query, socket) => socket.end(answer(query)));
}
