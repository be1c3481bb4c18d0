import net from "node:net";
import { NetworkError, WhoislensError } from "../errors.js";
import { assertPublicHost } from "./address-guard.js";
import { settleInBatch } from "./completions.js";
import { decodeAnswer } from "./decode.js";
import { NET_DEFAULTS } from "./defaults.js";
import { connectThroughProxy, type ProxyConfig } from "./proxy.js";

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
}

export interface WhoisAnswer {
  text: string;
  byteLength: number;
  remoteAddress: string;
  durationMs: number;
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
    started: performance.now(),
    hostIsAddress: net.isIP(options.host) !== 0,
  };
  if (options.signal?.aborted) return Promise.reject(aborted(exchange.server));
  if (options.query.includes("\n") || options.query.includes("\r")) {
    return Promise.reject(new WhoislensError("WL_ERR_INVALID_QUERY", "a WHOIS query cannot contain line breaks", { server: exchange.server }));
  }
  // Without a proxy or an address check to wait for, the exchange starts now (no extra promise turn).
  if (!options.proxy && options.allowPrivate) return runExchange(options, exchange, undefined, undefined);
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
  hostIsAddress: boolean;
}

async function prepareThenExchange(options: WhoisQueryOptions, exchange: Exchange): Promise<WhoisAnswer> {
  const tunnel = options.proxy ? await connectThroughProxy(options.proxy, options.host, exchange.port, exchange.connectTimeoutMs) : undefined;
  const vetted = tunnel || options.allowPrivate ? undefined : await assertPublicHost(options.host, false);
  return await runExchange(options, exchange, tunnel, vetted);
}

function runExchange(options: WhoisQueryOptions, exchange: Exchange, tunnel: net.Socket | undefined, vetted: string[] | undefined): Promise<WhoisAnswer> {
  const { port, timeoutMs, connectTimeoutMs, maxBytes, server, started, hostIsAddress } = exchange;
  return new Promise<WhoisAnswer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const take = (chunk: Uint8Array): void => {
      if (settled) return;
      received += chunk.length;
      if (received > maxBytes) {
        finish(new NetworkError("WL_ERR_TOO_LARGE", `${server} sent more than ${maxBytes} bytes; answer cut off`, { server }));
        return;
      }
      chunks.push(Buffer.copyBytesFrom(chunk));
    };
    const onread = {
      buffer: READ_BUFFER,
      callback: (length: number, buffer: Uint8Array): boolean => {
        take(buffer.subarray(0, length));
        return true;
      },
    };

    let socket: net.Socket;
    if (tunnel) {
      socket = tunnel;
      socket.on("data", take);
    } else if (hostIsAddress) {
      socket = net.connect({ host: options.host, port, onread });
    } else {
      // Happy eyeballs over every address of the name (the vetted ones when the guard ran).
      socket = net.connect({
        host: options.host,
        port,
        onread,
        autoSelectFamily: true,
        autoSelectFamilyAttemptTimeout: 250,
        ...(vetted ? { lookup: vettedLookup(vetted) } : {}),
      });
    }

    const finish = (error?: WhoislensError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(hopTimer);
      options.signal?.removeEventListener("abort", onAbort);
      if (error) {
        socket.removeAllListeners();
        socket.on("error", () => {});
        socket.destroy();
        return settleInBatch(() => reject(error));
      }
      // An IP literal is the peer already; asking the socket costs a getpeername() call.
      const remoteAddress = hostIsAddress ? options.host : (socket.remoteAddress ?? options.host);
      // The server's EOF ends the answer, so our side aborts instead of a FIN exchange:
      // cheaper for both ends, and the server's socket skips TIME_WAIT. A proxy tunnel closes politely.
      if (tunnel) socket.end();
      else if (!socket.destroyed) socket.resetAndDestroy();
      const durationMs = performance.now() - started;
      settleInBatch(() => {
        const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
        resolve({ text: decodeAnswer(bytes, options.charset), byteLength: received, remoteAddress, durationMs });
      });
    };
    const onAbort = (): void => finish(aborted(server));
    // One timer per hop: first the connect limit, then (re-armed only if it fires after the
    // connection was made) whatever is left of the hop's time.
    const onTimeout = (): void => {
      const connecting = socket.connecting;
      const left = timeoutMs - (performance.now() - started);
      if (!connecting && left >= 1 && !hopTimerIsHopLimit) {
        hopTimerIsHopLimit = true;
        hopTimer = setTimeout(onTimeout, left);
        return;
      }
      finish(
        new NetworkError(
          "WL_ERR_TIMEOUT",
          connecting ? `could not connect to ${server} within ${connectTimeoutMs} ms` : `${server} did not finish answering within ${timeoutMs} ms`,
          { server },
        ),
      );
    };
    let hopTimerIsHopLimit = tunnel !== undefined || connectTimeoutMs >= timeoutMs;
    let hopTimer = setTimeout(onTimeout, hopTimerIsHopLimit ? timeoutMs : connectTimeoutMs);
    if (options.signal) options.signal.addEventListener("abort", onAbort, { once: true });

    // Written at once: a connecting socket queues the query and sends it when connected.
    socket.write(`${options.query}\r\n`);
    socket.on("end", () => finish());
    socket.on("close", () => finish());
    socket.on("error", (error: NodeJS.ErrnoException) => {
      const code = error.code ?? "error";
      finish(new NetworkError("WL_ERR_CONNECT", `${server}: ${code === "ECONNRESET" ? "connection reset by the server" : error.message}`, { server, cause: error }));
    });
  });
}

function aborted(server: string): NetworkError {
  return new NetworkError("WL_ERR_ABORTED", `query to ${server} was cancelled`, { server });
}

/** A dns.lookup stand-in that only ever returns the addresses the guard vetted. */
function vettedLookup(addresses: string[]): net.LookupFunction {
  const entries = addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, entries);
    else callback(null, entries[0]?.address, entries[0]?.family);
  }) as unknown as net.LookupFunction;
}
