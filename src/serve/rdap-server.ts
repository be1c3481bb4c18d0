import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { listenOn, urlHost } from "../util/listen.js";
import { displayAddress, sourceKeyOf } from "./accounting.js";
import type { ServeToken } from "./dataset.js";
import { parseRdapPath, type ParsedQuery } from "./query.js";
import { RDAP_CONTENT_TYPE, rdapError, rdapHelp, rdapObject, rdapSearch } from "./rdap-json.js";
import { RenderCache } from "./render-cache.js";
import type { RequestContext, Resolution, Responder } from "./responder.js";

/** RDAP hardening, one row each; the CLI flags that change them are in docs/serve.md. */
export interface RdapServerLimits {
  /** A socket with no activity in this time is closed (node:http server.timeout; slow loris). */
  connectionTimeoutMs: number;
  /** Longest request target (path and query string); beyond it: 414 with an RDAP error body. */
  maxQueryBytes: number;
  /** The whole request, headers included, must arrive in this time (node:http requestTimeout, checked every second or sooner). */
  requestTimeoutMs: number;
  /** Idle keep-alive sockets are closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections open at once, all sources together. */
  maxConnections: number;
  /** RDAP is GET-only; a request declaring a longer body gets 413 and the connection is closed. */
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
  server: Server;
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

/**
 * The RDAP server on node:http. Written on the bare server rather than a framework: its one route (GET or
 * HEAD, any path) needs no router, and fastify's per-request work cost twice a bare server's CPU per
 * answer (bench:serve); every limit fastify gave is a node:http setting here (see RdapServerLimits).
 */
export async function startRdapServer(
  responder: Responder,
  options: { host: string; port: number; limits?: Partial<RdapServerLimits>; tokens?: readonly ServeToken[]; publicBase?: string },
): Promise<RdapServerHandle> {
  const limits = { ...RDAP_SERVER_DEFAULTS, ...options.limits };
  const tokens = new Map((options.tokens ?? []).map((t) => [hashToken(t.token), t.id]));
  let base = options.publicBase ?? "";
  const cache = new RenderCache();
  let closing = false;

  const answer = (res: ServerResponse, status: number, body: Buffer, extra: Record<string, string> = {}): void => {
    // The media type exactly as RFC 7480 registers it (no "; charset=").
    res.writeHead(status, { "content-type": RDAP_CONTENT_TYPE, "access-control-allow-origin": "*", "cache-control": "no-store", "content-length": String(body.length), ...extra });
    res.end(body);
  };
  const errorBody = (status: number, title: string, description: string[]): Buffer => Buffer.from(JSON.stringify(rdapError(status, title, description)));

  const handle = async (request: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (closing) return answer(res, 503, errorBody(503, "Service Unavailable", ["The server is shutting down."]), { connection: "close" });
    if (request.method !== "GET" && request.method !== "HEAD") {
      return answer(res, 405, errorBody(405, "Method Not Allowed", ["RDAP answers GET and HEAD only."]), { allow: "GET, HEAD", connection: "close" });
    }
    const declared = Number(request.headers["content-length"] ?? 0);
    if (!(declared <= limits.bodyLimit) || request.headers["transfer-encoding"] !== undefined) {
      return answer(res, 413, errorBody(413, "Content Too Large", ["RDAP requests carry no body."]), { connection: "close" });
    }
    request.resume();
    const startedAt = responder.now();
    const source = displayAddress(request.socket.remoteAddress);
    const url = request.url ?? "/";
    const [path = "", search = ""] = url.split("?", 2);
    const params = new URLSearchParams(search);
    // The log keeps the path and query string, never a token's secret.
    const rawQuery = params.has("token") ? url.replace(/([?&]token=)[^&]*/gi, "$1***") : url;
    const context: RequestContext = { protocol: "rdap", source, sourceKey: sourceKeyOf(source), rawQuery, startedAt };
    const send = (rendered: Rendered, query: ParsedQuery, resolution: Parameters<Responder["log"]>[2], extra: Record<string, string> = {}): void => {
      const bytes = Buffer.isBuffer(rendered.body) ? rendered.body : Buffer.from(JSON.stringify(rendered.body));
      responder.log(context, query, resolution, bytes.length);
      answer(res, rendered.status, bytes, { ...rendered.headers, ...extra });
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
        return send({ status: 401, body: rdapError(401, "Unauthorized", ["The API token is not known."]), headers: {} }, BAD, { outcome: "denied", reason: "unknown token" }, { "www-authenticate": 'Bearer realm="rdap", error="invalid_token"' });
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
    let rendered: Rendered;
    let resolution: Resolution;
    try {
      resolution = await responder.resolve(query, context);
      rendered = render(resolution, base, responder.data.service, cache);
    } catch {
      return send({ status: 500, body: rdapError(500, "Internal Server Error", ["The answer could not be built."]), headers: {} }, query, { outcome: "error" });
    }
    send(rendered, query, resolution);
  };

  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // requestTimeout is enforced by node's connection check, every 30 s unless told otherwise.
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.requestTimeoutMs / 2))),
    },
    (request, res) => {
      handle(request, res).catch(() => {
        if (!res.headersSent) answer(res, 500, errorBody(500, "Internal Server Error", ["The request could not be served."]));
        else res.destroy();
      });
    },
  );
  server.timeout = limits.connectionTimeoutMs;
  // A request node could not read: too slow (408), headers too large (431), anything else 400.
  server.on("clientError", (error: { code?: string }, socket: Socket) => {
    const status = error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "408 Request Timeout" : error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nContent-Type: ${RDAP_CONTENT_TYPE}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });

  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
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

  const port = await listenOn(server, options.host, options.port);
  if (!base) base = `http://${urlHost(options.host)}:${port}/`;
  return {
    server,
    host: options.host,
    port,
    base,
    close: async () => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
