import http from "node:http";
import net from "node:net";
import { listenTracked, tcpServer, type TestServer } from "./servers.js";

/** A minimal SOCKS5 proxy (no auth, CONNECT only) that counts the tunnels it opened. */
export async function socks5Proxy(): Promise<TestServer & { tunnels: string[] }> {
  const tunnels: string[] = [];
  const server = await tcpServer((client) => {
    client.once("data", (greeting: Buffer) => {
      if (greeting[0] !== 5) return void client.destroy();
      client.write(Buffer.from([5, 0]));
      client.once("data", (request: Buffer) => {
        const type = request[3];
        let host: string;
        let offset: number;
        if (type === 1) {
          host = [...request.subarray(4, 8)].join(".");
          offset = 8;
        } else if (type === 3) {
          const length = request[4] ?? 0;
          host = request.subarray(5, 5 + length).toString();
          offset = 5 + length;
        } else return void client.destroy();
        const port = request.readUInt16BE(offset);
        tunnels.push(`${host}:${port}`);
        const upstream = net.connect({ host, port }, () => {
          client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
          client.pipe(upstream).pipe(client);
        });
        upstream.on("error", () => client.destroy());
      });
    });
  });
  return Object.assign(server, { tunnels });
}

/** A minimal HTTP proxy: CONNECT tunnels, and absolute-form GETs forwarded. */
export async function httpProxy(): Promise<TestServer & { tunnels: string[] }> {
  const tunnels: string[] = [];
  const proxy = http.createServer((request, response) => {
    tunnels.push(`GET ${request.url}`);
    const target = new URL(request.url ?? "");
    const upstream = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on("error", () => response.destroy());
    upstream.end();
  });
  proxy.on("connect", (request, client: net.Socket) => {
    tunnels.push(`CONNECT ${request.url}`);
    const [host, port] = (request.url ?? "").split(":");
    const upstream = net.connect({ host, port: Number(port) }, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
  });
  return Object.assign(await listenTracked(proxy), { tunnels });
}
