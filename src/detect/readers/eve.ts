/**
 * Suricata EVE JSON: flow, dns (v1/v2 `type` query/answer with `rrname`, v3 `queries[]`), http, tls, quic.
 * The event type is read from the raw bytes first so that alerts, stats, fileinfo… are skipped without JSON.parse.
 */
import type { DetectEvent, Evidence } from "../types.js";
import {
  type JsonObject, type LineParser, LineResult, type ParseContext, int, lineEvidence, parseIsoMs, parseJson, path, prop, protoName, str,
} from "./common.js";

const KEY = Buffer.from('"event_type"');
const WANTED = new Set(["flow", "dns", "http", "tls", "quic"]);
const MAX_QUERIES = 16;

/** Suricata writes event_type within the first few hundred bytes; only that much is searched. */
const PEEK_BYTES = 1024;

/** The event_type value read straight from the bytes, or undefined when not found cheaply. */
function peekType(buf: Buffer, start: number, end: number): string | undefined {
  const rel = buf.subarray(start, Math.min(end, start + PEEK_BYTES)).indexOf(KEY);
  if (rel < 0) return undefined;
  const at = start + rel;
  let i = at + KEY.length;
  while (i < end && (buf[i] === 32 || buf[i] === 58)) i++;
  if (buf[i] !== 34) return undefined;
  const s = i + 1;
  let e = s;
  while (e < end && e - s < 32 && buf[e] !== 34) e++;
  return buf.toString("latin1", s, e);
}

interface Common {
  ts: number;
  src: string;
  srcPort?: number;
  dst: string;
  dstPort?: number;
  evidence: Evidence;
}

type Builder = (o: JsonObject, c: Common) => DetectEvent[];

function httpUrl(host: string | undefined, url: string | undefined, port: number | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (url.startsWith("http://") || url.startsWith("https://")) return url;
  if (host === undefined || !url.startsWith("/")) return undefined;
  return `http://${host}${port === undefined || port === 80 ? "" : `:${port}`}${url}`;
}

function dnsEvents(o: JsonObject, c: Common): DetectEvent[] {
  const dns = prop(o, "dns");
  const type = str(prop(dns, "type"));
  const isAnswer = type === "answer" || type === "response";
  const rcode = str(prop(dns, "rcode"));
  // Answers repeat their query's line: only unsuccessful ones add information (NXDOMAIN, REFUSED…).
  if (isAnswer && (rcode === undefined || rcode === "NOERROR")) return [];
  if (!isAnswer && type !== "query" && type !== "request" && type !== undefined) return [];
  // Answer records may be written server→client: the client is the side not on port 53.
  const swap = isAnswer && c.srcPort === 53 && c.dstPort !== 53;
  const src = swap ? c.dst : c.src;
  const dst = swap ? c.src : c.dst;
  const one = (q: unknown): DetectEvent | undefined => {
    const query = str(prop(q, "rrname"), 255);
    if (query === undefined) return undefined;
    return { kind: "dns", ts: c.ts, src, dst, format: "suricata-eve", evidence: c.evidence, query,
      qtype: str(prop(q, "rrtype")), rcode: isAnswer ? rcode : undefined };
  };
  const queries = prop(dns, "queries");
  const list = Array.isArray(queries) ? queries.slice(0, isAnswer ? 1 : MAX_QUERIES) : [dns];
  return list.map(one).filter((e): e is DetectEvent => e !== undefined);
}

const TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08;

/** A hex TCP flags field ("1b"), or undefined. */
function flags(v: unknown): number | undefined {
  if (typeof v !== "string" || v.length === 0 || v.length > 4) return undefined;
  const n = Number(`0x${v}`); // hex digits only, else NaN
  return Number.isInteger(n) ? n : undefined;
}

/**
 * The outcome a flow record shows (Suricata EVE `tcp` object: tcp_flags, tcp_flags_ts to the server,
 * tcp_flags_tc to the client). No SYN from the server: it never accepted (REJ after a RST, S0 without
 * an answer), as Zeek names them. Payload: a PSH to the server (or, with only the union of both
 * directions, none at all) — a WHOIS query is one pushed line.
 */
function tcpOutcome(o: JsonObject, state: string | undefined): { state: string | undefined; payload: boolean | undefined } {
  const tcp = prop(o, "tcp");
  const all = flags(prop(tcp, "tcp_flags")), ts = flags(prop(tcp, "tcp_flags_ts")), tc = flags(prop(tcp, "tcp_flags_tc"));
  let named = state;
  if (tc !== undefined && (tc & TCP_SYN) === 0) named = (tc & TCP_RST) !== 0 ? "REJ" : "S0";
  else if (tc === undefined && ts !== undefined && ts === TCP_SYN) named = "S0";
  const payload = ts !== undefined ? (ts & TCP_PSH) !== 0 : all !== undefined && (all & TCP_PSH) === 0 ? false : undefined;
  return { state: named, payload };
}

