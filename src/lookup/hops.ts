import { toWhoislensError, WhoislensError, type WarningCode } from "../errors.js";
// The port-43 client directly, not net/index.js: the RDAP client (undici, ~70 ms to load) is imported
// by the first RDAP hop only, so a WHOIS-only lookup never pays for it.
import type { RdapFetchOptions } from "../net/rdap-client.js";
import { queryRwhois, RWHOIS_DEFAULTS, rwhoisErrorLine } from "../net/rwhois-client.js";
import { queryWhois, type WhoisAnswer, type WhoisQueryOptions, type WhoisTruncation } from "../net/whois-client.js";
import { parseRdap } from "../parse/rdap/index.js";
import type { parseWhoisText as ParseWhoisText } from "../parse/whois/index.js";
import { rwhoisReferrals } from "../parse/whois/rwhois-referral-lines.js";
import type { ChainHop, Protocol, RecordWarning, WhoisRecord } from "../record/types.js";
import { nirReferralFor } from "../servers/nir-referrals.js";
import { profileFor } from "../servers/profiles.js";
import { stripControl } from "../util/sanitize.js";
import { cacheKey, type AnswerCache, type CachedAnswer } from "./cache.js";
import { downReason } from "./down-rule.js";
import { clockMs, type LookupOptions } from "./options.js";
import { routeResolver, type RouteResolver } from "./routes.js";
import { immediateScheduler, runImmediately, type HopOutcome, type SendCheck } from "./scheduler.js";
import { pauseReason, readThrottleText } from "./throttle-wait.js";

/** Shared by the hops of one lookup. */
export interface HopContext {
  options: LookupOptions;
  routes: RouteResolver;
  /** The user's cancel signal, if any. */
  signal?: AbortSignal;
  /** Epoch ms by which the whole lookup must end. */
  deadline: number;
  chain: ChainHop[];
  /** protocol + server + request already asked: a referral back to one is a loop. */
  visited: Set<string>;
  /** The query as the user typed it, for record.query. */
  query: string;
}

export interface HopResult {
  record?: WhoisRecord;
  error?: WhoislensError;
  /** RDAP HTTP status, when the hop was RDAP and got an answer. */
  httpStatus?: number;
  /** An RWhois server's own `%error` line when it answered with no record ("%error 230 No Objects Found"), sanitized. */
  serverError?: string;
  /** An RWhois answer's `%referral` targets, in answer order, sanitized (the engine ranks them and tries the next on failure). */
  referrals?: string[];
  raw?: string;
}

/** A fresh context for one lookup (or one direct question): the deadline starts now. */
export function hopContext(options: LookupOptions, query: string): HopContext {
  // A deadline, not a timer: each hop gets min(hop limit, time left).
  const ctx: HopContext = { options, routes: routeResolver(options), deadline: clockMs(options) + options.totalTimeoutMs, chain: [], visited: new Set(), query };
  if (options.signal) ctx.signal = options.signal;
  return ctx;
}

type Attempt = { answer?: CachedAnswer; error?: WhoislensError; retryAfterMs?: number; permanent?: true; record?: WhoisRecord; truncated?: WhoisTruncation };

/** What a source makes of its raw answer: the cacheable part, and what is only about this fetch. */
type SourcedAnswer = CachedAnswer & { retryAfterMs?: number; truncated?: WhoisTruncation };

/** The hop's time limit: its own, or what is left of the lookup's, whichever is shorter. */
function hopTimeout(ctx: HopContext, server: string): number {
  const left = ctx.deadline - clockMs(ctx.options);
  if (left <= 0) throw new WhoislensError("WL_ERR_TIMEOUT", `lookup ran past ${ctx.options.totalTimeoutMs} ms before asking ${server}`, { server });
  return Math.min(ctx.options.hopTimeoutMs, left);
}

export function visitKey(protocol: Protocol, server: string, request: string): string {
  return `${protocol} ${server.toLowerCase()} ${request.toLowerCase()}`;
}

/** One port-43 question to `server` (a logical host name; the route resolver says where it is). */
export function whoisHop(ctx: HopContext, server: string, request: string, port?: number): Promise<HopResult>;
/** `then` runs in the hop's own last promise step (a lookup saves a step per answer; see engine.ts). */
export function whoisHop<T>(ctx: HopContext, server: string, request: string, port: number | undefined, then: (result: HopResult) => T | PromiseLike<T>): Promise<T>;
export function whoisHop<T>(ctx: HopContext, server: string, request: string, port?: number, then?: (result: HopResult) => T | PromiseLike<T>): Promise<T | HopResult> {
  return textHop(ctx, server, request, port, queryWhois, then);
}

