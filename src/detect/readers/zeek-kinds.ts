/**
 * Zeek logs as data: which fields each log kind needs and how a row becomes an event.
 * Shared by the TSV and the JSON reader; `get` returns a field's value or undefined when unset.
 */
import type { DetectEvent, Evidence, LogFormat } from "../types.js";
import { protoName } from "./common.js";

export type Get = (field: string) => string | undefined;

/**
 * A row's fields: `get` decodes a field as text; `int` reads a field as a non-negative integer
 * (undefined when unset or not one), which the TSV reader takes straight from the bytes.
 */
export interface Fields {
  get: Get;
  int(field: string): number | undefined;
}

export interface ZeekKind {
  format: LogFormat;
  /** `#path` values and `_path` values that mean this kind. */
  paths: string[];
  /** Fields whose presence in `#fields` (or JSON keys) identifies the kind, most specific kinds first. */
  marks: string[];
  build(f: Fields, ts: number, evidence: Evidence): DetectEvent | undefined;
}

// Object literals are written out in full (no spread): this runs once per log line.
const src = (get: Get) => get("id.orig_h") ?? "";

function url(host: string | undefined, uri: string | undefined, port: number | undefined): string | undefined {
  if (uri === undefined) return undefined;
  if (uri.startsWith("http://") || uri.startsWith("https://")) return uri;
  if (host === undefined) return undefined;
  const hostPort = port === undefined || port === 80 || host.includes(":") ? host : `${host}:${port}`;
  return `http://${hostPort}${uri.startsWith("/") ? "" : "/"}${uri}`;
}

/**
 * Did the originator send payload? `orig_bytes` counts its payload bytes; without it, `history` has
 * a `D` for a packet with payload from the originator (Zeek conn.log documentation). Unknown: undefined.
 */
function origPayload(f: Fields): boolean | undefined {
  const bytes = f.int("orig_bytes");
  if (bytes !== undefined) return bytes > 0;
  const history = f.get("history");
  return history === undefined ? undefined : history.includes("D");
}

/** Order matters: the first kind whose marks are all present wins (whois last: its `query` is also in dns). */
export const ZEEK_KINDS: ZeekKind[] = [
  {
    format: "zeek-dns",
    paths: ["dns"],
    marks: ["query", "qtype"],
    build(f, ts, evidence) {
      const get = f.get;
      const query = get("query");
      if (query === undefined) return undefined;
      return { kind: "dns", ts, src: src(get), format: "zeek-dns", evidence, dst: get("id.resp_h"), query,
        qtype: get("qtype_name") ?? get("qtype"), rcode: get("rcode_name") ?? get("rcode") };
    },
  },
  {
    format: "zeek-http",
    paths: ["http"],
    marks: ["method", "uri"],
    build(f, ts, evidence) {
      const get = f.get;
      const host = get("host");
      const uri = get("uri");
      const dstPort = f.int("id.resp_p");
      const status = f.int("status_code");
      return { kind: "http", ts, src: src(get), format: "zeek-http", evidence, dst: get("id.resp_h"), dstPort, host,
        method: get("method"), path: uri, url: url(host, uri, dstPort), userAgent: get("user_agent"), status };
    },
  },
  {
    format: "zeek-ssl",
    paths: ["ssl"],
    marks: ["server_name"],
    build(f, ts, evidence) {
      const get = f.get;
      const sni = get("server_name");
      if (sni === undefined) return undefined;
      return { kind: "tls", ts, src: src(get), format: "zeek-ssl", evidence, dst: get("id.resp_h"), dstPort: f.int("id.resp_p"), sni };
    },
  },
  {
    format: "zeek-conn",
    paths: ["conn"],
    marks: ["conn_state"],
    build(f, ts, evidence) {
      const get = f.get;
      const dst = get("id.resp_h");
      const dstPort = f.int("id.resp_p");
      if (dst === undefined || dstPort === undefined) return undefined;
      return { kind: "conn", ts, src: src(get), format: "zeek-conn", evidence, dst, dstPort, srcPort: f.int("id.orig_p"),
        proto: protoName(get("proto")), state: get("conn_state"), payload: origPayload(f) };
    },
  },
  {
    format: "zeek-whois",
    paths: ["whois"],
    marks: ["query"],
    build(f, ts, evidence) {
      const get = f.get;
      const query = get("query");
      const dst = get("id.resp_h");
      if (query === undefined || dst === undefined) return undefined;
      return { kind: "whois", ts, src: src(get), format: "zeek-whois", evidence, dst, dstPort: f.int("id.resp_p") ?? 43,
        srcPort: f.int("id.orig_p"), query };
    },
  },
];

/** The fields any kind reads (TSV readers index only these). */
export const ZEEK_FIELDS = ["ts", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "conn_state", "orig_bytes", "history", "query",
  "qtype", "qtype_name", "rcode", "rcode_name", "host", "uri", "method", "user_agent", "status_code", "server_name"];

export function kindByPath(p: string): ZeekKind | undefined {
  return ZEEK_KINDS.find((k) => k.paths.includes(p));
}

export function kindByFields(has: (field: string) => boolean): ZeekKind | undefined {
  return ZEEK_KINDS.find((k) => k.marks.every(has));
}

export function kindByFormat(format: LogFormat): ZeekKind | undefined {
  return ZEEK_KINDS.find((k) => k.format === format);
}

/**
 * Zeek logs detect does not read, by log name (`#path`, `_path`, or the file name before its first
 * dot: x509.log, files.09:00:00-10:00:00.log.gz). A folder of Zeek logs is read whole: these are
 * skipped with a notice instead of failing as an unknown format. Names from the Zeek documentation's
 * "Log Files" list (docs.zeek.org, logs/index) and zeekctl's own files.
 */
export const ZEEK_OTHER_LOGS: Readonly<Record<string, string>> = {
  x509: "certificates (no host name detect needs: ssl.log has the SNI)",
  files: "file analysis", pe: "file analysis", ocsp: "file analysis",
  known_services: "asset inventory", known_hosts: "asset inventory", known_certs: "asset inventory", software: "asset inventory",
  weird: "protocol anomalies", notice: "Zeek notices", notice_alarm: "Zeek notices", signatures: "Zeek signatures", intel: "intelligence hits",
  capture_loss: "sensor health", stats: "sensor health", loaded_scripts: "sensor configuration", packet_filter: "sensor configuration",
  reporter: "sensor messages", broker: "cluster messages", cluster: "cluster messages", config: "sensor configuration", print: "script output",
  analyzer: "analyzer errors", dpd: "analyzer errors", conn_summary: "zeekctl report", "conn-summary": "zeekctl report",
  stderr: "zeekctl process output", stdout: "zeekctl process output", communication: "cluster messages",
  dce_rpc: "protocol log", dhcp: "protocol log", dnp3: "protocol log", ftp: "protocol log", irc: "protocol log", kerberos: "protocol log",
  modbus: "protocol log", mysql: "protocol log", ntlm: "protocol log", ntp: "protocol log", radius: "protocol log", rdp: "protocol log",
  rfb: "protocol log", sip: "protocol log", smb_files: "protocol log", smb_mapping: "protocol log", smtp: "protocol log", snmp: "protocol log",
  socks: "protocol log", ssh: "protocol log", syslog: "protocol log", tunnel: "protocol log", quic: "protocol log", websocket: "protocol log",
};

/** The Zeek log name of a file name ("x509.log" → "x509", "files.09:00:00-10:00:00.log.gz" → "files"). */
export function zeekLogName(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\")) + 1);
  const dot = base.indexOf(".");
  return dot < 0 ? base : base.slice(0, dot);
}
