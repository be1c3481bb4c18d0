/**
 * BIND 9 query log (`logging { category queries { … }; }`), any mix of print-time, print-category,
 * print-severity, syslog stamps and views (ARM, "The logging Statement" and "queries" category):
 * `06-Dec-2026 09:24:34.047 queries: info: client @0x7f… 10.0.0.5#54398 (name): view internal: query: name IN A +E(0)K (10.0.0.1)`
 * Older releases omit `@0x…`. Lines without a time (print-time no) get ts 0.
 * Infoblox NIOS writes the same lines behind its syslog header, and with "Capturing DNS Queries and Responses"
 * a line per answered query (category `infoblox-responses`):
 * `07-Apr-2013 20:16:49.083 client 10.0.0.5#57398 UDP: query: name IN A response: NXDOMAIN +AED …`: the
 * question with its answer code, one event with `rcode`.
 */
import { type LineParser, LineResult, type ParseContext } from "./common.js";
import { DNS_LINE_MAX, emitDns } from "./dns-server.js";
import { clockMs, dnsName, monthIndex, syslogTime, textLines, tokens } from "./fields.js";

/** "06-Dec-2026 09:24:34.047" → ms, or NaN. */
function bindTime(line: string): number {
  if (line[2] !== "-" || line[6] !== "-" || line[11] !== " ") return Number.NaN;
  const day = Number(line.slice(0, 2)), month = monthIndex(line.slice(3, 6)), year = Number(line.slice(7, 11));
  const clock = clockMs(line, 12);
  if (!(day >= 1 && day <= 31) || month < 0 || !(year >= 1970) || Number.isNaN(clock)) return Number.NaN;
  return Date.UTC(year, month, day) + clock;
}

/** The line's time: BIND's own stamp, a syslog/RFC 3339 stamp, or 0 when the line starts with none. */
function lineTime(line: string, local: ((wallMs: number) => number) | undefined): number {
  const c = line.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (line[2] === "-") return local === undefined ? bindTime(line) : local(bindTime(line)); // print-time local (`--tz`)
    return syslogTime(line, local);
  }
  if (c === 60 || (monthIndex(line) >= 0 && line[3] === " ")) return syslogTime(line, local); // <PRI> or a BSD stamp
  return 0;
}

export function bindQueryParser(ctx: ParseContext): LineParser {
  return textLines(DNS_LINE_MAX, (line, buf, start, end, lineNo) => {
    const clientAt = line.indexOf("client ");
    const queryAt = line.indexOf(" query: ", clientAt);
    if (clientAt < 0 || queryAt < 0) return LineResult.Skipped; // another queries-category message
    const ts = lineTime(line, ctx.local);
    if (Number.isNaN(ts)) return LineResult.Malformed;
    const head = tokens(line.slice(clientAt + 7, queryAt), 3);
    const peer = head[0]?.startsWith("@0x") === true ? head[1] : head[0];
    const hash = peer === undefined ? -1 : peer.lastIndexOf("#");
    const src = peer !== undefined && hash > 0 ? peer.slice(0, hash) : undefined;
    const q = tokens(line.slice(queryAt + 8), 6);
    const query = dnsName(q[0]);
    if (src === undefined || query === undefined || q.length < 3) return LineResult.Malformed;
    const server = q[4];
    const dst = server !== undefined && server.startsWith("(") && server.endsWith(")") ? server.slice(1, -1) : undefined;
    const rcode = q[3] === "response:" && q[4] !== undefined && q[4].length <= 16 ? q[4].toUpperCase() : undefined;
    emitDns(ctx, "bind-query", { ts, src, query, qtype: q[2], dst, rcode }, buf, start, end, lineNo);
    return LineResult.Event;
  });
}
