import { EventEmitter, once } from "node:events";

/**
 * Line input and buffered output for the streaming batch commands (`parse --batch`).
 *
 * readline was most of `parse --batch`'s own cost over the corpus (its regex split, string decoder and
 * async iterator, ~30% of the run), and it buffers a line of any length before handing it over. This
 * splits raw chunks on "\n" with Buffer.indexOf, decodes each line once, and stops buffering a line at
 * `maxLineBytes`: the rest of an over-long line is skipped up to its newline and reported as `tooLong`.
 */
export type InputLine = { number: number; text: string; tooLong?: false } | { number: number; tooLong: true; bytes: number };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Splits a byte stream into UTF-8 lines ("\n" or "\r\n"); a last line without newline counts too. */
export async function* readLines(input: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let held = 0;
  let skipped = -1; // ≥ 0 while skipping the rest of an over-long line: the bytes seen so far
  let number = 0;
  const finish = (last: Buffer): InputLine => {
    number += 1;
    if (skipped >= 0) {
      const line: InputLine = { number, tooLong: true, bytes: skipped + last.length };
      skipped = -1;
      return line;
    }
    let bytes = parts.length === 0 ? last : Buffer.concat([...parts, last]);
    parts = [];
    held = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN) bytes = bytes.subarray(0, bytes.length - 1);
    return { number, text: bytes.toString("utf8") };
  };
  for await (const chunk of input) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = buffer.indexOf(NEWLINE, start); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
      const piece = buffer.subarray(start, end);
      start = end + 1;
      if (skipped < 0 && held + piece.length > maxLineBytes) {
        skipped = held;
        parts = [];
        held = 0;
      }
      yield finish(piece);
    }
    if (start < buffer.length) {
      const rest = buffer.subarray(start);
      if (skipped >= 0) skipped += rest.length;
      else if (held + rest.length > maxLineBytes) {
        skipped = held + rest.length;
        parts = [];
        held = 0;
      } else {
        // Copy: the stream may reuse its chunk's memory once we return to it.
        parts.push(Buffer.from(rest));
        held += rest.length;
      }
    }
  }
  if (held > 0 || skipped >= 0) yield finish(Buffer.alloc(0));
}

/** Where buffered output goes: a stream (backpressure honoured when it is an EventEmitter) or a test's sink. */
export interface LineSink {
  write(chunk: string): unknown;
}

/**
 * Gathers written text into chunks of about `chunkBytes` (default 64 KiB): one write per line was a
 * write(2) per record on a pipe or file. `write` returns a promise only when the sink asked to wait
 * (its write returned false); await it to keep memory bounded. Call `flush` at the end.
 */
export function bufferedWriter(sink: LineSink, chunkBytes = 64 * 1024): { write(text: string): Promise<void> | undefined; flush(): Promise<void> | undefined } {
  let pending: string[] = [];
  let length = 0;
  const flush = (): Promise<void> | undefined => {
    if (pending.length === 0) return undefined;
    const chunk = pending.join("");
    pending = [];
    length = 0;
    if (sink.write(chunk) !== false || !(sink instanceof EventEmitter)) return undefined;
    // events.once also rejects on the stream's "error" (EPIPE when the reader went away) and removes
    // its listeners either way.
    return once(sink, "drain").then(() => undefined);
  };
  return {
    write(text) {
      pending.push(text);
      length += text.length;
      return length >= chunkBytes ? flush() : undefined;
    },
    flush,
  };
}
