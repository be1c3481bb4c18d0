import { createHash } from "node:crypto";
import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import { displayAddress, sourceKeyOf } from "./accounting.js";
import type { ServeToken } from "./dataset.js";
import { parseRdapPath, type ParsedQuery } from "./query.js";
import { RDAP_CONTENT_TYPE, rdapError, rdapHelp, rdapObject, rdapSearch } from "./rdap-json.js";
import { RenderCache } from "./render-cache.js";
import type { RequestContext, Resolution, Responder } from "./responder.js";

/** RDAP hardening, one row each; the CLI flags that change them are in docs/serve.md. */
export interface RdapServerLimits {
  /** Longest request target (path and query string); beyond it: 414 with an RDAP error body. */
  maxQueryBytes: number;
  /** fastify connectionTimeout: a socket with no complete request in this time is closed (slow loris). */
  connectionTimeoutMs: number;
  /** fastify requestTimeout: the whole request, headers included, must arrive in this time. */
  requestTimeoutMs: number;
  /** Idle keep-alive sockets are closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections open at once, all sources together. */
  maxConnections: number;
  /** fastify bodyLimit: RDAP is GET-only; a body is never needed. */
  bodyLimit: number;
  /** node:http maxHeaderSize. */
  maxHeaderBytes: number;
}

export const RDAP_SERVER_DEFAULTS: RdapServerLimits = {
  maxQueryBytes: 1024,
  connectionTimeoutMs: 10_000,
  requestTimeoutMs: 5000,
  keepAliveTimeoutMs: 5000,
  maxConnections: 256,
  bodyLimit: 1024,
  maxHeaderBytes: 8192,
};

export interface RdapServerHandle {
  app: FastifyInstance;
  host: string;
  port: number;
  /** Base URL the answers' self links use. */
  base: string;
  close(): Promise<void>;
}

const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
const BAD: ParsedQuery = { type: "bad", reason: "" };

/** The token a request carries: `Authorization: Bearer …` first, then `?token=`. */
function requestToken(authorization: string | undefined, params: URLSearchParams): string | undefined {
  const bearer = authorization === undefined ? undefined : /^Bearer\s+(\S{1,256})$/i.exec(authorization)?.[1];
  return bearer ?? params.get("token") ?? undefined;
}

interface Rendered {
  status: number;
  body: Record<string, unknown> | Buffer;
  headers: Record<string, string>;
}

function render(resolution: Resolution, base: string, service: string, cache?: RenderCache): Rendered {
  switch (resolution.outcome) {
    case "answered":
      if (resolution.kind === "object") {
        const { view } = resolution;
        const build = (): string => JSON.stringify(rdapObject(view, base, service));
        return { status: 200, body: resolution.canaries || !cache ? Buffer.from(build()) : cache.get(`${view.type}:${view.key}`, build), headers: {} };
      }
      if (resolution.kind === "search") return { status: 200, body: rdapSearch(resolution, base, service), headers: {} };
      return { status: 200, body: rdapHelp(service), headers: {} };
    case "not-found":
      return { status: 404, body: rdapError(404, "Not Found", ["No object matches the query."]), headers: {} };
    case "bad-request":
      return { status: 400, body: rdapError(400, "Bad Request", [resolution.reason]), headers: {} };
    case "blocked":
      return { status: 403, body: rdapError(403, "Forbidden", ["Access from your address has been permanently denied because of repeated excessive querying."]), headers: {} };
    default: {
      const retry = String(resolution.retryAfterSeconds ?? 60);
      return { status: 429, body: rdapError(429, "Too Many Requests", [`Queries from your address are refused: ${resolution.reason}.`, `Retry after ${retry} seconds; asking before then prolongs the refusal.`]), headers: { "retry-after": retry } };
    }
  }
}

