/**
 * Palo Alto Networks PAN-OS traffic log, syslog/CSV field order ("Traffic Log Fields", PAN-OS admin guide):
 * `FUTURE_USE, Receive Time, Serial Number, Type, Threat/Content Type, FUTURE_USE, Generated Time,
 * Source Address, Destination Address, NAT Source IP, NAT Destination IP, Rule Name, …, Session ID,
 * Repeat Count, Source Port, Destination Port, NAT Source Port, NAT Destination Port, Flags, Protocol, Action, …`
 * optionally behind a syslog header. Only TRAFFIC records are events; THREAT, SYSTEM, CONFIG… are skipped.
 * Times (`2026/12/06 09:30:01`) are the firewall's local time and are read as UTC.
 */
import { type LineParser, LineResult, type ParseContext, int, lineEvidence, protoName } from "./common.js";
import { clockMs, textLines } from "./fields.js";
import { splitCsv } from "./firewall.js";

const LINE_MAX = 16384;

/** Column positions in the CSV record (0 = the FUTURE_USE field before Receive Time). */
export const PANOS_COLUMNS = { receiveTime: 1, type: 3, subtype: 4, generatedTime: 6, src: 7, dst: 8, rule: 11, app: 14, sport: 24, dport: 25, proto: 29, action: 30 } as const;

/** "2026/12/06 09:30:01" → ms, or NaN. */
export function panTime(s: string): number {
  if (s.length < 19 || s[4] !== "/" || s[7] !== "/" || s[10] !== " ") return Number.NaN;
  const y = Number(s.slice(0, 4)), m = Number(s.slice(5, 7)), d = Number(s.slice(8, 10));
  const clock = clockMs(s, 11);
  if (!(y >= 1970 && m >= 1 && m <= 12 && d >= 1 && d <= 31) || Number.isNaN(clock)) return Number.NaN;
  return Date.UTC(y, m - 1, d) + clock;
}

/** Where the CSV record starts: after a syslog header, the first field before ",YYYY/MM/DD". */
export function panRecordStart(line: string): number {
  const at = line.indexOf(",TRAFFIC,") >= 0 || line.indexOf(",THREAT,") >= 0 ? line.search(/,\d{4}\/\d\d\/\d\d /) : -1;
  if (at < 0) return -1;
  const sp = line.lastIndexOf(" ", at);
  return sp + 1;
}

export function panosParser(ctx: ParseContext): LineParser {
  return textLines(LINE_MAX, (line, buf, start, end, lineNo) => {
    const from = panRecordStart(line);
    if (from < 0) return LineResult.Skipped; // not a traffic/threat record (SYSTEM, CONFIG, headers)
    const c = splitCsv(line.slice(from));
    if (c[PANOS_COLUMNS.type] !== "TRAFFIC") return LineResult.Skipped;
    const wall = panTime(c[PANOS_COLUMNS.generatedTime] ?? "") || panTime(c[PANOS_COLUMNS.receiveTime] ?? "");
    const ts = ctx.local === undefined ? wall : ctx.local(wall); // the firewall's local time (`--tz`)
    const src = c[PANOS_COLUMNS.src], dst = c[PANOS_COLUMNS.dst];
    const dport = int(c[PANOS_COLUMNS.dport]);
    if (Number.isNaN(ts) || src === undefined || src === "" || dst === undefined || dst === "" || dport === undefined) return LineResult.Malformed;
    const action = c[PANOS_COLUMNS.action];
    ctx.emit({ kind: "conn", ts, src, dst, dstPort: dport, srcPort: int(c[PANOS_COLUMNS.sport]), proto: protoName(c[PANOS_COLUMNS.proto]),
      state: action === undefined || action === "" ? undefined : action, format: "panos-traffic", evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
    return LineResult.Event;
  });
}
