/**
 * Microsoft Defender XDR advanced hunting rows (learn.microsoft.com, defender-xdr: advanced-hunting-schema-tables,
 * advanced-hunting-devicenetworkevents-table, -deviceprocessevents-table, -deviceevents-table), as the portal
 * exports them (CSV with a header row, or JSON: one array of rows) and as the APIs give them (the advanced
 * hunting API's `{"Schema":[…],"Results":[…]}`, Graph runHuntingQuery's `results`, the streaming API's
 * `{"records":[{"category":"AdvancedHunting-DeviceNetworkEvents","properties":{…}}]}`; json-doc.ts and
 * json-records.ts unwrap them). Which table a row comes from is told by its columns (ROWS below), so an export
 * that mixes tables (a `union` query) reads whole.
 *
 * The host rule: DeviceNetworkEvents and DeviceEvents carry the device's own address at that moment in LocalIP;
 * DeviceProcessEvents carries none, so those rows name the device (DeviceName), and the detector takes the
 * address the device had then from its network rows (host-addresses.ts). DeviceName always goes in process.host.
 */
import type { DetectEvent, Evidence } from "../types.js";
import { LineResult, type LineParser, type ParseContext, cleanText, int, parseAnyTime, parseJson, prop, protoName, str, lineEvidence } from "./common.js";
import { csvDelimiter, splitCsv } from "./firewall.js";
import { dnsName } from "./fields.js";
import { jsonRecords, type Built } from "./json-records.js";

type Get = (column: string) => string | undefined;

/**
 * DeviceNetworkEvents ActionType → connection state (conn-outcome.ts words); `null`: an inbound or listening
 * row, not the device acting, skipped. Values from the DeviceNetworkEvents reference and the portal's
 * ActionType list. A failed or attempted connection is an attempt, never a lookup.
 */
const NETWORK_ACTIONS: Readonly<Record<string, string | null>> = {
  ConnectionSuccess: "established",
  ConnectionFailed: "S0", // the device tried; no connection came of it
  ConnectionAttempt: "syn_sent", // an attempt recorded without its outcome: no request is known to have been sent
  ConnectionRequest: "syn_sent",
  ConnectionFound: "established", // an active connection found by a periodic scan
  ConnectionAcknowledged: "established",
  InboundConnectionAccepted: null,
  ListeningConnectionCreated: null,
};

const ADDITIONAL_MAX = 16 * 1024;

/** AdditionalFields: a JSON object, or its text (CSV, and most JSON exports). */
function additional(get: Get, raw: unknown): unknown {
  if (raw !== null && typeof raw === "object") return raw;
  const text = get("AdditionalFields");
  return text !== undefined && text.length <= ADDITIONAL_MAX && text.startsWith("{") ? parseJson(text) : undefined;
}

/** FolderPath holds the full image path in practice ("c:\\windows\\system32\\whois.exe"); join when it is only the folder. */
function imageOf(folder: string | undefined, file: string | undefined): string | undefined {
  if (folder === undefined) return file;
  if (file === undefined || folder.toLowerCase().endsWith(file.toLowerCase())) return folder;
  return `${folder.endsWith("\\") || folder.endsWith("/") ? folder : `${folder}\\`}${file}`;
}

function account(domain: string | undefined, name: string | undefined): string | undefined {
  return name === undefined ? undefined : domain === undefined ? name : `${domain}\\${name}`;
}

/** The time of a row: ISO 8601 (the API, Sentinel), or the portal's localized text in UTC ("Dec 6, 2026 2:00:00 PM"). */
function timeOf(get: Get): number {
  const v = get("Timestamp") ?? get("TimeGenerated");
  if (v === undefined) return Number.NaN;
  const t = parseAnyTime(v);
  if (!Number.isNaN(t) || v.length > 40 || /[zZ]|[+-]\d\d:?\d\d$|UTC|GMT/.test(v)) return t;
  const utc = Date.parse(`${v} UTC`);
  return Number.isFinite(utc) ? utc : Number.NaN;
}

interface Row { table: string; why: string; test: (get: Get) => boolean; build: (get: Get, raw: (c: string) => unknown, base: Base) => DetectEvent | LineResult.Skipped | undefined }
interface Base { ts: number; format: "defender-xdr"; evidence: Evidence; host: string | undefined }

const initiating = (get: Get, host: string | undefined) => ({
  image: imageOf(get("InitiatingProcessFolderPath"), get("InitiatingProcessFileName")) ?? "",
  commandLine: get("InitiatingProcessCommandLine"), pid: int(get("InitiatingProcessId")),
  user: account(get("InitiatingProcessAccountDomain"), get("InitiatingProcessAccountName")), host,
});

