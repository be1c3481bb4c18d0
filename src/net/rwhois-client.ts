import net from "node:net";
import { NetworkError, WhoislensError } from "../errors.js";
import { assertNotPrivateLiteral, assertPublicHost, isAddressLiteral, systemResolver } from "./address-guard.js";
import { decodeAnswer } from "./decode.js";
import { NET_DEFAULTS } from "./defaults.js";
import { connectThroughProxy } from "./proxy.js";
import type { WhoisAnswer, WhoisQueryOptions } from "./whois-client.js";
import { sendSlotMissed, vettedLookup } from "./whois-client.js";

/**
 * One RWhois 1.5 session (RFC 2167), the kind of server ARIN's `ReferralServer: rwhois://host:port` names:
 *
 *   server: `%rwhois V-1.5:003fff:00 host (…)`   the banner, sent on connect (RFC 2167 §3.1)
 *   client: the query line                        a plain query, as GNU whois sends it
 *   server: `class:Attribute:value` lines, then `%ok` or `%error NNN text` (§3.3, §3.4)
 *   client: `-quit`                               the session's end (§3.2 `-quit` directive); then we close
 *
 * Unlike RFC 3912, the server's EOF does not end an answer (a server run with hold-connect keeps the connection
 * open after `%ok`): the `%ok`/`%error` line does; a server that closes first (rwhoisd's default) ends it too.
 * The guards are the port-43 client's: the private-address check before connecting, the size cap (the answer
 * is kept, flagged as cut off), one time limit for the whole session, the cancel signal, the scheduler's send
 * slot (`beforeSend`, asked right before the query is written).
 */
export const RWHOIS_DEFAULTS = {
  /** RFC 2167 §1: the IANA-registered RWhois port. */
  port: 4321,
  /** A server that sends no banner is asked anyway after this long (GNU whois never waits for one). */
  bannerWaitMs: 2_000,
  /** RFC 2167 §3.1: the banner starts so; a first line that does not is kept as part of the answer. */
  bannerPrefix: "%rwhois",
} as const;

/** RFC 2167 §3.4: a response ends with `%ok` or `%error <code> <text>` on a line of its own. */
const END_OF_RESPONSE = /^%(?:ok|error(?:[ \t][^\r\n]*)?)\r?$/;

/** At most this much of a server's `%error` text is repeated in a note (attacker-controlled text). */
const ERROR_TEXT_MAX = 200;

/** The `%error NNN text` line that ended an RWhois answer, if one did (its text capped; control characters are the caller's to strip). */
export function rwhoisErrorLine(text: string): string | undefined {
  const lines = text.trimEnd().split("\n");
  const last = (lines[lines.length - 1] ?? "").replace(/\r$/, "");
  return last.startsWith("%error") ? last.slice(0, ERROR_TEXT_MAX) : undefined;
}

export function queryRwhois(options: WhoisQueryOptions): Promise<WhoisAnswer> {
  const port = options.port ?? RWHOIS_DEFAULTS.port;
  const server = `${options.host}:${port}`;
  if (options.signal?.aborted) return Promise.reject(new NetworkError("WL_ERR_ABORTED", `query to ${server} was cancelled`, { server }));
  if (/[\r\n]/.test(options.query)) return Promise.reject(new WhoislensError("WL_ERR_INVALID_QUERY", "an RWhois query cannot contain line breaks", { server }));
  return connectChecked(options, port).then(
    (connect) => new Promise<WhoisAnswer>((resolve, reject) => new RwhoisSession(options, server, connect(), resolve, reject)),
  );
}

/**
 * The same address rules as the port-43 client: resolved once, checked, only checked addresses dialled. Gives
 * the connection to make, so that it is made where the session's listeners are attached in the same turn.
 */
