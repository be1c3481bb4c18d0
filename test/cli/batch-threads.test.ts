import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { BIN, closeAfterFirstChunk } from "../helpers/spawn-cli.js";

// Worker threads exist only in the built CLI (dist/cli/batch/batch-worker.js), so these tests run bin/whoislens.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function run(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr }));
    child.stdin.end(stdin);
  });
}

/** Runs the CLI with the open file `fd` as its standard input (closed here once the child holds its own copy). */
function runOnDescriptor(args: string[], fd: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: [fd, "pipe", "pipe"] });
    closeSync(fd);
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr }));
  });
}

/** A few MB of varied lines (many 256 KiB chunks): answers of different sizes and every kind of bad line. */
function mixedBatch(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const filler = "% Terms of use: do not harvest. ".repeat(i % 97);
    const text = `Domain Name: EXAMPLE${i}.COM\r\nRegistrar: Registrar ${i % 13}\r\nCreation Date: 20${String(i % 25).padStart(2, "0")}-03-0${(i % 9) + 1}T00:00:00Z\r\nName Server: NS${i % 5}.EXAMPLE.NET\r\nDomain Status: clientTransferProhibited\r\n${filler}\r\n`;
    switch (i % 50) {
      case 7:
        lines.push(`{"id":${i},"text":`); // not JSON
        break;
      case 19:
        lines.push(JSON.stringify({ id: i, server: "whois.example" })); // neither text nor rdap
        break;
      case 23:
        lines.push(`{"id":${"[".repeat(100)}${"]".repeat(100)},"text":"x"}`); // id nested too deep
        break;
      case 31:
        lines.push(JSON.stringify({ id: i, text: `Domain Name: LONG${i}.COM\n${"x".repeat(5000)}` })); // over the line cap below
        break;
      case 41:
        lines.push(JSON.stringify({ id: `\u001b[31m${i}`, server: "whois.verisign-grs.com", text })); // hostile id
        break;
      case 43:
        lines.push(""); // blank: no output line
        break;
      default:
        lines.push(JSON.stringify({ id: i, server: i % 2 ? "whois.verisign-grs.com" : "whois.nic.example", query: `example${i}.com`, text }));
    }
  }
  return `${lines.join("\n")}\n`;
}

