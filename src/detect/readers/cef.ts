/**
 * ArcSight Common Event Format (Micro Focus / OpenText, "ArcSight Common Event Format (CEF) Implementation
 * Standard"), which many firewalls, proxies and web gateways can write instead of their native logs
 * (Check Point, Fortinet, Palo Alto Networks, Sophos, Zscaler NSS, Imperva…), behind an optional syslog header:
 * `CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension`, the
 * header's `|` and `\` escaped with `\`, the extension `key=value` pairs separated by spaces whose values may
 * hold spaces (a value runs up to the next ` key=`), `\=`, `\\`, `\n` and `\r` escaped.
 * Keys read (the standard's names): `src`, `dst`, `spt`, `dpt`, `proto`, `act` (else `outcome`) as the
 * connection's verdict, `rt` / `start` / `end` as its time, `request` (URL), `requestMethod`,
 * `requestClientApplication` (user agent) and `dhost`. A record with a `request` URL is an HTTP request; one
 * with `dst` and `dpt` a connection; others (a login, a malware verdict) are skipped.
 */
import type { DetectEvent, Evidence } from "../types.js";
import { type LineParser, LineResult, type ParseContext, int, lineEvidence, parseAnyTime, protoName } from "./common.js";
import { monthIndex, textLines } from "./fields.js";
import type { LocalClock } from "./zone.js";

const LINE_MAX = 16384;
/** Extension pairs read per record: CEF devices write at most a few dozen. */
const MAX_PAIRS = 200;

/** Where the CEF record starts in a line (after any syslog header), or -1. */
export function cefStart(line: string): number {
  const at = line.indexOf("CEF:");
  if (at < 0 || at > 300) return -1;
  const c = line.charCodeAt(at + 4);
  return c >= 48 && c <= 57 && line.indexOf("|", at) > 0 ? at : -1;
}

/**
 * The first `count` `|`-separated header fields (`\` escapes the next character) and where the rest starts;
 * undefined when the header is cut short. CEF has seven; LEEF (leef.ts) five or six.
 */
export function pipeHeader(line: string, from: number, count = 7): { fields: string[]; rest: number } | undefined {
  const fields: string[] = [];
  let cur = "";
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (c === "\\" && i + 1 < line.length) {
      cur += line[++i];
    } else if (c === "|") {
      fields.push(cur);
      cur = "";
      if (fields.length === count) return { fields, rest: i + 1 };
    } else {
      cur += c;
    }
  }
  return undefined;
}

const isKeyChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 91 || c === 93;

function unescapeValue(v: string): string {
  if (!v.includes("\\")) return v;
  let out = "";
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === "\\" && i + 1 < v.length) {
      const n = v[++i];
      out += n === "n" ? "\n" : n === "r" ? "\r" : n;
    } else out += c;
  }
  return out;
}

/** The extension's pairs: each unescaped `=` ends a key that starts after a space (or the extension's start). */
export function cefExtension(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  let key: string | undefined;
  let valueStart = 0;
  for (let i = 0; i < text.length && pairs.size < MAX_PAIRS; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      i++; // an escaped character is never a separator
      continue;
    }
    if (c !== 61) continue; // "="
    let k = i;
    while (k > 0 && isKeyChar(text.charCodeAt(k - 1))) k--;
    if (k === i || (k > 0 && text.charCodeAt(k - 1) !== 32)) continue; // an "=" inside a value
    if (key !== undefined) pairs.set(key, unescapeValue(text.slice(valueStart, Math.max(valueStart, k - 1)).trimEnd()));
    key = text.slice(k, i);
    valueStart = i + 1;
  }
  if (key !== undefined && pairs.size < MAX_PAIRS) pairs.set(key, unescapeValue(text.slice(valueStart).trimEnd()));
  return pairs;
}

/** An ISO 8601 text that states no offset (`2026-12-06T14:00:00`, `2026-12-06 14:00:00.123`): the writer's local time. */
function zonelessIso(value: string): boolean {
  return value.length >= 19 && value[4] === "-" && !/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value);
}

/**
 * `rt`/`start`/`end` (and LEEF's devTime): epoch ms, ISO 8601, or `MMM dd yyyy HH:mm:ss[.SSS] [zone]`. A time
 * written without a zone is the device's local time: `local` (`--tz`) converts it, else it is read as UTC.
 */
export function cefTime(value: string | undefined, local?: LocalClock): number {
  if (value === undefined || value === "") return Number.NaN;
  // CEF's own form first: Date.parse (in parseAnyTime) would read it in the process's zone, not the device's.
  const m = /^([A-Za-z]{3}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?( (?:UTC|GMT|Z))?$/.exec(value.length > 40 ? "" : value);
  const month = m === null ? -1 : monthIndex(m[1] ?? "");
  if (m === null || month < 0) {
    const asNumber = parseAnyTime(value);
    return local !== undefined && !Number.isNaN(asNumber) && zonelessIso(value) ? local(asNumber) : asNumber;
  }
  const wall = Date.UTC(Number(m[3]), month, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]), Number((m[7] ?? "0").padEnd(3, "0")));
  return local !== undefined && m[8] === undefined ? local(wall) : wall;
}

export interface FlatRecord {
  ts: number; src: string; dst?: string; dstPort?: number; srcPort?: number; proto?: string; verdict?: string;
  url?: string; host?: string; method?: string; userAgent?: string;
}

/** A record with a request URL is an HTTP request; one with a destination and its port a connection; others none. */
export function recordEvent(r: FlatRecord, format: "cef" | "leef", evidence: Evidence): DetectEvent | undefined {
  const { ts, src, dst, dstPort } = r;
  if (r.url !== undefined && r.url !== "") {
    let host = r.host === "" ? undefined : r.host;
    let path: string | undefined;
    try {
      const parsed = new URL(r.url);
      host ??= parsed.hostname;
      path = `${parsed.pathname}${parsed.search}`;
    } catch {
      path = r.url.startsWith("/") ? r.url : undefined;
    }
    return { kind: "http", ts, src, dst, dstPort, host, url: r.url, path, method: r.method, userAgent: r.userAgent, format, evidence };
  }
  if (dst === undefined || dst === "" || dstPort === undefined) return undefined;
  const verdict = r.verdict?.toLowerCase();
  return { kind: "conn", ts, src, dst, dstPort, srcPort: r.srcPort, proto: protoName(r.proto), state: verdict === "" ? undefined : verdict, format, evidence };
}

export function cefParser(ctx: ParseContext): LineParser {
  return textLines(LINE_MAX, (line, buf, start, end, lineNo) => {
    const at = cefStart(line);
    if (at < 0) return LineResult.Skipped;
    const head = pipeHeader(line, at);
    if (head === undefined) return LineResult.Malformed;
    const kv = cefExtension(line.slice(head.rest));
    const ts = cefTime(kv.get("rt") ?? kv.get("start") ?? kv.get("end"), ctx.local);
    const src = kv.get("src") ?? kv.get("shost");
    if (Number.isNaN(ts) || src === undefined || src === "") return LineResult.Malformed;
    const event = recordEvent({ ts, src, dst: kv.get("dst"), dstPort: int(kv.get("dpt")), srcPort: int(kv.get("spt")), proto: kv.get("proto"),
      verdict: kv.get("act") ?? kv.get("outcome"), url: kv.get("request"), host: kv.get("dhost"), method: kv.get("requestMethod"),
      userAgent: kv.get("requestClientApplication") }, "cef", lineEvidence(ctx.file, lineNo, buf, start, end));
    if (event === undefined) return LineResult.Skipped;
    ctx.emit(event);
    return LineResult.Event;
  });
}
