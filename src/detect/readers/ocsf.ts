/**
 * Open Cybersecurity Schema Framework events (schema.ocsf.io, OCSF 1.x; written by AWS Security Lake —
 * VPC Flow Logs, Route 53 resolver query logs — and many vendors' exports): one event per record, its class
 * by `class_uid` (CLASSES below). `time` is epoch milliseconds (schema.ocsf.io "timestamp_t").
 *
 * The host rule: network, HTTP and DNS activity name the acting endpoint in `src_endpoint` (ip, hostname);
 * process activity names the host in `device` (ip, hostname). The acting address is the event's own;
 * the host name goes in process.host.
 */
import type { ConnEvent, DetectEvent, Evidence } from "../types.js";
import { LineResult, type JsonObject, type LineParser, type ParseContext, int, parseAnyTime, path, prop, protoName, str } from "./common.js";
import { dnsName } from "./fields.js";
import { jsonRecords, type Built } from "./json-records.js";

/**
 * Network Activity (4001) outcome → connection state (conn-outcome.ts words). activity_id: 1 Open,
 * 2 Close, 3 Reset, 4 Fail, 5 Refuse, 6 Traffic, 7 Listen; status_id 2 Failure; action_id 2 Denied
 * (OCSF 1.1+, also `disposition_id` 2 Blocked). A refused, failed or denied connection is an attempt.
 */
const NETWORK_ACTIVITY: Readonly<Record<number, string | null>> = {
  4: "S0", // Fail: the connection attempt failed
  5: "REJ", // Refuse: the peer refused it
  7: null, // Listen: not a connection by this endpoint, skipped
};

interface Base { ts: number; src: string; format: "ocsf"; evidence: Evidence; process?: DetectEvent["process"] }

function processOf(p: unknown, host: string | undefined, user: unknown): DetectEvent["process"] | undefined {
  const image = str(path(p, "file", "path"), 1024) ?? str(prop(p, "path"), 1024) ?? str(path(p, "file", "name"), 255) ?? str(prop(p, "name"), 255);
  if (image === undefined) return host === undefined ? undefined : { image: "", host };
  return { image, commandLine: str(prop(p, "cmd_line"), 8192), pid: int(prop(p, "pid")), user: str(prop(user, "name"), 255) ?? str(path(p, "user", "name"), 255), host };
}

function connState(o: JsonObject): string | null | undefined {
  const activity = int(prop(o, "activity_id"));
  if (activity !== undefined && Object.hasOwn(NETWORK_ACTIVITY, activity)) return NETWORK_ACTIVITY[activity];
  if (int(prop(o, "action_id")) === 2 || int(prop(o, "disposition_id")) === 2) return "denied";
  if (int(prop(o, "status_id")) === 2) return "S0";
  return undefined;
}

