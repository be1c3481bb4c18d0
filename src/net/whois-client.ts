import net from "node:net";
import { NetworkError, WhoislensError } from "../errors.js";
import { assertPublicHost } from "./address-guard.js";
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

/** One RFC 3912 exchange: connect, send the query, read to EOF, decode. */
export async function queryWhois(options: WhoisQueryOptions): Promise<WhoisAnswer> {
  const port = options.port ?? NET_DEFAULTS.whoisPort;
  const timeoutMs = options.timeoutMs ?? NET_DEFAULTS.timeoutMs;
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? NET_DEFAULTS.connectTimeoutMs, timeoutMs);
  const maxBytes = options.maxBytes ?? NET_DEFAULTS.maxBytes;
  const server = `${options.host}:${port}`;
  const started = performance.now();
  if (options.signal?.aborted) throw aborted(server);
  if (/[\r\n]/.test(options.query)) {
    throw new WhoislensError("WL_ERR_INVALID_QUERY", "a WHOIS query cannot contain line breaks", { server });
  }

  let socket: net.Socket;
  if (options.proxy) {
    socket = await connectThroughProxy(options.proxy, options.host, port, connectTimeoutMs);
  } else {
    const addresses = options.allowPrivate ? undefined : await assertPublicHost(options.host, false);
    if (net.isIP(options.host) !== 0) {
      socket = net.connect(port, options.host);
    } else {
      // Happy eyeballs over every address of the name (the vetted ones when the guard ran).
      socket = net.connect({
        host: options.host,
        port,
        autoSelectFamily: true,
        autoSelectFamilyAttemptTimeout: 250,
        ...(addresses ? { lookup: vettedLookup(addresses) } : {}),
      });
    }
  }

  return new Promise<WhoisAnswer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const connected = options.proxy !== undefined;

    let isConnected = connected;
    const finish = (error?: WhoislensError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(hopTimer);
      options.signal?.removeEventListener("abort", onAbort);
      if (error) {
        socket.removeAllListeners();
        socket.on("error", () => {});
        socket.destroy();
        return reject(error);
      }
      // The server closed its side; ours closes with it (allowHalfOpen is off).
      if (!socket.destroyed && socket.writable) socket.end();
      const bytes = Buffer.concat(chunks, received);
      resolve({
        text: decodeAnswer(bytes, options.charset),
        byteLength: received,
        // An IP literal is the peer already; asking the socket costs a getpeername() call.
        remoteAddress: net.isIP(options.host) !== 0 ? options.host : (socket.remoteAddress ?? options.host),
        durationMs: performance.now() - started,
      });
    };
    const onAbort = (): void => finish(aborted(server));
    // One timer per hop: first the connect limit, then (re-armed on connect) the rest of the hop's time.
    const onTimeout = (): void =>
      finish(
        new NetworkError(
          "WL_ERR_TIMEOUT",
          isConnected ? `${server} did not finish answering within ${timeoutMs} ms` : `could not connect to ${server} within ${connectTimeoutMs} ms`,
          { server },
        ),
      );
    let hopTimer = setTimeout(onTimeout, isConnected ? timeoutMs : connectTimeoutMs);
    if (options.signal) options.signal.addEventListener("abort", onAbort, { once: true });

    const send = (): void => {
      if (!isConnected) {
        isConnected = true;
        clearTimeout(hopTimer);
        hopTimer = setTimeout(onTimeout, Math.max(1, timeoutMs - (performance.now() - started)));
      }
      socket.write(`${options.query}\r\n`);
    };
    if (connected) send();
    else socket.once("connect", send);
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        return finish(new NetworkError("WL_ERR_TOO_LARGE", `${server} sent more than ${maxBytes} bytes; answer cut off`, { server }));
      }
      chunks.push(chunk);
    });
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
