import { spawn } from "node:child_process";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { DECOY_DATASET } from "../../src/serve/decoy.js";
import { loadDatasetFile, validateDataset } from "../../src/serve/load.js";
import { MemoryQueryLog } from "../../src/serve/query-log.js";
import { startServe, type ServeHandle, type ServeOptions } from "../../src/serve/serve.js";
import type { ServeDataset } from "../../src/serve/dataset.js";
import { BIN } from "../helpers/spawn-cli.js";

export const REGISTRY_YAML = fileURLToPath(new URL("./fixtures/registry.yaml", import.meta.url));
export const registryDataset = (): ServeDataset => loadDatasetFile(REGISTRY_YAML);
export const decoyDataset = (): ServeDataset => validateDataset(DECOY_DATASET);

export interface Running extends ServeHandle {
  log: MemoryQueryLog;
  whoisPort: number;
  rdapBase: string;
}

/** Both servers on loopback ports the OS picks, logging to memory. */
export async function serveOnLoopback(dataset: ServeDataset, options: Partial<ServeOptions> = {}): Promise<Running> {
  const log = new MemoryQueryLog();
  const handle = await startServe({ dataset, host: "127.0.0.1", whoisPort: 0, rdapPort: 0, queryLog: log, flushMs: 0, ...options });
  return Object.assign(handle, { log, whoisPort: handle.whois?.port ?? 0, rdapBase: handle.rdap?.base ?? "" });
}

/** One raw port-43 exchange: sends `query` + CRLF, resolves with everything the server sent. */
export function whoisRaw(port: number, query: string, options: { suffix?: string; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => socket.write(query + (options.suffix ?? "\r\n")));
    const chunks: Buffer[] = [];
    socket.setTimeout(options.timeoutMs ?? 10_000, () => socket.destroy(new Error("timeout")));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.on("error", reject);
  });
}

export async function rdapGet(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Record<string, unknown> };
}

export interface ServeProcess {
  whoisPort: number;
  rdapPort: number;
  rdapBase: string;
  /** SIGTERM, then the exit code and what it wrote to stderr. */
  stop(): Promise<{ code: number | null; stderr: string }>;
}

/** `whoislens serve ARGS` from the built CLI, as an operator runs it; resolves once it printed where it listens. */
export async function serveProcess(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, "serve", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<{ whois: string; rdap: string }>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as { whois: string; rdap: string }));
    child.once("exit", () => reject(new Error(`serve exited early: ${stderr}`)));
  });
  return {
    whoisPort: Number(ready.whois.split(":").at(-1)),
    rdapPort: Number(new URL(ready.rdap).port),
    rdapBase: ready.rdap,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", (code) => resolve({ code, stderr }));
        child.kill("SIGTERM");
      }),
  };
}