/**
 * One RWhois session (RFC 2167) with `server` (a logical host name, mapped like a port-43 one), on `port`
 * (default 4321): the same guards, pace, cache, chain and raw text as a port-43 hop; the chain hop says
 * `rwhois://host:port` in its url.
 */
export function rwhoisHop(ctx: HopContext, server: string, request: string, port: number = RWHOIS_DEFAULTS.port, authArea?: string): Promise<HopResult> {
  return textHop(ctx, server, request, port, queryRwhois, undefined, authArea);
}

/** A text hop's exchange: RFC 3912 (read to EOF) or an RWhois session (read to %ok/%error). */
type TextExchange = (options: WhoisQueryOptions) => Promise<WhoisAnswer>;

function textHop<T>(ctx: HopContext, server: string, request: string, port: number | undefined, exchange: TextExchange, then?: (result: HopResult) => T | PromiseLike<T>, authArea?: string): Promise<T | HopResult> {
  // The WHOIS parser (most of the parse engine: its label, phrase and language tables) loads with the process's
  // first port-43 hop: a lookup answered over RDAP never compiles it (issue #13, start-up of one-shot lookups).
  if (parseWhoisText === undefined) return loadWhoisParser().then(() => textHop(ctx, server, request, port, exchange, then as (result: HopResult) => T | PromiseLike<T>, authArea));
  // Not async: the hop is a chain on the attempt's promise, one turn per step it really waits for.
  const started = Date.now();
  let endpoint: ReturnType<RouteResolver["whois"]>;
  try {
    endpoint = ctx.routes.whois(server, port);
  } catch (error) {
    const failed = finishHop(ctx, chainHop(server, request, 0, exchange, port, authArea), { error: toWhoislensError(error) });
    return then ? Promise.resolve(failed).then(then) : Promise.resolve(failed);
  }
  const profile = profileFor(server);
  const relaxedGuard = ctx.options.allowPrivate || endpoint.explicit;
  const scheme = exchange === queryRwhois ? "rwhois://" : "";
  const key = ctx.options.cache ? cacheKey({ protocol: "whois", server, endpoint: `${scheme}${endpoint.host}:${endpoint.port}`, request, relaxedGuard }) : "";
  const finished = (settled: Attempt): HopResult => {
    const result = finishHop(ctx, chainHop(server, request, Date.now() - started, exchange, port, authArea), settled);
    if (exchange === queryRwhois && settled.answer?.protocol === "whois" && result.record?.status !== "registered") {
      const said = rwhoisErrorLine(settled.answer.text);
      if (said !== undefined) result.serverError = stripControl(said);
    }
    if (exchange === queryRwhois && settled.answer?.protocol === "whois") {
      const referrals = rwhoisReferrals(settled.answer.text);
      if (referrals.length > 0) result.referrals = referrals.map(stripControl);
    }
    return result;
  };
  return runAttempt(ctx, server, key, {
    fetch: (beforeSend) => {
      const question: WhoisQueryOptions = {
        host: endpoint.host,
        port: endpoint.port,
        query: request,
        charset: profile.charset ?? "utf-8",
        timeoutMs: hopTimeout(ctx, server),
        maxBytes: ctx.options.maxBytes,
        allowPrivate: relaxedGuard,
      };
      if (ctx.signal) question.signal = ctx.signal;
      if (ctx.options.proxy) question.proxy = ctx.options.proxy;
      if (ctx.options.resolve) question.resolve = ctx.options.resolve;
      if (beforeSend) question.beforeSend = beforeSend;
      return exchange(question);
    },
    answer: (answer): SourcedAnswer =>
      answer.truncated === undefined ? { protocol: "whois", server, text: answer.text } : { protocol: "whois", server, text: answer.text, truncated: answer.truncated },
  }, (settled: Attempt): T | HopResult | PromiseLike<T> => (then ? then(finished(settled)) : finished(settled)));
}

