/**
 * The one reader for local inputs (issue #19): a saved answer (`parse FILE`, `parse -`), batch and
 * query lines (`parse --batch`, `bulk`), list files (`detect --org-domains/--bad-sources`), rule and
 * host-list files, the config file and `--servers` maps. Reading stops at the cap — nothing buffers a
 * whole stream first — so /dev/zero, a FIFO or an endless line costs at most the cap in memory.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { ConfigError, InputTooLargeError, InvalidOptionError, isWhoislensError, type WhoislensError } from "../errors.js";

export const KIB = 1024;
export const MIB = 1024 * KIB;

/** The caps, one row each, with the flag that raises it (undefined: fixed) and the reason for the size. */
export const INPUT_CAPS = {
  answer: { bytes: MIB, flag: "--max-bytes", why: "the same cap as a looked-up answer (net/defaults.ts)" },
  batchLineFactor: { bytes: 4, flag: "--max-bytes", why: "a --batch line holds its answer JSON-escaped: up to 4 × --max-bytes per line" },
  queryLine: { bytes: 4 * KIB, flag: undefined, why: "a bulk query is a name, address or handle; DNS names stop at 253 characters" },
  unendingLine: { bytes: MIB, flag: undefined, why: "bulk skips a query line over 4 KiB and goes on; no line end in 1 MiB is no list of queries (/dev/zero): reading stops" },
  listFile: { bytes: 64 * MIB, flag: undefined, why: "--org-domains and --bad-sources lists: a million names fit" },
  ruleFile: { bytes: 4 * MIB, flag: undefined, why: "the shipped rule and host-list files are under 100 KiB" },
  configFile: { bytes: MIB, flag: undefined, why: "a config file or --servers map is a few KiB" },
} as const;

export interface CapOptions {
  /** The cap in bytes. */
  maxBytes: number;
  /** The input, as the user would name it: "--org-domains file x.txt", "standard input". */
  what: string;
  /** The flag that raises the cap, when there is one. */
  flag?: string;
}

const CHUNK = 64 * KIB;

export function tooLarge(options: CapOptions, unit = "bytes"): InputTooLargeError {
  const raise = options.flag === undefined ? "this cap is fixed" : `raise it with ${options.flag}`;
  return new InputTooLargeError(`${options.what} is larger than ${options.maxBytes} ${unit} (${raise}); reading stopped at the cap`);
}

/** A file's bytes, or InputTooLargeError after reading at most maxBytes + 1 of them. */
export function readFileCappedSync(path: string, options: CapOptions): Buffer {
  const fd = openSync(path, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, options.maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return Buffer.concat(chunks, total);
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > options.maxBytes) throw tooLarge(options);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * readFileCappedSync for a file the user named by a flag (a dataset, a limits file, a CA file…): a file that
 * cannot be read is a WhoislensError naming it — WL_ERR_CONFIG for configuration, WL_ERR_INVALID_OPTION for a
 * flag's value — never a raw ENOENT that ends the command with exit 3 and no code.
 */
export function readNamedFileSync(path: string, options: CapOptions, kind: "config" | "option" = "config"): Buffer {
  try {
    return readFileCappedSync(path, options);
  } catch (error) {
    if (isWhoislensError(error)) throw error;
    const message = `cannot read ${options.what}: ${(error as Error).message}`;
    const wrapped: WhoislensError = kind === "config" ? new ConfigError(message, { cause: error }) : new InvalidOptionError(message, { cause: error });
    throw wrapped;
  }
}

/** A stream's bytes (standard input), or InputTooLargeError as soon as it passes maxBytes. */
export async function readStreamCapped(stream: AsyncIterable<Buffer | string>, options: CapOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  // Leaving the loop early (the throw) calls the iterator's return(), which destroys the stream.
  for await (const piece of stream) {
    const chunk = typeof piece === "string" ? Buffer.from(piece) : piece;
    total += chunk.length;
    if (total > options.maxBytes) throw tooLarge(options);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** One line of a capped line reader: its text, or the news that it passed the cap (its bytes are dropped). */
export type CappedLine = { number: number; text: string; tooLong?: undefined } | { number: number; tooLong: true };

/**
 * Lines (LF or CRLF, UTF-8) of a stream with at most maxLineBytes held at once. A longer line is
 * reported once, as soon as it passes the cap, and its remaining bytes are skipped up to its newline,
 * so an endless line (/dev/zero) runs in bounded memory. Callers decide: an error line, or a throw.
 */
export async function* linesCapped(stream: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<CappedLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let number = 1;
  const take = (): string => {
    const text = Buffer.concat(pending, pendingBytes).toString("utf8");
    pending = [];
    pendingBytes = 0;
    return text.endsWith("\r") ? text.slice(0, -1) : text;
  };
  for await (const piece of stream) {
    const chunk = typeof piece === "string" ? Buffer.from(piece) : piece;
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      // A whole line inside one chunk (nearly every line) is decoded straight from it, without the copy
      // Buffer.concat makes (~30 ms of CPU over a 27 MB batch).
      if (newline !== -1 && pendingBytes === 0 && !skipping && end - start <= maxLineBytes) {
        yield { number, text: chunk.toString("utf8", start, end > start && chunk[end - 1] === 0x0d ? end - 1 : end) };
        number += 1;
        start = newline + 1;
        continue;
      }
      if (!skipping) {
        pending.push(chunk.subarray(start, end));
        pendingBytes += end - start;
        if (pendingBytes > maxLineBytes) {
          pending = [];
          pendingBytes = 0;
          skipping = true;
          yield { number, tooLong: true };
        }
      }
      if (newline === -1) break;
      if (!skipping) yield { number, text: take() };
      skipping = false;
      number += 1;
      start = newline + 1;
    }
  }
  if (!skipping && pendingBytes > 0) yield { number, text: take() };
}
