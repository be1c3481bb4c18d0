/**
 * Cisco ASA connection messages (Cisco ASA Series Syslog Messages, 302013-302016):
 * `%ASA-6-302013: Built {inbound|outbound} TCP connection ID for IFC:ADDR/PORT (MAPPED/PORT) to IFC:ADDR/PORT (MAPPED/PORT)`
 * `%ASA-6-302014: Teardown TCP connection ID for IFC:ADDR/PORT to IFC:ADDR/PORT duration H:MM:SS bytes N REASON`
 * (302015/302016 the same for UDP). "outbound" means the `to` side initiated, "inbound" the `for` side
 * (Cisco TAC, "ASA FAQ: interpret the syslogs generated when it builds or tears down connections").
 * One conn event per connection: the Built message (state "accept": allowed, answer unknown); a Teardown whose
 * Built was not in the log (it started earlier) gives the event instead, the side on the lower port as the
 * server, its reason as the state (verdicts.ts: SYN Timeout → S0, TCP Reset-O → REJ…).
 */
import { type LineParser, LineResult, type ParseContext, int, lineEvidence } from "./common.js";
import { BoundedMap } from "./dns-server.js";
import { clockMs, monthIndex, syslogTime, textLines, tokens } from "./fields.js";
import { ASA_BUILT, ASA_TEARDOWN, stateOf } from "./verdicts.js";

const LINE_MAX = 4096;
/** Connection ids remembered between Built and Teardown. */
const OPEN_MAX = 100_000;
const IDS = new Set(["302013", "302014", "302015", "302016"]);

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
function asaTime(line: string, tagAt: number): number {
  const head = line.slice(0, tagAt);
  for (let i = head.length - 20; i >= 0; i--) {
    if (monthIndex(head.slice(i, i + 3)) >= 0 && head[i + 3] === " " && head[i + 6] === " " && head[i + 11] === " ") {
      const y = Number(head.slice(i + 7, i + 11)), d = Number(head.slice(i + 4, i + 6).trim());
      const clock = clockMs(head, i + 12);
      if (y >= 1970 && d >= 1 && d <= 31 && !Number.isNaN(clock)) return Date.UTC(y, monthIndex(head.slice(i, i + 3)), d) + clock;
    }
  }
  return syslogTime(line);
}

export function asaParser(ctx: ParseContext): LineParser {
  const open = new BoundedMap<true>(OPEN_MAX);
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
    const ts = asaTime(line, tagAt);
    if (Number.isNaN(ts) || a === undefined || b === undefined || connId === undefined || (proto !== "TCP" && proto !== "UDP")) return LineResult.Malformed;
    let client = a, server = b, state = ASA_BUILT;
    if (built) {
      if (dir === "outbound") [client, server] = [b, a];
      else if (dir !== "inbound") return LineResult.Malformed;
      open.set(connId, true);
    } else {
      if (open.get(connId) !== undefined) {
        open.delete(connId);
        return LineResult.Skipped; // its Built message was the event
      }
      if (a.port < b.port) [client, server] = [b, a];
      const bytesAt = t.indexOf("bytes");
      state = bytesAt > 0 ? stateOf(ASA_TEARDOWN, t.slice(bytesAt + 2).join(" ").slice(0, 64)) : "teardown";
    }
    ctx.emit({ kind: "conn", ts, src: client.ip, srcPort: client.port, dst: server.ip, dstPort: server.port, proto: proto === "TCP" ? "tcp" : "udp",
      state, format: "cisco-asa", evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
    return LineResult.Event;
  });
}
