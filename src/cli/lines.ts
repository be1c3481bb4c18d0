import { EventEmitter, once } from "node:events";

/**
 * Buffered output for the streaming batch commands (`parse --batch`); their input lines come from
 * `linesCapped` (util/read-capped.ts), which holds at most the line cap of an over-long line.
 */

/** Where buffered output goes: a stream (bytes, backpressure honoured) or a test's sink (strings). */
export interface LineSink {
  write(chunk: string): unknown;
}

/**
 * Gathers written text into chunks of about `chunkBytes` (default 64 KiB): one write per line was a
 * write(2) per record on a pipe or file. `write` returns a promise only when the sink asked to wait
 * (its write returned false); await it to keep memory bounded. Call `flush` at the end.
 *
 * A stream (an EventEmitter) gets bytes: each text is encoded as UTF-8 straight into the chunk's buffer.
 * Joining the texts into one string and letting the stream encode it cost ~10 ms per MB of output, most of
 * it when one record with a character past U+00FF made the whole joined chunk a two-byte string (issue #13;
 * Buffer.write of each record's own string is ~1 ms per MB). Any other sink gets the joined strings.
 */
export function bufferedWriter(sink: LineSink, chunkBytes = 64 * 1024): BufferedWriter {
  return sink instanceof EventEmitter ? byteWriter(sink, chunkBytes) : stringWriter(sink, chunkBytes);
}

export interface BufferedWriter {
  write(text: string): Promise<void> | undefined;
  /** UTF-8 bytes already encoded (a batch worker's output, batch/pool.ts), after the text written before them. */
  writeBytes(bytes: Uint8Array): Promise<void> | undefined;
  flush(): Promise<void> | undefined;
}

/** `chunk` to the sink; a promise of its "drain" when a stream asked to wait. */
function send(sink: LineSink, chunk: string | Uint8Array): Promise<void> | undefined {
  if ((sink.write as (chunk: string | Uint8Array) => unknown)(chunk) !== false || !(sink instanceof EventEmitter)) return undefined;
  // events.once also rejects on the stream's "error" (EPIPE when the reader went away) and removes
  // its listeners either way.
  return once(sink, "drain").then(() => undefined);
}

function stringWriter(sink: LineSink, chunkBytes: number): BufferedWriter {
  let pending: string[] = [];
  let length = 0;
  const flush = (): Promise<void> | undefined => {
    if (pending.length === 0) return undefined;
    const chunk = pending.join("");
    pending = [];
    length = 0;
    return send(sink, chunk);
  };
  const write = (text: string): Promise<void> | undefined => {
    pending.push(text);
    length += text.length;
    return length >= chunkBytes ? flush() : undefined;
  };
  return {
    write,
    // (A sink of strings: whole lines' bytes decode to the text they were encoded from.)
    writeBytes: (bytes) => write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8")),
    flush,
  };
}

/** UTF-8 bytes one UTF-16 code unit can take (a surrogate pair: 4 bytes for 2 units; a lone surrogate: U+FFFD's 3). */
const MAX_UTF8_PER_UNIT = 3;

function byteWriter(sink: EventEmitter & LineSink, chunkBytes: number): BufferedWriter {
  // Room for a chunk and then some, so that a record arriving just under chunkBytes still fits.
  const capacity = 2 * chunkBytes;
  // A fresh buffer after each flush: the stream may hold the one it was given until it is written.
  let buffer = Buffer.allocUnsafe(capacity);
  let used = 0;
  const flush = (): Promise<void> | undefined => {
    if (used === 0) return undefined;
    const chunk = buffer.subarray(0, used);
    buffer = Buffer.allocUnsafe(capacity);
    used = 0;
    return send(sink, chunk);
  };
  return {
    write(text) {
      // Written only where its longest encoding surely fits (Buffer.write stops short at a character that would not).
      if (text.length * MAX_UTF8_PER_UNIT > capacity - used) {
        const waitForPending = flush();
        // Longer than any chunk: it goes out alone, after the bytes before it.
        if (text.length * MAX_UTF8_PER_UNIT > capacity) return send(sink, Buffer.from(text, "utf8")) ?? waitForPending;
        if (waitForPending !== undefined) {
          used = buffer.write(text, 0, "utf8");
          return waitForPending;
        }
      }
      used += buffer.write(text, used, "utf8");
      return used >= chunkBytes ? flush() : undefined;
    },
    writeBytes(bytes) {
      // Bytes that fit are copied in (small outputs still go out in chunks); more go out as they are, after the bytes before them.
      if (bytes.byteLength <= capacity - used) {
        buffer.set(bytes, used);
        used += bytes.byteLength;
        return used >= chunkBytes ? flush() : undefined;
      }
      const waitForPending = flush();
      return send(sink, bytes) ?? waitForPending;
    },
    flush,
  };
}

/**
 * Texts encoded one by one into one growing UTF-8 buffer of its own (never Buffer's shared pool), so that
 * the bytes can be transferred to another thread without a copy: a batch worker's output (batch/pool.ts).
 * Encoding each text apart spares the receiving thread a chunk-sized string to flatten and encode (issue #13).
 */
export function utf8Builder(initialBytes = 64 * 1024): { add(text: string): void; take(): Uint8Array } {
  let buffer = Buffer.allocUnsafeSlow(initialBytes);
  let used = 0;
  return {
    add(text) {
      const room = text.length * MAX_UTF8_PER_UNIT;
      if (room > buffer.length - used) {
        const grown = Buffer.allocUnsafeSlow(Math.max(buffer.length * 2, used + room));
        buffer.copy(grown, 0, 0, used);
        buffer = grown;
      }
      used += buffer.write(text, used, "utf8");
    },
    take() {
      const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, used);
      buffer = Buffer.allocUnsafeSlow(initialBytes);
      used = 0;
      return bytes;
    },
  };
}
