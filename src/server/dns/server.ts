import dgram from "node:dgram";
import net from "node:net";
import { InvalidOptionError } from "../../errors.js";
import { DNS_ZONE, type DnsZoneTable } from "../dataset/dns.js";
import { answerQuery } from "./message.js";
import { createZoneLookup } from "./zone.js";

export interface DnsServerOptions {
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** UDP and TCP port (default 0: one ephemeral port free for both). */
  port?: number;
  /** The records served (default: the sandbox world's DNS_ZONE). */
  zone?: DnsZoneTable;
  /** Cap on any answer in bytes, TCP included (default 16,384; 512–65,535). */
  maxAnswerBytes?: number;
  /** UDP size offered to EDNS clients (default 1,232; 512–4,096); classic clients get 512. */
  udpPayloadBytes?: number;
  /** A TCP connection idle this long is closed (default 10 s). */
  tcpIdleMs?: number;
  /** Called once per message received (answered or not), for query counts. */
  onMessage?: (transport: "udp" | "tcp") => void;
}

export interface DnsServer {
  host: string;
  port: number;
  /** Stops both listeners and ends open TCP connections (idempotent). */
  close(): Promise<void>;
}

const DEFAULTS = { host: "127.0.0.1", port: 0, maxAnswerBytes: 16_384, udpPayloadBytes: 1232, tcpIdleMs: 10_000 } as const;
const BIND_ATTEMPTS = 20;
const MAX_UNREAD_BYTES = 1 << 20;

function settle(options: DnsServerOptions): Required<Omit<DnsServerOptions, "onMessage">> & Pick<DnsServerOptions, "onMessage"> {
  const merged = { ...DEFAULTS, zone: DNS_ZONE, ...stripUndefined(options) };
  const whole = (name: string, value: number, min: number, max: number): void => {
    if (!Number.isInteger(value) || value < min || value > max) throw new InvalidOptionError(`${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  };
  whole("port", merged.port, 0, 65_535);
  whole("maxAnswerBytes", merged.maxAnswerBytes, 512, 65_535);
  whole("udpPayloadBytes", merged.udpPayloadBytes, 512, 4096);
  whole("tcpIdleMs", merged.tcpIdleMs, 1, 2 ** 31 - 1);
  return merged;
}

/** Starts an authoritative DNS server (UDP and TCP, one port) answering from a zone table. */
export async function startDnsServer(options: DnsServerOptions = {}): Promise<DnsServer> {
  const settings = settle(options);
  const lookup = createZoneLookup(settings.zone);
  const limits = { maxAnswerBytes: settings.maxAnswerBytes, udpPayloadBytes: settings.udpPayloadBytes };
  const sockets = new Set<net.Socket>();

  const udp = (): dgram.Socket => {
    const socket = dgram.createSocket({ type: net.isIPv6(settings.host) ? "udp6" : "udp4" });
    socket.on("message", (message, peer) => {
      settings.onMessage?.("udp");
      const reply = answerQuery(message, "udp", lookup, limits);
      if (reply) socket.send(reply, peer.port, peer.address, () => {});
    });
    return socket;
  };
  const tcp = (): net.Server => {
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
      socket.setTimeout(settings.tcpIdleMs, () => socket.destroy());
      readFrames(socket, (message) => {
        settings.onMessage?.("tcp");
        const reply = answerQuery(message, "tcp", lookup, limits);
        if (!reply || socket.destroyed) return;
        // A client that pipelines queries but never reads answers is cut off, not buffered for.
        if (socket.writableLength > MAX_UNREAD_BYTES) return void socket.destroy();
        const length = Buffer.alloc(2);
        length.writeUInt16BE(reply.length);
        socket.write(Buffer.concat([length, reply]));
      });
    });
    return server;
  };

  const { udpSocket, tcpServer, port } = await bindBoth(settings.host, settings.port, udp, tcp);
  udpSocket.on("error", () => {});
  tcpServer.on("error", () => {});

  let closed: Promise<void> | undefined;
  return {
    host: settings.host,
    port,
    close: () => {
      closed ??= (async () => {
        const stopping = [new Promise<void>((resolve) => tcpServer.close(() => resolve())), new Promise<void>((resolve) => udpSocket.close(() => resolve()))];
        for (const socket of sockets) socket.destroy();
        await Promise.all(stopping);
      })();
      return closed;
    },
  };
}

/** RFC 1035 §4.2.2 framing: a two-byte length before each message; pipelined messages are answered in order. */
function readFrames(socket: net.Socket, onMessage: (message: Buffer) => void): void {
  let buffer: Buffer = Buffer.alloc(0);
  socket.on("data", (chunk: Buffer) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    while (buffer.length >= 2) {
      const length = buffer.readUInt16BE(0);
      if (buffer.length < 2 + length) break;
      const message = buffer.subarray(2, 2 + length);
      buffer = buffer.subarray(2 + length);
      onMessage(message);
    }
  });
  socket.on("end", () => socket.end());
}

/** UDP first (port 0 picks one), then TCP on the same number; an ephemeral port taken for TCP means another try. */
async function bindBoth(host: string, port: number, udp: () => dgram.Socket, tcp: () => net.Server): Promise<{ udpSocket: dgram.Socket; tcpServer: net.Server; port: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < (port === 0 ? BIND_ATTEMPTS : 1); attempt += 1) {
    const udpSocket = udp();
    let bound: number;
    try {
      bound = await new Promise<number>((resolve, reject) => {
        udpSocket.once("error", reject);
        udpSocket.bind(port, host, () => {
          udpSocket.off("error", reject);
          resolve(udpSocket.address().port);
        });
      });
    } catch (error) {
      udpSocket.close();
      throw listenError(host, port, error);
    }
    const tcpServer = tcp();
    try {
      await new Promise<void>((resolve, reject) => {
        tcpServer.once("error", reject);
        tcpServer.listen(bound, host, () => {
          tcpServer.off("error", reject);
          resolve();
        });
      });
      return { udpSocket, tcpServer, port: bound };
    } catch (error) {
      lastError = error;
      await new Promise<void>((resolve) => udpSocket.close(() => resolve()));
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") break;
    }
  }
  throw listenError(host, port, lastError);
}

function listenError(host: string, port: number, error: unknown): InvalidOptionError {
  const reason = error instanceof Error ? error.message : String(error);
  return new InvalidOptionError(`DNS server cannot listen on ${host}:${port}: ${reason}`, { cause: error });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
