/** Format sniffing from the first bytes of an (already decompressed) input. */
import type { LogFormat } from "../types.js";
import { CSV_FIELDS, csvDelimiter, splitCsv } from "./firewall.js";
import { sniffLogLines, sniffWindowsEvent } from "./sniff-logs.js";
import { isDefenderCsvHeader } from "./defender.js";
import { JsonDocSplitter, isJsonDocument } from "./json-doc.js";
import { type LineParser, LineResult, parseJson } from "./common.js";
import type { ReadStats } from "../types.js";
import { ZEEK_OTHER_LOGS, kindByFields, kindByPath } from "./zeek-kinds.js";
import { sniffCloudDns } from "./cloud-dns.js";
import { wrappedText } from "./json-records.js";
import { isEvtx, isWindowsXml } from "./sniff-winxml.js";

const PCAP_MAGICS = [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a];

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The first lines of the head (at most 16), without empty lines and the BOM. */
function firstLines(head: Buffer): string[] {
  let text = head.toString("utf8", 0, Math.min(head.length, 1024 * 1024));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.split("\n", 17).slice(0, 16).map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l)).filter((l) => l.trim() !== "");
}

/** `"key"` appears as a JSON key in the line (a cheap check, no parse). */
const hasKey = (line: string, key: string) => line.includes(`"${key}"`);

function sniffJson(line: string): LogFormat | "unknown" {
  // `whoislens serve` query log (src/serve/contract.ts): keys no other JSON log here writes together
  if (hasKey(line, "sourceKey") && hasKey(line, "objectType") && hasKey(line, "personalObjects")) return "serve-queries";
  if (hasKey(line, "event_type") && (hasKey(line, "src_ip") || hasKey(line, "timestamp"))) return "suricata-eve";
  if (line.includes("Microsoft-Windows-Sysmon")) return "sysmon";
  if (sniffWindowsEvent(line)) return "windows-event";
  // Any other provider's events (the reader skips what it does not use); NXLog's flat JSON names the provider in SourceName.
  if (hasKey(line, "winlog") || (hasKey(line, "EventID") && (hasKey(line, "System") || hasKey(line, "SourceName") || hasKey(line, "EventSourceName")))) return "sysmon";
  const pathAt = line.indexOf('"_path"');
  if (pathAt >= 0) {
    const m = line.slice(pathAt + 7, pathAt + 40).split('"')[1];
    const kind = m === undefined ? undefined : kindByPath(m);
    if (kind !== undefined) return kind.format;
  }
  if (hasKey(line, "id.orig_h")) return kindByFields((f) => hasKey(line, f))?.format ?? "unknown";
  return sniffSiemJson(line) ?? sniffCloudDns(line) ?? "unknown";
}

/**
 * ECS's field sets (elastic.co, ECS field reference) the ECS reader reads or that only ECS writes: an ECS
 * document has one of them as an object (or as a dotted key, `"source.ip"`, in a flattened export). A bare
 * `"host": "app01"` or `"source": "billing"` beside `@timestamp` is any application's JSON log, not ECS.
 */
const ECS_OBJECTS = ["ecs", "agent", "event", "source", "destination", "client", "server", "host", "dns", "url", "tls", "process", "network"] as const;

/** `"key": {…}` or a dotted `"key.…"` in the line (a cheap check, no parse). */
const hasObject = (line: string, key: string) => line.includes(`"${key}":{`) || line.includes(`"${key}": {`) || line.includes(`"${key}.`);

/**
 * The SIEM/EDR schemas (w12), after every format above (a Winlogbeat document stays a Windows event):
 * OCSF names its class in `class_uid`; Defender XDR rows have DeviceName and ActionType columns (or the
 * streaming API's AdvancedHunting-* category); an ECS document has `@timestamp` and ECS's own objects.
 */