/** The chain's entry for a text hop (status set once it ends); an RWhois hop names its scheme, port and auth-area in `url`. */
function chainHop(server: string, request: string, durationMs: number, exchange: TextExchange, port: number | undefined, authArea: string | undefined): ChainHop {
  const hop: ChainHop = { protocol: "whois", server, query: request, status: "error", durationMs };
  if (exchange === queryRwhois) hop.url = `rwhois://${server}:${port ?? RWHOIS_DEFAULTS.port}${authArea === undefined ? "" : `/auth-area=${authArea}`}`;
  return hop;
}

/** One RDAP GET; `url` is the real-world URL, rewritten by the route resolver when mapped. */
export function rdapHop(ctx: HopContext, url: string): Promise<HopResult> {
  const started = Date.now();
  const server = hostOf(url);
  let target: ReturnType<RouteResolver["rdap"]>;
  try {
    target = ctx.routes.rdap(url);
  } catch (error) {
    return Promise.resolve(finishHop(ctx, { protocol: "rdap", server, url, status: "error", durationMs: 0 }, { error: toWhoislensError(error) }));
  }
  const key = ctx.options.cache ? cacheKey({ protocol: "rdap", server, endpoint: target.url, request: url, relaxedGuard: ctx.options.allowPrivate || target.explicit }) : "";
  return runAttempt(ctx, server, key, {
    fetch: async (beforeSend) => {
      const { fetchRdap } = await import("../net/rdap-client.js");
      const timeoutMs = hopTimeout(ctx, server);
      const request: RdapFetchOptions = {
        timeoutMs,
        maxBytes: ctx.options.maxBytes,
        allowPrivate: ctx.options.allowPrivate,
        explicitTarget: target.explicit,
        routeRedirect: (location) => ctx.routes.rdap(location),
      };
      // The scheduler's check runs once connected, right before the first request is written (its slot; footprint
      // counts the query then); each redirect is another request a server receives: counted against that server.
      if (beforeSend) request.beforeWrite = (to, redirected) => (redirected ? (beforeSend.redirected?.(to) ?? true) : beforeSend());
      if (ctx.signal) request.signal = ctx.signal;
      if (ctx.options.proxy) request.proxy = ctx.options.proxy;
      if (ctx.options.resolve) request.resolve = ctx.options.resolve;
      return fetchRdap(target.url, request);
    },
    answer: (answer) => {
      // After a routed redirect the data is the server's it was redirected to: its URL and host are the source.
      const base: CachedAnswer = answer.namedUrl === undefined
        ? { protocol: "rdap", server, url, status: answer.status, body: answer.body }
        : { protocol: "rdap", server: hostOf(answer.namedUrl), url: answer.namedUrl, status: answer.status, body: answer.body };
      return answer.status === 429 && answer.retryAfterSeconds !== undefined ? { ...base, retryAfterMs: answer.retryAfterSeconds * 1000 } : base;
    },
  }, (settled) => finishHop(ctx, { protocol: "rdap", server, url, status: "error", durationMs: Date.now() - started }, settled));
}

/** A hop's network call and how its result becomes a (cacheable) answer, kept apart so that they run in one promise step. */
interface AnswerSource<Raw> {
  /** May throw (no time left for the hop): treated like a rejection. `beforeSend`: the scheduler's check right before the query is written (port 43 only). */
  fetch(beforeSend?: SendCheck): Promise<Raw>;
  answer(raw: Raw): SourcedAnswer;
}

/**
 * Cache first; otherwise the scheduler paces the network call and learns from its outcome. The
 * attempt itself never rejects; `after` (the hop's finishing step) runs on it in the same promise step
 * where that is possible.
 */
function runAttempt<Raw, U>(ctx: HopContext, server: string, key: string, source: AnswerSource<Raw>, after: (attempt: Attempt) => U | PromiseLike<U>): Promise<U> {
  const cache = ctx.options.cache;
  return cache ? runCachedAttempt(ctx, cache, server, key, source).then(after) : fetchPaced(ctx, server, source, after);
}

async function runCachedAttempt<Raw>(ctx: HopContext, cache: AnswerCache, server: string, key: string, source: AnswerSource<Raw>): Promise<Attempt> {
  const cached = await cache.get(key);
  if (cached) return { answer: cached, record: parseAnswer(ctx, cached) };
  const attempt = await fetchPaced(ctx, server, source, (fetched) => fetched);
  // A truncated answer is never cached: a re-run would serve the partial answer without its warning.
  if (attempt.answer && attempt.record && !attempt.truncated && isCacheable(attempt.record)) await cache.set(key, attempt.answer);
  return attempt;
}

