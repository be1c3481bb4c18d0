/**
 * Windows event logs as JSON lines, the layouts of sysmon.ts (winlogbeat/ECS, EVTX-to-JSON, NXLog flat), one
 * table row per provider:
 * - Sysmon 1, 3, 22 (sysmon.ts);
 * - Security 4688 "A new process has been created" (Microsoft Learn, "4688(S)"): NewProcessName,
 *   CommandLine (with "Include command line in process creation events"), NewProcessId (hex),
 *   SubjectDomainName\SubjectUserName → a process event;
 * - PowerShell 4104 "Creating Scriptblock text" (Microsoft Learn, about_Logging_Windows: Script Block
 *   Logging): ScriptBlockText (each part of a long block is its own event) → a process event whose image
 *   is powershell.exe (pwsh.exe for PowerShell 7) and whose command line is the script text.
 * - DNS Server analytic events (Microsoft Learn, "DNS logging and diagnostics", Analytic event table:
 *   Microsoft-Windows-DNSServer/Analytical): 256 QUERY_RECEIVED (Source, QNAME, QTYPE, InterfaceIP) → a
 *   client's DNS question, 258 RESPONSE_FAILURE (… RCODE) → its failed answer; both with the format
 *   `windows-dns`, so they count as the debug log's questions do (a DNS server's log, DNS_ONLY_FORMATS).
 * Other providers and event ids are skipped; a known event without its required fields is malformed.
 */
import type { DetectEvent, Evidence, LogFormat } from "../types.js";
import { type LineParser, LineResult, type ParseContext, int, lineEvidence, parseAnyTime, parseJson, prop, str } from "./common.js";
import { QTYPES, RCODES } from "../pcap/payload.js";
import { unwrapRecord } from "./json-records.js";
import { type Ctx, DATA_MAX, type Layout, SYSMON_EVENTS, ecsLayout, evtxLayout, flatLayout } from "./sysmon.js";
import { scanEvent } from "./xml-scan.js";
import { DNS_CLIENT_EVENTS, WFP_EVENTS, recentKeys } from "./winevent-net.js";

/** undefined: a known event without its required fields (malformed); null: a known event to skip (a duplicate). */
type Build = (c: Ctx) => DetectEvent | undefined | null;

/** Script text kept per event (the command-line matcher reads 8 KiB). */
const SCRIPT_MAX = 8192;

/** "0x1a2b" (4688 writes process ids in hex) or a decimal id. */
function hexOrInt(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (v.startsWith("0x") || v.startsWith("0X")) {
    const n = Number.parseInt(v.slice(2, 18), 16);
    return Number.isFinite(n) ? n : undefined;
  }
  return int(v);
}

function account(domain: string | undefined, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  return domain === undefined ? name : `${domain}\\${name}`;
}

const process4688 = (format: LogFormat): Build => (c) => {
  const image = c.data("NewProcessName") ?? c.data("Image");
  const src = c.hostIp ?? c.host;
  if (image === undefined || src === undefined) return undefined;
  return { kind: "process", ts: c.ts, src, format, evidence: c.evidence,
    process: { image, commandLine: c.data("CommandLine"), pid: hexOrInt(c.data("NewProcessId")) ?? int(c.data("ProcessId")),
      user: account(c.data("SubjectDomainName"), c.data("SubjectUserName")) ?? c.data("User"), host: c.host } };
};

const scriptBlock = (image: string): Build => (c) => {
  const text = c.data("ScriptBlockText");
  const src = c.hostIp ?? c.host;
  if (text === undefined || src === undefined) return undefined;
  return { kind: "process", ts: c.ts, src, format: "windows-event", evidence: c.evidence,
    process: { image, commandLine: text.length > SCRIPT_MAX ? text.slice(0, SCRIPT_MAX) : text, user: c.data("User"), host: c.host } };
};

/** A DNS number as its name (1 → "A", 3 → "NXDOMAIN"); unknown numbers stay as written. */
function dnsCodeName(table: Record<number, string>, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const n = int(v);
  return n !== undefined && Object.hasOwn(table, n) ? table[n] : v;
}

const dnsServerEvent = (answer: boolean): Build => (c) => {
  const name = c.data("QNAME"), src = c.data("Source");
  if (name === undefined || src === undefined) return undefined;
  const rcode = answer ? dnsCodeName(RCODES, c.data("RCODE")) : undefined;
  return { kind: "dns", ts: c.ts, src, dst: c.data("InterfaceIP"), query: name.endsWith(".") ? name.slice(0, -1) : name,
    qtype: dnsCodeName(QTYPES, c.data("QTYPE")), rcode, format: "windows-dns", evidence: c.evidence };
};