function sniffSiemJson(line: string): LogFormat | undefined {
  if (hasKey(line, "class_uid") && (hasKey(line, "time") || hasKey(line, "metadata"))) return "ocsf";
  if ((hasKey(line, "DeviceName") && hasKey(line, "ActionType")) || line.includes('"AdvancedHunting-')) return "defender-xdr";
  if (hasKey(line, "@timestamp") && ECS_OBJECTS.some((k) => hasObject(line, k))) return "ecs";
  return undefined;
}

/**
 * A text log carried in JSON (CloudWatch Logs exports and subscriptions, `aws logs filter-log-events`, Firehose):
 * the first `"message": "…"` value, sniffed as a line. Undefined when there is none.
 */
export function wrappedMessage(text: string): string | undefined {
  const at = text.indexOf('"message"');
  if (at < 0) return undefined;
  let i = at + 9;
  while (i < text.length && (text[i] === " " || text[i] === ":" || text[i] === "\n")) i++;
  if (text[i] !== '"') return undefined;
  const end = text.indexOf('"', i + 1);
  return end < 0 ? undefined : text.slice(i + 1, Math.min(end, i + 4097));
}

/** A Docker `json-file` record's line (`{"log":"…","stream":"stdout","time":"…"}`), parsed: its text escapes quotes. */
function dockerLine(line: string): string | undefined {
  if (line.length > 64 * 1024 || !hasKey(line, "log") || !hasKey(line, "stream")) return undefined;
  return wrappedText(parseJson(line));
}

function sniffZeekTsv(lines: string[]): LogFormat | "unknown" {
  let fields: string[] | undefined;
  for (const l of lines) {
    if (l.startsWith("#path")) {
      const name = l.slice(6).trim();
      const kind = kindByPath(name);
      if (kind !== undefined) return kind.format;
      if (Object.hasOwn(ZEEK_OTHER_LOGS, name)) return "unknown"; // a Zeek log we do not read: never guessed from its fields
    }
    if (l.startsWith("#fields")) fields = l.slice(8).split("\t");
  }
  return fields === undefined ? "unknown" : (kindByFields((f) => fields.includes(f))?.format ?? "unknown");
}

/** `1700000000.123    45 192.0.2.1 TCP_MISS/200 …`: epoch with millis, a number, a client, CODE/status. */
function looksSquid(line: string): boolean {
  const f = line.split(" ").filter((t) => t !== "");
  if (f.length < 7) return false;
  const [t, elapsed, , code] = f;
  return /^\d{9,11}\.\d{1,6}$/.test(t ?? "") && /^-?\d{1,12}$/.test(elapsed ?? "") && /^[A-Z_]{1,40}\/\d{1,3}$/.test(code ?? "");
}

/**
 * Squid's `common`/`combined` logformat: `client - user [dd/Mon/yyyy:HH:MM:SS +zone] "METHOD URL HTTP/v"` with a
 * proxy's request target (CONNECT host:port or an absolute URL), which tells a proxy from a web server's access log.
 */
function looksSquidCommon(line: string): boolean {
  return /^\S{1,64} \S{1,64} \S{1,128} \[\d{2}\/[A-Za-z]{3}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] "(?:CONNECT [^ "]{1,300}:\d{1,5}|[A-Z]{3,10} https?:\/\/)/.test(line);
}

function looksCsvHeader(line: string): boolean {
  if (!line.includes(",") && !line.includes(";") && !line.includes("\t")) return false;
  const names = splitCsv(line, csvDelimiter(line)).map((c) => c.toLowerCase().replace(/[\s_-]/g, ""));
  const known = Object.values(CSV_FIELDS);
  const hits = known.filter((aliases) => names.some((n) => aliases.includes(n))).length;
  return hits >= 2 && names.every((n) => !/^\d/.test(n));
}

