import { closeSync, createReadStream, fstatSync, openSync } from "node:fs";
import type { Readable } from "node:stream";
import { InvalidOptionError } from "../../errors.js";
import type { CliIO } from "../io.js";
import { bufferedWriter } from "../lines.js";
import { linesCapped } from "../../util/read-capped.js";
import { batchChunkOutputLines, batchLineOutput, type NumberedLine } from "./line.js";
import { startBatchPool, type BatchPool } from "./pool.js";

/**
 * Streams `parse --batch` line by line: a bad line gives an error line, never stops the batch. A line
 * over the cap gives its error line as soon as it passes the cap, and the rest of it is skipped unread.
 * Without threads, each line is parsed and written as it is read (runBatchInThisThread). With them,
 * lines are gathered into chunks of ~CHUNK_BYTES; from the second chunk on (a small input never pays
 * for a thread) `threads` worker threads parse chunks beside the main thread, and outputs are written
 * in input order. Output goes out in ~64 KiB writes, waiting for the reader when the pipe is full;
 * at most `threads × 2 + 8` chunks are in flight (the main thread keeps parsing while a worker is slow), so memory stays bounded.
 */

/** Input bytes per chunk: small enough to share work evenly, large enough that a message per chunk is cheap. */
const CHUNK_BYTES = 256 * 1024;

interface Entry {
  lines: NumberedLine[];
  /** A worker's output as UTF-8 bytes, or this thread's as one string per output line. */
  output?: Uint8Array | readonly string[];
  pending?: Promise<Uint8Array>;
  failed?: boolean;
}

/** Where the lines come from: standard input (the default), or a file `parse --batch FILE` opened, with its size. */
export interface BatchInput {
  stream: Readable;
  /** Bytes, when known (a regular file): several chunks' worth start the workers at once. */
  size: number | undefined;
}

export async function runBatch(io: CliIO, maxLineBytes: number, threads: number, input: BatchInput = stdinInput(io.stdin)): Promise<void> {
  if (threads === 0) return runBatchInThisThread(io, maxLineBytes, input);
  const out = bufferedWriter(io.stdout);
  const maxOutstanding = threads * 2 + 8;
  const queue: Entry[] = [];
  let pool: BatchPool | undefined;
  let chunks = 0;
  let lines: NumberedLine[] = [];
  let bytes = 0;

  // Writes the finished head of the queue; waits for it when `all`, or when too many chunks are out.
  const drain = async (all: boolean): Promise<void> => {
    while (queue.length > 0) {
      const head = queue[0] as Entry;
      // Without output, the chunk is a worker's (dispatch parses the others at once).
      if (head.output === undefined) {
        if (!head.failed && !all && queue.length < maxOutstanding) return;
        // A worker that failed or died: this thread parses the chunk, as it would without threads.
        head.output = await (head.pending as Promise<Uint8Array>).catch(() => batchChunkOutputLines(head.lines, maxLineBytes));
      }
      queue.shift();
      if (head.output instanceof Uint8Array) await out.writeBytes(head.output);
      else {
        // (Awaited only when the writer asks to wait: an await per line would be a microtask turn per record.)
        for (const output of head.output) {
          const wait = out.write(output);
          if (wait !== undefined) await wait;
        }
      }
    }
  };
  let poolStarted = false;
  const startPool = (): void => {
    poolStarted = true;
    pool = startBatchPool(threads);
    // Said, not silent: a build without the worker script once ignored --threads unnoticed.
    if (pool === undefined) io.stderr.write(`whoislens: note: --threads ${threads}: no worker script beside the CLI (not built?); parsing on the main thread\n`);
  };
  // A file (named, or given as standard input) shows its size: when it holds several chunks the workers start
  // at once, loading the parser while this thread parses the first chunk (from a pipe, they start at the second).
  if (threads > 0 && (input.size ?? 0) > 2 * CHUNK_BYTES) startPool();
  const dispatch = async (): Promise<void> => {
    const entry: Entry = { lines };
    lines = [];
    bytes = 0;
    chunks += 1;
    if (!poolStarted && threads > 0 && chunks === 2) startPool();
    const pending = pool?.run(entry.lines, maxLineBytes);
    if (pending === undefined) entry.output = batchChunkOutputLines(entry.lines, maxLineBytes);
    else {
      entry.pending = pending;
      pending.then(
        (output) => (entry.output = output),
        () => (entry.failed = true),
      );
    }
    queue.push(entry);
    await drain(false);
  };

  try {
    for await (const next of linesCapped(input.stream, maxLineBytes)) {
      if (next.tooLong) lines.push({ number: next.number });
      else {
        lines.push({ number: next.number, text: next.text });
        bytes += next.text.length;
      }
      if (bytes >= CHUNK_BYTES) await dispatch();
    }
    if (lines.length > 0) await dispatch();
    await drain(true);
    await out.flush();
  } finally {
    await pool?.close();
    if (input.stream !== io.stdin) input.stream.destroy();
  }
}

/**
 * The batch without worker threads: each line parsed as it is read and its output written at once (encoded into the
 * writer's buffer), the same bytes in the same order as the chunked path. Chunks only share work among threads; here,
 * holding a chunk's lines and then its outputs kept ~0.5 MB alive through every young-generation collection, each
 * copying it (issue #13).
 */
async function runBatchInThisThread(io: CliIO, maxLineBytes: number, input: BatchInput): Promise<void> {
  const out = bufferedWriter(io.stdout);
  try {
    for await (const next of linesCapped(input.stream, maxLineBytes)) {
      // (A line over the cap comes without its text: batchLineOutput's error line.)
      const output = batchLineOutput(next, maxLineBytes);
      if (output === "") continue;
      // (Awaited only when the writer asks to wait: an await per line would be a microtask turn per record.)
      const wait = out.write(output);
      if (wait !== undefined) await wait;
    }
    await out.flush();
  } finally {
    if (input.stream !== io.stdin) input.stream.destroy();
  }
}

/**
 * `parse --batch FILE`: the file opened at once, streamed. A missing or unreadable one (or a folder) fails
 * here, before any output, as WL_ERR_INVALID_OPTION "cannot read FILE: why".
 */
export function openBatchFile(path: string): BatchInput {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new Error("is a directory");
    return { stream: createReadStream("", { fd, highWaterMark: FILE_READ_BYTES }), size: stat.isFile() ? stat.size : undefined };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    throw new InvalidOptionError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Bytes per read from a regular file. Each read is a round trip through libuv's thread pool, during which
 * the parsing thread waits: at the stream default (64 KiB) a 27 MB batch spent ~4% of its run idle
 * between 400 reads (issue #13); 1 MiB makes that 26 reads.
 */
const FILE_READ_BYTES = 1024 * 1024;

/**
 * Standard input for a batch: a regular file behind it (`< file`) is read in FILE_READ_BYTES pieces
 * through a stream of its own over the same descriptor (the process's stdin stream is never read, so the
 * two never compete), and its size is known; a pipe or a terminal is read as it is.
 */
function stdinInput(stdin: Readable): BatchInput {
  const fd = (stdin as { fd?: unknown }).fd;
  if (typeof fd !== "number") return { stream: stdin, size: undefined };
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { stream: stdin, size: undefined };
    return { stream: createReadStream("", { fd, autoClose: false, highWaterMark: FILE_READ_BYTES }), size: stat.size };
  } catch {
    return { stream: stdin, size: undefined };
  }
}