/** One row per provider (matched on the lower-cased provider or channel name, first match wins). */
const PROVIDERS: { contains: string; events: Record<string, Build> }[] = [
  { contains: "sysmon", events: SYSMON_EVENTS },
  { contains: "security-auditing", events: { "4688": process4688("windows-event"), ...WFP_EVENTS } },
  { contains: "powershellcore", events: { "4104": scriptBlock("pwsh.exe") } }, // PowerShell 7
  { contains: "powershell", events: { "4104": scriptBlock("powershell.exe") } }, // Windows PowerShell 5.1
  { contains: "security", events: { "4688": process4688("windows-event"), ...WFP_EVENTS } }, // channel name only
  { contains: "dnsserver", events: { "256": dnsServerEvent(false), "258": dnsServerEvent(true) } },
  { contains: "dns-client", events: DNS_CLIENT_EVENTS }, // Microsoft-Windows-DNS-Client (winevent-net.ts)
];

function builderFor(provider: string | undefined, id: string | undefined): Build | undefined {
  if (id === undefined) return undefined;
  // No provider at all: the Sysmon ids, as the Sysmon reader always did.
  const row = provider === undefined ? PROVIDERS[0] : PROVIDERS.find((p) => provider.toLowerCase().includes(p.contains));
  return row !== undefined && Object.hasOwn(row.events, id) ? row.events[id] : undefined;
}

/**
 * One Windows event in any encoding (JSON layouts here, XML in winxml.ts) → at most one emitted event.
 * `recent`: the reader's memory for events written several times over (DNS Client 3020 then 3008).
 */
export function emitWindowsEvent(ctx: ParseContext, layout: Layout, evidence: Evidence, recent?: Ctx["recent"]): LineResult {
  const id = str(layout.eventId, 8);
  const build = builderFor(layout.provider, id);
  if (build === undefined) return LineResult.Skipped;
  const utc = layout.data("UtcTime");
  let ts = utc === undefined ? Number.NaN : parseAnyTime(utc);
  if (Number.isNaN(ts)) {
    ts = parseAnyTime(layout.time);
    // NXLog's EventTime is the agent's local time without an offset (`--tz`); a stamp with a zone is kept.
    if (layout.localTime === true && ctx.local !== undefined && typeof layout.time === "string" && !/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(layout.time)) ts = ctx.local(ts);
  }
  if (Number.isNaN(ts)) return LineResult.Malformed;
  const systemPid = int(str(layout.pid, 12));
  const event = build({ ts, host: layout.host, hostIp: layout.hostIp, evidence, data: layout.data,
    ...(systemPid !== undefined ? { systemPid } : {}), ...(recent !== undefined ? { recent } : {}) });
  if (event === null) return LineResult.Skipped;
  if (event === undefined || event.src === "") return LineResult.Malformed;
  ctx.emit(event);
  return LineResult.Event;
}

/**
 * Microsoft Sentinel / Log Analytics SecurityEvent rows keep the fields that have no column of their own (5156's
 * Application, SourceAddress, DestPort…) in `EventData`, the event's EventData XML as a string (Azure Monitor
 * table reference "SecurityEvent": EventData): read by the XML reader's scanner, columns first.
 */
function withEventDataXml(layout: Layout | undefined, o: object): Layout | undefined {
  const xml = prop(o, "EventData");
  if (layout === undefined || typeof xml !== "string" || !xml.trimStart().startsWith("<EventData") || xml.length > 256 * 1024) return layout;
  const ev = scanEvent(`<Event>${xml}</Event>`);
  if (typeof ev === "string") return layout;
  const columns = layout.data;
  return { ...layout, data: (n) => columns(n) ?? str(ev.data.get(n), DATA_MAX) };
}

/** The parser for `sysmon` and `windows-event` inputs (a Winlogbeat export mixes providers). */
export function windowsEventParser(ctx: ParseContext): LineParser {
  const recent = recentKeys();
  return {
    line(buf, start, end, lineNo) {
      if (end === start) return LineResult.Skipped;
      const o = unwrapRecord(parseJson(buf.toString("utf8", start, end))); // Elasticsearch hits keep the document in _source
      if (o === null || typeof o !== "object" || Array.isArray(o)) return LineResult.Malformed;
      const layout = ecsLayout(o) ?? evtxLayout(o) ?? withEventDataXml(flatLayout(o), o);
      if (layout === undefined) return LineResult.Malformed;
      return emitWindowsEvent(ctx, layout, lineEvidence(ctx.file, lineNo, buf, start, end), recent);
    },
  };
}
