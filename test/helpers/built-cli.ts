import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/server/index.js";
import { useServer } from "./servers.js";

/** The built CLI's two launches: bin/whoislens (the dist/bundle/ chunks) and dist/cli/main.js unbundled. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(ROOT, "bin/whoislens");
export const UNBUNDLED = join(ROOT, "test/helpers/module-trace-unbundled.mjs");

export interface ProcessRun { code: number; stdout: string; stderr: string }

/** Runs `node ...args` from the project root; resolves with the exit code and the output. */
export function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return reject(error);
      resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}

/**
 * A temp folder holding the --servers map of a loopback server started for it: what CLI runs against a
 * served world need (the sandbox here, the watch world in test/defend/watch). `close` stops the server,
 * then removes the folder; a server that fails to start leaves no folder behind.
 */
export interface MappedWork<S> { work: string; server: S; mapFile: string; close(): Promise<void> }

export async function mappedWork<S extends { serverMap: object; close(): Promise<void> }>(prefix: string, start: () => Promise<S>): Promise<MappedWork<S>> {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const server = await start().catch((error: unknown) => {
    rmSync(work, { recursive: true, force: true });
    throw error;
  });
  const mapFile = join(work, "servers.json");
  writeFileSync(mapFile, JSON.stringify(server.serverMap));
  return {
    work,
    server,
    mapFile,
    close: async () => {
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** A temp folder and a running sandbox (with `options`) whose --servers map is written in it; `close` removes both. */
export interface SandboxWork { work: string; sandbox: Sandbox; mapFile: string; close(): Promise<void> }

export async function sandboxWork(prefix: string, options: SandboxOptions = {}): Promise<SandboxWork> {
  const { work, server, mapFile, close } = await mappedWork(prefix, () => startSandbox(options));
  return { work, sandbox: server, mapFile, close };
}

/**
 * A file's or describe block's sandbox (with `options`): started in beforeAll, closed in afterAll — the
 * set-up the server and footprint tests each wrote out. Call it in the block's body; the getter it
 * returns throws when called before the start (outside a test).
 */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
  return useServer(() => startSandbox(options));
}

/** sandboxWork for a file or describe block: made in beforeAll, closed (sandbox stopped, folder removed) in afterAll. */
export function useSandboxWork(prefix: string, options: SandboxOptions = {}): () => SandboxWork {
  return useServer(() => sandboxWork(prefix, options));
}
