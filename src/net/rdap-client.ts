import { NetworkError, ReferralError, WhoislensError } from "../errors.js";
import { MACHINE_CLOCK, type Clock } from "../util/clock.js";
import { assertNotPrivateLiteral, systemResolver, type HostResolver } from "./address-guard.js";
import { decodeAnswer } from "./decode.js";
import { NET_DEFAULTS } from "./defaults.js";
import { closeProxyDispatchers, proxiedRequest } from "./http-connect.js";
import { closeDirectAgents, directRequest, type HttpRequestInit, type HttpResponse } from "./http-transport.js";
import { parseJsonSafely } from "./json-guard.js";
import { sameOrigin, urlHasCredentials } from "./origin.js";
import { sendSlotMissed } from "./whois-client.js";
import type { ProxyConfig } from "./proxy.js";

export interface RdapFetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  proxy?: ProxyConfig;
  signal?: AbortSignal;
  /** Allow private, loopback and link-local addresses everywhere, redirects included. */
  allowPrivate?: boolean;
  /**
   * The first URL is the user's own choice (--rdap-url, --servers): allowed even if private. A redirect
   * is trusted the same only when it stays on that URL's origin (scheme, host, port); others are checked.
   */
  explicitTarget?: boolean;
  /** Name resolution for direct connections (and socks5://); default: the system resolver. Tests inject one. */
  resolve?: HostResolver;
  /**
   * Where a redirect's Location really goes: the lookup's route resolver (the --servers map, mapped-only
   * mode, the private-address guard for literals). A redirect names a real-world URL (RFC 7480 §5.2:
   * ARIN's 303 to rdap.db.ripe.net); without this it would be fetched as written, past the map.
   * May throw (not mapped in mapped-only mode): the fetch fails with that error.
   */
  routeRedirect?: (url: string) => { url: string; explicit: boolean };
  maxRedirects?: number;
  maxJsonDepth?: number;
  /**
   * Asked right before each request's bytes are written, once connected (a proxied request: before it
   * starts, the proxy transport having no later hook): `server` is the host as the servers name it (a
   * redirect's Location before the --servers map), `redirected` true for every request after the first.
   * False: that request is not written and the fetch fails (WL_ERR_ABORTED, its send slot missed). The
   * fetch's clock stops while the first answer is awaited, as port 43's does: the time held is not the
   * server's. Footprint counts its queries here; a paced scheduler holds the first request for its slot.
   */
  beforeWrite?: (server: string, redirected: boolean) => boolean | Promise<boolean>;
  /** Other JSON APIs (reverse-WHOIS providers) reuse this client: POST with a JSON body, plain JSON accepted. */
  method?: "GET" | "POST";
  jsonBody?: string;
  accept?: string;
  /**
   * Certificate authorities (PEM) trusted for https instead of Node's bundled roots: a private RDAP
   * server with its own CA, or a test's self-signed loopback server. Direct connections only.
   */
  ca?: string;
  /** What the time limit is measured on: the machine's by default; a test passes a manual clock and moves it. */
  clock?: Clock;
}

export interface RdapAnswer {
  /** HTTP status of the final answer: 404 and 429 are answers, not errors. */
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  /**
   * With routeRedirect: the URL as the servers named it (before the --servers map), after redirects;
   * the answer's provenance (an ARIN 303 to RIPE: the data is RIPE's). Absent when no redirect was routed.
   */
  namedUrl?: string;
  body?: unknown;
  retryAfterSeconds?: number;
  contentType?: string;
  durationMs: number;
}

const ACCEPT = "application/rdap+json, application/json;q=0.9, */*;q=0.1";
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A number per injected resolver and per trusted CA, for the pool key (the system resolver is 0). */
const resolverIds = new WeakMap<HostResolver, number>([[systemResolver, 0]]);
const caIds = new Map<string, number>();
let nextId = 1;

function idOf(resolve: HostResolver): number {
  let id = resolverIds.get(resolve);
  if (id === undefined) {
    id = nextId++;
    resolverIds.set(resolve, id);
  }
  return id;
}

