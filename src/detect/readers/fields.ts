/**
 * Field helpers shared by the issue #13 readers: `key=value` pairs (FortiGate, auditd), DNS names as
 * servers write them, syslog program tags. Hand-written scanners: linear, capped, no regex on log text.
 */

import { type LineParser, LineResult } from "./common.js";
import { parseSyslogTime } from "./syslog-time.js";

/** Longest DNS name kept (RFC 1035: 255 octets). */
export const NAME_MAX = 255;

/**
 * `key=value key2="quoted value"` → Map (first occurrence of a key wins). Values in double quotes may
 * hold spaces and `\"`; unquoted values end at the separator (a space, or `sep`: FortiOS `set format csv`
 * joins the same pairs with commas). At most `maxPairs` pairs are read.
 */
export function parseKv(text: string, from = 0, maxPairs = 160, sep = 32): Map<string, string> {
  const out = new Map<string, string>();
  let i = from;
  const n = text.length;
  while (i < n && out.size < maxPairs) {
    while (i < n && text.charCodeAt(i) === sep) i++;
    const keyStart = i;
    while (i < n && text.charCodeAt(i) !== 61 && text.charCodeAt(i) !== sep) i++;
    if (i >= n || text.charCodeAt(i) !== 61) continue; // a bare word: skipped
    const key = text.slice(keyStart, i);
    i++;
    let value: string;
    if (text.charCodeAt(i) === 34) {
      let v = "";
      i++;
      let runStart = i;
      while (i < n && text.charCodeAt(i) !== 34) {
        if (text.charCodeAt(i) === 92 && text.charCodeAt(i + 1) === 34) {
          v += `${text.slice(runStart, i)}"`;
          i += 2;
          runStart = i;
        } else i++;
      }
      value = v + text.slice(runStart, i);
      i++; // the closing quote
    } else {
      const valueStart = i;
      while (i < n && text.charCodeAt(i) !== sep) i++;
      value = text.slice(valueStart, i);
    }
    if (key !== "" && !out.has(key)) out.set(key, value);
  }
  return out;
}

/** A queried name as a DNS server logs it: the root's trailing dot dropped, capped; undefined when empty. */
export function dnsName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let name = raw.length > NAME_MAX + 1 ? raw.slice(0, NAME_MAX + 1) : raw;
  if (name.endsWith(".") && name.length > 1) name = name.slice(0, -1);
  return name === "" || name === "." ? undefined : name;
}

/**
 * The index just after `tag:` or `tag[pid]:` (and the space after it) when a syslog program tag
 * `tag` appears in `line` within `within` chars; -1 otherwise.
 */
export function afterTag(line: string, tag: string, within = 160): number {
  const framed = after5424(line, tag);
  if (framed >= 0) return framed;
  let at = line.indexOf(tag);
  while (at >= 0 && at < within) {
    const before = at === 0 ? 32 : line.charCodeAt(at - 1);
    let i = at + tag.length;
    if (before === 32 || before === 62 /* > of <PRI> */) {
      if (line[i] === "[") {
        const close = line.indexOf("]", i);
        i = close > i && close - i < 24 ? close + 1 : -1;
      }
      if (i > 0 && line[i] === ":") return line[i + 1] === " " ? i + 2 : i + 1;
    }
    at = line.indexOf(tag, at + 1);
  }
  return -1;
}

/** Space-separated tokens of `text` (runs of spaces collapse), at most `max`. */
export function tokens(text: string, max: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n && out.length < max) {
    while (i < n && text.charCodeAt(i) === 32) i++;
    const s = i;
    while (i < n && text.charCodeAt(i) !== 32) i++;
    if (i > s) out.push(text.slice(s, i));
  }
  return out;
}

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/** A month name's first three letters (any case) → 0-11, or -1. */
export function monthIndex(name: string): number {
  const k = name.slice(0, 3).toLowerCase();
  return Object.hasOwn(MONTHS, k) ? (MONTHS[k] ?? -1) : -1;
}

