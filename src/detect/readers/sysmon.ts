/**
 * Sysmon events as JSON lines: event 1 (process creation), 3 (network connection), 22 (DNS query),
 * in the winlogbeat/ECS layout and in plain EVTX-to-JSON layouts (EventData.Data as an array of
 * {@Name,#text}, or flat; attributes as "@Name" or "#attributes"), and NXLog's flat JSON (flatLayout).
 */
import { isIP } from "node:net";
import { isHostIdentityAddress } from "../engine/host-addresses.js";
import type { DetectEvent, Evidence } from "../types.js";
import { int, path, prop, protoName, str } from "./common.js";

export type Data = (name: string) => string | undefined;

export interface Layout {
  eventId: unknown;
  provider: string | undefined;
  host: string | undefined;
  /** The host's address when the event was written (winlogbeat `host.ip`), when the layout has it. */
  hostIp: string | undefined;
  time: unknown;
  /** The layout writes `time` in the agent's local time when it carries no offset (NXLog's EventTime). */
  localTime?: boolean;
  /** The writing process's id (System/Execution@ProcessID): the DNS Client events name their caller only there. */
  pid?: unknown;
  data: Data;
}

/**
 * Sysmon 3 `Initiated` values of a connection the host accepted rather than opened: `false` (the event
 * XML), and Winlogbeat's `network.direction` for it (`ingress`, formerly `inbound`). Sysmon then writes the
 * remote peer as SourceIp and the host's own address as DestinationIp (an inbound RDP session,
 * wazuh/wazuh#9240: Initiated false, SourceIp the client, DestinationIp the agent's address, port 3389).
 */
const INBOUND = new Set(["false", "ingress", "inbound"]);

/** Windows DNS API status codes that Sysmon writes as QueryStatus → DNS rcode names. */
export const QUERY_STATUS: Record<string, string> = {
  "0": "NOERROR", "9501": "NOERROR" /* no records (NODATA) */, "9003": "NXDOMAIN", "123": "NXDOMAIN" /* invalid name */,
  "9002": "SERVFAIL", "9005": "REFUSED", "9004": "NOTIMP", "1460": "TIMEOUT",
};

const MAX_DATA_ITEMS = 128;

/**
 * Longest event data value kept: 8 KiB, what the command-line matcher reads (a PowerShell 4104 script block or a
 * long command line names its RDAP URL or WHOIS server past 4 KiB often enough). Was 4096, under winevent.ts's 8 KiB.
 */
export const DATA_MAX = 8192;

/** The value of an attribute written as "@Name", {"#attributes":{Name}} or plain "Name". */
function attr(o: unknown, name: string): unknown {
  return prop(o, `@${name}`) ?? path(o, "#attributes", name) ?? prop(o, name);
}

function text(v: unknown): string | undefined {
  const value = v !== null && typeof v === "object" && !Array.isArray(v) ? prop(v, "#text") : v;
  if (typeof value === "boolean") return String(value); // evtx_dump's JSON writes Sysmon's booleans (Initiated) as JSON
  return str(value, DATA_MAX);
}

export function ecsLayout(o: unknown): Layout | undefined {
  const winlog = prop(o, "winlog");
  if (winlog === undefined) return undefined;
  const ed = prop(winlog, "event_data");
  const ecs: Record<string, () => unknown> = {
    Image: () => path(o, "process", "executable"),
    CommandLine: () => path(o, "process", "command_line"),
    ProcessId: () => path(o, "process", "pid"),
    User: () => path(o, "user", "name"),
    SourceIp: () => path(o, "source", "ip"),
    SourcePort: () => path(o, "source", "port"),
    DestinationIp: () => path(o, "destination", "ip"),
    DestinationPort: () => path(o, "destination", "port"),
    Protocol: () => path(o, "network", "transport"),
    Initiated: () => path(o, "network", "direction"),
    QueryName: () => path(o, "dns", "question", "name"),
    // Security 4688 and PowerShell 4104 as the Winlogbeat security/powershell modules write them (winevent.ts).
    NewProcessName: () => path(o, "process", "executable"),
    ScriptBlockText: () => path(o, "powershell", "file", "script_block_text"),
  };
  return {
    eventId: prop(winlog, "event_id") ?? path(o, "event", "code"),
    provider: str(prop(winlog, "provider_name")) ?? str(prop(winlog, "channel")),
    host: str(prop(winlog, "computer_name"), 255) ?? str(path(o, "host", "name"), 255) ?? str(path(o, "host", "hostname"), 255),
    hostIp: pickHostIp(path(o, "host", "ip")),
    time: prop(o, "@timestamp"),
    pid: path(winlog, "process", "pid"),
    data: (n) => text(prop(ed, n)) ?? str(ecs[n]?.(), DATA_MAX),
  };
}