/**
 * Sends one request on the pool for its (guard, proxy, resolver, CA) combination, reused across lookups.
 * Direct requests use Node's http/https (http-transport.ts); proxied ones load undici on demand.
 */
function sendOn(url: URL, init: HttpRequestInit, allowPrivate: boolean, options: RdapFetchOptions, resolve: HostResolver): Promise<HttpResponse> {
  const guard = { allowPrivate, resolve };
  const proxy = options.proxy;
  if (proxy) {
    const key = `${allowPrivate}|${proxy.protocol}${proxy.remoteDns ? "h" : ""}://${proxy.host}:${proxy.port}|${idOf(resolve)}`;
    return proxiedRequest(url, init, proxy, guard, key);
  }
  let caId = 0;
  if (options.ca !== undefined) {
    caId = caIds.get(options.ca) ?? nextId++;
    caIds.set(options.ca, caId);
  }
  const route = { guard, key: `${allowPrivate}|${idOf(resolve)}|${caId}`, plain: allowPrivate && resolve === systemResolver };
  return directRequest(url, init, options.ca !== undefined ? { ...route, ca: options.ca } : route);
}

export async function closeRdapAgents(): Promise<void> {
  await Promise.all([closeDirectAgents(), closeProxyDispatchers()]);
}

/** GET an RDAP URL: redirects followed (each re-checked), size-capped, depth-checked JSON. */
export async function fetchRdap(url: string, options: RdapFetchOptions = {}): Promise<RdapAnswer> {
  const timeoutMs = options.timeoutMs ?? NET_DEFAULTS.timeoutMs;
  const started = performance.now();
  const clock = new HopClock(timeoutMs, options.clock ?? MACHINE_CLOCK);
  const signal = options.signal ? AbortSignal.any([options.signal, clock.signal]) : clock.signal;
  try {
    return await fetchWithin(url, options, clock, signal, started);
  } finally {
    clock.stop();
  }
}

async function fetchWithin(url: string, options: RdapFetchOptions, clock: HopClock, signal: AbortSignal, started: number): Promise<RdapAnswer> {
  const timeoutMs = clock.limitMs;
  const maxBytes = options.maxBytes ?? NET_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? NET_DEFAULTS.maxRedirects;
  const allowPrivate = options.allowPrivate ?? false;
  const seen = new Set<string>();
  let current = url;
  // A redirect the route resolver mapped is the user's choice like the first URL (their --servers entry).
  let routedExplicit = false;
  let namedUrl: string | undefined;

  const resolve = options.resolve ?? systemResolver;

  for (let redirects = 0; ; redirects += 1) {
    // Compared as parsed origins: a redirect to another port, host or scheme is a server's choice.
    const trusted = allowPrivate || routedExplicit || (options.explicitTarget === true && sameOrigin(current, url));
    const target = checkUrl(current, trusted);
    if (seen.has(target.href)) throw new ReferralError("WL_ERR_REFERRAL_LOOP", `redirect loop at ${target.href}`, { server: target.host });
    seen.add(target.href);
    // The server as the servers name it: the routed redirect's Location, else the URL asked.
    const named = redirects > 0 && namedUrl !== undefined ? new URL(namedUrl).hostname : target.hostname;
    const check = writeCheck(options, clock, named.toLowerCase(), redirects > 0);
    const response = await send(target, trusted, resolve, options, signal, timeoutMs, check);
    if (REDIRECTS.has(response.statusCode)) {
      // The redirect's body is not read: the connection is dropped rather than drained (a hostile
      // redirect could send a body without end).
      response.body.destroy();
      const location = header(response.headers, "location");
      if (location === undefined) throw new NetworkError("WL_ERR_PROTOCOL", `${target.host} redirected without a Location`, { server: target.host });
      if (redirects >= maxRedirects) {
        throw new ReferralError("WL_ERR_TOO_MANY_HOPS", `more than ${maxRedirects} redirects from ${url}`, { server: target.host });
      }
      current = new URL(location, target).href;
      routedExplicit = false;
      // A redirect within the user's own origin is already where it goes (and trusted above).
      if (options.routeRedirect && !(options.explicitTarget === true && sameOrigin(current, url))) {
        namedUrl = current;
        const routed = options.routeRedirect(current);
        current = routed.url;
        routedExplicit = routed.explicit;
      }
      continue;
    }
    const text = await readCapped(response, maxBytes, target.host, signal, timeoutMs, options.signal);
    const contentType = header(response.headers, "content-type");
    const answer: RdapAnswer = { status: response.statusCode, url: target.href, durationMs: performance.now() - started };
    if (namedUrl !== undefined) answer.namedUrl = namedUrl;
    if (contentType !== undefined) answer.contentType = contentType;
    const retryAfter = parseRetryAfter(header(response.headers, "retry-after"));
    if (retryAfter !== undefined) answer.retryAfterSeconds = retryAfter;
    if (text.trim() !== "") {
      if (response.statusCode >= 200 && response.statusCode < 300) {
        answer.body = parseJsonSafely(text, options.maxJsonDepth ?? NET_DEFAULTS.maxJsonDepth, target.host);
      } else {
        try {
          answer.body = parseJsonSafely(text, options.maxJsonDepth ?? NET_DEFAULTS.maxJsonDepth, target.host);
        } catch {
          // An error page that is not JSON: the status says enough.
        }
      }
    }
    return answer;
  }
}

