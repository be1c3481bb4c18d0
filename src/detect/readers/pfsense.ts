/**
 * pfSense filterlog: CSV inside syslog (Netgate docs, "Raw Filter Log Format"), BSD or RFC 5424 header:
 * `Dec  6 09:30:01 pfSense filterlog[1234]: 5,,,1000000103,igb1,match,pass,out,4,0x0,,64,12345,0,DF,6,tcp,60,10.0.0.5,192.0.32.59,51000,43,0,S,…`
 * Common fields: rule, sub rule, anchor, tracker, interface, reason, action, direction, IP version; then
 * IPv4: TOS, ECN, TTL, ID, offset, flags, protocol id, protocol text; IPv6: class, flow label, hop limit,
 * protocol text, protocol id; then length, source, destination and, for TCP/UDP, source and destination ports.
 */
import { type LineParser, LineResult, type ParseContext, int, lineEvidence } from "./common.js";
import { afterTag, syslogTime, textLines } from "./fields.js";

const LINE_MAX = 4096;

/** Field positions after the 9 common fields, by IP version. */
const LAYOUT = {
  "4": { protoId: 15, src: 18, dst: 19, sport: 20, dport: 21 },
  "6": { protoId: 13, src: 15, dst: 16, sport: 17, dport: 18 },
} as const;

/** An RFC 5424 header `<PRI>1 2026-12-06T09:30:01.123+00:00 host filterlog PID - - CSV`: the CSV start, or -1. */
function rfc5424Body(line: string): number {
  const at = line.indexOf(" filterlog ");
  if (at < 0 || at > 200) return -1;
  const dash = line.indexOf(" - - ", at);
  return dash > 0 && dash - at < 40 ? dash + 5 : -1;
}

export function pfsenseParser(ctx: ParseContext): LineParser {
  return textLines(LINE_MAX, (line, buf, start, end, lineNo) => {
    let body = afterTag(line, "filterlog");
    if (body < 0) body = rfc5424Body(line);
    if (body < 0) return LineResult.Skipped;
    const f = line.slice(body).split(",", 40);
    const version = f[8];
    const ts = syslogTime(line, ctx.local);
    if (Number.isNaN(ts) || (version !== "4" && version !== "6")) return LineResult.Malformed;
    const pos = LAYOUT[version];
    const protoId = f[pos.protoId];
    if (protoId !== "6" && protoId !== "17") return LineResult.Skipped; // ICMP, CARP, ESP…: no ports
    const src = f[pos.src], dst = f[pos.dst], dport = int(f[pos.dport]);
    if (src === undefined || src === "" || dst === undefined || dst === "" || dport === undefined) return LineResult.Malformed;
    const action = f[6];
    ctx.emit({ kind: "conn", ts, src, dst, dstPort: dport, srcPort: int(f[pos.sport]), proto: protoId === "6" ? "tcp" : "udp",
      state: action === undefined || action === "" ? undefined : action, format: "pfsense-filterlog", evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
    return LineResult.Event;
  });
}
