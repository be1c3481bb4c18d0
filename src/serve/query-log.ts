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

/** How a field is written: a JSON string, number, boolean or array of strings. */
type Encoding<T> = T extends string ? "string" : T extends number ? "number" : T extends boolean ? "boolean" : T extends readonly string[] ? "strings" : never;

/**
 * Every field of a query-log line, in the order the responder builds the entry (the optional ones
 * last). The mapped type makes it complete: a field added to QueryLogEntry and not written here, or
 * written with the wrong encoding, fails the type check (and test/serve/hot-path.test.ts, at run time).
 */
export const LOG_FIELDS: { readonly [K in keyof QueryLogEntry]-?: Encoding<NonNullable<QueryLogEntry[K]>> } = Object.freeze({
  ts: "string",
  protocol: "string",
  source: "string",
  sourceKey: "string",
  query: "string",
  objectType: "string",
  outcome: "string",
  personalObjects: "number",
  decoy: "boolean",
  bytes: "number",
  durationMs: "number",
  objectKey: "string",
  canaries: "strings",
});

type Value = string | number | boolean | readonly string[];
type Column = { key: keyof QueryLogEntry; prefix: string; encoding: "string" | "number" | "boolean" | "strings" };
/** The table as the writer walks it: each field's `"name":` with the comma before it (ts, required, opens the object). */
const COLUMNS: readonly Column[] = (Object.keys(LOG_FIELDS) as (keyof QueryLogEntry)[]).map((key, i) => ({ key, prefix: `${i === 0 ? "{" : ","}${JSON.stringify(key)}:`, encoding: LOG_FIELDS[key] }));
const STRING_KEYS = COLUMNS.filter((column) => column.encoding === "string").map((column) => column.key);

/**
 * One query-log line: the bytes JSON.stringify(entry) gives for an entry the responder builds (same
 * fields, same order, same escaping; test/serve/hot-path.test.ts checks it on hostile strings), from
 * the field table instead of a walk over the object's keys, which cost ~2 µs per query.
 */
export function queryLogLine(entry: QueryLogEntry): string {
  const fields = entry as unknown as Record<keyof QueryLogEntry, Value | undefined>;
  // One scan over every string field together: when none needs escaping (the common line), each goes
  // between quotes as it is; otherwise each field is escaped on its own.
  let strings = "";
  for (const key of STRING_KEYS) strings += fields[key] ?? "";
  const q = NEEDS_JSON_ESCAPE.test(strings) ? jsonString : plainString;
  let line = "";
  for (const column of COLUMNS) {
    const value = fields[column.key];
    if (value === undefined) continue;
    line += column.prefix;
    switch (column.encoding) {
      case "string":
        line += q(value as string);
        break;
      case "number":
        line += jsonNumber(value as number);
        break;
      case "boolean":
        line += value ? "true" : "false";
        break;
      case "strings":
        line += `[${(value as readonly string[]).map(jsonString).join(",")}]`;
        break;
    }
  }
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
