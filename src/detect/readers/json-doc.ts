/**
 * JSON documents that are not one event per line: what SIEM and EDR consoles download.
 * - a JSON array of events (Kibana "Download as JSON", Microsoft Sentinel and Defender XDR portal
 *   exports, `jq -s`), pretty-printed or on one line;
 * - an API answer that wraps the events in a key (WRAPPER_KEYS below: Defender's `Results`, the
 *   CloudWatch Logs `logEvents` and `aws logs filter-log-events` `events`, Elasticsearch `hits.hits`);
 * - pretty-printed objects one after another (`jq .` output) or concatenated with no separator
 *   (Kinesis Data Firehose deliveries to S3).
 * Each record's bytes are handed to the format's LineParser as if they were one NDJSON line, so every
 * JSON reader reads these files unchanged. The scanner tracks strings and nesting only (it does not
 * parse values: the reader's JSON.parse does that), is linear, holds at most one record (capped at
 * maxLineBytes: longer records are counted as malformed) and never recurses.
 * Hand-written: no streaming JSON parser is among the project's dependencies, and this needs 1/10th
 * of one (it never builds values).
 */
import type { ReadStats } from "../types.js";
import type { LineParser } from "./common.js";
import { countMalformed, parseCounted } from "./lines.js";

/**
 * Keys whose array value holds the events, with where each comes from. Matched only outside a record,
 * at any depth of the wrapper (Elasticsearch nests `hits` in `hits`).
 */
export const WRAPPER_KEYS: Readonly<Record<string, string>> = {
  Results: "Defender XDR API, POST /api/advancedqueries/run (learn.microsoft.com, run-advanced-query-api)",
  results: "Microsoft Graph security API runHuntingQuery (learn.microsoft.com, security-runhuntingquery)",
  logEvents: "CloudWatch Logs subscription payload and GetLogEvents (docs.aws.amazon.com, CWL_ReadLogs / SubscriptionFilters)",
  events: "`aws logs filter-log-events` output (AWS CLI reference) and Sentinel/Splunk REST exports",
  hits: "Elasticsearch search API and elasticdump: hits.hits[]._source (elastic.co, search-search)",
  Records: "CloudTrail log files as delivered to S3 (docs.aws.amazon.com, cloudtrail-log-file-examples)",
  value: "OData answers (Log Analytics query API, Microsoft Graph): value[]",
};

const MAX_DEPTH = 64;

/** True when the head is not NDJSON: a JSON array, or an object that does not end on its first line. */
export function isJsonDocument(head: Buffer): boolean {
  let i = 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09 || head[i] === 0xef || head[i] === 0xbb || head[i] === 0xbf)) i++;
  if (head[i] === 0x5b) {
    // `[{` or `[]` (white space between): an array of records; `[1796549086] unbound…` is a text log.
    let j = i + 1;
    while (j < head.length && (head[j] === 0x20 || head[j] === 0x0a || head[j] === 0x0d || head[j] === 0x09)) j++;
    return head[j] === 0x7b || head[j] === 0x5d;
  }
  if (head[i] !== 0x7b) return false;
  const nl = head.indexOf(10, i);
  const first = head.toString("utf8", i, nl < 0 ? head.length : nl).trimEnd();
  const wrapperKey = (text: string) => Object.keys(WRAPPER_KEYS).some((k) => text.includes(`"${k}":[`) || text.includes(`"${k}": [`));
  let parsed: unknown;
  try {
    parsed = JSON.parse(first);
  } catch {
    // One line longer than the head: a wrapper on one line (an API answer) names its key early; else NDJSON.
    if (nl < 0 && head.length >= 4096) return wrapperKey(first.slice(0, 64 * 1024));
    // NDJSON whose first line is broken (cut off, hand-edited): the next line starts another object.
    let j = nl + 1;
    while (nl >= 0 && j < head.length && (head[j] === 0x20 || head[j] === 0x0a || head[j] === 0x0d || head[j] === 0x09)) j++;
    if (nl >= 0 && head[j] === 0x7b) return false;
    return true; // a pretty-printed object (or a wrapper) over several lines, or objects back to back
  }
  // One line holding a complete object: NDJSON, unless its own top-level key holds the events.
  const holds = (o: unknown, k: string) => o !== null && typeof o === "object" && Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined;
  return Object.keys(WRAPPER_KEYS).some((k) => Array.isArray(holds(parsed, k))) || Array.isArray(holds(holds(parsed, "hits"), "hits"));
}

const enum Frame {
  Object = 0,
  Array = 1,
}

/** Splits a JSON document stream into records for a LineParser (see the file comment). */
export class JsonDocSplitter {
  /** Frames outside the current record: kind, and for arrays whether their elements are records. */
  private readonly stack: { frame: Frame; records: boolean }[] = [];
  private inString = false;
  private escape = false;
  /** Inside a record: its depth (1 = the record's own braces), its bytes so far. */
  private depth = 0;
  private parts: Buffer[] = [];
  private size = 0;
  private overlong = false;
  /** A top-level object that may yet turn out to be a wrapper (then its capture is dropped). */
  private tentative = false;
  /** The last string closed outside a record (a candidate key) and whether a ':' followed it. */
  private lastString = "";
  private stringStart = -1;
  private stringParts: Buffer[] = [];
  private stringBytes = 0;
  private keyPending = false;
  private recordNo = 0;
  private garbage = false;

  constructor(private readonly parser: LineParser, private readonly stats: ReadStats, private readonly maxBytes: number) {}

