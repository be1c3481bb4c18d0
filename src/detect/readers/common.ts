/** Shared pieces of the line readers: the parse context, evidence text, timestamps, safe JSON access. */
import type { DetectEvent, Evidence, LogFormat, ReadStats } from "../types.js";

/** What a line parser reports for one line. */
export const enum LineResult {
  Event = 0,
  Skipped = 1,
  Malformed = 2,
}

/** Wraps an exception thrown by the caller's sink so that readers do not count it as a malformed line. */
export class SinkFailure {
  constructor(readonly cause: unknown) {}
}

export interface ParseContext {
  file: string;
  stats: ReadStats;
  emit: (event: DetectEvent) => void;
  columnMap?: Record<string, string>;
  /** Local wall-clock times written without an offset → UTC (`--tz`, readers/zone.ts); absent: read as UTC. */
  local?: (wallMs: number) => number;
}

/** A line parser: `buf[start, end)` is one line without its newline; `lineNo` is 1-based. */
export interface LineParser {
  line(buf: Buffer, start: number, end: number, lineNo: number): LineResult;
  /** End of input: formats that join several lines into one event (auditd) deliver what they still hold. */
  end?(): void;
  /** XML records (xml-events.ts): the namespace bindings declared around the records that follow (a wrapper's), by prefix. */
  namespaces?(bindings: ReadonlyMap<string, string>): void;
}

export type LineParserFactory = (ctx: ParseContext, format: LogFormat) => LineParser;

export const EVIDENCE_MAX = 512;

/** Control characters, DEL, C1 and bidi overrides; one char class, linear. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const SCRATCH = Buffer.alloc(EVIDENCE_MAX);

/** Strips control characters (tab and newline become a space) and caps at `max` chars. */
export function cleanText(text: string, max = EVIDENCE_MAX): string {
  const capped = text.length > max * 2 ? text.slice(0, max * 2) : text;
  CONTROL.lastIndex = 0;
  const cleaned = CONTROL.test(capped) ? capped.replace(CONTROL, (c) => (c === "\t" || c === "\n" ? " " : "")) : capped;
  CONTROL.lastIndex = 0;
  return cleaned.length > max ? cleaned.slice(0, max) : cleaned;
}

/** The evidence text of `buf[start, end)`: decoded as UTF-8, sanitized, at most 512 chars. */
export function evidenceText(buf: Buffer, start: number, end: number): string {
  const stop = Math.min(end, start + EVIDENCE_MAX);
  // Fast path (most log lines): printable ASCII and tabs only. One byte loop copies the line into a
  // scratch buffer with tabs turned into spaces; anything else takes the general (UTF-8, regex) path.
  let plain = true;
  for (let i = start, j = 0; i < stop; i++, j++) {
    const c = buf[i] ?? 0;
    if (c === 9) SCRATCH[j] = 32;
    else if (c >= 0x20 && c < 0x7f) SCRATCH[j] = c;
    else {
      plain = false;
      break;
    }
  }
  if (plain) return SCRATCH.toString("latin1", 0, stop - start);
  return cleanText(buf.toString("utf8", start, Math.min(end, start + EVIDENCE_MAX * 4)));
}

/**
 * A line's evidence, rendered on first use: few events end in an alert, so the text is built only
 * when something reads `text` (then cached and the line's bytes let go). Input chunks are never
 * written after they are read (source.ts allocates each one; gunzip hands out fresh slices), so the
 * bytes still hold the line. The engine keeps only plain copies (`keepEvidence`), so a retained
 * evidence never pins a 64 KB read chunk.
 */
export class LineEvidence implements Evidence {
  #buf: Buffer | undefined;
  #start: number;
  #end: number;
  #text: string | undefined;

  constructor(readonly file: string, readonly line: number, buf: Buffer, start: number, end: number) {
    this.#buf = buf;
    this.#start = start;
    this.#end = end;
  }

  get text(): string {
    if (this.#text === undefined) {
      this.#text = evidenceText(this.#buf!, this.#start, this.#end);
      this.#buf = undefined;
    }
    return this.#text;
  }

  /** Serializes like the plain object it stands for. */
  toJSON(): Evidence {
    return { file: this.file, line: this.line, text: this.text };
  }
}

