import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { MACHINE_CLOCK, type Clock } from "../util/clock.js";
import { listenOn, urlHost } from "../util/listen.js";
import { displayAddress, sourceKeyOf } from "./accounting.js";
import type { ServeToken } from "./dataset.js";
import { parseRdapPath, type ParsedQuery } from "./query.js";
import { decodeRdapPath } from "./rdap-path.js";
import { RDAP_CONTENT_TYPE, rdapError, rdapHelp, rdapObject, rdapSearch } from "./rdap-json.js";
import { IdleSweep, sweepPeriodMs, type SweptPeer } from "./idle-sweep.js";
import { RenderCache } from "./render-cache.js";
import type { RequestContext, Resolution, Responder } from "./responder.js";

/** RDAP hardening, one row each; the CLI flags that change them are in docs/serve.md. */
export interface RdapServerLimits {
  /**
   * A socket that moves no byte either way for this long is closed (a client that stops reading its
   * answers, or stalls in any state node's own timeouts miss), found by one sweep over the open sockets
   * every quarter of this time (at most 1 s) instead of a per-socket timer re-armed on every request.
   * 0: no sweep.
   */
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
function requestToken(authorization: string | undefined, params: URLSearchParams | undefined): string | undefined {
  const bearer = authorization === undefined ? undefined : /^Bearer\s+(\S{1,256})$/i.exec(authorization)?.[1];
  return bearer ?? params?.get("token") ?? undefined;
}

/** An answer ready to send: status, body, and the header list (flat name/value pairs, as writeHead takes them). */
interface Rendered {
  status: number;
  body: Buffer;
  head: string[];
}

// The media type exactly as RFC 7480 registers it (no "; charset=").
const BASE_HEAD: readonly string[] = ["content-type", RDAP_CONTENT_TYPE, "access-control-allow-origin", "*", "cache-control", "no-store"];

function rendered(status: number, body: Record<string, unknown> | string | Buffer, extra: readonly string[] = []): Rendered {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  return { status, body: bytes, head: [...BASE_HEAD, "content-length", String(bytes.length), ...extra] };
}

const errorAnswer = (status: number, title: string, description: string[], extra: readonly string[] = []): Rendered => rendered(status, rdapError(status, title, description), extra);

/** The answers that never vary, built once: a dictionary enumerator's every miss is a 404. */
const NOT_FOUND = errorAnswer(404, "Not Found", ["No object matches the query."]);
const BLOCKED = errorAnswer(403, "Forbidden", ["Access from your address has been permanently denied because of repeated excessive querying."]);
// The refusals before a request is read end the connection: no keep-alive after them.
const SHUTTING_DOWN = errorAnswer(503, "Service Unavailable", ["The server is shutting down."], ["connection", "close"]);
const NOT_GET = errorAnswer(405, "Method Not Allowed", ["RDAP answers GET and HEAD only."], ["allow", "GET, HEAD", "connection", "close"]);
const HAS_BODY = errorAnswer(413, "Content Too Large", ["RDAP requests carry no body."], ["connection", "close"]);

function render(resolution: Resolution, base: string, service: string, cache: RenderCache<Rendered>): Rendered {
  switch (resolution.outcome) {
    case "answered":
      if (resolution.kind === "object") {
        const { view } = resolution;
        const build = (): Rendered => rendered(200, JSON.stringify(rdapObject(view, base, service)));
        return resolution.canaries ? build() : cache.get(view, build);
      }
      if (resolution.kind === "search") return rendered(200, rdapSearch(resolution, base, service));
      return rendered(200, rdapHelp(service));
    case "not-found":
      return NOT_FOUND;
    case "bad-request":
      if (resolution.status === 501) return errorAnswer(501, "Not Implemented", [resolution.reason]);
      if (resolution.status === 422) return errorAnswer(422, "Unprocessable Entity", [resolution.reason]);
      return errorAnswer(400, "Bad Request", [resolution.reason]);
    case "blocked":
      return BLOCKED;
    default: {
      const retry = String(resolution.retryAfterSeconds ?? 60);
      return errorAnswer(429, "Too Many Requests", [`Queries from your address are refused: ${resolution.reason}.`, `Retry after ${retry} seconds; asking before then prolongs the refusal.`], ["retry-after", retry]);
    }
  }
}

/** A raw HTTP answer for a connection refused before any request is parsed (per-source connection cap). */
function rawRefusal(maxConnections: number): string {
  const body = JSON.stringify(rdapError(429, "Too Many Requests", [`More than ${maxConnections} connections from your address are open.`]));
  return `HTTP/1.1 429 Too Many Requests\r\nContent-Type: ${RDAP_CONTENT_TYPE}\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/**
 * Where a lookup for an object we do not hold is sent (RFC 7480 §5.2, as rdap.org and the RIRs redirect): the same
 * lookup path under `redirectBase`, rebuilt from the parsed query (never the raw target), so the Location header holds
 * only the kind and the percent-encoded key. Searches and help are never redirected.
 */
function redirectTarget(redirectBase: string, query: ParsedQuery): string | undefined {
  switch (query.type) {
    case "domain":
    case "nameserver":
    case "entity":
      return `${redirectBase}${query.type}/${encodeURIComponent(query.value)}`;
    case "ip":
      // Validated as an address or prefix: hex digits, dots, colons and one slash only.
      return `${redirectBase}ip/${query.value}`;
    case "autnum":
      return `${redirectBase}autnum/${query.value}`;
    default:
      return undefined;
  }
}

/** One open connection: its source (read once, not per request) and what the idle sweep last saw of it. */
interface Peer extends SweptPeer {
  source: string;
  sourceKey: string;
}

/**
 * The RDAP server on node:http. Written on the bare server rather than a framework: its one route (GET or
 * HEAD, any path) needs no router, and fastify's per-request work cost twice a bare server's CPU per
 * answer (bench:serve); every limit fastify gave is a node:http setting here (see RdapServerLimits).
 */
export async function startRdapServer(
  responder: Responder,
  options: { host: string; port: number; limits?: Partial<RdapServerLimits>; tokens?: readonly ServeToken[]; publicBase?: string; redirectBase?: string; clock?: Clock },
): Promise<RdapServerHandle> {
  const limits = { ...RDAP_SERVER_DEFAULTS, ...options.limits };
  // The idle sweep's time and timer: the machine's (unref'd) unless a test drives them. node:http's request and
  // keep-alive timeouts run on node's own timers, which no clock reaches.
  const clock = options.clock ?? MACHINE_CLOCK;
  const tokens = new Map((options.tokens ?? []).map((t) => [hashToken(t.token), t.id]));
  let base = options.publicBase ?? "";
  const cache = new RenderCache<Rendered>();
  const peers = new Map<Socket, Peer>();
  let closing = false;

  const answer = (res: ServerResponse, reply: Rendered, extra?: readonly string[]): void => {
    res.writeHead(reply.status, extra === undefined ? reply.head : [...reply.head, ...extra]);
    res.end(reply.body);
  };
  const send = (res: ServerResponse, context: RequestContext, reply: Rendered, query: ParsedQuery, resolution: Parameters<Responder["log"]>[2], extra?: readonly string[]): void => {
    responder.log(context, query, resolution, reply.body.length);
    answer(res, reply, extra);
  };

  const handle = (request: IncomingMessage, res: ServerResponse): void => {
    const peer = peers.get(request.socket);
    // A request on a connection refused at accept (per-source cap) is never served or counted.
    if (peer === undefined) return void request.socket.destroy();
    if (closing) return answer(res, SHUTTING_DOWN);
    if (request.method !== "GET" && request.method !== "HEAD") return answer(res, NOT_GET);
    // node builds request.headers for every request anyway (it reads Expect).
    const headers = request.headers;
    const declared = Number(headers["content-length"] ?? 0);
    if (!(declared <= limits.bodyLimit) || headers["transfer-encoding"] !== undefined) return answer(res, HAS_BODY);
    // A body within the cap is discarded by node once the answer is sent (IncomingMessage._dump).
    const startedAt = responder.now();
    const url = request.url ?? "/";
    const mark = url.indexOf("?");
    const path = mark === -1 ? url : url.slice(0, mark);
    const params = mark === -1 ? undefined : new URLSearchParams(url.slice(mark + 1));
    // The log keeps the path and query string, never a token's secret.
    const rawQuery = params?.has("token") === true ? url.replace(/([?&]token=)[^&]*/gi, "$1***") : url;
    const context: RequestContext = { protocol: "rdap", source: peer.source, sourceKey: peer.sourceKey, rawQuery, startedAt };
    // UTF-8 takes at least one byte per character: most targets are decided without encoding them.
    if (url.length > limits.maxQueryBytes || (url.length * 3 > limits.maxQueryBytes && Buffer.byteLength(url) > limits.maxQueryBytes)) {
      return send(res, context, errorAnswer(414, "URI Too Long", [`The request target exceeds ${limits.maxQueryBytes} bytes.`]), BAD, { outcome: "bad-request" });
    }
    const token = requestToken(headers.authorization, params);
    if (token !== undefined) {
      const id = tokens.get(hashToken(token));
      if (id === undefined) {
        // Guessing tokens costs the address like any other query.
        const admission = responder.accounting.admit(context.sourceKey, startedAt);
        if (!admission.ok) return send(res, context, render({ ...admission }, base, responder.data.service, cache), BAD, { ...admission });
        return send(res, context, errorAnswer(401, "Unauthorized", ["The API token is not known."]), BAD, { outcome: "denied", reason: "unknown token" }, ["www-authenticate", 'Bearer realm="rdap", error="invalid_token"']);
      }
      context.sourceKey = `token:${id}`;
    }
    const decoded = decodeRdapPath(path);
    const query: ParsedQuery = decoded.ok ? parseRdapPath(decoded.path, params?.get("name") ?? undefined, params?.get("ip") ?? undefined) : { type: "bad", reason: decoded.reason };
    let resolution: Resolution | Promise<Resolution>;
    try {
      resolution = responder.resolve(query, context);
    } catch {
      return failed(res, context, query);
    }
    // Only a decoy answer waits (for the canary planter); every other answer is written in this turn,
    // with no closure built for it.
    if (resolution instanceof Promise) {
      // The server's turn while it waits: the idle sweep does not count it against the client.
      peer.owed += 1;
      resolution.then(
        (settled) => {
          peer.owed -= 1;
          finish(res, context, query, settled);
        },
        () => {
          peer.owed -= 1;
          failed(res, context, query);
        },
      );
    } else finish(res, context, query, resolution);
  };
  const failed = (res: ServerResponse, context: RequestContext, query: ParsedQuery): void =>
    send(res, context, errorAnswer(500, "Internal Server Error", ["The answer could not be built."]), query, { outcome: "error" });
  const finish = (res: ServerResponse, context: RequestContext, query: ParsedQuery, resolution: Resolution): void => {
    let reply: Rendered;
    try {
      const elsewhere = resolution.outcome === "not-found" && options.redirectBase !== undefined ? redirectTarget(options.redirectBase, query) : undefined;
      reply = elsewhere !== undefined ? errorAnswer(302, "Found", ["This server does not hold the object: it is asked of the server in Location (RFC 7480 §5.2)."], ["location", elsewhere]) : render(resolution, base, responder.data.service, cache);
    } catch {
      return failed(res, context, query);
    }
    send(res, context, reply, query, resolution);
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
      try {
        handle(request, res);
      } catch {
        if (!res.headersSent) answer(res, errorAnswer(500, "Internal Server Error", ["The request could not be served."]));
        else res.destroy();
      }
    },
  );
  server.maxConnections = limits.maxConnections;
  // A request node could not read: too slow (408), headers too large (431), anything else 400. The
  // socket is destroyed once the answer is flushed: http sockets are half-open, and a client that
  // neither reads nor closes would otherwise hold an ended socket for ever.
  server.on("clientError", (error: { code?: string }, socket: Socket) => {
    const status = error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "408 Request Timeout" : error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nContent-Type: ${RDAP_CONTENT_TYPE}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
    else socket.destroy();
  });

  server.on("connection", (socket: Socket) => {
    const source = displayAddress(socket.remoteAddress);
    const key = sourceKeyOf(source);
    if (!responder.accounting.openConnection(key)) {
      const text = rawRefusal(responder.accounting.limitsOf(key).maxConnections);
      responder.log({ protocol: "rdap", source, sourceKey: key, rawQuery: "", startedAt: responder.now() }, BAD, { outcome: "too-many-connections" }, Buffer.byteLength(text));
      socket.on("error", () => undefined);
      socket.end(text, () => socket.destroy());
      return;
    }
    peers.set(socket, { source, sourceKey: key, read: 0, written: 0, activeAt: clock.now(), owed: 0 });
    socket.once("close", () => {
      peers.delete(socket);
      responder.accounting.closeConnection(key);
    });
  });

  // The idle sweep (connectionTimeoutMs): node's requestTimeout covers a request that never completes
  // and keepAliveTimeout an idle kept-alive socket, but not a client that stops reading its answers.
  const idle = limits.connectionTimeoutMs > 0 ? new IdleSweep(limits.connectionTimeoutMs, sweepPeriodMs(limits.connectionTimeoutMs)) : undefined;
  // A chain of one-shot timers (a Clock has no interval): the pass itself is far shorter than the period.
  let sweep: unknown;
  if (idle !== undefined) {
    const pass = (): void => {
      idle.pass(peers, clock.now());
      sweep = clock.setTimer(pass, idle.periodMs);
    };
    sweep = clock.setTimer(pass, idle.periodMs);
  }

  const port = await listenOn(server, options.host, options.port);
  if (!base) base = `http://${urlHost(options.host)}:${port}/`;
  return {
    server,
    host: options.host,
    port,
    base,
    close: async () => {
      closing = true;
      if (sweep !== undefined) clock.clearTimer(sweep);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of peers.keys()) socket.destroy();
      await closed;
    },
  };
}
