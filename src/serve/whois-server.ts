import { createServer, type Server, type Socket } from "node:net";
import { displayAddress, sourceKeyOf } from "./accounting.js";
import type { ServeData } from "./data.js";
import { parseWhoisQuery, type ParsedQuery } from "./query.js";
import { RenderCache } from "./render-cache.js";
import type { Resolution, Responder } from "./responder.js";
import { whoisError, whoisHelp, whoisInverseText, whoisNotFound, whoisText } from "./whois-text.js";
import { MACHINE_CLOCK, type Clock } from "../util/clock.js";
import { listenOn } from "../util/listen.js";
import { infoText, templateText } from "./rpsl-flags.js";

/** Port-43 hardening, one row each; the CLI flags that change them are in docs/serve.md. */
export interface WhoisServerLimits {
  /** Longest query line (RIPE answers %ERROR:107 "input line too long"). */
  maxQueryBytes: number;
  /** Time to send a whole query line after connecting (a slow-loris client is cut here). */
  queryTimeoutMs: number;
  /** Time the answer may take to drain to a client that reads slowly or not at all. */
  idleTimeoutMs: number;
  /** Connections open at once, all sources together (beyond: the connection is closed unanswered). */
  maxConnections: number;
}

export const WHOIS_SERVER_DEFAULTS: WhoisServerLimits = { maxQueryBytes: 1024, queryTimeoutMs: 5000, idleTimeoutMs: 10_000, maxConnections: 256 };

export interface WhoisServerHandle {
  server: Server;
  host: string;
  port: number;
  close(): Promise<void>;
}

const BAD: ParsedQuery = { type: "bad", reason: "" };

function render(resolution: Resolution, query: ParsedQuery, data: ServeData, source: string, cache: RenderCache<Buffer>): string | Buffer {
  const service = data.service;
  switch (resolution.outcome) {
    case "answered": {
      if (resolution.kind === "inverse") return whoisInverseText(resolution.views, resolution.referenced, service);
      if (query.type === "info") return infoText(query.what);
      if (query.type === "template") return templateText(query.objectType) ?? whoisError("unknownType", [`No template for ${query.objectType}.`]);
      if (resolution.kind !== "object") return whoisHelp(service);
      const { view } = resolution;
      if (resolution.canaries) return whoisText(view, service, data.updatedAt);
      return cache.get(view, () => Buffer.from(whoisText(view, service, data.updatedAt)));
    }
    case "not-found":
      return whoisNotFound(query.type, resolution.key, data.updatedAt);
    case "bad-request":
      return whoisError(query.type === "bad" && query.code !== undefined && query.code !== "notImplemented" ? query.code : resolution.reason === "no query argument specified" ? "noQuery" : "badCharacter", [resolution.reason]);
    case "blocked":
      return whoisError("denied", ["Sorry, access from your host has been permanently", "denied because of a repeated excessive querying."], source);
    default:
      return whoisError("denied", [`Queries from your host are refused: ${resolution.reason}.`, `Try again in ${resolution.retryAfterSeconds ?? 60} seconds; asking before then prolongs the refusal.`], source);
  }
}

export async function startWhoisServer(responder: Responder, options: { host: string; port: number; limits?: Partial<WhoisServerLimits>; clock?: Clock }): Promise<WhoisServerHandle> {
  const limits = { ...WHOIS_SERVER_DEFAULTS, ...options.limits };
  // The query timeout's timer: a plain unref'd setTimeout unless a test drives the time (the idle timeout after
  // the answer is node's own socket timer, which no clock reaches).
  const clock = options.clock ?? MACHINE_CLOCK;
  const sockets = new Set<Socket>();
  const cache = new RenderCache<Buffer>();

  const server = createServer({ allowHalfOpen: false }, (socket) => {
    sockets.add(socket);
    const source = displayAddress(socket.remoteAddress);
    const sourceKey = sourceKeyOf(source);
    const startedAt = responder.now();
    const context = { protocol: "whois" as const, source, sourceKey, rawQuery: "", startedAt };
    const finish = (text: string | Buffer, query: ParsedQuery, resolution: Parameters<Responder["log"]>[2]): void => {
      const bytes = Buffer.byteLength(text);
      responder.log(context, query, resolution, bytes);
      socket.setTimeout(limits.idleTimeoutMs);
      socket.end(text);
    };
    /**
     * A refusal past the source's connection limit: once the short error is handed to the kernel, the socket is
     * let go (the kernel still sends it and the FIN) instead of waiting for the client to close. A client that
     * never closes (a flood) would otherwise keep every refused connection, and with them the shared pool
     * (`maxConnections`), for the drain timeout.
     */
    const refuse = (text: string): void => {
      responder.log(context, BAD, { outcome: "too-many-connections" }, Buffer.byteLength(text));
      socket.end(text, () => socket.destroy());
    };
    socket.on("error", () => undefined);
    socket.on("timeout", () => socket.destroy());

    if (!responder.accounting.openConnection(sourceKey)) {
      socket.on("close", () => sockets.delete(socket));
      refuse(whoisError("tooManyConnections", [`Connections from one address are limited to ${responder.accounting.limitsOf(sourceKey).maxConnections} at a time;`, "close one and try again."]));
      return;
    }
    socket.on("close", () => {
      sockets.delete(socket);
      responder.accounting.closeConnection(sourceKey);
    });

    let buffered = "";
    let done = false;
    const slow = clock.setTimer(() => {
      if (done) return;
      done = true;
      context.rawQuery = buffered;
      finish(whoisError("closedIdle", [`No complete query line arrived within ${limits.queryTimeoutMs} ms.`]), BAD, { outcome: "bad-request" });
    }, limits.queryTimeoutMs);
    socket.on("close", () => clock.clearTimer(slow));

    socket.on("data", (chunk: Buffer) => {
      if (done) return;
      buffered += chunk.toString("utf8");
      const end = buffered.search(/\r?\n/);
      if (end === -1 && Buffer.byteLength(buffered) <= limits.maxQueryBytes) return;
      done = true;
      clock.clearTimer(slow);
      socket.pause();
      const line = end === -1 ? buffered : buffered.slice(0, end);
      context.rawQuery = line;
      if (Buffer.byteLength(line) > limits.maxQueryBytes) {
        finish(whoisError("tooLong", [`Input exceeds the maximum line length (${limits.maxQueryBytes} bytes).`]), BAD, { outcome: "bad-request" });
        return;
      }
      const query = parseWhoisQuery(line);
      const failed = (): void => finish(whoisError("internal", ["The server could not answer this query."]), query, { outcome: "error" });
      const answer = (resolution: Resolution): void => {
        if (socket.destroyed) return;
        let text: string | Buffer;
        try {
          text = render(resolution, query, responder.data, source, cache);
        } catch {
          return failed();
        }
        finish(text, query, resolution);
      };
      let resolution: Resolution | Promise<Resolution>;
      try {
        resolution = responder.resolve(query, context);
      } catch {
        return failed();
      }
      // Only a decoy answer waits (for the canary planter); every other answer goes out in this turn.
      if (resolution instanceof Promise) resolution.then(answer, failed);
      else answer(resolution);
    });
  });
  server.maxConnections = limits.maxConnections;
  const port = await listenOn(server, options.host, options.port);
  return {
    server,
    host: options.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
