/**
 * Elastic Common Schema documents that are not Windows event logs (ECS reference, elastic.co/guide/en/ecs,
 * "ECS Field Reference"; Packetbeat, Filebeat modules, Elastic Agent / Elastic Defend endpoint events, Kibana
 * "Download as JSON" and elasticdump exports): one event per document, its kind from the fields it holds,
 * most specific first (KINDS below). Winlogbeat documents (they carry `winlog`) go to the Windows event
 * reader, as when the file is sniffed as Sysmon, so one mixed Elastic Agent export reads whole.
 *
 * The host rule: an endpoint's document names the host's address at that moment in `host.ip` (all of its
 * addresses: the first usable one is taken, sysmon.ts pickHostIp) and its name in `host.name`; a sensor's
 * document (Packetbeat, Zeek and Suricata through Filebeat) names the talking client in `source.ip` / `client.ip`
 * and the sensor in `host.*`. So the acting host is `source.ip` where the document has one, else `host.ip`,
 * else the host name; the host name always goes into the event's process.host.
 */
import type { ConnEvent, DetectEvent, Evidence } from "../types.js";
import { LineResult, type JsonObject, type ParseContext, type LineParser, int, parseAnyTime, path, prop, protoName, str } from "./common.js";
import { dnsName } from "./fields.js";
import { jsonRecords, words, type Built } from "./json-records.js";
import { pickHostIp } from "./sysmon.js";
import { windowsEventParser } from "./winevent.js";

/**
 * ECS outcome of a connection → the state word the port-scan indicator knows (conn-outcome.ts). A denied or
 * failed connection is an attempt, never a lookup. Sources: ECS `event.type` allowed values ("denied":
 * "the event's action was blocked"), `event.outcome` ("failure"), Elastic Defend / Auditbeat `event.action`
 * values for network events, Packetbeat flows (`destination.packets` 0: nothing came back).
 */
const DENIED_TYPES = new Set(["denied"]);
const FAILED_ACTIONS = new Set(["connection_rejected", "connection_refused", "denied", "dropped", "blocked", "reject", "deny", "drop"]);

function connState(o: JsonObject): string | undefined {
  if (words(path(o, "event", "type")).some((t) => DENIED_TYPES.has(t))) return "denied";
  const action = str(path(o, "event", "action"), 64)?.toLowerCase();
  if (action !== undefined && FAILED_ACTIONS.has(action)) return "denied";
  if (str(path(o, "event", "outcome"), 16) === "failure") return "S0"; // tried, no connection came of it
  return undefined;
}

/**
 * Packetbeat/flow documents: false when no request can have been sent — the server sent nothing back (a SYN
 * that got no answer), or the client sent at most two TCP packets (a SYN, then a RST: a request needs the
 * handshake's ACK and a data segment, RFC 9293 3.5).
 */
function payloadOf(o: JsonObject, tcp: boolean): boolean | undefined {
  const packets = int(responder(o, "packets"));
  const bytes = int(responder(o, "bytes"));
  if (packets === 0 || bytes === 0) return false;
  const sent = int(initiator(o, "packets"));
  if (tcp && sent !== undefined && sent <= 2) return false;
  return undefined;
}

/**
 * ECS names a connection's two ends twice: `source`/`destination` by packet direction and `client`/`server` by who
 * opened it (ECS "client" and "server" field sets). Shippers fill one pair or both (Packetbeat flows may carry only
 * client/server): the direction pair first, the other when it is absent.
 */
function initiator(o: JsonObject, field: string): unknown {
  return path(o, "source", field) ?? path(o, "client", field);
}

function responder(o: JsonObject, field: string): unknown {
  return path(o, "destination", field) ?? path(o, "server", field);
}

interface Base { ts: number; src: string; format: "ecs"; evidence: Evidence; process?: DetectEvent["process"] }

