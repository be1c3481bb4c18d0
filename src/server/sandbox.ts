import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidOptionError } from "../errors.js";
import type { BootstrapFiles } from "../servers/bootstrap.js";
import { startDnsServer, type DnsServer } from "./dns/index.js";
import { throttleText, WHOIS_FAULTS } from "./faults.js";
import { rdapFault, rdapReply } from "./rdap-routes.js";
import { REVERSE_API_HOSTS, serveReverseApi } from "./reverse-api.js";
import { describeWorld, FAULT_RDAP_HOST, FAULT_WHOIS_HOST, RDAP_HOSTS, sandboxBootstrap, WHOIS_HOSTS, type WorldName } from "./world.js";
import { listenOn, urlHost } from "../util/listen.js";

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
  /** The world's DNS server (UDP and TCP, one port): `${host}:${port}` is a `--resolver` value. */
  dns: { host: string; port: number };
  describe(): WorldName[];
  /** Queries received per server host (throttled ones included); DNS messages under "dns". */
  stats(): Record<string, number>;
  /** Forgets query counts and throttle state. */
  resetCounters(): void;
  close(): Promise<void>;
}

const DEFAULTS = { host: "127.0.0.1", faults: true, maxQueryBytes: 1024, queryWaitMs: 10_000, idleAfterQueryMs: 60_000, cacheEntries: 4096 } as const;
const RDAP_TYPE = { "content-type": "application/rdap+json" };

/** Answers are pure functions of (host, query): computed once, served as buffers. */
class AnswerCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly limit: number) {}
  get(key: string, make: () => T): T {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= this.limit) this.entries.clear();
      value = make();
      this.entries.set(key, value);
    }
    return value;
  }
}

