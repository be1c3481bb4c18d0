import http from "node:http";
import https from "node:https";
import { guardedLookup, type ConnectGuard } from "./http-connect.js";

/**
 * Direct (no proxy) HTTP transport for the RDAP client, on Node's own http/https (issue #13, start-up):
 * Node's built-in llhttp parser is already loaded, where undici costs ~75 ms to load its whole index and
 * instantiates a wasm parser on its first connection. Proxied requests still go through undici
 * (http-connect.ts, loaded on demand). What this file keeps from the undici agent it replaces:
 * keep-alive pools per (guard, resolver), the connect-time guarded lookup, and nothing else — timeouts,
 * size caps and redirects are the client's (rdap-client.ts), the same for both transports.
 */

/** What the client reads from an answer, whichever transport carried it (undici's ResponseData fits too). */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown };
}

export interface HttpRequestInit {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  /** Ends the request and its body (the client's total timeout and the caller's signal, combined). */
  signal: AbortSignal;
  /**
   * Asked once the connection is made, right before the request's bytes are written (nothing is written
   * before: Node's ClientRequest sends its headers on end()). False, or a rejection: the request is never
   * written and the send rejects with `withheld`. This is where a request is really sent, as port 43's
   * write is (a scheduler's slot, footprint's query count); a stale-socket retry reuses the first verdict.
   */
  beforeWrite?: () => boolean | Promise<boolean>;
  /** The error a withheld request (beforeWrite false) rejects with. */
  withheld?: () => Error;
}

/** Idle keep-alive sockets are closed after this long (undici's keepAliveTimeout was the same). */
const KEEP_ALIVE_IDLE_MS = 10_000;
const MAX_SOCKETS_PER_ORIGIN = 64;
/**
 * Status line and headers together: a server that sends more fails the request (WL_ERR_CONNECT). Node's
 * and undici's default, set here so that NODE_OPTIONS=--max-http-header-size cannot raise it.
 */
const MAX_HEADER_BYTES = 16 * 1024;

const agents = new Map<string, http.Agent>();

/**
 * One keep-alive agent per (scheme, guard, resolver) combination. A guarded agent hands the guarded
 * lookup to net/tls.connect for every new socket, so the address checked is the address connected to;
 * a pooled socket is only ever reused within the agent that vetted it. Idle sockets are unref'd by
 * Node's agent, so a pool never keeps the process alive.
 */
function agentFor(secure: boolean, route: DirectRoute): http.Agent {
  const fullKey = `${secure ? "https" : "http"}|${route.key}`;
  let agent = agents.get(fullKey);
  if (agent) return agent;
  const options: https.AgentOptions = {
    keepAlive: true,
    maxSockets: MAX_SOCKETS_PER_ORIGIN,
    timeout: KEEP_ALIVE_IDLE_MS,
    ...(route.plain ? {} : { lookup: guardedLookup(route.guard) }),
    ...(secure && route.ca !== undefined ? { ca: route.ca } : {}),
  };
  agent = secure ? new https.Agent(options) : new http.Agent(options);
  agents.set(fullKey, agent);
  return agent;
}

/** Which pool a direct request uses. */
export interface DirectRoute {
  guard: ConnectGuard;
  /** Names the (guard, resolver, trusted CA) combination: one pool each. */
  key: string;
  /** Skip the guarded lookup (private allowed with the system resolver: nothing to check, nothing to inject). */
  plain: boolean;
  /** Certificate authorities trusted for https instead of Node's bundled roots (PEM). */
  ca?: string;
}

/**
 * A kept-alive socket the server closed while it sat idle fails the next request sent on it before any
 * answer (ECONNRESET, EPIPE): the request never reached the server. Node's documentation advises
 * retrying then (http.ClientRequest `reusedSocket`); a GET is retried once, on a new connection.
 */
const STALE_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE"]);

/** Sends one request without a proxy; resolves when the status line and headers have arrived. */
export function directRequest(url: URL, init: HttpRequestInit, route: DirectRoute): Promise<HttpResponse> {
  const secure = url.protocol === "https:";
  const agent = agentFor(secure, route);
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));
  let verdict: Promise<boolean> | undefined;
  const check = (): Promise<boolean> => (verdict ??= Promise.resolve().then(() => init.beforeWrite?.() ?? true));
  const attempt = (retryStale: boolean): Promise<HttpResponse> =>
    new Promise((resolve, reject) => {
      let answered = false;
      // The signal ends the request and, once the answer has started, its body too (Node destroys both).
      const request = (secure ? https : http).request(url, { method: init.method, headers, agent, signal: init.signal, maxHeaderSize: MAX_HEADER_BYTES }, (response) => {
        answered = true;
        resolve({ statusCode: response.statusCode ?? 0, headers: response.headers, body: response });
      });
      request.on("error", (error: NodeJS.ErrnoException) => {
        const stale = retryStale && !answered && request.reusedSocket && !init.signal.aborted && STALE_SOCKET_CODES.has(error.code ?? "");
        if (stale) resolve(attempt(false));
        else reject(error);
      });
      if (init.beforeWrite === undefined) {
        request.end(init.body);
        return;
      }
      request.once("socket", (socket) => {
        const write = (): void => {
          check().then(
            (send) => (send ? request.end(init.body) : request.destroy(init.withheld?.() ?? new Error("request withheld before it was written"))),
            (error: unknown) => request.destroy(error instanceof Error ? error : new Error(String(error))),
          );
        };
        if (socket.connecting) socket.once("connect", write);
        else write();
      });
    });
  return attempt(init.method === "GET");
}

export async function closeDirectAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  for (const agent of all) agent.destroy();
}