/** One row per table / ActionType family, first match wins. */
const ROWS: readonly Row[] = [
  { table: "DeviceProcessEvents", why: "ProcessCommandLine column (ActionType ProcessCreated)", test: (get) => get("ProcessCommandLine") !== undefined || get("ActionType") === "ProcessCreated",
    build: (get, _raw, b) => {
      const image = imageOf(get("FolderPath"), get("FileName"));
      const src = b.host;
      if (image === undefined || src === undefined) return undefined;
      return { kind: "process", ts: b.ts, src, format: b.format, evidence: b.evidence,
        process: { image, commandLine: get("ProcessCommandLine"), pid: int(get("ProcessId")), user: account(get("AccountDomain"), get("AccountName")), host: b.host } };
    } },
  { table: "DeviceEvents / DeviceNetworkEvents", why: "ActionType DnsQueryResponse (AdditionalFields DnsQueryString) or DnsConnectionInspected (AdditionalFields query)",
    test: (get) => get("ActionType") === "DnsQueryResponse" || get("ActionType") === "DnsConnectionInspected",
    build: (get, raw, b) => {
      const extra = additional(get, raw("AdditionalFields"));
      const query = dnsName(str(prop(extra, "DnsQueryString"), 300) ?? str(prop(extra, "query"), 300));
      const src = get("LocalIP") ?? b.host;
      if (query === undefined || src === undefined) return undefined;
      return { kind: "dns", ts: b.ts, src, query, dst: get("RemoteIP"), format: b.format, evidence: b.evidence, process: initiating(get, b.host) };
    } },
  { table: "DeviceNetworkEvents", why: "ActionType HttpConnectionInspected (AdditionalFields host, uri, method)", test: (get) => get("ActionType") === "HttpConnectionInspected",
    build: (get, raw, b) => {
      const extra = additional(get, raw("AdditionalFields"));
      const host = str(prop(extra, "host"), 255);
      const src = get("LocalIP") ?? b.host;
      if (host === undefined || src === undefined) return undefined;
      const uri = str(prop(extra, "uri"), 4096) ?? "/";
      const port = int(get("RemotePort"));
      return { kind: "http", ts: b.ts, src, host, path: uri, url: `${port === 443 ? "https" : "http"}://${host}${uri.startsWith("/") ? uri : `/${uri}`}`,
        method: str(prop(extra, "method"), 16), dst: get("RemoteIP"), dstPort: port, format: b.format, evidence: b.evidence, process: initiating(get, b.host) };
    } },
  { table: "DeviceNetworkEvents", why: "ActionType SslConnectionInspected (AdditionalFields server_name)", test: (get) => get("ActionType") === "SslConnectionInspected",
    build: (get, raw, b) => {
      const sni = str(prop(additional(get, raw("AdditionalFields")), "server_name"), 255);
      const src = get("LocalIP") ?? b.host;
      if (sni === undefined || src === undefined) return undefined;
      return { kind: "tls", ts: b.ts, src, sni, dst: get("RemoteIP"), dstPort: int(get("RemotePort")), format: b.format, evidence: b.evidence, process: initiating(get, b.host) };
    } },
  { table: "DeviceNetworkEvents", why: "RemoteIP and RemotePort (ActionType Connection*)", test: (get) => get("RemoteIP") !== undefined && get("RemotePort") !== undefined,
    build: (get, _raw, b) => {
      const action = get("ActionType") ?? "";
      const state = Object.hasOwn(NETWORK_ACTIONS, action) ? NETWORK_ACTIONS[action] : undefined;
      if (state === null) return LineResult.Skipped;
      const src = get("LocalIP") ?? b.host;
      const dst = get("RemoteIP"), dstPort = int(get("RemotePort"));
      if (src === undefined || dst === undefined || dstPort === undefined) return undefined;
      // RemoteUrl: the host name the device connected to. On an established HTTPS connection it names the server
      // as a TLS client's SNI would (an RDAP service, a web WHOIS site): read as that handshake.
      const remote = get("RemoteUrl");
      if (state === "established" && dstPort === 443 && remote !== undefined && /^[A-Za-z0-9.-]{1,253}$/.test(remote) && remote.includes(".")) {
        return { kind: "tls", ts: b.ts, src, sni: remote.toLowerCase(), dst, dstPort, format: b.format, evidence: b.evidence, process: initiating(get, b.host) };
      }
      return { kind: "conn", ts: b.ts, src, dst, dstPort, srcPort: int(get("LocalPort")), proto: protoName(get("Protocol")?.toLowerCase().replace(/v[46]$/, "")),
        ...(state !== undefined ? { state } : {}), format: b.format, evidence: b.evidence, process: initiating(get, b.host) };
    } },
];