/** One row per class: what it reads. */
const CLASSES: Readonly<Record<number, { name: string; build: (o: JsonObject, b: Base) => DetectEvent | LineResult.Skipped | undefined }>> = {
  4001: { name: "Network Activity: src_endpoint/dst_endpoint ip+port, connection_info.protocol_name/protocol_num, activity_id/status_id; tls.sni makes it a TLS event", build: (o, b) => {
    const dst = str(path(o, "dst_endpoint", "ip"), 64);
    const dstPort = int(path(o, "dst_endpoint", "port"));
    if (dst === undefined || dstPort === undefined) return undefined;
    const state = connState(o);
    if (state === null) return LineResult.Skipped;
    const sni = state === undefined ? str(path(o, "tls", "sni"), 255) : undefined;
    if (sni !== undefined) return { ...b, kind: "tls", sni, dst, dstPort };
    const proto = str(path(o, "connection_info", "protocol_name"), 16) ?? str(path(o, "connection_info", "protocol_num"), 4);
    const e: ConnEvent = { ...b, kind: "conn", dst, dstPort, srcPort: int(path(o, "src_endpoint", "port")), proto: protoName(proto) };
    if (state !== undefined) e.state = state;
    // Traffic counters: nothing came back from the server (Security Lake VPC flows carry bytes_in/packets_in).
    if (int(path(o, "traffic", "packets_in")) === 0 || int(path(o, "traffic", "bytes_in")) === 0) e.payload = false;
    return e;
  } },
  4002: { name: "HTTP Activity: http_request.url (url_string or hostname+path), http_method, http_response.code", build: (o, b) => {
    const url = path(o, "http_request", "url");
    const hostname = str(prop(url, "hostname"), 255);
    const given = str(prop(url, "url_string"), 4096);
    const urlPath = str(prop(url, "path"), 4096);
    const port = int(prop(url, "port")) ?? int(path(o, "dst_endpoint", "port"));
    const scheme = str(prop(url, "scheme"), 16) ?? (port === 443 ? "https" : "http");
    const full = given !== undefined && /^https?:\/\//i.test(given) ? given : hostname !== undefined ? `${scheme}://${hostname}${urlPath ?? "/"}` : undefined;
    if (full === undefined) return undefined;
    return { ...b, kind: "http", url: full, host: hostname ?? hostFromUrl(full), path: urlPath, method: str(path(o, "http_request", "http_method"), 16),
      userAgent: str(path(o, "http_request", "user_agent"), 512), status: int(path(o, "http_response", "code")), dst: str(path(o, "dst_endpoint", "ip"), 64), dstPort: port };
  } },
  4003: { name: "DNS Activity: query.hostname, query.type, rcode (activity 1 Query, 2 Response, 6 Traffic)", build: (o, b) => {
    const query = dnsName(str(path(o, "query", "hostname"), 300));
    if (query === undefined) return undefined;
    return { ...b, kind: "dns", query, qtype: str(path(o, "query", "type"), 16), rcode: str(prop(o, "rcode"), 16)?.toUpperCase(), dst: str(path(o, "dst_endpoint", "ip"), 64) };
  } },
  1007: { name: "Process Activity: process.file.path, process.cmd_line, process.pid, actor.user (activity 1 Launch only)", build: (o, b) => {
    if (int(prop(o, "activity_id")) !== 1) return LineResult.Skipped;
    const p = processOf(prop(o, "process"), b.process?.host, path(o, "actor", "user"));
    if (p === undefined || p.image === "") return undefined;
    return { ...b, kind: "process", process: p };
  } },
};

function hostFromUrl(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

function buildOcsf(o: JsonObject, evidence: Evidence): Built {
  const uid = int(prop(o, "class_uid"));
  if (uid === undefined) return LineResult.Malformed;
  const cls = Object.hasOwn(CLASSES, uid) ? CLASSES[uid] : undefined;
  if (cls === undefined) return LineResult.Skipped; // authentication, file activity, findings…
  const ts = parseAnyTime(prop(o, "time") ?? prop(o, "time_dt"));
  if (Number.isNaN(ts)) return LineResult.Malformed;
  const device = prop(o, "device");
  const deviceIp = str(prop(device, "ip"), 64);
  const deviceName = str(prop(device, "hostname"), 255) ?? str(prop(device, "name"), 255);
  const srcIp = str(path(o, "src_endpoint", "ip"), 64);
  // Process activity: the device acts. The others: the source endpoint acts; its host name (or the
  // device's, when the device is that endpoint) goes in process.host.
  const processClass = uid === 1007;
  const src = processClass ? (deviceIp ?? deviceName) : (srcIp ?? deviceIp ?? deviceName);
  if (src === undefined) return LineResult.Malformed;
  const host = processClass ? deviceName : (str(path(o, "src_endpoint", "hostname"), 255) ?? (srcIp === undefined || srcIp === deviceIp ? deviceName : undefined));
  const actor = processClass ? undefined : processOf(path(o, "actor", "process"), host, path(o, "actor", "user"));
  const base: Base = { ts, src, format: "ocsf", evidence, ...(actor !== undefined ? { process: actor } : host !== undefined ? { process: { image: "", host } } : {}) };
  return cls.build(o, base) ?? LineResult.Malformed;
}

export function ocsfParser(ctx: ParseContext): LineParser {
  return jsonRecords(ctx, buildOcsf);
}
