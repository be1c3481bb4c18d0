import { isAscii } from "node:buffer";
import net from "node:net";
import { NetworkError, WhoislensError } from "../errors.js";
import { assertNotPrivateLiteral, assertPublicHost, isAddressLiteral, systemResolver, type HostResolver } from "./address-guard.js";
import { settleInBatch } from "./completions.js";
import { asciiDecodesAsIs, decodeAnswer } from "./decode.js";
import { NET_DEFAULTS } from "./defaults.js";
import { connectThroughProxy, type ProxyConfig } from "./proxy.js";
import type { Clock } from "../util/clock.js";

/**
 * The error of a query held for its send slot (beforeSend) and never sent: the scheduler says the slot
 * was missed. One definition for both protocols (port 43 here, RDAP in lookup/hops.ts).
 */
export function sendSlotMissed(server: string): NetworkError {
  return new NetworkError("WL_ERR_ABORTED", `query to ${server} not sent: its send slot was missed`, { server });
}

export interface WhoisQueryOptions {
  host: string;
  port?: number;
  /** Sent as query + CRLF (RFC 3912). */
  query: string;
  /** iconv-lite charset name; "utf-8" (default) falls back to windows-1252 on invalid bytes. */
  charset?: string;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxBytes?: number;
  proxy?: ProxyConfig;
  signal?: AbortSignal;
  /** Refuse private, loopback and link-local targets unless true. */
  allowPrivate?: boolean;
  /** Name resolution (direct and socks5://); default: the system resolver. Tests inject one. */
  resolve?: HostResolver;
  /**
   * Asked once connected; the query is written when it resolves true (in the same turn: nothing runs
   * between the two); false and the query is never sent, the connection is closed and the exchange
   * fails with WL_ERR_ABORTED. A paced caller's hold on its send slot (src/scale/scheduler.ts): the
   * connection is made while the slot is awaited, so only the write is left at the slot.
   */
  beforeSend?: () => boolean | Promise<boolean>;
  /**
   * What the connect and hop limits are measured on: the machine's by default (a plain timer, no clock
   * object on the hot path); a test passes a manual clock and moves it past a limit instead of sleeping.
   */
  clock?: Clock;
}

/**
 * Why an answer is known to be incomplete. Port 43 has no length field: the server's EOF (FIN) ends an
 * answer, so a reset after some bytes, or our cut at the size cap, leaves a partial answer that is kept
 * (it is often still useful) and flagged rather than passed off as complete.
 */
export interface WhoisTruncation {
  reason: "reset" | "size-cap";
  message: string;
}

export interface WhoisAnswer {
  text: string;
  byteLength: number;
  remoteAddress: string;
  durationMs: number;
  /** Set when the answer was cut off; `text` then holds what arrived (up to the cap). */
  truncated?: WhoisTruncation;
}

/**
 * Every direct connection reads into this one buffer: onread callbacks run synchronously
 * on this thread and copy out what they receive, so sockets never see each other's bytes,
 * and no per-read Buffer is allocated by the stream layer.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/** One RFC 3912 exchange: connect, send the query, read to EOF, decode. */
export function queryWhois(options: WhoisQueryOptions): Promise<WhoisAnswer> {
  const port = options.port ?? NET_DEFAULTS.whoisPort;
  const timeoutMs = options.timeoutMs ?? NET_DEFAULTS.timeoutMs;
  const exchange: Exchange = {
    port,
    timeoutMs,
    connectTimeoutMs: Math.min(options.connectTimeoutMs ?? NET_DEFAULTS.connectTimeoutMs, timeoutMs),
    maxBytes: options.maxBytes ?? NET_DEFAULTS.maxBytes,
    server: `${options.host}:${port}`,
    started: nowOn(options.clock),
    address: net.isIP(options.host) !== 0 ? options.host : undefined,
  };
  if (options.signal?.aborted) return Promise.reject(aborted(exchange.server));
  if (options.query.includes("\n") || options.query.includes("\r")) {
    return Promise.reject(new WhoislensError("WL_ERR_INVALID_QUERY", "a WHOIS query cannot contain line breaks", { server: exchange.server }));
  }
  // An address with nothing to check and no proxy: the exchange starts now (no extra promise turn). A name
  // is always resolved through the resolver (the system's keeps its answers for a while, resolver-cache.ts),
  // never by net.connect's own lookup, which would ask getaddrinfo again for every query.
  if (!options.proxy && options.allowPrivate && exchange.address !== undefined) return runExchange(options, exchange, undefined, undefined);
  return prepareThenExchange(options, exchange);
}

