import net from "node:net";
import tls from "node:tls";
import type { buildConnector, Dispatcher } from "undici";
import { assertPublicHost, isAddressLiteral, type HostResolver } from "./address-guard.js";
import type { HttpRequestInit, HttpResponse } from "./http-transport.js";
import { socksConnectOptions, type ProxyConfig } from "./proxy.js";

/** How an HTTP connection finds and vets its peer's address. */
export interface ConnectGuard {
  resolve: HostResolver;
  /** Private, loopback and link-local answers allowed (--allow-private, or the user's own target). */
  allowPrivate: boolean;
}

/**
 * A dns.lookup stand-in for undici's connector: resolves with the guard's resolver and refuses
 * private answers unless allowed. undici hands it to net/tls.connect for every new connection, so
 * the address checked is the address the socket connects to (no rebinding between check and connect).
 */
export function guardedLookup(guard: ConnectGuard): net.LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    assertPublicHost(hostname, guard.allowPrivate, guard.resolve).then(
      (addresses) => {
        const entries = addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
        if (options?.all) callback(null, entries);
        else callback(null, entries[0]?.address, entries[0]?.family);
      },
      (error: unknown) => callback(error),
    );
  }) as unknown as net.LookupFunction;
}

/**
 * An undici connector that tunnels through a SOCKS5 proxy, with TLS on top for https. With socks5://
 * the name is resolved here and vetted (the proxy is asked for the checked address); with socks5h://
 * the proxy resolves it, so only an address literal can be checked (rdap-client.ts checks those).
 */
export function socksConnector(proxy: ProxyConfig, guard: ConnectGuard): buildConnector.connector {
  return (options, callback) => {
    const port = Number(options.port) || (options.protocol === "https:" ? 443 : 80);
    const destination = proxy.remoteDns || isAddressLiteral(options.hostname) ? Promise.resolve(options.hostname) : firstVetted(options.hostname, guard);
    destination
      // Loaded on first use, as for port 43 (proxy.ts): most runs have no proxy, and `socks` costs ~15 ms at start-up.
      .then(async (host) => (await import("socks")).SocksClient.createConnection(socksConnectOptions(proxy, host, port, 10_000)))
      .then(
        ({ socket }) => {
          if (options.protocol !== "https:") return callback(null, socket);
          const secure = tls.connect({ socket, servername: options.servername ?? options.hostname });
          secure.once("secureConnect", () => callback(null, secure));
          secure.once("error", (error) => callback(error, null));
        },
        (error: Error) => callback(error, null),
      );
  };
}

async function firstVetted(hostname: string, guard: ConnectGuard): Promise<string> {
  const [first] = await assertPublicHost(hostname, guard.allowPrivate, guard.resolve);
  return first as string;
}

/** One undici dispatcher per (guard, proxy, resolver) combination; only proxied requests use undici. */
const proxyDispatchers = new Map<string, Dispatcher>();

/**
 * Sends one request through a proxy with undici: ProxyAgent for http:// proxies, the SOCKS connector
 * above for socks5(h)://. undici is imported here, on the first proxied request, so a direct lookup
 * never loads it (~75 ms at start-up, issue #13).
 */
export async function proxiedRequest(url: URL, init: HttpRequestInit, proxy: ProxyConfig, guard: ConnectGuard, key: string): Promise<HttpResponse> {
  const undici = await import("undici");
  let dispatcher = proxyDispatchers.get(key);
  if (!dispatcher) {
    if (proxy.protocol === "http") {
      // The proxy resolves the name: only address literals can be checked here (rdap-client's checkUrl).
      const auth = proxy.username !== undefined ? `${encodeURIComponent(proxy.username)}:${encodeURIComponent(proxy.password ?? "")}@` : "";
      dispatcher = new undici.ProxyAgent({ uri: `http://${auth}${proxy.host}:${proxy.port}` });
    } else {
      dispatcher = new undici.Agent({ connect: socksConnector(proxy, guard) });
    }
    proxyDispatchers.set(key, dispatcher);
  }
  return undici.request(url, {
    method: init.method,
    headers: init.headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
    dispatcher,
    signal: init.signal,
  });
}

export async function closeProxyDispatchers(): Promise<void> {
  const all = [...proxyDispatchers.values()];
  proxyDispatchers.clear();
  await Promise.all(all.map((dispatcher) => dispatcher.close().catch(() => undefined)));
}
