import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { dirname } from "node:path";
import { sanitizeField } from "../util/sanitize.js";
import type { QueryLogEntry } from "./contract.js";

/** The query field's cap (contract.ts: at most 1 KiB). */
export const LOG_QUERY_MAX = 1024;

/** Printable ASCII: nothing for sanitizeField to strip or fold (the common query, skipped fast). */
const PRINTABLE_ASCII = /^[ -~]*$/;

/** A query as it may appear in the log: control characters stripped, at most 1 KiB. */
export function logQueryText(query: string): string {
  if (query.length <= LOG_QUERY_MAX && PRINTABLE_ASCII.test(query)) return query;
  return sanitizeField(query.slice(0, LOG_QUERY_MAX * 2)).slice(0, LOG_QUERY_MAX);
}

/** Characters JSON.stringify escapes in a string: quote, backslash, C0 controls, UTF-16 surrogates (lone ones become \uXXXX). */
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const jsonString = (text: string): string => (NEEDS_JSON_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);
const plainString = (text: string): string => `"${text}"`;
const jsonNumber = (value: number): string => (Number.isFinite(value) ? String(value) : "null");

/**
 * One query-log line: the bytes JSON.stringify(entry) gives for an entry the responder builds (same
 * fields, same order, same escaping; test/serve/hot-path.test.ts checks it on hostile strings),
 * from a template instead of a walk over the object's keys, which cost ~2 µs per query.
 */
export function queryLogLine(entry: QueryLogEntry): string {
  const { ts, protocol, source, sourceKey, query, objectType, outcome, objectKey } = entry;
  // One scan over every string field together: when none needs escaping (the common line), each goes
  // between quotes as it is; otherwise each field is escaped on its own.
  const q = NEEDS_JSON_ESCAPE.test(`${ts}${protocol}${source}${sourceKey}${query}${objectType}${outcome}${objectKey ?? ""}`) ? jsonString : plainString;
  let line = `{"ts":${q(ts)},"protocol":${q(protocol)},"source":${q(source)},"sourceKey":${q(sourceKey)},"query":${q(query)},"objectType":${q(objectType)},"outcome":${q(outcome)},"personalObjects":${jsonNumber(entry.personalObjects)},"decoy":${entry.decoy ? "true" : "false"},"bytes":${jsonNumber(entry.bytes)},"durationMs":${jsonNumber(entry.durationMs)}`;
  if (objectKey !== undefined) line += `,"objectKey":${q(objectKey)}`;
  if (entry.canaries !== undefined) line += `,"canaries":[${entry.canaries.map(jsonString).join(",")}]`;
  return `${line}}`;
}

export interface QueryLogSink {
  write(entry: QueryLogEntry): void;
  close(): Promise<void>;
}

/**
 * Lines are gathered and written in batches: one file write per line cost ~10% of a port-43 query. Each
 * line is encoded straight into the batch buffer: appending to one string and encoding it at flush
 * flattened a rope of thousands of pieces (~10% of an RDAP answer's CPU in a profile).
 */
const BATCH_BYTES = 64 * 1024;
const BATCH_MS = 100;
/** UTF-8 bytes one UTF-16 code unit can take (a surrogate pair's 4 bytes are 2 per unit). */
const MAX_BYTES_PER_UNIT = 3;

/** Appends one JSON line per query (NDJSON, docs/serve.md), in batches of up to 64 KiB or 100 ms; close() flushes. */
export class QueryLog implements QueryLogSink {
  private readonly stream: WriteStream;
  private failed: Error | undefined;
  private batch = Buffer.allocUnsafe(BATCH_BYTES);
  private used = 0;
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
    const line = `${queryLogLine(entry)}\n`;
    const worst = line.length * MAX_BYTES_PER_UNIT;
    if (this.used + worst > BATCH_BYTES) this.flush();
    if (worst > BATCH_BYTES) {
      this.stream.write(line);
      return;
    }
    this.used += this.batch.write(line, this.used);
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.used === 0) return;
    // The stream keeps the bytes until they are written: the next lines go to a new buffer.
    this.stream.write(this.batch.subarray(0, this.used));
    this.batch = Buffer.allocUnsafe(BATCH_BYTES);
    this.used = 0;
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
