/**
 * IBM QRadar Log Event Extended Format (IBM, "QRadar DSM Guide: Log Event Extended Format (LEEF)", sections
 * "LEEF event components" and "Predefined LEEF event attributes"), which firewalls, proxies and web gateways
 * write for QRadar (Zscaler NSS, Palo Alto Networks, Check Point, Lancope/Stealthwatch, Trend Micro…), behind an
 * optional RFC 3164 or RFC 5424 syslog header:
 * - `LEEF:1.0|Vendor|Product|Version|EventID|key=value<TAB>key=value…` (the attributes tab-separated);
 * - `LEEF:2.0|Vendor|Product|Version|EventID|Delimiter|key=value<D>key=value…` where Delimiter is one
 *   character or its hex code (`x5E`, `0x09`, 1-4 hex digits), tab when empty.
 * Attributes read (the guide's predefined keys): `src`, `dst`, `srcPort`, `dstPort`, `proto`, `devTime` (with
 * `devTimeFormat`; epoch ms, ISO 8601 or `MMM dd yyyy HH:mm:ss`), `url`; beside them the keys vendors add:
 * `action`/`act` as the verdict, `method`/`requestMethod`, `userAgent`, `dhost`/`host`. CEF's `spt`/`dpt` too.
 * A LEEF 1.0 record without a tab (a relay turned tabs into spaces) is split like a CEF extension. No
 * devTime: the syslog header's time. Same scope as cef.ts: a record with a URL is an HTTP request, one with
 * dst and dstPort a connection; others (logins, malware verdicts) are skipped.
 */
import { type LineParser, LineResult, type ParseContext, int, lineEvidence } from "./common.js";
import { cefExtension, cefTime, pipeHeader, recordEvent } from "./cef.js";
import { syslogTime, textLines } from "./fields.js";

const LINE_MAX = 16384;
/** Attributes read per record. */
const MAX_PAIRS = 200;

/** Where the LEEF record starts in a line (after any syslog header), or -1. */
export function leefStart(line: string): number {
  const at = line.indexOf("LEEF:");
  if (at < 0 || at > 300) return -1;
  return (line.startsWith("1.0|", at + 5) || line.startsWith("2.0|", at + 5) || line.startsWith("1|", at + 5) || line.startsWith("2|", at + 5)) ? at : -1;
}

/** LEEF 2.0's delimiter field: one character, or `x`/`0x` and 1-4 hex digits; empty → tab. */
export function leefDelimiter(field: string): string | undefined {
  if (field === "") return "\t";
  if (field.length === 1) return field;
  const hex = /^0?[xX]([0-9A-Fa-f]{1,4})$/.exec(field);
  return hex === null ? undefined : String.fromCharCode(Number.parseInt(hex[1] ?? "9", 16));
}

function attributes(text: string, delimiter: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const piece of text.split(delimiter, MAX_PAIRS)) {
    const eq = piece.indexOf("=");
    if (eq <= 0) continue;
    const key = piece.slice(0, eq).trim();
    if (!out.has(key)) out.set(key, piece.slice(eq + 1).trim());
  }
  return out;
}

export function leefParser(ctx: ParseContext): LineParser {
  return textLines(LINE_MAX, (line, buf, start, end, lineNo) => {
    const at = leefStart(line);
    if (at < 0) return LineResult.Skipped;
    const v2 = line[at + 5] === "2";
    const head = pipeHeader(line, at, v2 ? 6 : 5);
    if (head === undefined) return LineResult.Malformed;
    const rest = line.slice(head.rest);
    const delimiter = v2 ? leefDelimiter(head.fields[5] ?? "") : "\t";
    if (delimiter === undefined) return LineResult.Malformed;
    const kv = delimiter === "\t" && !rest.includes("\t") ? cefExtension(rest) : attributes(rest, delimiter);
    // devTime in the common devTimeFormat patterns; one without a zone is the device's local time (`--tz`).
    let ts = cefTime(kv.get("devTime"), ctx.local);
    if (Number.isNaN(ts)) ts = syslogTime(line.slice(0, at), ctx.local);
    const src = kv.get("src");
    if (Number.isNaN(ts) || src === undefined || src === "") return LineResult.Malformed;
    const event = recordEvent({ ts, src, dst: kv.get("dst"), dstPort: int(kv.get("dstPort") ?? kv.get("dpt")), srcPort: int(kv.get("srcPort") ?? kv.get("spt")),
      proto: kv.get("proto"), verdict: kv.get("action") ?? kv.get("act"), url: kv.get("url") ?? kv.get("request"), host: kv.get("dhost") ?? kv.get("host"),
      method: kv.get("method") ?? kv.get("requestMethod"), userAgent: kv.get("userAgent") ?? kv.get("requestClientApplication") }, "leef", lineEvidence(ctx.file, lineNo, buf, start, end));
    if (event === undefined) return LineResult.Skipped;
    ctx.emit(event);
    return LineResult.Event;
  });
}