/** What queryWhois works out before connecting. */
interface Exchange {
  port: number;
  timeoutMs: number;
  connectTimeoutMs: number;
  maxBytes: number;
  /** host:port, for messages. */
  server: string;
  started: number;
  /**
   * The address connected to directly, with no lookup: the host itself when it is an IP literal, or the
   * one address the guard vetted for a name (several go to happy eyeballs, limited to the vetted ones).
   */
  address: string | undefined;
}

/**
 * The address check, then the connection. Direct: the name is resolved once, checked, and the checked
 * addresses are the only ones net.connect may use. Through socks5:// the name is resolved and checked
 * here too and the proxy is asked for the checked address; socks5h:// and http:// proxies resolve
 * names themselves, so only address literals (and localhost names) can be refused here.
 */
async function prepareThenExchange(options: WhoisQueryOptions, exchange: Exchange): Promise<WhoisAnswer> {
  const allowPrivate = options.allowPrivate === true;
  const resolve = options.resolve ?? systemResolver;
  const { proxy, host } = options;
  if (!proxy) {
    const vetted = await assertPublicHost(host, allowPrivate, resolve);
    if (vetted.length === 1) exchange.address = vetted[0];
    return await runExchange(options, exchange, undefined, vetted);
  }
  let destination = host;
  if (isAddressLiteral(host) || (proxy.protocol === "socks5" && !proxy.remoteDns)) {
    destination = (await assertPublicHost(host, allowPrivate, resolve))[0] ?? host;
  } else if (!allowPrivate) {
    assertNotPrivateLiteral(host);
  }
  const tunnel = await connectThroughProxy(proxy, destination, exchange.port, exchange.connectTimeoutMs);
  return await runExchange(options, exchange, tunnel, undefined);
}

function runExchange(options: WhoisQueryOptions, exchange: Exchange, tunnel: net.Socket | undefined, vetted: string[] | undefined): Promise<WhoisAnswer> {
  return new Promise<WhoisAnswer>((resolve, reject) => {
    new PendingAnswer(options, exchange, tunnel, vetted, resolve, reject);
  });
}

/** The socket's exchange, so that one set of module-level handlers serves every connection. */
const PENDING = Symbol("whoislens.pendingAnswer");
type AnswerSocket = net.Socket & { [PENDING]?: PendingAnswer };

/**
 * Every direct connection reads into READ_BUFFER through this one callback (net.Socket calls it
 * with the socket as `this`): no closures or buffer views per connection or per read.
 */
const SHARED_ONREAD = {
  buffer: READ_BUFFER,
  callback(this: AnswerSocket, length: number, buffer: Buffer): boolean {
    this[PENDING]?.take(buffer, length);
    return true;
  },
};

function onTunnelData(this: AnswerSocket, chunk: Buffer): void {
  this[PENDING]?.take(chunk, chunk.length);
}

function onSocketEnd(this: AnswerSocket): void {
  this[PENDING]?.finish();
}

function onSocketError(this: AnswerSocket, error: NodeJS.ErrnoException): void {
  this[PENDING]?.failed(error);
}

function ignoreError(): void {}

/** Exchanges started and not yet settled: while others are open, a settling answer may wait for company (completions.ts). */
let openExchanges = 0;