/** The request's write check: the caller's beforeWrite for this server, with the fetch's clock stopped while it holds. */
function writeCheck(options: RdapFetchOptions, clock: HopClock, server: string, redirected: boolean): (() => boolean | Promise<boolean>) | undefined {
  const beforeWrite = options.beforeWrite;
  if (beforeWrite === undefined) return undefined;
  return () => {
    const verdict = beforeWrite(server, redirected);
    if (typeof verdict === "boolean") return verdict;
    clock.pause();
    return verdict.finally(() => clock.resume());
  };
}

/**
 * The fetch's time limit as a signal that can be paused (a request held for its send slot is not the
 * server's time). Aborts with a TimeoutError, as AbortSignal.timeout does; its timer never holds the process.
 */
class HopClock {
  private readonly controller = new AbortController();
  private timer: unknown;
  private remainingMs: number;
  private runningSince = 0;
  private stopped = false;

  constructor(
    readonly limitMs: number,
    private readonly clock: Clock,
  ) {
    this.remainingMs = limitMs;
    this.resume();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  pause(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.remainingMs -= this.clock.now() - this.runningSince;
  }

  resume(): void {
    if (this.timer !== undefined || this.stopped || this.controller.signal.aborted) return;
    this.runningSince = this.clock.now();
    this.timer = this.clock.setTimer(() => this.controller.abort(new DOMException(`no answer within ${this.limitMs} ms`, "TimeoutError")), Math.max(1, this.remainingMs));
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }
}

function checkUrl(value: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new NetworkError("WL_ERR_PROTOCOL", `not a valid RDAP URL: ${value}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new NetworkError("WL_ERR_PROTOCOL", `refusing ${url.protocol} URL ${value}: only http and https`, { server: url.host });
  }
  if (urlHasCredentials(url)) {
    throw new NetworkError("WL_ERR_PROTOCOL", `refusing an RDAP URL with a user name or password (${url.host})`, { server: url.hostname });
  }
  if (!allowPrivate) assertNotPrivateLiteral(url.hostname);
  return url;
}

async function send(
  url: URL,
  allowPrivate: boolean,
  resolve: HostResolver,
  options: RdapFetchOptions,
  signal: AbortSignal,
  timeoutMs: number,
  beforeWrite: (() => boolean | Promise<boolean>) | undefined,
): Promise<HttpResponse> {
  const userSignal = options.signal;
  const post = options.method === "POST";
  const init: HttpRequestInit = {
    method: post ? "POST" : "GET",
    headers: {
      accept: options.accept ?? ACCEPT,
      "user-agent": "whoislens/0.1 (+RDAP client)",
      ...(post ? { "content-type": "application/json" } : {}),
    },
    signal,
  };
  if (post && options.jsonBody !== undefined) init.body = options.jsonBody;
  if (beforeWrite) {
    init.beforeWrite = beforeWrite;
    init.withheld = () => sendSlotMissed(url.host);
  }
  try {
    // A proxied request is checked before it starts: the proxy transport (undici) is given no hook between its connect and write here.
    if (options.proxy && beforeWrite && !(await beforeWrite())) throw sendSlotMissed(url.host);
    if (options.proxy) delete init.beforeWrite;
    return await sendOn(url, init, allowPrivate, options, resolve);
  } catch (error) {
    throw translate(signal.aborted && !userSignal?.aborted ? signal.reason : error, url.host, timeoutMs, userSignal);
  }
}

async function readCapped(
  response: HttpResponse,
  maxBytes: number,
  server: string,
  signal: AbortSignal,
  timeoutMs: number,
  userSignal: AbortSignal | undefined,
): Promise<string> {
  const declared = Number(header(response.headers, "content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body.destroy();
    throw new NetworkError("WL_ERR_TOO_LARGE", `${server} announced ${declared} bytes (cap ${maxBytes}); refused`, { server });
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for await (const chunk of response.body) {
      received += chunk.length;
      if (received > maxBytes) {
        response.body.destroy();
        throw new NetworkError("WL_ERR_TOO_LARGE", `${server} sent more than ${maxBytes} bytes; answer cut off`, { server });
      }
      chunks.push(chunk);
      if (signal.aborted) break;
    }
  } catch (error) {
    throw translate(signal.aborted && !userSignal?.aborted ? signal.reason : error, server, timeoutMs, userSignal);
  }
  if (signal.aborted) throw translate(signal.reason, server, timeoutMs, userSignal);
  // RFC 8259 §8.1 wants UTF-8, but old servers send Latin-1 and say so in the header (or do not say):
  // the declared charset is used, and UTF-8 that does not decode falls back to windows-1252 (net/decode).
  return decodeAnswer(Buffer.concat(chunks, received), charsetOf(header(response.headers, "content-type")));
}

/** The charset parameter of a Content-Type, or "utf-8". */
function charsetOf(contentType: string | undefined): string {
  const match = contentType === undefined ? null : /;\s*charset\s*=\s*"?([A-Za-z0-9._:-]{1,40})/i.exec(contentType);
  return match?.[1] ?? "utf-8";
}

function translate(error: unknown, server: string, timeoutMs: number, userSignal: AbortSignal | undefined): WhoislensError {
  if (error instanceof WhoislensError) return error;
  if (userSignal?.aborted) return new NetworkError("WL_ERR_ABORTED", `request to ${server} was cancelled`, { server, cause: error });
  if (timedOut(error)) return new NetworkError("WL_ERR_TIMEOUT", `${server} did not answer within ${timeoutMs} ms`, { server, cause: error });
  const code = (error as { code?: string; name?: string }).code ?? (error as { name?: string }).name ?? "";
  if (/TIMEOUT|AbortError|TimeoutError/i.test(code)) {
    return new NetworkError("WL_ERR_TIMEOUT", `${server} did not answer within ${timeoutMs} ms`, { server, cause: error });
  }
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof WhoislensError) return cause;
  return new NetworkError("WL_ERR_CONNECT", `${server}: ${(error as Error).message ?? String(error)}`, { server, cause: error });
}

function timedOut(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    const code = (current as { code?: string }).code ?? "";
    if (current.name === "TimeoutError" || /TIMEOUT/.test(code)) return true;
    current = (current as { cause?: unknown }).cause ?? (current as unknown as { reason?: unknown }).reason;
  }
  return false;
}

function header(headers: HttpResponse["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Retry-After in seconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