function buildRow(get: Get, raw: (c: string) => unknown, evidence: Evidence): Built {
  const ts = timeOf(get);
  if (Number.isNaN(ts)) return LineResult.Malformed;
  const base: Base = { ts, format: "defender-xdr", evidence, host: get("DeviceName") };
  for (const row of ROWS) {
    if (!row.test(get)) continue;
    return row.build(get, raw, base) ?? LineResult.Malformed;
  }
  return LineResult.Skipped; // a row of a table detect does not read (DeviceLogonEvents, DeviceFileEvents…)
}

/** JSON rows (NDJSON, a portal array, an API answer). */
function defenderJsonParser(ctx: ParseContext): LineParser {
  return jsonRecords(ctx, (o, evidence) => buildRow((c) => str(prop(o, c), 8192), (c) => prop(o, c), evidence));
}

/** A header cell: the portal writes "Timestamp [UTC]"-style units after some names. */
const column = (cell: string) => cell.replace(/^\uFEFF/, "").replace(/\s*\[[^\]]{0,16}\]$/, "").trim();

const CSV_LINE_MAX = 64 * 1024;

/** CSV rows under their header (the portal's Export → CSV); a quoted cell may span lines (RFC 4180 2.6). */
/** Whether `text` ends inside a quoted cell (an odd number of `"`: a `""` escape counts two). */
function openQuote(text: string): boolean {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n % 2 === 1;
}

function defenderCsvParser(ctx: ParseContext): LineParser {
  let cols: Map<string, number> | undefined;
  let sep = ",";
  /** A row whose quoted cell (a PowerShell command line, AdditionalFields) holds line breaks: its lines so far. */
  let pending: string | undefined;
  let firstLine = 0;
  return {
    line(buf, start, end, lineNo) {
      if (end === start && pending === undefined) return LineResult.Skipped;
      let text = buf.toString("utf8", start, Math.min(end, start + CSV_LINE_MAX));
      const joined = pending !== undefined;
      if (joined) text = `${pending}\n${text}`;
      else firstLine = lineNo;
      if (openQuote(text)) {
        // The row goes on on the next line; a row longer than the cap is malformed (and its tail with it).
        pending = text.length <= CSV_LINE_MAX ? text : undefined;
        return pending === undefined ? LineResult.Malformed : LineResult.Skipped;
      }
      pending = undefined;
      if (cols === undefined) {
        sep = csvDelimiter(text);
        cols = new Map(splitCsv(text, sep).map((c, i) => [column(c), i]));
        return cols.has("ActionType") ? LineResult.Skipped : LineResult.Malformed;
      }
      const cells = splitCsv(text, sep);
      const map = cols;
      const get: Get = (c) => {
        const i = map.get(c);
        const v = i === undefined ? undefined : cells[i];
        return v === undefined || v === "" ? undefined : v;
      };
      // A row over several lines: its evidence is the whole row, at its first line.
      const evidence = joined ? { file: ctx.file, line: firstLine, text: cleanText(text) } : lineEvidence(ctx.file, lineNo, buf, start, end);
      const out = buildRow(get, () => undefined, evidence);
      if (typeof out !== "object") return out;
      ctx.emit(out);
      return LineResult.Event;
    },
  };
}

/** JSON or CSV, told by the first byte of the input (the head the reader sniffed). */
export function defenderParser(ctx: ParseContext, head: Buffer): LineParser {
  let i = 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0xef || head[i] === 0xbb || head[i] === 0xbf)) i++;
  return head[i] === 0x7b || head[i] === 0x5b ? defenderJsonParser(ctx) : defenderCsvParser(ctx);
}

/** A CSV header row of an advanced hunting export: DeviceName and ActionType among its columns. */
export function isDefenderCsvHeader(line: string): boolean {
  if (line.length > 8192 || line.trimStart().startsWith("{")) return false;
  const cells = splitCsv(line, csvDelimiter(line)).map(column);
  return cells.includes("DeviceName") && cells.includes("ActionType") && (cells.includes("Timestamp") || cells.includes("TimeGenerated"));
}
