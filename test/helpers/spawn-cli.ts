import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The built CLI (dist/ from `npm run build`), for tests that need a real process: pipes, worker threads. */
export const BIN = join(fileURLToPath(new URL("../../", import.meta.url)), "bin/whoislens");

/** Starts the built CLI, reads its first output chunk, then closes the pipe like `| head -1` does. */
export function closeAfterFirstChunk(args: string[], stdin: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stderr }));
    child.stdin.on("error", () => {}); // the child may exit before it read all of its input
    child.stdin.end(stdin);
  });
}
