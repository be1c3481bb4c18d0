import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { dirname } from "node:path";
import { sanitizeField } from "../util/sanitize.js";
import type { QueryLogEntry } from "./contract.js";

/** The query field's cap (contract.ts: at most 1 KiB). */
export const LOG_QUERY_MAX = 1024;

/** A query as it may appear in the log: control characters stripped, at most 1 KiB. */
export function logQueryText(query: string): string {
  return sanitizeField(query.slice(0, LOG_QUERY_MAX * 2)).slice(0, LOG_QUERY_MAX);
}

export interface QueryLogSink {
  write(entry: QueryLogEntry): void;
  close(): Promise<void>;
}

/** Lines are gathered and written in batches: one file write per line cost ~10% of a port-43 query. */
const BATCH_BYTES = 64 * 1024;
const BATCH_MS = 100;

/** Appends one JSON line per query (NDJSON, docs/serve.md), in batches of up to 64 KiB or 100 ms; close() flushes. */
export class QueryLog implements QueryLogSink {
  private readonly stream: WriteStream;
  private failed: Error | undefined;
  private pending = "";
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.stream = createWriteStream(path, { flags: "a", mode: 0o600 });
    this.stream.on("error", (error) => {
      this.failed = error;
    });
  }

  write(entry: QueryLogEntry): void {
    // A request finishing during shutdown must not write after the stream's end.
    if (this.failed || this.closed) return;
    this.pending += `${JSON.stringify(entry)}\n`;
    if (this.pending.length >= BATCH_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === "") return;
    this.stream.write(this.pending);
    this.pending = "";
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await new Promise<void>((resolve) => this.stream.end(resolve));
    if (this.failed) throw this.failed;
  }
}

/** Keeps entries in memory (tests, library users who ship them elsewhere). */
export class MemoryQueryLog implements QueryLogSink {
  readonly entries: QueryLogEntry[] = [];
  write(entry: QueryLogEntry): void {
    this.entries.push(entry);
  }
  async close(): Promise<void> {}
}
