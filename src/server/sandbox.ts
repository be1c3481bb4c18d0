import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BootstrapFiles } from "../servers/bootstrap.js";
import { registrarDomain, registryDomain, rirAnswer, type RdapReply } from "./dataset/rdap.js";
import { throttleText, WHOIS_FAULTS } from "./faults.js";
import { describeWorld, FAULT_WHOIS_HOST, RDAP_HOSTS, sandboxBootstrap, WHOIS_HOSTS, type WorldName } from "./world.js";

export interface SandboxOptions {
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Serve the .fault names (default true). */
  faults?: boolean;
  /** Answer "rate limited" to a source after this many queries to one server (default: never). */
  throttleAfter?: number;
}

export type ServerMapValue = string | { address: string; qps?: number; concurrency?: number };

export interface Sandbox {
  /** The --servers map: world host names → loopback addresses. */
  serverMap: Record<string, ServerMapValue>;
  /** A directory of IANA-format bootstrap files pointing at the world's RDAP hosts. */
  bootstrapDir: string;
  bootstrap: BootstrapFiles;
  describe(): WorldName[];
  /** Queries received per server host. */
  stats(): Record<string, number>;
  resetCounters(): void;
  close(): Promise<void>;
}

const MAX_QUERY = 1024;

/** Starts the sandbox world's port-43 and RDAP servers on loopback. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const address = options.host ?? "127.0.0.1";
  const faults = options.faults ?? true;
  const counts = new Map<string, number>();
  const perSource = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const throttled = (server: string, source: string | undefined): boolean => {
    counts.set(server, (counts.get(server) ?? 0) + 1);
    if (options.throttleAfter === undefined) return false;
    const key = `${server}|${source ?? ""}`;
    const seen = (perSource.get(key) ?? 0) + 1;
    perSource.set(key, seen);
    return seen > options.throttleAfter;
  };

  const serverMap: Record<string, ServerMapValue> = {};
  const tcpServers: net.Server[] = [];
  for (const [host, answer] of Object.entries(WHOIS_HOSTS)) {
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
      let buffer = "";
      const onData = (chunk: Buffer): void => {
        buffer += chunk.toString("latin1");
        const end = buffer.indexOf("\n");
        if (end === -1 && buffer.length < MAX_QUERY) return;
        socket.off("data", onData);
        const query = Buffer.from(buffer.slice(0, end === -1 ? MAX_QUERY : end).replace(/\r$/, ""), "latin1").toString("utf8").trim();
        if (throttled(host, socket.remoteAddress)) return void socket.end(throttleText());
        const fault = host === FAULT_WHOIS_HOST && faults ? WHOIS_FAULTS.find((f) => query.toLowerCase().endsWith(f.name)) : undefined;
        if (fault) return fault.act(socket);
        socket.end(answer(query));
      };
      socket.on("data", onData);
    });
    await new Promise<void>((resolve) => server.listen(0, address, resolve));
    tcpServers.push(server);
    serverMap[host] = `${formatHost(address)}:${(server.address() as net.AddressInfo).port}`;
  }

  const httpServer = http.createServer((request, response) => {
    const [, host = "", ...rest] = (request.url ?? "/").split("/");
    const path = rest.join("/");
    if (throttled(host, request.socket.remoteAddress)) {
      response.writeHead(429, { "content-type": "application/rdap+json", "retry-after": "1" });
      response.end(JSON.stringify({ errorCode: 429, title: "Too Many Requests" }));
      return;
    }
    if (host === "rdap.nic.fault" && faults && rdapFault(path, request, response)) return;
    const reply = rdapReply(host, path);
    response.writeHead(reply.status, { "content-type": "application/rdap+json", ...(reply.headers ?? {}) });
    response.end(typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
  });
  httpServer.keepAliveTimeout = 5000;
  httpServer.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => httpServer.listen(0, address, resolve));
  const httpPort = (httpServer.address() as net.AddressInfo).port;
  for (const host of RDAP_HOSTS) serverMap[host] = `http://${formatHost(address)}:${httpPort}/${host}/`;

  const bootstrap = sandboxBootstrap();
  const bootstrapDir = mkdtempSync(join(tmpdir(), "whoislens-sandbox-"));
  for (const [kind, file] of Object.entries(bootstrap)) writeFileSync(join(bootstrapDir, `${kind}.json`), JSON.stringify(file));

  return {
    serverMap,
    bootstrapDir,
    bootstrap,
    describe: describeWorld,
    stats: () => Object.fromEntries(counts),
    resetCounters: () => {
      counts.clear();
      perSource.clear();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([...tcpServers, httpServer].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
      rmSync(bootstrapDir, { recursive: true, force: true });
    },
  };
}

function formatHost(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}

function rdapReply(host: string, path: string): RdapReply {
  const selfUrl = `https://${host}/${path}`;
  const domain = /domain\/([^/?]+)$/.exec(path)?.[1]?.toLowerCase();
  switch (host) {
    case "rdap.verisign.com": {
      const tld = path.split("/")[0] ?? "";
      return domain ? registryDomain(decodeURIComponent(domain), selfUrl, tld) : notFound();
    }
    case "rdap.publicinterestregistry.org":
      return domain ? registryDomain(decodeURIComponent(domain), selfUrl, "org") : notFound();
    case "rdap.registrar-one.sandbox":
    case "rdap.registrar-two.sandbox":
      return domain ? registrarDomain(host, decodeURIComponent(domain), selfUrl) : notFound();
    case "rdap.loop-a.sandbox":
    case "rdap.loop-b.sandbox": {
      const other = host === "rdap.loop-a.sandbox" ? "rdap.loop-b.sandbox" : "rdap.loop-a.sandbox";
      return {
        status: 200,
        body: {
          objectClassName: "domain",
          ldhName: domain ?? "loop",
          events: [{ eventAction: "registration", eventDate: "2020-02-02T00:00:00Z" }],
          links: [{ rel: "related", href: `https://${other}/domain/${domain ?? "loop"}`, type: "application/rdap+json" }],
        },
      };
    }
    case "rdap.arin.net":
      return rirAnswer("arin", path.replace(/^registry\//, ""), selfUrl);
    case "rdap.db.ripe.net":
      return rirAnswer("ripe", path, selfUrl);
    default:
      return notFound();
  }
}

function notFound(): RdapReply {
  return { status: 404, body: { errorCode: 404, title: "Not Found" } };
}

/** Serves the RDAP fault named in the path; false when the path names none. */
function rdapFault(path: string, request: http.IncomingMessage, response: http.ServerResponse): boolean {
  const name = /domain\/([^/?]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
  const json = (status: number, body: string, headers: Record<string, string> = {}): void => {
    response.writeHead(status, { "content-type": "application/rdap+json", ...headers });
    response.end(body);
  };
  const related = (href: string): string =>
    JSON.stringify({
      objectClassName: "domain",
      ldhName: name,
      events: [{ eventAction: "registration", eventDate: "2020-01-01T00:00:00Z" }],
      links: [{ rel: "related", href, type: "application/rdap+json" }],
    });
  switch (name) {
    case "malformed.fault":
      json(200, '{"objectClassName": "domain", "ldhName": "malformed.fault", ');
      return true;
    case "bomb.fault":
      json(200, `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
      return true;
    case "throttle.fault":
      json(429, JSON.stringify({ errorCode: 429, title: "Too Many Requests" }), { "retry-after": "1" });
      return true;
    case "huge.fault":
      json(200, JSON.stringify({ objectClassName: "domain", ldhName: name, remarks: [{ description: ["x".repeat(5 * 1024 * 1024)] }] }));
      return true;
    case "slow.fault": {
      response.writeHead(200, { "content-type": "application/rdap+json" });
      const timer = setInterval(() => response.write(" "), 100);
      response.on("close", () => clearInterval(timer));
      return true;
    }
    case "reset.fault":
      request.socket.resetAndDestroy();
      return true;
    case "private.fault":
      json(200, related("http://10.1.2.3/domain/private.fault"));
      return true;
    case "loop.fault":
      json(200, related("https://rdap.loop-a.sandbox/domain/loop.fault"));
      return true;
    default:
      return false;
  }
}