/** How many port-43 exchanges are open (started, not yet settled). */
export function openExchangeCount(): number {
  return openExchanges;
}

function onSocketConnect(this: AnswerSocket): void {
  this[PENDING]?.connected();
}

function onHopTimer(pending: PendingAnswer): void {
  pending.timedOut();
}

function nowOn(clock: Clock | undefined): number {
  return clock === undefined ? performance.now() : clock.now();
}

/** One exchange in flight: collects the answer's bytes and settles once, on EOF, error, timeout or cancel. */
class PendingAnswer {
  private readonly chunks: Buffer[] = [];
  /**
   * The answer so far as text, while every chunk has been ASCII and the charset reads ASCII as is (UTF-8,
   * the default): such a chunk becomes text at once, with no copy of its bytes and no decoder pass at the
   * end. Undefined otherwise; the bytes then go to `chunks` and are decoded at the end.
   */
  private asciiText: string | undefined;
  private received = 0;
  private truncation: WhoisTruncation | undefined;
  private settled = false;
  private readonly socket: AnswerSocket;
  private hopTimer: unknown;
  /** The timer runs for the whole hop (not just the connect). */
  private hopTimerIsHopLimit: boolean;
  private readonly onAbort: (() => void) | undefined;
  /** With a beforeSend hold: when the hold began (connected, the query not yet written); undefined otherwise. */
  private holdStarted: number | undefined;
  /** Whether the query has been written (a connection closed before that is a failure, not an empty answer). */
  private written: boolean;

  constructor(
    private readonly options: WhoisQueryOptions,
    readonly exchange: Exchange,
    private readonly tunnel: net.Socket | undefined,
    vetted: string[] | undefined,
    private readonly resolve: (answer: WhoisAnswer) => void,
    private readonly reject: (error: WhoislensError) => void,
  ) {
    const { host } = options;
    const { port } = exchange;
    let socket: AnswerSocket;
    if (tunnel) {
      socket = tunnel;
      socket.on("data", onTunnelData);
    } else if (exchange.address !== undefined) {
      socket = net.connect({ host: exchange.address, port, onread: SHARED_ONREAD, allowHalfOpen: true });
    } else {
      // Happy eyeballs over every address of the name (the vetted ones when the guard ran).
      const connectOptions: net.TcpNetConnectOpts = { host, port, onread: SHARED_ONREAD, allowHalfOpen: true, autoSelectFamily: true, autoSelectFamilyAttemptTimeout: NET_DEFAULTS.addressAttemptMs };
      if (vetted) connectOptions.lookup = vettedLookup(vetted);
      socket = net.connect(connectOptions);
    }
    socket[PENDING] = this;
    this.socket = socket;
    this.asciiText = asciiDecodesAsIs(options.charset) ? "" : undefined;
    this.written = options.beforeSend === undefined;
    // One timer per hop: first the connect limit, then (re-armed only if it fires after the
    // connection was made) whatever is left of the hop's time.
    this.hopTimerIsHopLimit = tunnel !== undefined || exchange.connectTimeoutMs >= exchange.timeoutMs;
    this.armHopTimer(this.hopTimerIsHopLimit ? exchange.timeoutMs : exchange.connectTimeoutMs);
    if (options.signal) {
      this.onAbort = () => this.finish(aborted(exchange.server));
      options.signal.addEventListener("abort", this.onAbort, { once: true });
    }
    // Written on our own 'connect' listener (a module-level function, and 'connect' comes once per socket: no
    // once() wrapper): a write to a still-connecting socket is held by Node itself until then, at the cost of
    // two closures and two once() listeners per socket (net.js _writeGeneric), and leaves at the same moment.
    // With a beforeSend check, written only once connected and the check says so. A tunnel is connected already.
    if (!tunnel) socket.on("connect", onSocketConnect);
    else if (options.beforeSend === undefined) socket.write(`${options.query}\r\n`);
    socket.on("end", onSocketEnd);
    socket.on("close", onSocketEnd);
    socket.on("error", onSocketError);
    // Counted once nothing above can throw: finish() counts it off exactly once.
    openExchanges += 1;
    // A tunnel is connected already: the hold is asked now (after the count, as it may finish the exchange).
    if (options.beforeSend !== undefined && tunnel) this.sendIfStillWanted();
  }

