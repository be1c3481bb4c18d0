/**
 * Unbound with `log-queries: yes` / `log-replies: yes` (unbound.conf(5)), in its own log file (epoch
 * stamp `[1796549086]` or `log-time-ascii`) or through syslog:
 * `[1796549086] unbound[13447:0] info: 127.0.0.1 rdap.org. A IN` (question)
 * `[1796549086] unbound[13447:0] info: 127.0.0.1 rdap.org. A IN SERVFAIL 0.000000 0 37` (reply: rcode, time, cached, size).
 * With `log-tag-queryreply: yes` the lines say `query:`/`reply:` instead of `info:`; a client written as
 * `IP@PORT` is read as IP. Failed replies (not NOERROR) are failure events.
 */
import { type LineParser, LineResult, type ParseContext, parseEpochSecondsMs } from "./common.js";
import { DNS_LINE_MAX, FAILED_RCODES, emitDns } from "./dns-server.js";
import { dnsName, looksIp, syslogTime, textLines, tokens } from "./fields.js";

const LEVELS = [" info: ", " query: ", " reply: "];
const CLASSES = new Set(["IN", "CH", "HS", "CS", "ANY", "NONE"]);

function unboundTime(line: string, local: ((wallMs: number) => number) | undefined): number {
  if (line[0] === "[") {
    const close = line.indexOf("]");
    return close > 1 && close < 24 ? parseEpochSecondsMs(line.slice(1, close)) : Number.NaN;
  }
  return syslogTime(line, local);
}

export function unboundParser(ctx: ParseContext): LineParser {
  return textLines(DNS_LINE_MAX, (line, buf, start, end, lineNo) => {
    const tag = line.indexOf("unbound");
    if (tag < 0 || tag > 120) return LineResult.Skipped;
    let at = -1, level = "";
    for (const l of LEVELS) {
      const i = line.indexOf(l, tag);
      if (i >= 0 && (at < 0 || i < at)) [at, level] = [i, l];
    }
    if (at < 0) return LineResult.Skipped;
    const t = tokens(line.slice(at + level.length), 9);
    const port = t[0]?.indexOf("@") ?? -1;
    if (port > 0) t[0] = t[0]?.slice(0, port) ?? "";
    // Only question/reply lines have "IP NAME. TYPE CLASS"; other info lines (start of service…) are skipped.
    if (t.length < 4 || !looksIp(t[0] ?? "") || !(t[1] ?? "").endsWith(".") || !(CLASSES.has(t[3] ?? "") || (t[3] ?? "").startsWith("CLASS"))) {
      return LineResult.Skipped;
    }
    const ts = unboundTime(line, ctx.local);
    const query = dnsName(t[1]);
    if (Number.isNaN(ts) || query === undefined) return LineResult.Malformed;
    const src = t[0] ?? "";
    const rcode = t[4];
    if (rcode === undefined) {
      emitDns(ctx, "unbound", { ts, src, query, qtype: t[2] }, buf, start, end, lineNo);
      return LineResult.Event;
    }
    if (FAILED_RCODES.has(rcode)) {
      emitDns(ctx, "unbound", { ts, src, query, qtype: t[2], rcode }, buf, start, end, lineNo);
      return LineResult.Event;
    }
    return LineResult.Skipped; // a NOERROR reply repeats its question
  });
}
