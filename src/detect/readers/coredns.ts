/**
 * CoreDNS `log` plugin (coredns.io/plugins/log): the default `{common}` format
 * `{remote}:{port} - {>id} "{type} {class} {name} {proto} {size} {>do} {>bufsize}" {rcode} {>rflags} {rsize} {duration}`
 * and `{combined}` (the same plus `"{>opcode}"`), written by CoreDNS at level INFO:
 * `[INFO] 10.0.0.5:53541 - 4006 "A IN whois.iana.org. udp 41 false 4096" NOERROR qr,rd,ra 106 0.000160s`
 * (`[INFO] [::1]:50759 - …` for IPv6; releases before 1.2 put `[dd/Mon/yyyy:hh:mm:ss zone]` before the id).
 * CoreDNS writes no time of its own: the line's time is its prefix's — `kubectl logs --timestamps` and the
 * kubelet's CRI files (`2026-12-06T14:00:00.123456789Z stdout F [INFO] …`), or a syslog header
 * (`Dec  6 14:00:00 node1 coredns[812]: [INFO] …`, `--tz` for its local time). A line with no time is malformed.
 * Every line is one answered question: the host is the client before the port, the answer code its rcode.
 */
import { type LineParser, LineResult, type ParseContext, parseIsoMs } from "./common.js";
import { DNS_LINE_MAX, emitDns } from "./dns-server.js";
import { dnsName, looksIp, syslogTime, textLines, tokens } from "./fields.js";

const LEVEL = "[INFO] ";
const CLASSES = new Set(["IN", "CH", "HS", "CS", "ANY", "NONE"]);

export interface CoreDnsLine { prefix: string; src: string; qtype: string; query: string; rcode: string }

/** The parts of one query line, or undefined when the line is not one (a start-up or plugin message). */
export function coreDnsLine(line: string): CoreDnsLine | undefined {
  const at = line.indexOf(LEVEL);
  if (at < 0 || at > 200) return undefined;
  const body = line.slice(at + LEVEL.length);
  const dash = body.indexOf(" - ");
  const quote = body.indexOf('"', dash);
  const close = quote < 0 ? -1 : body.indexOf('"', quote + 1);
  if (dash < 3 || dash > 64 || quote < 0 || close < 0) return undefined;
  const remote = body.slice(0, dash);
  const colon = remote.lastIndexOf(":");
  const host = remote.startsWith("[") && remote[colon - 1] === "]" ? remote.slice(1, colon - 1) : remote.slice(0, colon);
  const q = tokens(body.slice(quote + 1, close), 8);
  const after = tokens(body.slice(close + 1), 2);
  if (colon < 0 || !looksIp(host) || q.length < 3 || !CLASSES.has(q[1] ?? "") || after.length < 1) return undefined;
  return { prefix: line.slice(0, at), src: host, qtype: q[0] ?? "", query: q[2] ?? "", rcode: after[0] ?? "" };
}

/** The prefix's time: an RFC 3339 stamp (kubectl, CRI log files) or a syslog header; NaN when none. */
function prefixTime(prefix: string, local: ((wallMs: number) => number) | undefined): number {
  const first = prefix.trimStart();
  const c = first.charCodeAt(0);
  if (c >= 48 && c <= 57 && first[4] === "-" && first[10] === "T") {
    const stamp = tokens(first, 1)[0] ?? "";
    const zoned = stamp.endsWith("Z") || stamp.endsWith("z") || /[+-]\d\d:?\d\d$/.test(stamp);
    const t = parseIsoMs(stamp);
    return zoned || local === undefined ? t : local(t);
  }
  return first === "" ? Number.NaN : syslogTime(first, local);
}

export function coreDnsParser(ctx: ParseContext): LineParser {
  return textLines(DNS_LINE_MAX, (line, buf, start, end, lineNo) => {
    if (!line.includes(LEVEL)) return LineResult.Skipped; // CoreDNS's other messages, other containers' lines
    const parts = coreDnsLine(line);
    if (parts === undefined) return line.includes('"') && line.includes(" - ") ? LineResult.Malformed : LineResult.Skipped;
    const ts = prefixTime(parts.prefix, ctx.local);
    const query = dnsName(parts.query);
    if (Number.isNaN(ts) || query === undefined) return LineResult.Malformed;
    emitDns(ctx, "coredns", { ts, src: parts.src, query, qtype: parts.qtype, rcode: parts.rcode }, buf, start, end, lineNo);
    return LineResult.Event;
  });
}
