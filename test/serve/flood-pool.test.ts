/**
 * w23 (issue #13): a flood from ONE source must not take the server's shared connection pool. Past its 3
 * connections the source gets `%ERROR:306` — but the refused connection used to stay open until the client
 * closed it or the 10 s drain timeout ran, so a client that opens connections and never closes them (found with
 * a Python flood client against `whoislens serve --decoy` on 127.0.0.3:43: 300 connections, and GNU whois from
 * another address was reset) filled all `--max-connections` slots: everyone else was refused for 10 s at a time.
 */
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { harvestWorld, SETTLES_WITHIN_MS, whoisFrom } from "./clients-abusive.js";
import { waitUntil } from "../helpers/wait.js";
import { serveOnLoopback, type Running } from "./helpers.js";

let server: Running | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * `count` connections from `from` that read what they get and never close, not even when the server closes its
 * side (allowHalfOpen: a plain socket client in C or Python behaves so; node's default ends its side on the FIN).
 */
async function holdHalfOpen(port: number, from: string, count: number): Promise<{ sockets: Socket[]; received: string[] }> {
  const sockets: Socket[] = [];
  const received: string[] = Array.from({ length: count }, () => "");
  await Promise.all(Array.from({ length: count }, (_, i) => new Promise<void>((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, localAddress: from, allowHalfOpen: true }, () => resolve());
    socket.on("data", (chunk: Buffer) => { received[i] += chunk.toString("utf8"); });
    socket.on("error", () => resolve());
    sockets.push(socket);
  })));
  return { sockets, received };
}

/** Polls until the server holds at most `n` connections (fails after SETTLES_WITHIN_MS: a backstop, not a bound). */
async function settlesTo(running: Running, n: number): Promise<void> {
  const deadline = Date.now() + SETTLES_WITHIN_MS;
  while ((await openConnections(running)) > n) {
    if (Date.now() > deadline) throw new Error(`the server still holds ${await openConnections(running)} connections, want at most ${n}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function openConnections(running: Running): Promise<number> {
  const whois = running.whois;
  if (whois === undefined) throw new Error("no port-43 server");
  return new Promise((resolve, reject) => whois.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
}

describe("port 43: a refused connection gives its slot back at once", () => {
  it("40 held connections from 127.0.0.5 against a pool of 20: the server keeps 3 of them, 127.0.0.6 is answered", async () => {
    // The drain timeout far beyond the backstop: only closing at once can free the slots in time.
    server = await serveOnLoopback(harvestWorld(3), { rdapPort: null, limits: { maxConnections: 3 }, whoisLimits: { maxConnections: 20, idleTimeoutMs: 600_000 } });
    const flood = await holdHalfOpen(server.whoisPort, "127.0.0.5", 40);
    const refused = () => flood.received.filter((t) => t.startsWith("%ERROR:306: connections exceeded")).length;
    // Node itself drops what comes past the pool of 20 (reset): 3 admitted, 17 refused with the RIPE error.
    await waitUntil(() => refused() >= 17, "the 17 refusals", SETTLES_WITHIN_MS);
    await settlesTo(server, 3);
    const polite = await whoisFrom(server.whoisPort, "127.0.0.6", "shop1.example");
    expect(polite.text).toContain("shop1.example".toUpperCase());
    for (const socket of flood.sockets) socket.destroy();
  });
});
