import net from "node:net";
import type { SocksClientOptions } from "socks";
import { InvalidOptionError, NetworkError } from "../errors.js";

export interface ProxyConfig {
  protocol: "socks5" | "http";
  host: string;
  port: number;
  /** socks5h: the proxy resolves names (nothing resolved locally). */
  remoteDns?: boolean;
  username?: string;
  password?: string;
}

const DEFAULT_PORTS: Record<string, number> = { socks5: 1080, socks5h: 1080, http: 8080 };

/** Reads `socks5://user:pass@host:port`, `socks5h://…` or `http://host:port`. */
export function parseProxyUrl(value: string): ProxyConfig {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidOptionError(`invalid --proxy "${value}": use socks5://host:port or http://host:port`);
  }
  const scheme = url.protocol.replace(/:$/, "");
  const defaultPort = DEFAULT_PORTS[scheme];
  if (defaultPort === undefined) {
    throw new InvalidOptionError(`unsupported proxy scheme "${scheme}" in --proxy: use socks5, socks5h or http`);
  }
  if (url.hostname === "") throw new InvalidOptionError(`--proxy "${value}" has no host`);
  const config: ProxyConfig = {
    protocol: scheme === "http" ? "http" : "socks5",
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port === "" ? defaultPort : Number(url.port),
  };
  if (scheme === "socks5h") config.remoteDns = true;
  if (url.username !== "") config.username = decodeURIComponent(url.username);
  if (url.password !== "") config.password = decodeURIComponent(url.password);
  return config;
}

/** The `socks` package's options for a CONNECT to host:port through `proxy`. */
export function socksConnectOptions(proxy: ProxyConfig, host: string, port: number, timeoutMs: number): SocksClientOptions {
  return {
    proxy: {
      host: proxy.host,
      port: proxy.port,
      type: 5,
      ...(proxy.username !== undefined ? { userId: proxy.username } : {}),
      ...(proxy.password !== undefined ? { password: proxy.password } : {}),
    },
    destination: { host, port },
    command: "connect",
    timeout: timeoutMs,
  };
}

/** Opens a TCP tunnel to host:port through the proxy. */
export async function connectThroughProxy(
  proxy: ProxyConfig,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<net.Socket> {
  if (proxy.protocol === "socks5") {
    try {
      // Loaded on first use: most runs have no proxy, and `socks` costs ~15 ms at start-up.
      const { SocksClient } = await import("socks");
      const { socket } = await SocksClient.createConnection(socksConnectOptions(proxy, host, port, timeoutMs));
      return socket;
    } catch (error) {
      throw new NetworkError("WL_ERR_PROXY", `SOCKS5 proxy ${proxy.host}:${proxy.port} could not reach ${host}:${port}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return httpConnectTunnel(proxy, host, port, timeoutMs);
}

function httpConnectTunnel(proxy: ProxyConfig, host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: proxy.host, port: proxy.port });
    const fail = (message: string, cause?: unknown): void => {
      socket.destroy();
      reject(new NetworkError("WL_ERR_PROXY", `HTTP proxy ${proxy.host}:${proxy.port}: ${message}`, { cause }));
    };
    const timer = setTimeout(() => fail("CONNECT timed out"), timeoutMs);
    let head = "";
    const authority = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
    const credentials =
      proxy.username !== undefined
        ? `Proxy-Authorization: Basic ${Buffer.from(`${proxy.username}:${proxy.password ?? ""}`).toString("base64")}\r\n`
        : "";
    socket.once("connect", () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${credentials}\r\n`));
    socket.on("error", (error) => {
      clearTimeout(timer);
      fail(error.message, error);
    });
    const onData = (chunk: Buffer): void => {
      head += chunk.toString("latin1");
      if (head.length > 16 * 1024) return fail("response headers too large");
      const end = head.indexOf("\r\n\r\n");
      if (end === -1) return;
      clearTimeout(timer);
      socket.off("data", onData);
      socket.removeAllListeners("error");
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (status?.[1] !== "200") return fail(`CONNECT refused: ${head.slice(0, head.indexOf("\r\n"))}`);
      const rest = Buffer.from(head.slice(end + 4), "latin1");
      if (rest.length > 0) socket.unshift(rest);
      resolve(socket);
    };
    socket.on("data", onData);
  });
}
