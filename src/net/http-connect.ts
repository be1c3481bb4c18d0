import { lookup as dnsLookup } from "node:dns";
import type net from "node:net";
import tls from "node:tls";
import type { buildConnector } from "undici";
import { SocksClient } from "socks";
import { ReferralError } from "../errors.js";
import { isPrivateAddress } from "./address-guard.js";
import { socksConnectOptions, type ProxyConfig } from "./proxy.js";

/**
 * dns.lookup for HTTP connections that refuses private answers. undici calls it
 * for every new connection, so the address checked is the address connected to.
 */
export const guardedLookup: net.LookupFunction = ((hostname: string, options: object, callback: (...args: unknown[]) => void) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error);
    const list = addresses as unknown as { address: string; family: number }[];
    const blocked = list.find((entry) => isPrivateAddress(entry.address));
    if (blocked) {
      return callback(
        new ReferralError(
          "WL_ERR_PRIVATE_ADDRESS",
          `${hostname} resolves to ${blocked.address}, a private/loopback/link-local address; refused (use --allow-private to permit)`,
          { server: hostname },
        ),
      );
    }
    if ((options as { all?: boolean }).all) return callback(null, list);
    return callback(null, list[0]?.address, list[0]?.family);
  });
}) as unknown as net.LookupFunction;

/** An undici connector that tunnels through a SOCKS5 proxy, with TLS on top for https. */
export function socksConnector(proxy: ProxyConfig): buildConnector.connector {
  return (options, callback) => {
    const port = Number(options.port) || (options.protocol === "https:" ? 443 : 80);
    SocksClient.createConnection(socksConnectOptions(proxy, options.hostname, port, 10_000)).then(
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
