/**
 * FortiGate (FortiOS) traffic logs, key=value syslog/disk format ("Log Message Reference", type=traffic):
 * `date=2026-12-06 time=09:30:01 devname="FGT60F" devid="FGT60FTK…" eventtime=1796549401123456789 tz="+0000"
 * logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.0.0.5 srcport=51000
 * srcintf="port2" dstip=192.0.32.59 dstport=43 dstintf="wan1" proto=6 action="close" service="WHOIS" …`
 * `action` becomes a state the scan indicator knows (verdicts.ts: close → SF, timeout → S0, server-rst → REJ),
 * unless the TCP session's packet counters show the server never answered (fortigateCountedState).
 * Other types (event, utm) are skipped. Time: `eventtime` (s, ms, µs or ns since the epoch), else date+time+tz.
 * `config log syslogd setting / set format csv` writes the same pairs joined by commas (`date=…,time=…,`).
 */
import { type LineParser, LineResult, type ParseContext, int, lineEvidence, parseIsoMs, protoName } from "./common.js";
import { parseKv, textLines } from "./fields.js";
import { FORTIGATE_ACTIONS, fortigateCountedState, stateOf } from "./verdicts.js";

const LINE_MAX = 16384;

/** Epoch in s, ms, µs or ns (told apart by digit count) → ms. */
function epochAnyMs(text: string): number {
  if (!/^\d{9,19}$/.test(text)) return Number.NaN;
  const digits = text.length;
  if (digits >= 18) return Number(text.slice(0, digits - 6)); // ns
  if (digits >= 15) return Number(text.slice(0, digits - 3)); // µs
  if (digits >= 12) return Number(text); // ms
  return Number(text) * 1000;
}

/** `tz="+0100"` / `"-05:00"` → "+01:00" (ISO offset), default UTC. */
function isoZone(tz: string | undefined): string {
  if (tz === undefined || tz.length < 5 || (tz[0] !== "+" && tz[0] !== "-")) return "Z";
  return tz.includes(":") ? tz.slice(0, 6) : `${tz.slice(0, 3)}:${tz.slice(3, 5)}`;
}

export function fortigateParser(ctx: ParseContext): LineParser {
  return textLines(LINE_MAX, (line, buf, start, end, lineNo) => {
    const at = line.indexOf("date=");
    if (at < 0) return LineResult.Skipped;
    const first = line.slice(at, at + 32).search(/[ ,]/); // what ends the date value: a space, or a comma in csv format
    const kv = parseKv(line, at, 160, first >= 0 && line[at + first] === "," ? 44 : 32);
    if (kv.get("type") !== "traffic") return LineResult.Skipped;
    let ts = epochAnyMs(kv.get("eventtime") ?? "");
    if (Number.isNaN(ts)) ts = parseIsoMs(`${kv.get("date") ?? ""}T${kv.get("time") ?? ""}${isoZone(kv.get("tz"))}`);
    const src = kv.get("srcip"), dst = kv.get("dstip");
    const dport = int(kv.get("dstport"));
    if (Number.isNaN(ts) || src === undefined || src === "" || dst === undefined || dst === "" || dport === undefined) return LineResult.Malformed;
    const action = kv.get("action");
    const proto = protoName(kv.get("proto"));
    let state = action === undefined || action === "" ? undefined : stateOf(FORTIGATE_ACTIONS, action);
    if (state !== undefined && proto === "tcp") state = fortigateCountedState(state, int(kv.get("sentpkt")), int(kv.get("rcvdpkt")));
    ctx.emit({ kind: "conn", ts, src, dst, dstPort: dport, srcPort: int(kv.get("srcport")), proto,
      state, format: "fortigate-traffic", evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
    return LineResult.Event;
  });
}