/** A raw HTTP answer for a connection refused before any request is parsed (per-source connection cap). */
function rawRefusal(maxConnections: number): string {
  const body = JSON.stringify(rdapError(429, "Too Many Requests", [`More than ${maxConnections} connections from your address are open.`]));
  return `HTTP/1.1 429 Too Many Requests\r\nContent-Type: ${RDAP_CONTENT_TYPE}\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

export async function startRdapServer(
  responder: Responder,
  options: { host: string; port: number; limits?: Partial<RdapServerLimits>; tokens?: readonly ServeToken[]; publicBase?: string },
): Promise<RdapServerHandle> {
  const limits = { ...RDAP_SERVER_DEFAULTS, ...options.limits };
  const { default: Fastify } = await import("fastify");
  const tokens = new Map((options.tokens ?? []).map((t) => [hashToken(t.token), t.id]));
  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyLimit,
    connectionTimeout: limits.connectionTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Above our own cap, so an overlong target reaches the handler, gets an RDAP 414 body and a log line.
    routerOptions: { maxParamLength: limits.maxQueryBytes * 4 },
    return503OnClosing: true,
    // requestTimeout is enforced by node's connection check, every 30 s unless told otherwise.
    http: { maxHeaderSize: limits.maxHeaderBytes, connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.requestTimeoutMs / 2))) },
  });
  let base = options.publicBase ?? "";
  const cache = new RenderCache();

  const sockets = new Set<Socket>();
  app.server.maxConnections = limits.maxConnections;
  app.server.on("connection", (socket: Socket) => {
    const source = displayAddress(socket.remoteAddress);
    const key = sourceKeyOf(source);
    if (!responder.accounting.openConnection(key)) {
      const text = rawRefusal(responder.accounting.limitsOf(key).maxConnections);
      responder.log({ protocol: "rdap", source, sourceKey: key, rawQuery: "", startedAt: responder.now() }, BAD, { outcome: "too-many-connections" }, Buffer.byteLength(text));
      socket.on("error", () => undefined);
      socket.end(text);
      return;
    }
    sockets.add(socket);
    socket.once("close", () => {
      sockets.delete(socket);
      responder.accounting.closeConnection(key);
    });
  });

  app.route({
    method: ["GET", "HEAD"],
    url: "/*",
    handler: async (request, reply) => {
      const startedAt = responder.now();
      const source = displayAddress(request.socket.remoteAddress);
      const url = request.url;
      const [path = "", search = ""] = url.split("?", 2);
      const params = new URLSearchParams(search);
      // The log keeps the path and query string, never a token's secret.
      const rawQuery = params.has("token") ? url.replace(/([?&]token=)[^&]*/gi, "$1***") : url;
      const context: RequestContext = { protocol: "rdap", source, sourceKey: sourceKeyOf(source), rawQuery, startedAt };
      reply.header("content-type", RDAP_CONTENT_TYPE).header("access-control-allow-origin", "*").header("cache-control", "no-store");
      // A Buffer, so fastify sends the media type as RFC 7480 registers it (a string would get "; charset=utf-8").
      const send = (rendered: Rendered, query: ParsedQuery, resolution: Parameters<Responder["log"]>[2]): Buffer => {
        const bytes = Buffer.isBuffer(rendered.body) ? rendered.body : Buffer.from(JSON.stringify(rendered.body));
        responder.log(context, query, resolution, bytes.length);
        for (const [name, value] of Object.entries(rendered.headers)) reply.header(name, value);
        reply.code(rendered.status);
        return bytes;
      };
      if (Buffer.byteLength(url) > limits.maxQueryBytes) {
        return send({ status: 414, body: rdapError(414, "URI Too Long", [`The request target exceeds ${limits.maxQueryBytes} bytes.`]), headers: {} }, BAD, { outcome: "bad-request" });
      }
      const token = requestToken(request.headers.authorization, params);
      if (token !== undefined) {
        const id = tokens.get(hashToken(token));
        if (id === undefined) {
          // Guessing tokens costs the address like any other query.
          const admission = responder.accounting.admit(context.sourceKey, startedAt);
          if (!admission.ok) return send(render({ ...admission }, base, responder.data.service), BAD, { ...admission });
          reply.header("www-authenticate", 'Bearer realm="rdap", error="invalid_token"');
          return send({ status: 401, body: rdapError(401, "Unauthorized", ["The API token is not known."]), headers: {} }, BAD, { outcome: "denied", reason: "unknown token" });
        }
        context.sourceKey = `token:${id}`;
      }
      let decoded: string;
      try {
        decoded = decodeURIComponent(path);
      } catch {
        decoded = path;
      }
      const query = parseRdapPath(decoded, params.get("name") ?? undefined);
      try {
        const resolution = await responder.resolve(query, context);
        return send(render(resolution, base, responder.data.service, cache), query, resolution);
      } catch {
        return send({ status: 500, body: rdapError(500, "Internal Server Error", ["The answer could not be built."]), headers: {} }, query, { outcome: "error" });
      }
    },
  });
  // Any other method: RDAP is read-only.
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(405).header("content-type", RDAP_CONTENT_TYPE).header("allow", "GET, HEAD").send(JSON.stringify(rdapError(405, "Method Not Allowed", ["RDAP answers GET and HEAD only."])));
  });
  app.setErrorHandler((error: { statusCode?: unknown }, _request, reply) => {
    const status = typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    void reply.code(status).header("content-type", RDAP_CONTENT_TYPE).send(JSON.stringify(rdapError(status, status === 500 ? "Internal Server Error" : "Bad Request", ["The request could not be served."])));
  });

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const hostText = options.host.includes(":") ? `[${options.host}]` : options.host;
  if (!base) base = `http://${hostText}:${port}/`;
  return {
    app,
    host: options.host,
    port,
    base,
    close: async () => {
      const closing = app.close();
      for (const socket of sockets) socket.destroy();
      await closing;
    },
  };
}
