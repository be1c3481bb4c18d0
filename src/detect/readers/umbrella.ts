/**
 * Cisco Umbrella DNS logs as exported to S3 (Umbrella docs, "Log Formats and Versioning" and "DNS Log
 * Formats"): gzipped CSV without a header (optional in the S3 export settings: skipped), every value in double quotes (the documented samples put a
 * blank after some commas), one query per row:
 * `"2026-12-06 14:00:00","WS-07","WS-07,Site","10.20.30.40","203.0.113.9","Allowed","1 (A)","NOERROR","whois.iana.org.","Software/Technology",…`
 * Every schema version keeps the first ten columns in this order and appends its new ones after them,
 * so the reader takes those ten by position (VERSIONS below lists the documented widths).
 * The host is the row's internal IP; a roaming client without one is named by its most granular
 * identity (the computer's name), and the shared external (NAT) address is never used.
 */
import type { DnsEvent } from "../types.js";
import { type LineParser, LineResult, type ParseContext, lineEvidence, parseIsoMs } from "./common.js";
import { dnsName, looksIp, textLines } from "./fields.js";
import { splitCsv } from "./firewall.js";

/** Column positions shared by every version (0-based). */
const COL = { timestamp: 0, mostGranularIdentity: 1, identities: 2, internalIp: 3, externalIp: 4, action: 5, queryType: 6, responseCode: 7, domain: 8, categories: 9 } as const;

/**
 * Row widths, from the Umbrella docs: the oldest DNS layout stops at `categories`; later schema versions
 * append columns after it (the "DNS Log Formats" page's sample has 13 cells; later versions add more, such as
 * the rule id). Rows narrower than 10 cells are malformed; wider rows are read by the same ten positions.
 */
export const WIDTHS: readonly { columns: number; adds: string }[] = [
  { columns: 10, adds: "timestamp, most granular identity, identities, internal ip, external ip, action, query type, response code, domain, categories" },
  { columns: 12, adds: "most granular identity type, identity types" },
  { columns: 13, adds: "blocked categories (the documented sample row)" },
  { columns: 14, adds: "and beyond: later versions' columns (rule id…), not read" },
];
const MIN_COLUMNS = 10;
/** Longest row read: `identities` lists every identity matched (AD user, groups, site, network…), so rows run longer than a DNS server's lines. */
const LINE_MAX = 16 * 1024;
/** More cells than any version writes by far: not an Umbrella row. */
const MAX_COLUMNS = 40;

/** `"1 (A)"` → "A"; a bare `A` as is. */
function queryType(cell: string): string | undefined {
  const open = cell.indexOf("(");
  const close = cell.indexOf(")", open);
  const name = open >= 0 && close > open ? cell.slice(open + 1, close) : cell;
  return name === "" || name.length > 16 ? undefined : name.toUpperCase();
}

/** `"YYYY-MM-DD hh:mm:ss"` as the first quoted cell, and a `"N (TYPE)"` query type: a row of the DNS log. */
export function looksUmbrellaDns(line: string): boolean {
  if (!(line.startsWith('"') && line[5] === "-" && line[11] === " " && line[20] === '"' && line.length <= LINE_MAX)) return false;
  const cells = splitCsv(line);
  return cells.length >= MIN_COLUMNS && cells.length <= MAX_COLUMNS && /^\d{1,5} \([A-Z0-9*]{1,16}\)$/.test(cells[COL.queryType] ?? "");
}

export function umbrellaParser(ctx: ParseContext): LineParser {
  return textLines(LINE_MAX, (line, buf, start, end, lineNo) => {
    const cells = splitCsv(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
    if (cells.length < MIN_COLUMNS || cells.length > MAX_COLUMNS) return LineResult.Malformed;
    const at = (c: number) => cells[c] ?? "";
    // "Include Optional Log Headers in S3 Export" puts a row of column names first.
    if (lineNo === 1 && at(COL.timestamp).toLowerCase() === "timestamp") return LineResult.Skipped;
    // "When this request was made in UTC" (DNS Log Formats).
    const ts = parseIsoMs(at(COL.timestamp));
    const query = dnsName(at(COL.domain));
    const internal = at(COL.internalIp);
    const identity = at(COL.mostGranularIdentity);
    const src = looksIp(internal) ? internal : identity !== "" && identity.length <= 255 ? identity : undefined;
    if (Number.isNaN(ts) || query === undefined || src === undefined) return LineResult.Malformed;
    const event: DnsEvent = { kind: "dns", ts, src, query, format: "umbrella-dns", evidence: lineEvidence(ctx.file, lineNo, buf, start, end) };
    const qtype = queryType(at(COL.queryType));
    if (qtype !== undefined) event.qtype = qtype;
    const rcode = at(COL.responseCode).toUpperCase();
    if (rcode !== "" && rcode.length <= 16) event.rcode = rcode;
    ctx.emit(event);
    return LineResult.Event;
  });
}