  private deliver(buf: Buffer): void {
    parseCounted(this.parser, this.stats, buf, 0, buf.length, ++this.recordNo);
  }

  private malformed(): void {
    this.recordNo++;
    countMalformed(this.stats);
  }

  private startRecord(): void {
    this.depth = 1;
    this.parts = [];
    this.size = 0;
    this.overlong = false;
  }

  private keep(chunk: Buffer, from: number, to: number): void {
    if (this.overlong || to <= from) return;
    this.size += to - from;
    if (this.size > this.maxBytes) {
      this.overlong = true;
      this.parts = [];
      return;
    }
    this.parts.push(Buffer.from(chunk.subarray(from, to)));
  }

  private finishRecord(): void {
    this.depth = 0;
    this.tentative = false;
    if (this.overlong) this.malformed();
    else this.deliver(Buffer.concat(this.parts));
    this.parts = [];
  }

  /** Inside the tentative top-level object a wrapper key appeared: it is no record, scan it as a wrapper. */
  private dropTentative(): void {
    this.tentative = false;
    this.depth = 0;
    this.parts = [];
    this.stack.push({ frame: Frame.Object, records: false });
  }

  push(chunk: Buffer): void {
    let mark = this.depth > 0 ? 0 : -1; // where the record's bytes in this chunk start
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 0x5c) this.escape = true;
        else if (c === 0x22) {
          this.inString = false;
          if (this.depth === 0 || (this.tentative && this.depth === 1)) this.closeKey(chunk, i);
        }
        continue;
      }
      if (c === 0x22) {
        this.inString = true;
        if (this.depth === 0 || (this.tentative && this.depth === 1)) {
          this.stringStart = i + 1;
          this.stringParts = [];
          this.stringBytes = 0;
        }
        continue;
      }
      if (this.depth > 0) {
        if (c === 0x7b || c === 0x5b) {
          if (this.tentative && this.depth === 1 && this.keyPending && c === 0x5b && this.isWrapper()) {
            // `{"logEvents": [` : the top-level object is a wrapper, its array holds the records.
            this.dropTentative();
            this.stack.push({ frame: Frame.Array, records: true });
            this.keyPending = false;
            mark = -1;
            continue;
          }
          if (this.tentative && this.depth === 1 && this.keyPending && c === 0x7b && this.lastString === "hits") {
            this.dropTentative();
            this.stack.push({ frame: Frame.Object, records: false });
            this.keyPending = false;
            mark = -1;
            continue;
          }
          this.keyPending = false;
          if (++this.depth > MAX_DEPTH + 1) this.overlong = true;
        } else if (c === 0x7d || c === 0x5d) {
          if (--this.depth === 0) {
            if (mark >= 0) this.keep(chunk, mark, i + 1);
            mark = -1;
            this.finishRecord();
          }
        } else if (c === 0x3a) this.keyPending = this.tentative && this.depth === 1;
        else if (c === 0x2c) this.keyPending = false;
        continue;
      }
      // Outside a record: the wrapper's structure.
      const top = this.stack[this.stack.length - 1];
      if (c === 0x7b) {
        if (top === undefined || top.records) {
          this.startRecord();
          this.tentative = top === undefined; // a top-level object: a record, unless a wrapper key shows up
          mark = i;
        } else if (this.keyPending && this.lastString === "hits") {
          this.stack.push({ frame: Frame.Object, records: false });
        } else {
          this.skipValue(Frame.Object);
        }
        this.keyPending = false;
      } else if (c === 0x5b) {
        const records = top === undefined || (this.keyPending && this.isWrapper());
        if (this.stack.length >= MAX_DEPTH) this.garbage = true;
        else this.stack.push({ frame: Frame.Array, records });
        this.keyPending = false;
      } else if (c === 0x7d || c === 0x5d) {
        this.stack.pop();
        this.keyPending = false;
      } else if (c === 0x3a) this.keyPending = true;
      else if (c === 0x2c) this.keyPending = false;
      else if (c > 0x20 && top === undefined) this.garbage = true; // text between top-level values
    }
    if (this.depth > 0 && mark >= 0) this.keep(chunk, mark, chunk.length);
    if (this.inString && this.stringStart >= 0 && (this.depth === 0 || (this.tentative && this.depth === 1))) {
      // Only short strings can be wrapper keys: keep at most 64 bytes of one across chunks.
      const part = chunk.subarray(this.stringStart);
      this.stringBytes += part.length;
      if (this.stringBytes <= 64) this.stringParts.push(Buffer.from(part));
      this.stringStart = 0;
    }
  }

  /** Nested values outside records that are not wrappers (searchedLogStreams, Schema, took…): scanned as a non-record frame. */
  private skipValue(frame: Frame): void {
    if (this.stack.length >= MAX_DEPTH) this.garbage = true;
    else this.stack.push({ frame, records: false });
  }

  private closeKey(chunk: Buffer, end: number): void {
    const tail = chunk.subarray(Math.max(0, this.stringStart), end);
    const bytes = this.stringParts.length ? Buffer.concat([...this.stringParts, tail]) : tail;
    this.lastString = bytes.length <= 32 && this.stringBytes + tail.length <= 32 ? bytes.toString("utf8") : "";
    this.stringParts = [];
    this.stringStart = -1;
  }

  private isWrapper(): boolean {
    return Object.hasOwn(WRAPPER_KEYS, this.lastString);
  }

  end(truncated = false): void {
    if (this.depth > 0) this.malformed(); // a record cut off
    else if (this.garbage && this.stats.lines === 0) this.malformed();
    void truncated;
    this.parser.end?.();
  }
}
