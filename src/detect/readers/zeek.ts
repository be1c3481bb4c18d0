/** Zeek logs: tab-separated with `#separator`/`#fields` headers, and JSON lines. */
import type { Evidence, LogFormat } from "../types.js";
import { type LineParser, LineResult, type ParseContext, int, lineEvidence, parseAnyTime, parseEpochSecondsMs, parseIsoMs, parseJson, str } from "./common.js";
import { type Fields, type Get, type ZeekKind, ZEEK_FIELDS, kindByFields, kindByFormat, kindByPath } from "./zeek-kinds.js";

const MAX_COLUMNS = 512;
/** Fields that may hold non-ASCII text (decoded as UTF-8); the others are addresses, ports, enums. */
const TEXT_FIELDS = new Set(["query", "host", "uri", "user_agent", "server_name"]);

/** Zeek escapes the separator and non-printables as \xHH. */
function unescapeZeek(s: string): string {
  if (!s.includes("\\x")) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && s[i + 1] === "x" && i + 3 < s.length) {
      const code = Number.parseInt(s.slice(i + 2, i + 4), 16);
      if (Number.isInteger(code)) {
        out += String.fromCharCode(code);
        i += 3;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

/** "1700000000.123456" straight from the bytes (no string): epoch ms, NaN when not a plain decimal. */
function epochMsFromBytes(buf: Buffer, s: number, e: number): number {
  if (e <= s || e - s > 24) return Number.NaN;
  let sec = 0;
  let i = s;
  for (; i < e; i++) {
    const c = (buf[i] ?? 0) - 48;
    if (c < 0 || c > 9) break;
    sec = sec * 10 + c;
  }
  if (i === s) return Number.NaN;
  let ms = 0;
  if (i < e) {
    if (buf[i] !== 46) return parseEpochSecondsMs(buf.toString("latin1", s, e));
    let scale = 100;
    for (i++; i < e; i++) {
      const c = (buf[i] ?? 0) - 48;
      if (c < 0 || c > 9) return Number.NaN;
      ms += c * scale;
      scale /= 10;
    }
  }
  return sec * 1000 + Math.round(ms);
}

/**
 * A TSV `ts`: Zeek writes epoch seconds; `zeek-cut -c -d` (or `-u`, `-D FMT`) keeps the header and writes
 * it as ISO 8601 text (`2026-12-07T10:00:00+0000`, its default `%Y-%m-%dT%H:%M:%S%z`). The text is
 * read only when the bytes are not a plain epoch number.
 */
function tsvTime(buf: Buffer, s: number, e: number): number {
  const epoch = epochMsFromBytes(buf, s, e);
  return Number.isNaN(epoch) && e - s >= 19 && buf[s + 4] === 45 ? parseIsoMs(buf.toString("latin1", s, e)) : epoch;
}

export function zeekTsvParser(ctx: ParseContext, format: LogFormat): LineParser {
  let sep = 9;
  let kind: ZeekKind | undefined = kindByFormat(format);
  let pathName: string | undefined;
  let index = new Map<string, number>();
  let maxCol = -1;
  const starts = new Int32Array(MAX_COLUMNS);
  const ends = new Int32Array(MAX_COLUMNS);
  /** Per column: 1 when it holds text to decode as UTF-8 (TEXT_FIELDS), else 0 (latin1). */
  let utf8 = new Uint8Array(0);
  let cur: Buffer = Buffer.alloc(0);
  let cols = 0;
  /** The current line has a backslash somewhere in the columns read: values may hold \xHH escapes. */
  let escaped = false;

  const get: Get = (field) => {
    const i = index.get(field);
    if (i === undefined || i >= cols) return undefined;
    const s = starts[i] ?? 0, e = ends[i] ?? 0;
    if (e - s === 1 && cur[s] === 45) return undefined; // "-"
    const v = cur.toString(utf8[i] === 1 ? "utf8" : "latin1", s, e);
    if (v === "(empty)" || v.length === 0) return undefined;
    return escaped ? unescapeZeek(v) : v;
  };
  // Ports and byte counts straight from the bytes when they are plain digits (the usual case: no
  // string per field); anything else (escapes, "-", odd text) goes through get() and int() as before.
  const fields: Fields = {
    get,
    int(field) {
      const i = index.get(field);
      if (i === undefined || i >= cols) return undefined;
      const s = starts[i] ?? 0, e = ends[i] ?? 0;
      if (e <= s || e - s > 15) return int(get(field));
      let n = 0;
      for (let j = s; j < e; j++) {
        const c = (cur[j] ?? 0) - 48;
        if (c < 0 || c > 9) return int(get(field));
        n = n * 10 + c;
      }
      return n;
    },
  };

  function header(text: string): void {
    const sp = text.indexOf(text.startsWith("#separator") ? " " : String.fromCharCode(sep));
    const key = sp < 0 ? text : text.slice(0, sp);
    const value = sp < 0 ? "" : text.slice(sp + 1);
    if (key === "#separator") {
      const v = unescapeZeek(value.trim());
      sep = v.length === 1 ? v.charCodeAt(0) : 9;
    } else if (key === "#path") {
      pathName = value.split(String.fromCharCode(sep))[0];
    } else if (key === "#fields") {
      const names = value.split(String.fromCharCode(sep)).slice(0, MAX_COLUMNS);
      index = new Map();
      maxCol = -1;
      utf8 = new Uint8Array(names.length);
      names.forEach((n, i) => {
        if (ZEEK_FIELDS.includes(n) && !index.has(n)) {
          index.set(n, i);
          utf8[i] = TEXT_FIELDS.has(n) ? 1 : 0;
          maxCol = Math.max(maxCol, i);
        }
      });
      const byPath = pathName === undefined ? undefined : kindByPath(pathName);
      kind = byPath ?? kindByFields((f) => names.includes(f)) ?? kind;
    }
  }

  return {
    line(buf, start, end, lineNo) {
      if (end === start) return LineResult.Skipped;
      if (buf[start] === 35) { // '#'
        header(buf.toString("utf8", start, Math.min(end, start + 65536)));
        return LineResult.Skipped;
      }
      if (kind === undefined || maxCol < 0) return LineResult.Malformed;
      cols = 0;
      escaped = false;
      let s = start;
      for (let i = start; i <= end && cols <= maxCol; i++) {
        const c = i === end ? sep : buf[i];
        if (c === sep) {
          starts[cols] = s;
          ends[cols] = i;
          cols++;
          s = i + 1;
        } else if (c === 92) escaped = true; // '\'
      }
      if (cols <= maxCol) return LineResult.Malformed;
      cur = buf;
      const tsCol = index.get("ts");
      const ts = tsCol === undefined ? Number.NaN : tsvTime(buf, starts[tsCol] ?? 0, ends[tsCol] ?? 0);
      if (Number.isNaN(ts)) return LineResult.Malformed;
      return emitBuilt(ctx, kind, fields, ts, lineEvidence(ctx.file, lineNo, buf, start, end));
    },
  };
}

export function zeekJsonParser(ctx: ParseContext, format: LogFormat): LineParser {
  const fileKind = kindByFormat(format);
  return {
    line(buf, start, end, lineNo) {
      if (end === start) return LineResult.Skipped;
      const obj = parseJson(buf.toString("utf8", start, end));
      if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return LineResult.Malformed;
      const has = (f: string) => Object.prototype.hasOwnProperty.call(obj, f);
      const get: Get = (f) => (has(f) ? str((obj as Record<string, unknown>)[f]) : undefined);
      const p = get("_path");
      // A `_path` we do not read (files, x509, notice… in a mixed stream) is skipped, not guessed.
      const kind = p !== undefined ? kindByPath(p) : (fileKind ?? kindByFields(has));
      if (kind === undefined) return LineResult.Skipped;
      const ts = parseAnyTime(has("ts") ? (obj as Record<string, unknown>).ts : undefined);
      if (Number.isNaN(ts)) return LineResult.Malformed;
      return emitBuilt(ctx, kind, { get, int: (f) => int(get(f)) }, ts, lineEvidence(ctx.file, lineNo, buf, start, end));
    },
  };
}

/** Both layouts end alike: build the event from the line's fields, skip what the kind ignores, emit. */
function emitBuilt(ctx: ParseContext, kind: ZeekKind, fields: Fields, ts: number, evidence: Evidence): LineResult {
  const event = kind.build(fields, ts, evidence);
  if (event === undefined) return LineResult.Skipped;
  if (event.src === "") return LineResult.Malformed;
  ctx.emit(event);
  return LineResult.Event;
}
