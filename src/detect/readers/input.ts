/**
 * Opening and pumping one input, for every log reader (detect's `readLog`, the canary's mail logs):
 * a file ("-": stdin), gzip recognised by its magic bytes and decompressed as a stream, the first
 * bytes taken for sniffing and put back, chunks pushed into a consumer, and the file closed on every
 * path — the end, a read error, a sink that throws, a caller that stops early.
 */
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { SinkFailure } from "./common.js";
import { isGzip } from "./sniff.js";
import { fileChunks, streamChunks } from "./source.js";

export interface InputOptions {
  /** Keep reading appended data (like `tail -f`) until `signal` aborts. Plain files and stdin only. */
  follow?: boolean;
  signal?: AbortSignal;
  /** What "-" reads: the caller's standard input (the CLI's io.stdin); process.stdin when absent. */
  stdin?: AsyncIterable<unknown>;
}

export interface OpenedInput {
  /** The input's bytes, decompressed when it was gzip, from its first byte. Iterate once. */
  chunks: AsyncIterable<Buffer>;
  gzip: boolean;
  /** Closes the file and the decompressor; call it in a `finally` (more than once is harmless). */
  close(): Promise<void>;
}

/** What chunks are pushed into: a line splitter or a capture reader. */
export interface ChunkConsumer {
  push(chunk: Buffer): void;
  /** End of input; `truncated` when it broke off (the last partial line or packet is malformed). */
  end(truncated: boolean): void;
}

/**
 * Pulls chunks until `min` bytes and a complete line (or the end, or `max` bytes; when following, the
 * first chunk with a newline will do). Returns the bytes and whether the input ended.
 */
export async function takeHead(it: AsyncIterator<Buffer>, min: number, max: number, follow: boolean): Promise<{ head: Buffer; done: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  let newline = false;
  for (;;) {
    const r = await it.next();
    if (r.done === true) return { head: Buffer.concat(parts), done: true };
    parts.push(r.value);
    size += r.value.length;
    newline ||= r.value.includes(10);
    if ((size >= min && newline) || size >= max || (follow && newline)) return { head: Buffer.concat(parts), done: false };
  }
}

/** `head` again, then the rest of `rest` (unless the input had already ended). */
export async function* prepend(head: Buffer, rest: AsyncIterator<Buffer>, done: boolean): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  if (done) return;
  for (;;) {
    const r = await rest.next();
    if (r.done === true) return;
    yield r.value;
  }
}

/**
 * Opens `path` ("-": stdin) and looks at its first bytes for the gzip magic. Rejects only when the
 * input cannot be opened or read at all (InvalidOptionError, "cannot read PATH: CODE").
 */
export async function openInput(path: string, options: InputOptions = {}): Promise<OpenedInput> {
  const follow = options.follow === true;
  const raw = path === "-" ? streamChunks(options.stdin ?? process.stdin, options.signal) : fileChunks(path, follow, options.signal);
  const rawIt = raw[Symbol.asyncIterator]();
  const closeRaw = async (): Promise<void> => {
    await rawIt.return?.(undefined); // fileChunks' finally closes the file handle
  };
  let first: { head: Buffer; done: boolean };
  try {
    first = await takeHead(rawIt, 4, 4, follow);
  } catch (error) {
    await closeRaw();
    throw error;
  }
  if (!isGzip(first.head)) return { chunks: prepend(first.head, rawIt, first.done), gzip: false, close: closeRaw };
  const gunzip = createGunzip();
  const compressed = Readable.from(prepend(first.head, rawIt, first.done));
  compressed.on("error", (e) => gunzip.destroy(e)).pipe(gunzip);
  return {
    chunks: streamChunks(gunzip, options.signal),
    gzip: true,
    close: async () => {
      compressed.unpipe(gunzip);
      gunzip.destroy();
      compressed.destroy();
      await closeRaw();
    },
  };
}

/**
 * Pushes every chunk into `consumer`, then ends it. An error of the input itself (I/O, a truncated
 * gzip) stops the pump: `onBreak` hears it first, then the consumer is ended as truncated. The sink's
 * own errors (SinkFailure, thrown by a consumer) are rethrown as they were, never taken for the input's.
 * Without `follow`, an aborted `signal` stops after the current chunk.
 */
export async function pumpChunks(chunks: AsyncIterable<Buffer>, consumer: ChunkConsumer, options: InputOptions & { onBreak(error: unknown): void }): Promise<void> {
  let truncated = false;
  try {
    for await (const chunk of chunks) {
      consumer.push(chunk);
      if (options.signal?.aborted && options.follow !== true) break;
    }
  } catch (err) {
    if (err instanceof SinkFailure) throw err.cause;
    truncated = true;
    options.onBreak(err);
  }
  try {
    consumer.end(truncated);
  } catch (err) {
    throw err instanceof SinkFailure ? err.cause : err;
  }
}