interface PreparedReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Starts the sandbox world's port-43 and RDAP servers (on loopback unless told otherwise). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const address = options.host ?? DEFAULTS.host;
  const faults = options.faults ?? DEFAULTS.faults;
  const counts = new Map<string, number>();
  const perSource = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const whoisCache = new AnswerCache<Buffer>(DEFAULTS.cacheEntries);
  const rdapCache = new AnswerCache<PreparedReply>(DEFAULTS.cacheEntries);
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  };
  const throttled = (server: string, source: string | undefined): boolean => {
    counts.set(server, (counts.get(server) ?? 0) + 1);
    if (options.throttleAfter === undefined) return false;
    const key = `${server}|${source ?? ""}`;
    const seen = (perSource.get(key) ?? 0) + 1;
    perSource.set(key, seen);
    return seen > options.throttleAfter;
  };

  if (options.throttleAfter !== undefined && !(Number.isInteger(options.throttleAfter) && options.throttleAfter >= 0)) {
    throw new InvalidOptionError(`throttleAfter must be a whole number ≥ 0, got ${String(options.throttleAfter)}`);
  }

  const serverMap: Record<string, ServerMapValue> = {};
  const tcpServers = new Map<string, net.Server>();
  for (const [host, answer] of Object.entries(WHOIS_HOSTS)) {
    const onQuery = (socket: net.Socket, query: string): void => {
      if (throttled(host, socket.remoteAddress)) return void socket.end(throttleText());
      const fault = faults && host === FAULT_WHOIS_HOST ? WHOIS_FAULTS.find((f) => query.toLowerCase().endsWith(f.name)) : undefined;
      if (fault) return fault.act(socket);
      socket.end(whoisCache.get(`${host}\n${query}`, () => toBuffer(safely(() => answer(query), "% Internal error\r\n"))));
    };
    // Half-open: a client may send its query and FIN before reading the answer.
    const server = net.createServer({ allowHalfOpen: true }, (socket) => {
      track(socket);
      readQuery(socket, (query) => onQuery(socket, query));
    });
    tcpServers.set(host, server);
  }

  const httpServer = http.createServer((request, response) => {
    const [, host = "", ...rest] = (request.url ?? "/").split("?")[0]?.split("/") ?? [];
    const path = rest.join("/");
    if ((REVERSE_API_HOSTS as readonly string[]).includes(host)) {
      counts.set(host, (counts.get(host) ?? 0) + 1);
      return void serveReverseApi(host, request, response);
    }
    if (throttled(host, request.socket.remoteAddress)) {
      response.writeHead(429, { ...RDAP_TYPE, "retry-after": "1" });
      response.end(JSON.stringify({ errorCode: 429, title: "Too Many Requests", description: ["Query rate limit exceeded."] }));
      return;
    }
    if (faults && host === FAULT_RDAP_HOST && rdapFault(path, request, response)) return;
    const reply = rdapCache.get(`${host}/${path}`, () => {
      const computed = safely(() => rdapReply(host, path), { status: 500, body: { errorCode: 500, title: "Internal Server Error" } });
      const body = typeof computed.body === "string" ? computed.body : JSON.stringify(computed.body);
      return { status: computed.status, headers: { ...RDAP_TYPE, ...(computed.headers ?? {}) }, body: Buffer.from(body) };
    });
    response.writeHead(reply.status, reply.headers);
    response.end(reply.body);
  });
  httpServer.keepAliveTimeout = 5000;
  httpServer.on("connection", track);
  const allServers = [...tcpServers.values(), httpServer];
  let dnsServer: DnsServer;
  try {
    for (const [host, server] of tcpServers) serverMap[host] = `${urlHost(address)}:${await listenOn(server, address)}`;
    const httpPort = await listenOn(httpServer, address);
    for (const host of RDAP_HOSTS) serverMap[host] = `http://${urlHost(address)}:${httpPort}/${host}/`;
    for (const host of REVERSE_API_HOSTS) serverMap[host] = `http://${urlHost(address)}:${httpPort}/${host}/`;
    dnsServer = await startDnsServer({ host: address, onMessage: () => void counts.set("dns", (counts.get("dns") ?? 0) + 1) });
  } catch (error) {
    await Promise.all(allServers.filter((server) => server.listening).map((server) => new Promise((resolve) => server.close(resolve))));
    throw new InvalidOptionError(`cannot listen on ${address}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  const bootstrap = sandboxBootstrap();
  const bootstrapDir = mkdtempSync(join(tmpdir(), "whoislens-sandbox-"));
  for (const [kind, file] of Object.entries(bootstrap)) writeFileSync(join(bootstrapDir, `${kind}.json`), JSON.stringify(file));

  let closed: Promise<void> | undefined;
  return {
    serverMap,
    bootstrapDir,
    bootstrap,
    dns: { host: dnsServer.host, port: dnsServer.port },
    describe: describeWorld,
    stats: () => Object.fromEntries(counts),
    resetCounters: () => {
      counts.clear();
      perSource.clear();
    },
    close: () => {
      closed ??= (async () => {
        const stopping = [...allServers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))), dnsServer.close()];
        for (const socket of sockets) socket.destroy();
        await Promise.all(stopping);
        rmSync(bootstrapDir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}

/** Reads one query line (up to CRLF, LF, the client's FIN, or the size cap), then hands it over once. */
function readQuery(socket: net.Socket, onQuery: (query: string) => void): void {
  let buffer = Buffer.alloc(0);
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    socket.off("data", onData);
    // After the query only an idle connection is cut (drips and endless answers keep it busy).
    socket.setTimeout(DEFAULTS.idleAfterQueryMs, () => socket.destroy());
    const end = buffer.indexOf(0x0a);
    const line = buffer.subarray(0, Math.min(end === -1 ? buffer.length : end, DEFAULTS.maxQueryBytes));
    onQuery(line.toString("utf8").replace(/\r$/, "").trim());
  };
  const onData = (chunk: Buffer): void => {
    buffer = Buffer.concat([buffer, chunk]);
    if (buffer.includes(0x0a) || buffer.length >= DEFAULTS.maxQueryBytes) finish();
  };
  socket.on("data", onData);
  socket.once("end", () => {
    if (!done && buffer.length > 0) finish();
    else if (!done) socket.end();
  });
  socket.setTimeout(DEFAULTS.queryWaitMs, () => {
    if (!done) socket.destroy();
  });
}

/** A dataset bug must cost one answer, never the process. */
function safely<T>(make: () => T, fallback: T): T {
  try {
    return make();
  } catch {
    return fallback;
  }
}

function toBuffer(answer: string | Buffer): Buffer {
  return typeof answer === "string" ? Buffer.from(answer, "utf8") : answer;
}