function fetchPaced<Raw, U>(ctx: HopContext, server: string, source: AnswerSource<Raw>, after: (attempt: Attempt) => U | PromiseLike<U>): Promise<U> {
  const toAttempt = (raw: Raw): Attempt => {
    const answer = source.answer(raw);
    if (answer.retryAfterMs === undefined && answer.truncated === undefined) {
      const record = parseAnswer(ctx, answer);
      // A port-43 refusal may name its wait in words ("try later in 600 seconds").
      const named = record.status === "throttled" && answer.protocol === "whois" ? readThrottleText(answer.text) : undefined;
      if (named?.permanent) return { answer, record, permanent: true };
      return named?.waitMs === undefined ? { answer, record } : { answer, record, retryAfterMs: named.waitMs };
    }
    const { retryAfterMs, truncated, ...plain } = answer;
    const attempt: Attempt = { answer: plain, record: parseAnswer(ctx, plain) };
    if (retryAfterMs !== undefined) attempt.retryAfterMs = retryAfterMs;
    if (truncated !== undefined) attempt.truncated = truncated;
    return attempt;
  };
  const toFailure = (error: unknown): Attempt => ({ error: toWhoislensError(error) });
  const fetch = (beforeSend?: SendCheck): Promise<Raw> => startFetch(source, beforeSend);
  const scheduler = ctx.options.scheduler;
  // The default scheduler judges and finishes in the same promise step as the answer is parsed.
  if (scheduler === immediateScheduler) return runImmediately(fetch, toAttempt, judgeAttempt, toFailure, after, ctx.signal, server);
  return scheduler.run<Attempt>(server, (beforeSend) => fetch(beforeSend).then(toAttempt, toFailure), judgeAttempt, (retryAfterMs, permanent, down) => (down ? downAttempt(server) : refusedAttempt(server, retryAfterMs, permanent)), ctx.signal).then(after);
}

/** The scheduler paused `server` (it asked for a wait past the cap): the hop is throttled, not asked. */
function refusedAttempt(server: string, retryAfterMs: number, permanent = false): Attempt {
  return { error: new WhoislensError("WL_ERR_THROTTLED", pauseReason(server, retryAfterMs, permanent), { server }), retryAfterMs };
}

/** The scheduler found `server` down (it refused every connection of its last tries): the hop fails, not asked. */
function downAttempt(server: string): Attempt {
  return { error: new WhoislensError("WL_ERR_CONNECT", downReason(server), { server }) };
}

function startFetch<Raw>(source: AnswerSource<Raw>, beforeSend?: SendCheck): Promise<Raw> {
  try {
    return source.fetch(beforeSend);
  } catch (error) {
    return Promise.reject(error);
  }
}

function judgeAttempt(attempt: Attempt): HopOutcome {
  // Servers that throttle by dropping connections look like resets: pace down as for a refusal.
  if (attempt.error?.code === "WL_ERR_CONNECT" && /reset/i.test(attempt.error.message)) return { kind: "throttled", cut: true };
  if (attempt.truncated?.reason === "reset") return { kind: "throttled", cut: true };
  if (attempt.error) return connectionRefused(attempt.error) ? { kind: "error", code: attempt.error.code, connectionRefused: true } : { kind: "error", code: attempt.error.code };
  if (attempt.record?.status === "throttled") {
    if (attempt.permanent) return { kind: "throttled", permanent: true };
    return attempt.retryAfterMs === undefined ? { kind: "throttled" } : { kind: "throttled", retryAfterMs: attempt.retryAfterMs };
  }
  return { kind: "ok" };
}

