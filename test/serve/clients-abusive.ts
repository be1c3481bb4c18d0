import { request } from "node:http";
import { connect, type Server, type Socket } from "node:net";
import { validateDataset } from "../../src/serve/load.js";
import type { ServeDataset } from "../../src/serve/dataset.js";

/**
 * Clients for the abuse tests, each from its own loopback address (Linux routes all of 127.0.0.0/8 to
 * lo, so 127.0.0.2, .3… are distinct sources without any setup), over either protocol.
 */

export type Protocol = "whois" | "rdap";

export interface Answer {
  /** Port 43: the text; RDAP: the status and body. */
  status: number;
  text: string;
  retryAfter?: string;
}

/** One port-43 query from `from`; status 0 for an answer, -1 when the server closed without one. */
export function whoisFrom(port: number, from: string, query: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, localAddress: from }, () => socket.write(`${query}\r\n`));
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error("timeout")));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      resolve({ status: text ? 0 : -1, text });
    });
    socket.on("error", reject);
  });
}

export function rdapFrom(port: number, from: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: `/${path}`, localAddress: from, agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const retry = res.headers["retry-after"];
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), ...(typeof retry === "string" ? { retryAfter: retry } : {}) });
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

/** What a refusal looks like in each protocol: "temporary" (throttled or over quota), "permanent", or "ok". */
export function verdict(protocol: Protocol, answer: Answer): "ok" | "temporary" | "permanent" | "not-found" {
  if (protocol === "whois") {
    if (answer.text.startsWith("%ERROR:201")) return answer.text.includes("permanently") ? "permanent" : "temporary";
    if (answer.text.startsWith("No match") || answer.text.startsWith("%ERROR:101")) return "not-found";
    return "ok";
  }
  if (answer.status === 429) return "temporary";
  if (answer.status === 403) return "permanent";
  if (answer.status === 404) return "not-found";
  return "ok";
}

/** Sockets that connect from `from` and hold the connection open without sending. */
export async function holdConnections(port: number, from: string, count: number): Promise<{ sockets: Socket[]; received: string[] }> {
  const sockets: Socket[] = [];
  const received: string[] = Array.from({ length: count }, () => "");
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      new Promise<void>((resolve) => {
        const socket = connect({ host: "127.0.0.1", port, localAddress: from }, () => resolve());
        socket.on("data", (chunk: Buffer) => {
          received[i] += chunk.toString("utf8");
        });
        socket.on("error", () => resolve());
        sockets.push(socket);
      }),
    ),
  );
  return { sockets, received };
}

/** A registry of `count` domains, each with its own registrant person: every answer is one personal object. */
export function harvestWorld(count: number): ServeDataset {
  const contacts = Array.from({ length: count }, (_, i) => ({ handle: `P${i}-TEST`, kind: "person" as const, name: `Person ${i}`, email: `p${i}@people.example`, phone: `+1.55555${String(i).padStart(5, "0")}` }));
  const domains = Array.from({ length: count }, (_, i) => ({ name: `shop${i}.example`, registrar: { name: "Test Registrar Inc." }, registrant: `P${i}-TEST`, created: "2020-01-01T00:00:00Z" }));
  return validateDataset({ service: "harvest test registry", contacts, domains });
}

/**
 * A slow-loris client: connects from `from`, sends `partial` (never a whole query; "" sends nothing) and reads
 * what the server sends (a 408, say: a socket that never reads never sees the end after those bytes). `closed`
 * settles when the server closes; nothing bounds it here: the test that waits on it says how long it may take.
 */
export function slowLoris(port: number, partial: string, from = "127.0.0.1"): SlowLoris {
  let text = "";
  let isClosed = false;
  const socket = connect({ host: "127.0.0.1", port, localAddress: from }, () => {
    if (partial) socket.write(partial);
  });
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    text += chunk;
  });
  socket.on("error", () => undefined);
  const closed = new Promise<string>((resolve) =>
    socket.on("close", () => {
      isClosed = true;
      resolve(text);
    }),
  );
  return { socket, closed, isClosed: () => isClosed, text: () => text };
}

export interface SlowLoris {
  socket: Socket;
  /** Everything the server wrote, once it closed. */
  closed: Promise<string>;
  isClosed(): boolean;
  /** What the server wrote so far. */
  text(): string;
}

/** The server side of each connection `server` accepts from now on, in order (for its byte counters and timeout). */
export function acceptedSockets(server: Server): Socket[] {
  const accepted: Socket[] = [];
  server.on("connection", (socket: Socket) => accepted.push(socket));
  return accepted;
}

/** Lets the loopback sockets move what they can: a few real event-loop turns, no timer of the clock under test. */
export async function letSocketsMove(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * A client that stops reading: from `from`, sends `count` pipelined requests (RDAP) or one query
 * (port 43) and never reads the answers nor closes. Returns the socket (the test destroys it).
 */
export function stopReading(port: number, from: string, protocol: Protocol, count: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, localAddress: from }, () => {
      socket.pause();
      if (protocol === "whois") socket.write("shop1.example\r\n");
      else socket.write("GET /domain/shop1.example HTTP/1.1\r\nHost: x\r\n\r\n".repeat(count));
      resolve(socket);
    });
    socket.on("error", () => undefined);
    socket.once("error", reject);
  });
}

/**
 * How long a real-time test waits for one of node's own timers (node:http's request and keep-alive timeouts,
 * a socket's idle timeout), configured at 300–400 ms, to act. Not a speed bound: those timers run on no clock a
 * test can drive, so their exact moment is checked on the configuration node holds, and this only stops a test
 * whose timer never acts from hanging. Polls return as soon as the thing holds.
 */
export const NODE_TIMER_BACKSTOP_MS = 30_000;
/** How long a test waits for something that only needs the event loop to turn (a connection accepted, answers read). */
export const SETTLES_WITHIN_MS = 10_000;

/** Whether `check` came to hold within `capMs` (polled every 25 ms): true as soon as it does, false once `capMs` have passed without it. */
export async function heldWithin(check: () => boolean, capMs: number): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < capMs) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}
