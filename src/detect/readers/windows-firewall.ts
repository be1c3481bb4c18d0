/**
 * Windows Defender Firewall's log (pfirewall.log; Microsoft Learn, "Configure Windows Firewall logging"
 * and the log's own W3C-style header): `#Version`, `#Software: Microsoft Windows Firewall`, `#Time Format:
 * Local`, then `#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack
 * tcpwin icmptype icmpcode info path` (recent Windows add `pid`), one space-separated record per line:
 * `2026-12-06 09:30:01 ALLOW TCP 10.0.0.5 192.0.32.59 51000 43 0 - - - - - - - SEND 4242`.
 * The columns are taken from the `#Fields:` line when there is one. Actions ALLOW and DROP become the
 * connection's verdict (`allow` / `drop`, as the other firewalls'); INFO-EVENTS-LOST lines and records without
 * ports (ICMP, other protocols) are skipped. The time is the machine's local time without a zone: read as UTC.
 */
import { type LineParser, LineResult, type ParseContext, int, lineEvidence, parseIsoMs, protoName } from "./common.js";
import { textLines, tokens } from "./fields.js";

const LINE_MAX = 2048;
const MAX_FIELDS = 32;

const DEFAULT_FIELDS = ["date", "time", "action", "protocol", "src-ip", "dst-ip", "src-port", "dst-port", "size", "tcpflags", "tcpsyn", "tcpack", "tcpwin", "icmptype", "icmpcode", "info", "path", "pid"];

/** The log's header lines (sniff-logs.ts recognizes the format by them). */
export const WINDOWS_FIREWALL_SOFTWARE = "#Software: Microsoft Windows Firewall";
export const WINDOWS_FIREWALL_FIELDS = "#Fields: date time action protocol src-ip dst-ip";

export function windowsFirewallParser(ctx: ParseContext): LineParser {
  const columnsOf = (names: readonly string[]) => new Map(names.map((name, index) => [name, index]));
  let columns = columnsOf(DEFAULT_FIELDS);
  return textLines(LINE_MAX, (line, buf, start, end, lineNo) => {
    if (line.startsWith("#")) {
      if (line.startsWith("#Fields:")) columns = columnsOf(tokens(line.slice(8), MAX_FIELDS));
      return LineResult.Skipped;
    }
    const f = tokens(line.trimEnd(), MAX_FIELDS);
    const get = (name: string) => {
      const at = columns.get(name);
      const value = at === undefined ? undefined : f[at];
      return value === undefined || value === "-" ? undefined : value;
    };
    const action = get("action");
    if (action === undefined || action === "INFO-EVENTS-LOST") return LineResult.Skipped;
    const proto = protoName(get("protocol"));
    if (proto !== "tcp" && proto !== "udp") return LineResult.Skipped;
    const wall = parseIsoMs(`${get("date") ?? ""} ${get("time") ?? ""}`);
    const ts = ctx.local === undefined ? wall : ctx.local(wall); // the machine's local time (`--tz`)
    const src = get("src-ip"), dst = get("dst-ip"), dstPort = int(get("dst-port"));
    if (Number.isNaN(ts) || src === undefined || dst === undefined || dstPort === undefined) return LineResult.Malformed;
    ctx.emit({ kind: "conn", ts, src, dst, dstPort, srcPort: int(get("src-port")), proto, state: action.toLowerCase(),
      format: "windows-firewall", evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
    return LineResult.Event;
  });
}