/** Nothing accepted the connection: ECONNREFUSED anywhere down the error's causes (port 43, RWhois, RDAP's fetch alike). */
function connectionRefused(error: WhoislensError): boolean {
  if (error.code !== "WL_ERR_CONNECT") return false;
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && cause !== null && typeof cause === "object"; depth += 1) {
    if ((cause as NodeJS.ErrnoException).code === "ECONNREFUSED") return true;
    // An undici fetch to a dead port fails with AggregateError causes (IPv4 and IPv6 tried): each one refused.
    const errors = (cause as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0 && errors.every((e) => (e as NodeJS.ErrnoException | undefined)?.code === "ECONNREFUSED")) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** Throttle answers and failures are never cached as data. */
function isCacheable(record: WhoisRecord): boolean {
  return record.status !== "throttled" && record.status !== "unknown";
}

let parseWhoisText: typeof ParseWhoisText | undefined;
let loadingWhoisParser: Promise<void> | undefined;

function loadWhoisParser(): Promise<void> {
  loadingWhoisParser ??= import("../parse/whois/index.js").then((module) => {
    parseWhoisText = module.parseWhoisText;
  });
  return loadingWhoisParser;
}

function parseAnswer(ctx: HopContext, answer: CachedAnswer): WhoisRecord {
  if (answer.protocol === "whois") {
    // (Only a port-43 hop reaches here with a port-43 answer, and whoisHop loaded the parser first.)
    const record = (parseWhoisText as typeof ParseWhoisText)(answer.text, { server: answer.server, query: ctx.query });
    // An RIR's allocation to a national registry names no server: the NIR table says where to go on.
    if (record.referral === undefined && record.status === "registered") {
      const nir = nirReferralFor(answer.server, answer.text);
      if (nir !== undefined) record.referral = { server: nir };
    }
    return record;
  }
  if (answer.status === 404) {
    return { query: ctx.query, kind: "domain", status: "available", source: { protocol: "rdap", server: answer.server, url: answer.url } };
  }
  // 503 (RFC 9110 §15.6.4: overloaded or down for maintenance, often with a Retry-After) is a refusal to pace, not data.
  if (answer.status === 429 || answer.status === 503) {
    return { query: ctx.query, kind: "domain", status: "throttled", source: { protocol: "rdap", server: answer.server, url: answer.url } };
  }
  if (answer.status < 200 || answer.status >= 300) {
    return { query: ctx.query, kind: "domain", status: "unknown", source: { protocol: "rdap", server: answer.server, url: answer.url } };
  }
  return parseRdap(answer.body, { server: answer.server, url: answer.url, query: ctx.query });
}

function finishHop(ctx: HopContext, hop: ChainHop, attempt: Attempt): HopResult {
  const raw = ctx.options.raw ? rawOf(attempt.answer) : undefined;
  if (raw !== undefined) hop.raw = raw;
  if (attempt.error) {
    hop.error = { code: attempt.error.code, message: attempt.error.message };
    ctx.chain.push(hop);
    return { error: attempt.error };
  }
  const record = attempt.record;
  if (!record) {
    ctx.chain.push(hop);
    return { error: new WhoislensError("WL_ERR_PROTOCOL", `no answer from ${hop.server}`, { server: hop.server }) };
  }
  record.source.fetchedAt = isoTime(clockMs(ctx.options));
  hop.status = record.status;
  if (attempt.truncated) {
    // Kept, not passed off as complete: the hop and the record both say the answer was cut off.
    const warning: RecordWarning = { code: "WL_WARN_TRUNCATED" satisfies WarningCode, message: attempt.truncated.message, server: hop.server };
    hop.warnings = [warning];
    (record.warnings ??= []).push(warning);
  }
  ctx.chain.push(hop);
  const result: HopResult = { record };
  if (attempt.answer?.protocol === "rdap") result.httpStatus = attempt.answer.status;
  if (raw !== undefined) result.raw = raw;
  return result;
}

/**
 * Hops finish many to a second: a Date is made and formatted once per second, and a hop in a second
 * already formatted gets that second's "YYYY-MM-DDTHH:MM:SS." with its own milliseconds (what
 * toISOString would say). Exported for its test.
 */
let formattedSecond = Number.NaN;
let secondPrefix = "";

export function isoTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== formattedSecond) {
    const iso = new Date(ms).toISOString();
    // An invalid time (NaN) throws in toISOString above, as before: nothing to cache.
    formattedSecond = second;
    secondPrefix = iso.slice(0, -4);
    return iso;
  }
  const milliseconds = ms - second * 1000;
  return `${secondPrefix}${milliseconds < 10 ? "00" : milliseconds < 100 ? "0" : ""}${milliseconds}Z`;
}

function rawOf(answer: CachedAnswer | undefined): string | undefined {
  if (!answer) return undefined;
  if (answer.protocol === "whois") return stripControl(answer.text);
  return answer.body === undefined ? undefined : stripControl(JSON.stringify(answer.body, null, 2));
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}