/** Recognizes the format from the first bytes; "unknown" when nothing fits (gzip must be decompressed first). */
export function sniffFormat(head: Buffer): LogFormat | "unknown" {
  if (head.length >= 4) {
    const le = head.readUInt32LE(0);
    if (PCAP_MAGICS.includes(le)) return "pcap";
  }
  if (isEvtx(head)) return "windows-evtx";
  if (isGzip(head)) return "unknown";
  if (isWindowsXml(head)) return "windows-xml";
  const lines = firstLines(head);
  const first = lines[0];
  if (first === undefined) return "unknown";
  if (first.startsWith("#separator") || first.startsWith("#fields") || first.startsWith("#path")) return sniffZeekTsv(lines);
  if (isJsonDocument(head)) return sniffJsonDocument(head);
  if (isDefenderCsvHeader(first)) return "defender-xdr";
  let zeekJson = false;
  const paths = new Set<string | undefined>();
  for (const line of lines.slice(0, 8)) {
    if (line.trimStart().startsWith("{")) {
      const f = sniffJson(line);
      if (f !== "unknown") return f;
      zeekJson ||= hasKey(line, "_path") && hasKey(line, "ts");
      paths.add(jsonLinePath(line));
    }
  }
  // A mixed Zeek JSON stream that starts with logs we do not read: lines are told apart by `_path`.
  // One log of a kind we do not read (x509.log as JSON) is no stream: "unknown", and skipped with a notice.
  const only = paths.size === 1 ? [...paths][0] : undefined;
  if (zeekJson && !(only !== undefined && Object.hasOwn(ZEEK_OTHER_LOGS, only))) return "zeek-conn";
  const message = lines[0]?.trimStart().startsWith("{") ? (wrappedMessage(lines[0]) ?? dockerLine(lines[0])) : undefined;
  if (message !== undefined) return sniffLogLines([message]) ?? "unknown";
  const family = sniffLogLines(lines);
  if (family !== undefined) return family;
  if (lines.some((l) => l.includes(" SRC=") && l.includes(" DST="))) return "firewall-syslog";
  if (lines.some(looksSquid) || lines.some(looksSquidCommon)) return "squid";
  if (looksCsvHeader(first)) return "firewall-csv";
  return "unknown";
}

/**
 * A JSON array or wrapper (json-doc.ts): the head's text as one line for the JSON checks (key checks only, so
 * a pretty-printed document reads as well as a compact one), else the first wrapped text message.
 */
function sniffJsonDocument(head: Buffer): LogFormat | "unknown" {
  // The first complete records, as the splitter will hand them to the reader: sniffed one by one like NDJSON lines.
  const records: string[] = [];
  const collect: LineParser = {
    line(buf, start, end) {
      if (records.length < 8) records.push(buf.toString("utf8", start, end).replace(/[\r\n\t]/g, " "));
      return LineResult.Skipped;
    },
  };
  const stats: ReadStats = { file: "", format: "unknown", lines: 0, events: 0, skipped: 0, malformed: 0 };
  new JsonDocSplitter(collect, stats, head.length + 1).push(head);
  for (const record of records) {
    const f = sniffJson(record);
    if (f !== "unknown") return f;
  }
  // No complete record in the head (one long record): the head's text as one line.
  let text = head.toString("utf8", 0, Math.min(head.length, 64 * 1024));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (records.length === 0) {
    const json = sniffJson(text.replace(/[\r\n\t]/g, " "));
    if (json !== "unknown") return json;
  }
  const message = wrappedMessage(records[0] ?? text);
  return message === undefined ? "unknown" : (sniffLogLines([message]) ?? "unknown");
}

/** The Zeek log name a head declares (`#path` of a TSV log, `_path` of a JSON line), if any. */
export function zeekPath(head: Buffer): string | undefined {
  for (const l of firstLines(head)) {
    if (l.startsWith("#path")) return l.slice(6).trim().slice(0, 64);
    if (l.startsWith("{") && l.includes('"_path"')) return jsonLinePath(l);
  }
  return undefined;
}

/** The `_path` of one Zeek JSON line (the line starts with `{`), if it has one. */
function jsonLinePath(l: string): string | undefined {
  const at = l.startsWith("{") ? l.indexOf('"_path"') : -1;
  return at >= 0 ? l.slice(at + 7, at + 80).split('"')[1] : undefined;
}