export function evtxLayout(o: unknown): Layout | undefined {
  const ev = prop(o, "Event") ?? o;
  const sys = prop(ev, "System");
  if (sys === undefined) return undefined;
  const ed = prop(ev, "EventData");
  const items = prop(ed, "Data");
  let data: Data;
  if (Array.isArray(items)) {
    const map = new Map<string, string>();
    for (const it of items.slice(0, MAX_DATA_ITEMS)) {
      const name = str(attr(it, "Name"), 64);
      const value = text(it);
      if (name !== undefined && value !== undefined) map.set(name, value);
    }
    data = (n) => map.get(n);
  } else {
    data = (n) => text(prop(ed, n));
  }
  return {
    eventId: text(prop(sys, "EventID")),
    provider: str(attr(prop(sys, "Provider"), "Name")) ?? str(prop(sys, "Channel")),
    host: str(prop(sys, "Computer"), 255),
    hostIp: undefined,
    time: attr(prop(sys, "TimeCreated"), "SystemTime"),
    pid: attr(prop(sys, "Execution"), "ProcessID"),
    data,
  };
}

/**
 * The flat layout of NXLog's im_msvistalog with to_json() (NXLog Reference Manual, im_msvistalog
 * "Fields"): the System values as top-level keys (`EventID`, `SourceName`, `Channel`, `Hostname`,
 * `EventTime`) and each EventData value as a top-level key of its own (`NewProcessName`, `CommandLine`,
 * `ScriptBlockText`, `Image`, `QueryName`…). `EventTime` is written without a zone (the agent's local
 * time): it is read as UTC unless it carries an offset. Checked after the two nested layouts, so a
 * Winlogbeat or EVTX line never reaches it.
 */
export function flatLayout(o: unknown): Layout | undefined {
  const eventId = prop(o, "EventID");
  if (eventId === undefined) return undefined;
  // EventSourceName/TimeGenerated: Microsoft Sentinel / Log Analytics rows (SecurityEvent, Event tables) as their data export writes them.
  const provider = str(prop(o, "SourceName"), 255) ?? str(prop(o, "ProviderName"), 255) ?? str(prop(o, "EventSourceName"), 255) ?? str(prop(o, "Channel"), 255);
  if (provider === undefined) return undefined;
  return {
    eventId,
    provider,
    host: str(prop(o, "Hostname"), 255) ?? str(prop(o, "Computer"), 255),
    hostIp: undefined,
    time: prop(o, "EventTime") ?? prop(o, "TimeCreated") ?? prop(o, "EventReceivedTime") ?? prop(o, "TimeGenerated"),
    localTime: prop(o, "EventTime") !== undefined,
    pid: prop(o, "ExecutionProcessID") ?? prop(o, "ProcessID"),
    data: (n) => text(prop(o, n)),
  };
}

/**
 * The address to name a host by from winlogbeat's `host.ip` (all of the host's addresses at that
 * moment): the first IPv4 address that is not loopback or link-local, else such an IPv6 address.
 */
export function pickHostIp(v: unknown): string | undefined {
  const all = (Array.isArray(v) ? v.slice(0, 32) : [v]).map((x) => str(x, 64)).filter((x): x is string => x !== undefined && isIP(x) !== 0);
  const usable = all.filter(isHostIdentityAddress);
  return usable.find((ip) => isIP(ip) === 4) ?? usable[0];
}

export interface Ctx {
  ts: number; host: string | undefined; hostIp: string | undefined; evidence: Evidence; data: Data;
  /** System/Execution@ProcessID, when the layout has it. */
  systemPid?: number;
  /** Per-reader memory for events written several times over (DNS Client 3020 then 3008): true when `key` was seen recently. */
  recent?: (key: string, ts: number) => boolean;
}

function proc(c: Ctx) {
  return { image: c.data("Image") ?? "", commandLine: c.data("CommandLine"), pid: int(c.data("ProcessId")), user: c.data("User"), host: c.host };
}

/** Sysmon event id → event (the Windows event reader, winevent.ts, dispatches by provider). */
export const SYSMON_EVENTS: Record<string, (c: Ctx) => DetectEvent | undefined> = {
  "1": (c) => {
    const p = proc(c);
    if (p.image === "") return undefined;
    return { kind: "process", ts: c.ts, src: c.hostIp ?? c.host ?? "", format: "sysmon", evidence: c.evidence, process: p };
  },
  "3": (c) => {
    const inbound = INBOUND.has(c.data("Initiated")?.toLowerCase() ?? "");
    const src = c.data("SourceIp") ?? (inbound ? undefined : c.hostIp ?? c.host);
    const dst = c.data("DestinationIp");
    const dstPort = int(c.data("DestinationPort"));
    if (src === undefined || dst === undefined || dstPort === undefined) return undefined;
    // Initiated=false: a remote peer (SourceIp) connected to this host's listener (DestinationIp), as WFP
    // 5156 inbound: the listener is not the actor, and SourceIp is not the host's address.
    return { kind: "conn", ts: c.ts, src, dst, dstPort, srcPort: int(c.data("SourcePort")), proto: protoName(c.data("Protocol")),
      format: "sysmon", evidence: c.evidence, ...(inbound ? {} : { process: proc(c) }) };
  },
  "22": (c) => {
    const query = c.data("QueryName");
    if (query === undefined) return undefined;
    const status = c.data("QueryStatus");
    return { kind: "dns", ts: c.ts, src: c.hostIp ?? c.host ?? "", query, rcode: status === undefined ? undefined : Object.hasOwn(QUERY_STATUS, status) ? QUERY_STATUS[status] : status,
      format: "sysmon", evidence: c.evidence, process: proc(c) };
  },
};