function processOf(o: JsonObject, host: string | undefined): DetectEvent["process"] | undefined {
  const p = prop(o, "process");
  const image = str(prop(p, "executable"), 1024) ?? str(prop(p, "name"), 255);
  if (image === undefined) return undefined;
  const args = prop(p, "args");
  const commandLine = str(prop(p, "command_line"), 8192) ?? (Array.isArray(args) ? args.slice(0, 64).filter((a) => typeof a === "string").join(" ").slice(0, 8192) || undefined : undefined);
  return { image, commandLine, pid: int(prop(p, "pid")), user: str(path(o, "user", "name"), 255), host };
}

/** One row per event kind, most specific first: the first whose fields are present builds the event. */
const KINDS: { kind: string; why: string; build: (o: JsonObject, b: Base) => DetectEvent | undefined }[] = [
  { kind: "dns", why: "dns.question.name (Packetbeat dns, Elastic Defend lookup_requested/lookup_result, Zeek/Suricata via Filebeat)", build: (o, b) => {
    const query = dnsName(str(path(o, "dns", "question", "name"), 300));
    if (query === undefined) return undefined;
    return { ...b, kind: "dns", query, qtype: str(path(o, "dns", "question", "type"), 16), rcode: str(path(o, "dns", "response_code"), 16)?.toUpperCase(),
      dst: str(responder(o, "ip"), 64) };
  } },
  { kind: "http", why: "url.full / url.original, or url.domain with url.path (Packetbeat http, proxy and web modules)", build: (o, b) => {
    const full = str(path(o, "url", "full"), 4096) ?? str(path(o, "url", "original"), 4096);
    const domain = str(path(o, "url", "domain"), 255);
    const urlPath = str(path(o, "url", "path"), 4096);
    const absolute = full !== undefined && (full.startsWith("http://") || full.startsWith("https://")) ? full : undefined;
    if (absolute === undefined && domain === undefined) return undefined;
    const scheme = str(path(o, "url", "scheme"), 16) ?? (int(responder(o, "port")) === 443 ? "https" : "http");
    const url = absolute ?? `${scheme}://${domain}${urlPath ?? (full?.startsWith("/") ? full : "/")}`;
    return { ...b, kind: "http", url, host: domain ?? safeHost(url), path: urlPath, method: str(path(o, "http", "request", "method"), 16),
      status: int(path(o, "http", "response", "status_code")), userAgent: str(path(o, "user_agent", "original"), 512),
      dst: str(responder(o, "ip"), 64), dstPort: int(responder(o, "port")) ?? int(path(o, "url", "port")) };
  } },
  { kind: "tls", why: "tls.client.server_name (Packetbeat tls, Zeek ssl / Suricata tls via Filebeat)", build: (o, b) => {
    const sni = str(path(o, "tls", "client", "server_name"), 255);
    if (sni === undefined) return undefined;
    return { ...b, kind: "tls", sni, dst: str(responder(o, "ip"), 64), dstPort: int(responder(o, "port")) };
  } },
  { kind: "conn", why: "destination.ip with destination.port (network flows, Elastic Defend connection_attempted/accepted, firewall modules)", build: (o, b) => {
    const dst = str(responder(o, "ip"), 64);
    const dstPort = int(responder(o, "port"));
    if (dst === undefined || dstPort === undefined) return undefined;
    const e: ConnEvent = { ...b, kind: "conn", dst, dstPort, srcPort: int(initiator(o, "port")), proto: protoName(str(path(o, "network", "transport"), 16) ?? str(path(o, "network", "protocol"), 16)) };
    const state = connState(o);
    if (state !== undefined) e.state = state;
    const payload = payloadOf(o, e.proto === "tcp");
    if (payload !== undefined) e.payload = payload;
    return e;
  } },
  { kind: "process", why: "event.category process with event.type start (Elastic Defend exec/fork, Auditbeat process, Sysmon via Elastic Agent)", build: (o, b) => {
    const cats = words(path(o, "event", "category"));
    if (!cats.includes("process")) return undefined;
    const types = words(path(o, "event", "type"));
    const action = str(path(o, "event", "action"), 64)?.toLowerCase();
    if (!(types.includes("start") || action === "exec" || action === "start" || action === "process_started" || action === "executed")) return undefined;
    if (b.process === undefined) return undefined;
    return { ...b, kind: "process", process: b.process };
  } },
];

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** Every address in `host.ip` (a string or a list), capped. */
function hostIps(v: unknown): string[] {
  return (Array.isArray(v) ? v.slice(0, 32) : [v]).map((x) => str(x, 64)).filter((x): x is string => x !== undefined);
}

