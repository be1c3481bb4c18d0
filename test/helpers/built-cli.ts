import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/server/index.js";

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

/** A temp folder and a running sandbox (with `options`) whose --servers map is written in it; `close` removes both. */
export interface SandboxWork { work: string; sandbox: Sandbox; mapFile: string; close(): Promise<void> }

export async function sandboxWork(prefix: string, options: SandboxOptions = {}): Promise<SandboxWork> {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const sandbox = await startSandbox(options);
  const mapFile = join(work, "servers.json");
  writeFileSync(mapFile, JSON.stringify(sandbox.serverMap));
  return {
    work,
    sandbox,
    mapFile,
    close: async () => {
      await sandbox.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