describe("parse --batch with worker threads", () => {
  it("writes the same bytes in the same order as the main thread alone", async () => {
    expect(existsSync(join(ROOT, "dist/cli/batch/batch-worker.js")), "run `npm run build` first (npm test does)").toBe(true);
    const input = mixedBatch(3000);
    expect(input.length).toBeGreaterThan(4 * 256 * 1024); // several chunks, so workers start
    // --max-bytes 1024: lines over 4 KiB get the line-cap error line, from whichever thread holds them.
    const [alone, threaded] = await Promise.all([
      run(["parse", "--batch", "--max-bytes", "1024", "--threads", "0"], input),
      run(["parse", "--batch", "--max-bytes", "1024", "--threads", "2"], input),
    ]);
    expect(alone.code).toBe(0);
    expect(threaded.code).toBe(0);
    // No "parsing on the main thread" note: the bundled CLI finds its worker script (it once did not, and
    // --threads was ignored without a word).
    expect(threaded.stderr).toBe("");
    expect(threaded.stdout).toBe(alone.stdout);
    const out = threaded.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { id: unknown; record?: { domain?: { name?: string } }; error?: { code: string } });
    expect(out).toHaveLength(3000 - 60); // one blank line in every 50 gives none
    expect(out.filter((line) => line.error?.code === "WL_ERR_INPUT_TOO_LARGE")).toHaveLength(60);
    expect(out.filter((line) => line.error?.code === "WL_ERR_PARSE")).toHaveLength(180);
    // Order kept: the good lines' ids climb, each with its own answer.
    const good = out.filter((line) => typeof line.id === "number" && line.record !== undefined);
    expect(good.map((line) => line.id)).toEqual([...good.map((line) => line.id as number)].sort((a, b) => a - b));
    for (const line of good) expect(line.record?.domain?.name).toBe(`example${String(line.id)}.com`);
    expect(threaded.stdout).not.toContain("\u001b");
  }, 60_000);

  // (When the workers start — at once for a file, at the second chunk for a pipe — is not observable from
  // outside; this case holds the file path to the pipe's output and to no "parsing on the main thread" note.)
  it("with a file of several chunks as standard input and a worker: the same bytes as a pipe, no note", async () => {
    const input = mixedBatch(3000);
    const dir = mkdtempSync(join(tmpdir(), "wl-batch-"));
    const file = join(dir, "batch.ndjson");
    writeFileSync(file, input);
    try {
      const fromFile = await runOnDescriptor(["parse", "--batch", "--max-bytes", "1024", "--threads", "1"], openSync(file, "r"));
      const piped = await run(["parse", "--batch", "--max-bytes", "1024", "--threads", "0"], input);
      expect(fromFile.code).toBe(0);
      expect(fromFile.stderr).toBe("");
      expect(fromFile.stdout).toBe(piped.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  // A regular file on standard input is read through a stream of the batch's own, in 1 MiB pieces (batch/run.ts).
  // That stream must start where the descriptor stands, as the process's stdin would: `(read -r header; whoislens
  // parse --batch) < file` leaves the offset past the first line. Several pieces, lines straddling their edges.
  it("with a file as standard input read from the middle: the rest of the file, from where the descriptor stands", async () => {
    const input = mixedBatch(3000);
    expect(Buffer.byteLength(input)).toBeGreaterThan(3 * 1024 * 1024);
    const firstLine = input.slice(0, input.indexOf("\n") + 1);
    const dir = mkdtempSync(join(tmpdir(), "wl-batch-"));
    const file = join(dir, "batch.ndjson");
    writeFileSync(file, input);
    try {
      const fd = openSync(file, "r");
      readSync(fd, Buffer.alloc(Buffer.byteLength(firstLine))); // moves the shared file offset past line 1
      const fromFile = await runOnDescriptor(["parse", "--batch", "--max-bytes", "1024"], fd);
      const piped = await run(["parse", "--batch", "--max-bytes", "1024"], input.slice(firstLine.length));
      expect(fromFile.code).toBe(0);
      expect(fromFile.stderr).toBe("");
      expect(fromFile.stdout).toBe(piped.stdout);
      expect(fromFile.stdout.split("\n").length).toBeGreaterThan(2900);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("parses chunks in the workers of the built pool, each reply the chunk's own output", async () => {
    const { startBatchPool } = (await import(join(ROOT, "dist/cli/batch/pool.js"))) as typeof import("../../src/cli/batch/pool.js");
    const { batchChunkOutputLines } = await import("../../src/cli/batch/line.js");
    const pool = startBatchPool(2);
    expect(pool).toBeDefined();
    try {
      const chunks = [0, 1, 2, 3].map((c) => mixedBatch(40 + c).split("\n").map((text, i) => ({ number: i + 1, text })));
      const jobs = chunks.map((lines) => pool?.run(lines, 4096));
      expect(jobs.every((job) => job instanceof Promise)).toBe(true); // 2 workers × 2 jobs each
      expect(pool?.run(chunks[0] ?? [], 4096)).toBeUndefined(); // all busy: the caller parses it itself
      const outputs = await Promise.all(jobs);
      // (UTF-8 bytes, transferred: a buffer of the reply's own, holding exactly the chunk's output lines.)
      outputs.forEach((output, c) => {
        expect(output).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(output as Uint8Array).toString("utf8")).toBe(batchChunkOutputLines(chunks[c] ?? [], 4096).join(""));
      });
    } finally {
      await pool?.close();
    }
  });

  it("gives a small input the same output with and without threads (no worker for one chunk)", async () => {
    const input = mixedBatch(60);
    const [alone, threaded] = await Promise.all([run(["parse", "--batch", "--threads", "0"], input), run(["parse", "--batch", "--threads", "3"], input)]);
    expect(threaded.stdout).toBe(alone.stdout);
    expect(threaded.stdout.split("\n").length).toBeGreaterThan(50);
  }, 30_000);

  it("ends quietly (exit 0, nothing on stderr) when the reader goes away while workers hold chunks", async () => {
    const result = await closeAfterFirstChunk(["parse", "--batch", "--threads", "2"], mixedBatch(6000));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  }, 60_000);

  // Without threads each line is parsed and written as it is read (batch/run.ts runBatchInThisThread): a reader going
  // away ends that loop as quietly.
  it("ends quietly without threads too when the reader goes away", async () => {
    const result = await closeAfterFirstChunk(["parse", "--batch", "--threads", "0"], mixedBatch(6000));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  }, 60_000);

  it("refuses a --threads that is not a whole number or above 16, naming the flag", async () => {
    for (const bad of ["-1", "two", "17"]) {
      const result = await runCli(["parse", "--batch", "--threads", bad], { stdin: "" });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("--threads");
      expect(result.stderr).toContain("WL_ERR_INVALID_OPTION");
    }
  });
});

describe("parse --batch output bytes (built CLI, a real stdout stream)", () => {
  // The built CLI writes to a stream, so its records are UTF-8 encoded one by one into byte chunks (cli/lines.ts);
  // the in-process run writes strings. Both must give the same text: Latin-1, two-byte and astral characters beside
  // ASCII records, and records longer than a whole output chunk (written on their own).
  it("gives the same output as the in-process run, whatever the characters and sizes of the records", async () => {
    const lines: string[] = [];
    for (let i = 0; i < 400; i += 1) {
      const name = ["Café Müller GmbH", "株式会社ネットワーク", "Ωmega 𝔘nicode 🚀 Ltd", "Plain Example Inc"][i % 4] ?? "";
      // (The id is echoed as it is: a 150,000-character one makes its output line longer than any chunk.)
      const id = i % 97 === 5 ? `r${i}-${"é株🚀 ".repeat(30_000)}` : `r${i}-${name}`;
      lines.push(JSON.stringify({ id, text: `Domain Name: EXAMPLE${i}.JP\nRegistrant Organization: ${name}\nName Server: NS1.EXAMPLE.NET\n` }));
    }
    const input = `${lines.join("\n")}\n`;
    const [built, inProcess] = await Promise.all([run(["parse", "--batch"], input), runCli(["parse", "--batch"], { stdin: input })]);
    expect(built.code).toBe(0);
    expect(built.stdout.split("\n")).toHaveLength(401);
    expect(built.stdout).toContain("Ωmega 𝔘nicode 🚀 Ltd");
    expect(Math.max(...built.stdout.split("\n").map((line) => line.length))).toBeGreaterThan(150_000);
    expect(built.stdout).toBe(inProcess.stdout);
  }, 60_000);
});