async function connectChecked(options: WhoisQueryOptions, port: number): Promise<() => net.Socket> {
  const allowPrivate = options.allowPrivate === true;
  const resolve = options.resolve ?? systemResolver;
  const { proxy, host } = options;
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? NET_DEFAULTS.connectTimeoutMs, options.timeoutMs ?? NET_DEFAULTS.timeoutMs);
  if (proxy) {
    let destination = host;
    if (isAddressLiteral(host) || (proxy.protocol === "socks5" && !proxy.remoteDns)) destination = (await assertPublicHost(host, allowPrivate, resolve))[0] ?? host;
    else if (!allowPrivate) assertNotPrivateLiteral(host);
    const tunnel = await connectThroughProxy(proxy, destination, port, connectTimeoutMs);
    return () => tunnel;
  }
  const vetted = await assertPublicHost(host, allowPrivate, resolve);
  if (vetted.length === 1) return () => net.connect({ host: vetted[0] ?? host, port });
  // Several addresses: each vetted one in turn, as the port-43 client and GNU whois (whois.c openconn) do; Node's
  // happy eyeballs (RFC 8305 §5) moves on at a refusal or after its attempt timeout, never to an unvetted address.
  return () => net.connect({ host, port, autoSelectFamily: true, autoSelectFamilyAttemptTimeout: NET_DEFAULTS.addressAttemptMs, lookup: vettedLookup(vetted) });
}

type Phase = "banner" | "held" | "answer" | "done";