/** Evidence for a line (lazy: see LineEvidence). */
export function lineEvidence(file: string, lineNo: number, buf: Buffer, start: number, end: number): Evidence {
  return new LineEvidence(file, lineNo, buf, start, end);
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * ISO 8601 / RFC 3339 and the "YYYY-MM-DD hh:mm:ss.fff" Sysmon form → epoch ms (NaN when invalid).
 * Accepts `Z`, `+hh:mm`, `+hhmm` or no zone (UTC). Hand-written: no regex on attacker text.
 */
export function parseIsoMs(s: string): number {
  if (s.length < 19 || s.length > 64) return Number.NaN;
  const y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
  const h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
  const sep = s.charCodeAt(10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return Number.NaN;
  if (s[4] !== "-" || s[7] !== "-" || (sep !== 84 && sep !== 32 && sep !== 116) || s[13] !== ":" || s[16] !== ":") return Number.NaN;
  let i = 19;
  let frac = 0;
  if (s[i] === "." || s[i] === ",") {
    i++;
    let scale = 100;
    while (i < s.length) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      frac += c * scale;
      scale /= 10;
      i++;
    }
  }
  let offsetMin = 0;
  if (i < s.length) {
    const z = s[i];
    if (z === "Z" || z === "z") i++;
    else if (z === "+" || z === "-") {
      const oh = digits(s, i + 1, 2);
      const om = s[i + 3] === ":" ? digits(s, i + 4, 2) : digits(s, i + 3, 2);
      if (oh < 0 || om < 0) return Number.NaN;
      offsetMin = (oh * 60 + om) * (z === "+" ? 1 : -1);
    } else if (z !== " ") return Number.NaN;
  }
  return Date.UTC(y, mo - 1, d, h, mi, se) - offsetMin * 60_000 + Math.round(frac);
}

/** Epoch seconds ("1700000000.123456") → ms; NaN when not a plain decimal number. */
export function parseEpochSecondsMs(s: string): number {
  if (s.length === 0 || s.length > 32) return Number.NaN;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : Number.NaN;
}

/** A number of epoch seconds, milliseconds or microseconds (told apart by size) → ms. */
function epochNumberMs(v: number): number {
  if (!Number.isFinite(v) || v < 0) return Number.NaN;
  if (v > 1e14) return Math.round(v / 1000);
  return Math.round(v > 1e11 ? v : v * 1000);
}

/** Anything a log writes as a time: epoch seconds, ms or µs (number or string), ISO text, RFC 2822 text. */
export function parseAnyTime(value: unknown): number {
  if (typeof value === "number") return epochNumberMs(value);
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return Number.NaN;
  if (value.length >= 19 && value[4] === "-") return parseIsoMs(value);
  const c = value.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const n = Number(value);
    if (!Number.isNaN(n)) return epochNumberMs(n);
  }
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : Number.NaN;
}

export type JsonObject = Record<string, unknown>;

/** An own property of a parsed JSON object (never the prototype chain). */
export function prop(o: unknown, key: string): unknown {
  if (o === null || typeof o !== "object" || Array.isArray(o)) return undefined;
  return Object.prototype.hasOwnProperty.call(o, key) ? (o as JsonObject)[key] : undefined;
}

/** Follows own properties along a dotted path of separate keys: path(o, "dns", "rrname"). */
export function path(o: unknown, ...keys: string[]): unknown {
  let cur = o;
  for (const k of keys) {
    cur = prop(cur, k);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** A short string from a JSON value (numbers are stringified), capped; undefined for empty/"-". */
export function str(v: unknown, max = 1024): string | undefined {
  if (typeof v === "string") {
    if (v.length === 0 || v === "-") return undefined;
    return v.length > max ? v.slice(0, max) : v;
  }
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A port or other small integer from a JSON value or string. */
export function int(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && v.length > 0 && v.length < 16 ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** JSON.parse that returns undefined instead of throwing (deep nesting, bad syntax). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function protoName(p: string | undefined): "tcp" | "udp" | "icmp" | "other" {
  if (p === undefined) return "other";
  const l = p.toLowerCase();
  if (l === "tcp" || l === "6") return "tcp";
  if (l === "udp" || l === "17") return "udp";
  if (l === "icmp" || l === "1" || l === "icmpv6" || l === "ipv6-icmp" || l === "58") return "icmp";
  return "other";
}
