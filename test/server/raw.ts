import net from "node:net";
import type { Sandbox } from "../../src/server/index.js";

/** Where a host of the world really listens, from the sandbox's --servers map. */
export function endpoint(sandbox: Sandbox, host: string): { host: string; port: number } {
  const value = sandbox.serverMap[host];
  if (typeof value !== "string") throw new Error(`${host} is not a port-43 host of the sandbox`);
  const match = /^(.+):(\d+)$/.exec(value);
  if (!match) throw new Error(`${host} maps to ${value}, not host:port`);
  return { host: (match[1] ?? "").replace(/^\[|\]$/g, ""), port: Number(match[2]) };
}

export function rdapBase(sandbox: Sandbox, host: string): string {
  const value = sandbox.serverMap[host];
  if (typeof value !== "string" || !value.startsWith("http://")) throw new Error(`${host} is not an RDAP host of the sandbox`);
  return value;
}

export interface RawAnswer {
  bytes: Buffer;
  text: string;
  /** How the connection ended: "end" (server closed), "error:<code>", or "cut" (we stopped reading). */
  ending: string;
}

/** One port-43 exchange over a raw socket, bounded by `waitMs` and `maxBytes`. */
export function rawWhois(
  target: { host: string; port: number },
  query: string | Buffer,
  options: { waitMs?: number; maxBytes?: number; localAddress?: string } = {},
): Promise<RawAnswer> {
  const { waitMs = 3000, maxBytes = 64 * 1024 * 1024 } = options;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const socket = net.connect({ host: target.host, port: target.port, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    const done = (ending: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(chunks);
      resolve({ bytes, text: bytes.toString("utf8"), ending });
    };
    const timer = setTimeout(() => done("cut"), waitMs);
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= maxBytes) done("cut");
    });
    socket.on("end", () => done("end"));
    socket.on("error", (error: NodeJS.ErrnoException) => done(`error:${error.code ?? "unknown"}`));
    socket.write(typeof query === "string" ? `${query}\r\n` : query);
  });
}
