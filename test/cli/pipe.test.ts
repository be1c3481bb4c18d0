import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "bin/whoislens");

/** Starts the built CLI, reads its first output chunk, then closes the pipe like `| head -1` does. */
function closeAfterFirstChunk(args: string[], stdin: string): Promise<{ code: number | null; stderr: string }> {
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

describe("a reader that goes away (whoislens … | head)", () => {
  it("ends parse --batch quietly with exit 0, no stack trace and no error line", async () => {
    expect(existsSync(join(ROOT, "dist/cli/main.js")), "run `npm run build` first (npm test does)").toBe(true);
    const line = `${JSON.stringify({ id: 1, server: "whois.verisign-grs.com", text: "Domain Name: EXAMPLE.COM\nRegistrar: Example Registrar\n" })}\n`;
    const run = await closeAfterFirstChunk(["parse", "--batch"], line.repeat(50_000));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });
});