class RwhoisSession {
  private readonly chunks: Buffer[] = [];
  private received = 0;
  /** Bytes of the answer scanned for a complete line so far (from where the query was written). */
  private scanned = 0;
  private answerStart = 0;
  private phase: Phase = "banner";
  private readonly started = performance.now();
  private timer: NodeJS.Timeout;
  /** While the scheduler holds the query for its send slot, the session's clock stops (as the port-43 client's does). */
  private holdStarted: number | undefined;
  private heldMs = 0;
  private bannerTimer: NodeJS.Timeout | undefined;
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    private readonly options: WhoisQueryOptions,
    private readonly server: string,
    private readonly socket: net.Socket,
    private readonly resolve: (answer: WhoisAnswer) => void,
    private readonly reject: (error: WhoislensError) => void,
  ) {
    this.maxBytes = options.maxBytes ?? NET_DEFAULTS.maxBytes;
    this.timeoutMs = options.timeoutMs ?? NET_DEFAULTS.timeoutMs;
    // One limit for the session: connect, banner, answer. A server that never sends %ok and keeps the
    // connection open ends here.
    this.timer = setTimeout(() => this.timedOut(), this.timeoutMs);
    if (options.signal) {
      this.onAbort = () => this.fail(new NetworkError("WL_ERR_ABORTED", `query to ${server} was cancelled`, { server }));
      options.signal.addEventListener("abort", this.onAbort, { once: true });
    }
    socket.on("data", (chunk: Buffer) => this.take(chunk));
    socket.on("end", () => this.closed());
    socket.on("close", () => this.closed());
    socket.on("error", (error: NodeJS.ErrnoException) => this.errored(error));
    const startBannerWait = (): void => {
      this.bannerTimer = setTimeout(() => this.ask(), Math.min(RWHOIS_DEFAULTS.bannerWaitMs, this.timeoutMs));
    };
    if (socket.connecting) socket.once("connect", startBannerWait);
    else startBannerWait();
  }

  private take(chunk: Buffer): void {
    if (this.phase === "done") return;
    if (this.received + chunk.length > this.maxBytes) {
      const fits = this.maxBytes - this.received;
      if (fits > 0) this.chunks.push(chunk.subarray(0, fits));
      this.received = this.maxBytes;
      this.succeed({ reason: "size-cap", message: `${this.server} sent more than ${this.maxBytes} bytes; RWhois answer cut off at the size cap (--max-bytes)` });
      return;
    }
    this.chunks.push(chunk);
    this.received += chunk.length;
    if (this.phase === "banner" && chunk.includes(0x0a)) this.ask();
    else if (this.phase === "answer") this.scan();
  }

  /** The banner line is in (or its wait is over): the scheduler's slot, then the query. */
  private ask(): void {
    if (this.phase !== "banner") return;
    clearTimeout(this.bannerTimer);
    this.phase = "held";
    const verdict = this.options.beforeSend?.() ?? true;
    if (typeof verdict === "boolean") return this.send(verdict);
    this.holdStarted = performance.now();
    clearTimeout(this.timer);
    verdict.then((send) => this.send(send), () => this.send(false));
  }

  private timedOut(): void {
    const { server, timeoutMs } = this;
    this.fail(new NetworkError("WL_ERR_TIMEOUT", `${server} did not finish its RWhois answer (no %ok or %error) within ${timeoutMs} ms`, { server }));
  }

  private send(send: boolean): void {
    if (this.phase !== "held") return;
    if (!send) return this.fail(sendSlotMissed(this.server));
    if (this.holdStarted !== undefined) {
      this.heldMs += performance.now() - this.holdStarted;
      this.holdStarted = undefined;
      const left = this.timeoutMs - (performance.now() - this.started - this.heldMs);
      this.timer = setTimeout(() => this.timedOut(), Math.max(1, left));
    }
    // The answer starts after the banner's line: anything the server sent before the query is the banner.
    const all = this.bytes();
    const newline = all.indexOf(0x0a);
    this.answerStart = newline < 0 ? 0 : newline + 1;
    this.scanned = this.answerStart;
    this.phase = "answer";
    this.socket.write(`${this.options.query}\r\n`);
    this.scan();
  }

  /** Looks for the response's end line among the complete lines not yet looked at. */
  private scan(): void {
    const all = this.bytes();
    for (let end = all.indexOf(0x0a, this.scanned); end >= 0; end = all.indexOf(0x0a, this.scanned)) {
      const line = all.toString("latin1", this.scanned, end);
      this.scanned = end + 1;
      if (END_OF_RESPONSE.test(line)) {
        // Anything after the end line is not this answer's; the session is ended politely (RFC 2167 -quit).
        this.received = this.scanned;
        this.chunks.length = 0;
        this.chunks.push(all.subarray(0, this.scanned));
        this.socket.end("-quit\r\n");
        this.succeed(undefined);
        return;
      }
    }
  }

  private bytes(): Buffer {
    if (this.chunks.length > 1) {
      const joined = Buffer.concat(this.chunks, this.received);
      this.chunks.length = 0;
      this.chunks.push(joined);
    }
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  /** The server closed: after the query that ends the answer (rwhoisd closes after one); before it, nothing was asked. */
  private closed(): void {
    if (this.phase === "done") return;
    if (this.phase === "answer") return this.succeed(undefined);
    this.fail(new NetworkError("WL_ERR_CONNECT", `${this.server} closed the RWhois session before the query was sent`, { server: this.server }));
  }

  private errored(error: NodeJS.ErrnoException): void {
    if (this.phase === "done") return;
    if (this.phase === "answer" && this.received > this.answerStart) {
      return this.succeed({ reason: "reset", message: `${this.server} ${error.code === "ECONNRESET" ? "reset the connection" : `failed (${error.code ?? error.message})`} after ${this.received} bytes; the answer may be incomplete` });
    }
    const connecting = error.code === "ECONNREFUSED" || this.socket.connecting;
    this.fail(new NetworkError("WL_ERR_CONNECT", `${this.server}: ${connecting ? error.message : `RWhois session failed (${error.message})`}`, { server: this.server, cause: error }));
  }

  private settle(): void {
    this.phase = "done";
    clearTimeout(this.timer);
    clearTimeout(this.bannerTimer);
    if (this.onAbort) this.options.signal?.removeEventListener("abort", this.onAbort);
  }

  private succeed(truncated: WhoisAnswer["truncated"]): void {
    this.settle();
    if (truncated) this.socket.destroy();
    else this.socket.end();
    this.socket.on("error", () => undefined);
    const bytes = this.bytes().subarray(0, this.received);
    const answer: WhoisAnswer = {
      text: decodeAnswer(bytes, this.options.charset),
      byteLength: bytes.length,
      remoteAddress: this.socket.remoteAddress ?? this.options.host,
      durationMs: performance.now() - this.started - this.heldMs,
    };
    if (truncated) answer.truncated = truncated;
    this.resolve(answer);
  }

  private fail(error: WhoislensError): void {
    if (this.phase === "done") return;
    this.settle();
    this.socket.on("error", () => undefined);
    this.socket.destroy();
    this.reject(error);
  }
}