  /** Connected (a direct connection): the query is written now, or held for the beforeSend check. */
  connected(): void {
    if (this.options.beforeSend !== undefined) this.sendIfStillWanted();
    else if (!this.settled) this.socket.write(`${this.options.query}\r\n`);
  }

  /**
   * The beforeSend hold, then the write (a connected socket writes at once: the bytes leave in that call).
   * The hop's clock stops while the query is held: its time limit is for the server (connecting, then
   * answering), not for the scheduler's line, so a query held behind a slow server's slots never times
   * out unsent. The hold itself ends on the scheduler's slot or on the cancel signal.
   */
  sendIfStillWanted(): void {
    if (this.settled) return;
    this.holdStarted = nowOn(this.options.clock);
    this.clearHopTimer();
    const verdict = this.options.beforeSend?.() ?? true;
    if (typeof verdict === "boolean") this.sendIf(verdict);
    else verdict.then((send) => this.sendIf(send), () => this.sendIf(false));
  }

  private sendIf(send: boolean): void {
    if (this.settled) return;
    if (!send) {
      this.finish(sendSlotMissed(this.exchange.server));
      return;
    }
    if (this.holdStarted !== undefined) {
      // The clock goes on from where the hold stopped it: the time held is not the server's.
      const now = nowOn(this.options.clock);
      this.exchange.started += now - this.holdStarted;
      this.holdStarted = undefined;
      this.hopTimerIsHopLimit = true;
      this.armHopTimer(Math.max(1, this.exchange.timeoutMs - (now - this.exchange.started)));
    }
    this.written = true;
    this.socket.write(`${this.options.query}\r\n`);
  }

  take(bytes: Buffer, length: number): void {
    if (this.settled) return;
    const { maxBytes, server } = this.exchange;
    if (this.received + length > maxBytes) {
      // Cut at the cap: what fits is kept, the rest is never read (the connection is dropped).
      const fits = maxBytes - this.received;
      if (fits > 0) this.keep(bytes, fits);
      this.received = maxBytes;
      this.truncation = { reason: "size-cap", message: `${server} sent more than ${maxBytes} bytes; answer cut off at the size cap (--max-bytes)` };
      this.finish();
      return;
    }
    this.received += length;
    this.keep(bytes, length);
  }

  /** Keeps the first `length` bytes of `bytes` (the shared read buffer: taken out before the next read reuses it). */
  private keep(bytes: Buffer, length: number): void {
    if (this.asciiText !== undefined) {
      if (isAscii(length === bytes.length ? bytes : bytes.subarray(0, length))) {
        this.asciiText += bytes.toString("latin1", 0, length);
        return;
      }
      // The first byte past ASCII: from here on bytes are kept and decoded whole at the end (a UTF-8
      // sequence may span two chunks), the text so far turned back into its bytes (one byte per character).
      if (this.asciiText !== "") this.chunks.push(Buffer.from(this.asciiText, "latin1"));
      this.asciiText = undefined;
    }
    this.chunks.push(Buffer.copyBytesFrom(bytes, 0, length));
  }

  /** A socket error: before any byte it is a failed exchange; after some, the answer is kept as truncated. */
  failed(error: NodeJS.ErrnoException): void {
    const { server } = this.exchange;
    const reset = error.code === "ECONNRESET";
    if (this.received > 0 && !this.settled) {
      const why = reset ? "reset the connection" : `failed (${error.code ?? error.message})`;
      this.truncation = { reason: "reset", message: `${server} ${why} after ${this.received} bytes; the answer may be incomplete` };
      this.finish();
      return;
    }
    this.finish(new NetworkError("WL_ERR_CONNECT", `${server}: ${reset ? "connection reset by the server" : error.message}`, { server, cause: error }));
  }