/**
 * A TCP flow with no TCP flags logged (no `tcp` object: Suricata writes it only when its TCP logging saw flags, and
 * a site's eve-log config may drop it): the flow's own counters (EVE flow event, docs.suricata.io
 * output/eve/eve-json-format, "Event type: Flow": pkts_toserver/pkts_toclient, bytes_toserver/bytes_toclient) say
 * whether the server ever answered. Nothing back, or one packet (a RST, or a SYN-ACK the client never sent a
 * request after: a WHOIS answer takes the SYN-ACK plus at least one data segment), or a single packet out (the
 * SYN): no request answered, a probe. More than that both ways is left to the state, as before.
 */
function counterPayload(o: JsonObject): boolean | undefined {
  const flow = prop(o, "flow");
  const toClient = int(prop(flow, "pkts_toclient")), toServer = int(prop(flow, "pkts_toserver"));
  const bytesToClient = int(prop(flow, "bytes_toclient"));
  if (bytesToClient === 0 || (toClient !== undefined && toClient < 2) || (toServer !== undefined && toServer < 2)) return false;
  return undefined;
}

const hasFlags = (o: JsonObject): boolean => {
  const tcp = prop(o, "tcp");
  return prop(tcp, "tcp_flags") !== undefined || prop(tcp, "tcp_flags_ts") !== undefined || prop(tcp, "tcp_flags_tc") !== undefined;
};

function serverName(sni: string | undefined, c: Common): DetectEvent[] {
  if (sni === undefined) return [];
  return [{ kind: "tls", ts: c.ts, src: c.src, dst: c.dst, dstPort: c.dstPort, format: "suricata-eve", evidence: c.evidence, sni }];
}

const BUILDERS: Record<string, Builder> = {
  flow: (o, c) => {
    if (c.dstPort === undefined) return [];
    const proto = protoName(str(prop(o, "proto")));
    const flowState = str(path(o, "flow", "state"));
    const { state, payload } = proto !== "tcp" ? { state: flowState, payload: undefined }
      : hasFlags(o) ? tcpOutcome(o, flowState) : { state: flowState, payload: counterPayload(o) };
    return [{ kind: "conn", ts: c.ts, src: c.src, dst: c.dst, dstPort: c.dstPort, srcPort: c.srcPort, format: "suricata-eve",
      evidence: c.evidence, proto, state, ...(payload !== undefined ? { payload } : {}) }];
  },
  dns: dnsEvents,
  http: (o, c) => {
    const http = prop(o, "http");
    const host = str(prop(http, "hostname"), 255);
    const url = str(prop(http, "url"), 2048);
    const dstPort = int(prop(http, "http_port")) ?? c.dstPort;
    return [{ kind: "http", ts: c.ts, src: c.src, dst: c.dst, dstPort, format: "suricata-eve", evidence: c.evidence, host,
      method: str(prop(http, "http_method"), 32), path: url, url: httpUrl(host, url, dstPort),
      userAgent: str(prop(http, "http_user_agent"), 512), status: int(prop(http, "status")) }];
  },
  tls: (o, c) => serverName(str(path(o, "tls", "sni"), 255), c),
  // HTTP/3: browsers and curl --http3 reach RDAP services behind CDNs over QUIC, whose handshake names the
  // server as TLS does (Suricata 7 EVE "Event type: QUIC", `quic.sni`; the `quic.sni` rule keyword).
  quic: (o, c) => serverName(str(path(o, "quic", "sni"), 255), c),
};

export function eveParser(ctx: ParseContext): LineParser {
  return {
    line(buf, start, end, lineNo) {
      if (end === start) return LineResult.Skipped;
      const peeked = peekType(buf, start, end);
      if (peeked !== undefined && !WANTED.has(peeked)) return LineResult.Skipped;
      const o = parseJson(buf.toString("utf8", start, end));
      if (o === null || typeof o !== "object" || Array.isArray(o)) return LineResult.Malformed;
      const obj = o as JsonObject;
      const type = str(prop(obj, "event_type"));
      if (type === undefined) return LineResult.Malformed;
      const build = WANTED.has(type) ? BUILDERS[type] : undefined;
      if (build === undefined) return LineResult.Skipped;
      const ts = parseIsoMs(str(prop(obj, "timestamp"), 64) ?? "");
      const src = str(prop(obj, "src_ip"), 64);
      const dst = str(prop(obj, "dest_ip"), 64);
      if (Number.isNaN(ts) || src === undefined || dst === undefined) return LineResult.Malformed;
      const events = build(obj, { ts, src, dst, srcPort: int(prop(obj, "src_port")), dstPort: int(prop(obj, "dest_port")),
        evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
      for (const e of events) ctx.emit(e);
      return events.length > 0 ? LineResult.Event : LineResult.Skipped;
    },
  };
}
