import { EventEmitter, once } from "node:events";

/**
 * Buffered output for the streaming batch commands (`parse --batch`); their input lines come from
 * `linesCapped` (util/read-capped.ts), which holds at most the line cap of an over-long line.
 */

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