  private armHopTimer(ms: number): void {
    const clock = this.options.clock;
    this.hopTimer = clock === undefined ? setTimeout(onHopTimer, ms, this) : clock.setTimer(() => onHopTimer(this), ms);
  }

  private clearHopTimer(): void {
    const clock = this.options.clock;
    if (clock === undefined) clearTimeout(this.hopTimer as NodeJS.Timeout);
    else clock.clearTimer(this.hopTimer);
  }

  timedOut(): void {
    if (this.holdStarted !== undefined) return; // held: the clock is stopped (a timer armed before the hold)
    const { server, timeoutMs, connectTimeoutMs, started } = this.exchange;
    const connecting = this.socket.connecting;
    const left = timeoutMs - (nowOn(this.options.clock) - started);
    if (!connecting && left >= 1 && !this.hopTimerIsHopLimit) {
      this.hopTimerIsHopLimit = true;
      this.armHopTimer(left);
      return;
    }
    this.finish(
      new NetworkError(
        "WL_ERR_TIMEOUT",
        connecting ? `could not connect to ${server} within ${connectTimeoutMs} ms` : `${server} did not finish answering within ${timeoutMs} ms`,
        { server },
      ),
    );
  }

  finish(error?: WhoislensError): void {
    if (this.settled) return;
    // Closed by the server while the query was held (an idle connection dropped): no answer, not an empty one.
    if (!error && !this.written) error = new NetworkError("WL_ERR_CONNECT", `${this.exchange.server} closed the connection before the query was sent`, { server: this.exchange.server });
    this.settled = true;
    openExchanges -= 1;
    this.clearHopTimer();
    if (this.onAbort) this.options.signal?.removeEventListener("abort", this.onAbort);
    const { socket, options } = this;
    socket[PENDING] = undefined;
    if (error) {
      socket.removeAllListeners();
      socket.on("error", ignoreError);
      socket.destroy();
      const reject = this.reject;
      return settleInBatch(() => reject(error), openExchanges > 0);
    }
    // An address connected to directly is the peer already; asking the socket costs a getpeername() call.
    const remoteAddress = this.exchange.address ?? socket.remoteAddress ?? options.host;
    // The server's EOF ends the answer; our side closes with an ordinary FIN. An abort (RST) would save
    // the client a few percent of CPU, but costs the server an error per query, shows in its logs and
    // in flow records (Zeek's RSTO) as a reset, and is how scanners close; see docs/network.md.
    const truncation = this.truncation;
    if (truncation) {
      // Cut off: nothing more is wanted from this connection (at the cap the server may still be sending).
      socket.removeAllListeners();
      socket.on("error", ignoreError);
      socket.destroy();
    } else if (this.tunnel) socket.end();
    else if (!socket.destroyed) socket.destroy();
    const durationMs = nowOn(options.clock) - this.exchange.started;
    settleInBatch(() => {
      const { chunks, received, asciiText } = this;
      const text = asciiText ?? decodeAnswer(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received), options.charset);
      const answer: WhoisAnswer = { text, byteLength: received, remoteAddress, durationMs };
      if (truncation) answer.truncated = truncation;
      this.resolve(answer);
    }, openExchanges > 0);
  }
}

function aborted(server: string): NetworkError {
  return new NetworkError("WL_ERR_ABORTED", `query to ${server} was cancelled`, { server });
}

/** A dns.lookup stand-in that only ever returns the addresses the guard vetted (the RWhois client's too). */
export function vettedLookup(addresses: string[]): net.LookupFunction {
  const entries = addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, entries);
    else callback(null, entries[0]?.address, entries[0]?.family);
  }) as unknown as net.LookupFunction;
}