/** "09:30:01" or "09:30:01.123" at `s[at]` → ms since midnight, or NaN. */
export function clockMs(s: string, at = 0): number {
  const h = Number(s.slice(at, at + 2)), m = Number(s.slice(at + 3, at + 5)), sec = Number(s.slice(at + 6, at + 8));
  if (s[at + 2] !== ":" || s[at + 5] !== ":" || !(h >= 0 && h < 24 && m >= 0 && m < 60 && sec >= 0 && sec <= 60)) return Number.NaN;
  let ms = 0;
  if (s[at + 8] === "." || s[at + 8] === ",") {
    const frac = s.slice(at + 9, at + 12);
    let digits = 0;
    while (digits < frac.length && frac.charCodeAt(digits) >= 48 && frac.charCodeAt(digits) <= 57) digits++;
    if (digits > 0) ms = Number(frac.slice(0, digits).padEnd(3, "0"));
  }
  return ((h * 60 + m) * 60 + sec) * 1000 + ms;
}

/** An IPv4 or IPv6 address literal (a cheap shape check, not a full validation). */
export function looksIp(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  let dots = 0, colons = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) dots++;
    else if (c === 58) colons++;
    else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return (dots === 3 && colons === 0) || colons >= 2;
}

/** A line handler given the line's text (at most `max` bytes of it, UTF-8) as well as its bytes. */
export type TextLine = (line: string, buf: Buffer, start: number, end: number, lineNo: number) => LineResult;

/** The LineParser of a text format: empty lines skipped, the text capped at `max` bytes, then `parse`. */
export function textLines(max: number, parse: TextLine, end?: () => void): LineParser {
  const parser: LineParser = {
    line(buf, start, stop, lineNo) {
      if (stop === start) return LineResult.Skipped;
      return parse(buf.toString("utf8", start, Math.min(stop, start + max)), buf, start, stop, lineNo);
    },
  };
  if (end !== undefined) parser.end = end;
  return parser;
}

/**
 * The header stamp of a syslog line: BSD (`Dec  6 09:30:01`) or RFC 3339, behind an optional `<PRI>` and RFC 5424
 * version `1 `; NaN when none. A stamp without an offset is the writer's local time: `local` (`--tz`) converts it.
 */
export function syslogTime(line: string, local?: (wallMs: number) => number): number {
  let s = line;
  if (s.charCodeAt(0) === 60) {
    const close = s.indexOf(">");
    if (close > 0 && close < 6) s = s.slice(close + 1);
  }
  if (s.startsWith("1 ")) s = s.slice(2);
  const t = parseSyslogTime(s);
  return local !== undefined && t.zoned !== true ? local(t.ts) : t.ts;
}

/**
 * RFC 5424 framing (`<PRI>1 TIMESTAMP HOST APP-NAME PROCID MSGID STRUCTURED-DATA MSG`, RFC 5424 section 6):
 * where MSG starts when APP-NAME is `app`, else -1. STRUCTURED-DATA is `-` or `[…]` elements (`\]` escaped).
 */
export function after5424(line: string, app: string): number {
  if (line.charCodeAt(0) !== 60) return -1;
  const close = line.indexOf(">");
  if (close < 2 || close > 4 || line[close + 1] !== "1" || line[close + 2] !== " ") return -1;
  let i = close + 3;
  const field = (): string | undefined => {
    const sp = line.indexOf(" ", i);
    if (sp < 0 || sp - i > 255) return undefined;
    const f = line.slice(i, sp);
    i = sp + 1;
    return f;
  };
  field(); field(); // timestamp, host
  if (field() !== app) return -1;
  if (field() === undefined || field() === undefined) return -1; // procid, msgid
  if (line[i] === "-") return line[i + 1] === " " ? i + 2 : i + 1;
  while (line[i] === "[") {
    let j = i + 1;
    while (j < line.length && line[j] !== "]") j += line[j] === "\\" ? 2 : 1;
    if (j >= line.length) return -1;
    i = j + 1;
  }
  return line[i] === " " ? i + 1 : i;
}

/**
 * The HOSTNAME of a syslog header that precedes a record (`text` = what comes before it): BSD
 * (`Mmm dd hh:mm:ss HOST tag:`, RFC 3164 section 4.1.2) or RFC 5424 / RFC 3339-stamped (`[<PRI>1 ]TIMESTAMP HOST …`).
 */
export function syslogHost(text: string): string | undefined {
  let s = text;
  if (s.charCodeAt(0) === 60) s = s.slice(s.indexOf(">") + 1);
  if (s.startsWith("1 ")) s = s.slice(2);
  const t = tokens(s, 5);
  const host = monthIndex(t[0] ?? "") >= 0 ? t[3] : /^\d{4}-\d{2}-\d{2}T/.test(t[0] ?? "") ? t[1] : undefined;
  return host !== undefined && host !== "-" && host.length <= 255 && !/[=:\[\]]/.test(host) ? host : undefined;
}