/**
 * ECS `event.kind` values read (ECS "event.kind" allowed values): `event` (and documents without it). An `alert`
 * or `signal` re-describes events already in the data (counting it would count them twice); `metric`, `state`,
 * `asset`, `enrichment` and `pipeline_error` documents are no activity.
 */
const READ_KINDS = new Set(["event"]);

function buildEcs(o: JsonObject, evidence: Evidence): Built {
  const kind = str(path(o, "event", "kind"), 32);
  if (kind !== undefined && !READ_KINDS.has(kind)) return LineResult.Skipped;
  // event.start: when the activity began (a flow's first packet; Packetbeat stamps a flow when it reports it).
  let ts = parseAnyTime(path(o, "event", "start"));
  if (Number.isNaN(ts)) ts = parseAnyTime(prop(o, "@timestamp"));
  if (Number.isNaN(ts)) ts = parseAnyTime(path(o, "event", "created"));
  if (Number.isNaN(ts)) return LineResult.Malformed;
  const hostName = str(path(o, "host", "name"), 255) ?? str(path(o, "host", "hostname"), 255);
  const hostIp = pickHostIp(path(o, "host", "ip"));
  const peer = str(initiator(o, "ip"), 64);
  const src = peer ?? hostIp ?? hostName;
  if (src === undefined) return LineResult.Malformed;
  // The host's name belongs to the event only when the host is the actor (an endpoint's own event):
  // a sensor's document (Packetbeat) names the sensor in host.*, and keying by it would merge every client.
  const own = peer === undefined || hostIps(path(o, "host", "ip")).includes(peer);
  const host = own ? hostName : undefined;
  const process = processOf(o, host);
  const base: Base = { ts, src, format: "ecs", evidence, ...(process !== undefined ? { process } : host !== undefined ? { process: { image: "", host } } : {}) };
  for (const row of KINDS) {
    const event = row.build(o, base);
    if (event !== undefined) {
      // A process event's actor is the host itself: its own address, never a peer's.
      if (event.kind === "process") event.src = hostIp ?? hostName ?? src;
      return event;
    }
  }
  return LineResult.Skipped;
}

/** Winlogbeat documents name `winlog` at the top level (or inside _source): a look for the key before any parse. */
function hasKeyIn(buf: Buffer, start: number, end: number, key: string): boolean {
  return buf.subarray(start, end).includes(key); // within the line only: never scan the rest of the read chunk
}

/**
 * The reader of ECS exports and of Windows event exports alike, one document at a time: a Winlogbeat document
 * (`winlog`) or any other Windows event layout goes to the Windows event reader, another ECS document (an
 * `@timestamp` and no `winlog`) to the ECS reader. So an Elastic Agent export that mixes Winlogbeat and
 * Elastic Defend documents reads whole whichever comes first.
 */
export function ecsParser(ctx: ParseContext): LineParser {
  const ecs = jsonRecords(ctx, buildEcs);
  const windows = windowsEventParser(ctx);
  return {
    line(buf, start, end, lineNo) {
      // Windows layouts first: Winlogbeat (`winlog`), EVTX-to-JSON and NXLog/Sentinel flat rows (`EventID`), even when a
      // shipper (Logstash) added an `@timestamp` to them.
      const windowsDoc = hasKeyIn(buf, start, end, '"winlog"') || hasKeyIn(buf, start, end, '"EventID"') || !hasKeyIn(buf, start, end, '"@timestamp"');
      if (windowsDoc) return windows.line(buf, start, end, lineNo);
      return ecs.line(buf, start, end, lineNo);
    },
  };
}
