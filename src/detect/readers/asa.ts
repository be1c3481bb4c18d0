/**
 * Cisco ASA connection messages (Cisco ASA Series Syslog Messages, 302013-302016):
 * `%ASA-6-302013: Built {inbound|outbound} TCP connection ID for IFC:ADDR/PORT (MAPPED/PORT) to IFC:ADDR/PORT (MAPPED/PORT)`
 * `%ASA-6-302014: Teardown TCP connection ID for IFC:ADDR/PORT to IFC:ADDR/PORT duration H:MM:SS bytes N REASON`
 * (302015/302016 the same for UDP). "outbound" means the `to` side initiated, "inbound" the `for` side
 * (Cisco TAC, "ASA FAQ: interpret the syslogs generated when it builds or tears down connections").
 * One conn event per connection, at the Built message's time. A TCP Built is held until its Teardown
 * (for at most HOLD_MS of log time): the Teardown's reason becomes the state (verdicts.ts: SYN Timeout → S0,
 * TCP Reset-O → REJ…) and `bytes 0` means no request was sent, so a scanner's SYN to 43/tcp that timed
 * out stays an attempt. A Built still open after HOLD_MS got its answer (the embryonic timeout, 30 s by
 * default, had passed) and goes out as "accept"; UDP Built messages go out at once. A Teardown whose Built
 * was not in the log (it started earlier) gives the event instead, the side on the lower port as the server.
 */
import { type LineParser, LineResult, type ParseContext, int, lineEvidence } from "./common.js";
import { BoundedMap } from "./dns-server.js";
import { clockMs, monthIndex, syslogTime, textLines, tokens } from "./fields.js";
import { ASA_BUILT, ASA_TEARDOWN, stateOf } from "./verdicts.js";
import { type ConnEvent, keepEvidence } from "../types.js";

const LINE_MAX = 4096;
/** Connection ids remembered between Built and Teardown. */
const OPEN_MAX = 100_000;
const IDS = new Set(["302013", "302014", "302015", "302016"]);
/**
 * How long (log time) a TCP Built waits for its Teardown: twice the ASA's default embryonic timeout
 * (`timeout embryonic 0:00:30`, Cisco ASA command reference), so a SYN Timeout teardown is always seen.
 */
const HOLD_MS = 60_000;
/** Built events held at once; beyond it the oldest goes out unanswered-unknown (bounded memory). */
const HOLD_MAX = 20_000;

/** "IFC:ADDR/PORT" → address and port (IPv6 addresses hold colons: the interface ends at the first one). */
function endpoint(tok: string | undefined): { ip: string; port: number } | undefined {
  if (tok === undefined) return undefined;
  const colon = tok.indexOf(":");
  const slash = tok.lastIndexOf("/");
  if (colon < 0 || slash < colon) return undefined;
  const port = int(tok.slice(slash + 1));
  const ip = tok.slice(colon + 1, slash);
  return port === undefined || ip === "" ? undefined : { ip, port };
}

/** The ASA's own stamp ("Dec 06 2026 09:30:01") after an optional syslog header, else the syslog stamp. */
function asaTime(line: string, tagAt: number, local: ((wallMs: number) => number) | undefined): number {
  const head = line.slice(0, tagAt);
  for (let i = head.length - 20; i >= 0; i--) {
    if (monthIndex(head.slice(i, i + 3)) >= 0 && head[i + 3] === " " && head[i + 6] === " " && head[i + 11] === " ") {
      const y = Number(head.slice(i + 7, i + 11)), d = Number(head.slice(i + 4, i + 6).trim());
      const clock = clockMs(head, i + 12);
      if (y >= 1970 && d >= 1 && d <= 31 && !Number.isNaN(clock)) {
        const wall = Date.UTC(y, monthIndex(head.slice(i, i + 3)), d) + clock; // the device's clock (`clock timezone`): `--tz`
        return local === undefined ? wall : local(wall);
      }
    }
  }
  return syslogTime(line, local);
}

export function asaParser(ctx: ParseContext): LineParser {
  const open = new BoundedMap<true>(OPEN_MAX);
  /** TCP Built events waiting for their Teardown, oldest first (Built lines come in time order). */
  const held = new Map<string, ConnEvent>();
  const release = (id: string, e: ConnEvent) => { held.delete(id); ctx.emit(e); };
  const flush = (before: number) => {
    for (const [id, e] of held) {
      if (e.ts >= before && held.size <= HOLD_MAX) break;
      release(id, e);
    }
  };
  return textLines(LINE_MAX, (line, buf, start, end, lineNo) => {
    let tagAt = line.indexOf("%ASA-");
    if (tagAt < 0) tagAt = line.indexOf("%FTD-"); // Firepower Threat Defense writes the same messages
    const colon = tagAt < 0 ? -1 : line.indexOf(": ", tagAt);
    const id = colon < 0 ? "" : line.slice(colon - 6, colon);
    if (!IDS.has(id)) return LineResult.Skipped;
    const t = tokens(line.slice(colon + 2), 24);
    const built = t[0] === "Built";
    // Built DIR PROTO connection ID for A (…) to B (…) | Teardown PROTO connection ID for A to B duration … bytes N REASON…
    const [dir, proto, connId] = built ? [t[1], t[2], t[4]] : [undefined, t[1], t[3]];
    const forAt = t.indexOf("for");
    const toAt = t.indexOf("to", forAt + 1);
    const a = endpoint(t[forAt + 1]), b = endpoint(t[toAt + 1]);
    const ts = asaTime(line, tagAt, ctx.local);
    if (Number.isNaN(ts) || a === undefined || b === undefined || connId === undefined || (proto !== "TCP" && proto !== "UDP")) return LineResult.Malformed;
    flush(ts - HOLD_MS);
    let client = a, server = b, state = ASA_BUILT;
    const bytesAt = t.indexOf("bytes");
    const bytes = bytesAt > 0 ? int(t[bytesAt + 1]) : undefined;
    if (built) {
      if (dir === "outbound") [client, server] = [b, a];
      else if (dir !== "inbound") return LineResult.Malformed;
      open.set(connId, true);
    } else {
      const waiting = held.get(connId);
      const reason = bytesAt > 0 ? t.slice(bytesAt + 2).join(" ").slice(0, 64) : "";
      if (waiting !== undefined) {
        // Its Built was the event: it goes out now with what the Teardown says.
        waiting.state = stateOf(ASA_TEARDOWN, reason);
        if (bytes === 0) waiting.payload = false;
        open.delete(connId);
        release(connId, waiting);
        return LineResult.Skipped;
      }
      if (open.get(connId) !== undefined) {
        open.delete(connId);
        return LineResult.Skipped; // its Built message was the event
      }
      if (a.port < b.port) [client, server] = [b, a];
      state = bytesAt > 0 ? stateOf(ASA_TEARDOWN, reason) : "teardown";
    }
    const e: ConnEvent = { kind: "conn", ts, src: client.ip, srcPort: client.port, dst: server.ip, dstPort: server.port, proto: proto === "TCP" ? "tcp" : "udp",
      state, format: "cisco-asa", evidence: lineEvidence(ctx.file, lineNo, buf, start, end) };
    if (!built && bytes === 0) e.payload = false;
    if (built && proto === "TCP") {
      e.evidence = keepEvidence(e.evidence); // held past this chunk: a plain copy, not the chunk's bytes
      held.set(connId, e);
      if (held.size > HOLD_MAX) flush(ts - HOLD_MS);
    } else ctx.emit(e);
    return LineResult.Event;
  }, () => flush(Number.POSITIVE_INFINITY));
}
