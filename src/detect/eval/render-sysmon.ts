/** Sysmon events as JSON: winlogbeat/ECS documents and evtx_dump-style EVTX-to-JSON lines. */
import type { EndpointEvent, World } from "./model.js";

const utc = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 23);
const guid = (n: number) => `{7d3e${(n % 65536).toString(16).padStart(4, "0")}-1f2a-6752-0b00-000000003${(n % 4096).toString(16).padStart(3, "0")}}`;
const ACTION: Record<number, string> = { 1: "Process Create (rule: ProcessCreate)", 3: "Network connection detected (rule: NetworkConnect)", 22: "Dns query (rule: DnsQuery)" };

function eventData(e: EndpointEvent): Record<string, string> {
  const base = { RuleName: "-", UtcTime: utc(e.ts), ProcessGuid: guid(e.pid), ProcessId: String(e.pid), Image: e.image };
  if (e.eventId === 1) {
    return { ...base, FileVersion: "-", Description: "-", CommandLine: e.commandLine ?? e.image, CurrentDirectory: "C:\\Windows\\system32\\",
      User: e.user, LogonId: "0x3e7a1c", IntegrityLevel: "Medium", Hashes: `SHA256=${(e.pid * 7919).toString(16).padStart(64, "a")}`,
      ParentProcessGuid: guid(e.pid - 4), ParentProcessId: String(e.pid - 4), ParentImage: e.parentImage ?? "C:\\Windows\\explorer.exe", ParentCommandLine: e.parentImage ?? "C:\\Windows\\Explorer.EXE" };
  }
  if (e.eventId === 3 && e.flow) {
    const f = e.flow;
    return { ...base, User: e.user, Protocol: f.proto, Initiated: "true", SourceIsIpv6: "false", SourceIp: f.src, SourceHostname: e.host, SourcePort: String(f.sport),
      DestinationIsIpv6: "false", DestinationIp: f.dst, DestinationHostname: "-", DestinationPort: String(f.dport), DestinationPortName: f.dport === 443 ? "https" : f.dport === 43 ? "nicname" : "-" };
  }
  return { ...base, QueryName: e.query?.name ?? "", QueryStatus: String(e.query?.status ?? 0), QueryResults: e.query?.results ?? "-", User: e.user };
}

function ecs(e: EndpointEvent, record: number): object {
  const data = eventData(e);
  const [domain, name] = e.user.split("\\");
  const proc = { pid: e.pid, executable: e.image, name: e.image.slice(e.image.lastIndexOf("\\") + 1), entity_id: data.ProcessGuid };
  const extra = e.eventId === 1
    ? { process: { ...proc, command_line: e.commandLine, parent: { executable: e.parentImage } } }
    : e.eventId === 3 && e.flow
      ? { process: proc, source: { ip: e.flow.src, port: e.flow.sport }, destination: { ip: e.flow.dst, port: e.flow.dport }, network: { transport: e.flow.proto, direction: "egress" } }
      : { process: proc, dns: { question: { name: e.query?.name }, resolved_ip: e.flow ? [e.flow.dst] : undefined } };
  return {
    "@timestamp": new Date(e.ts).toISOString(),
    event: { code: String(e.eventId), kind: "event", module: "sysmon", provider: "Microsoft-Windows-Sysmon", action: ACTION[e.eventId], created: new Date(e.ts + 900).toISOString() },
    host: { name: e.host.toLowerCase(), hostname: e.host.split(".")[0], ip: [e.ip], os: { family: "windows", platform: "windows" } },
    winlog: { channel: "Microsoft-Windows-Sysmon/Operational", event_id: String(e.eventId), computer_name: e.host, provider_name: "Microsoft-Windows-Sysmon", record_id: record, event_data: data },
    user: { domain, name }, agent: { type: "winlogbeat", version: "8.15.3" }, ecs: { version: "8.0.0" }, ...extra,
  };
}

function evtx(e: EndpointEvent, record: number): object {
  return {
    Event: {
      "#attributes": { xmlns: "http://schemas.microsoft.com/win/2004/08/events/event" },
      System: {
        Provider: { "#attributes": { Name: "Microsoft-Windows-Sysmon", Guid: "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}" } },
        EventID: e.eventId, Version: 5, Level: 4, Task: e.eventId, Opcode: 0, Keywords: "0x8000000000000000",
        TimeCreated: { "#attributes": { SystemTime: `${new Date(e.ts).toISOString().slice(0, 23)}${String(record % 1000).padStart(3, "0")}Z` } },
        EventRecordID: record, Correlation: null, Execution: { "#attributes": { ProcessID: 3044, ThreadID: 4012 } },
        Channel: "Microsoft-Windows-Sysmon/Operational", Computer: e.host, Security: { "#attributes": { UserID: "S-1-5-18" } },
      },
      EventData: eventData(e),
    },
  };
}

/** A few non-Sysmon documents a real export carries (logons): readers must skip them. */
function logon(ts: number, host: string, record: number, layout: "ecs" | "evtx"): object {
  return layout === "ecs"
    ? { "@timestamp": new Date(ts).toISOString(), event: { code: "4624", provider: "Microsoft-Windows-Security-Auditing", action: "logged-in" }, host: { name: host.toLowerCase() }, winlog: { channel: "Security", event_id: "4624", computer_name: host, record_id: record } }
    : { Event: { System: { Provider: { "#attributes": { Name: "Microsoft-Windows-Security-Auditing" } }, EventID: 4624, TimeCreated: { "#attributes": { SystemTime: new Date(ts).toISOString() } }, EventRecordID: record, Channel: "Security", Computer: host }, EventData: { LogonType: 3 } } };
}

export function renderSysmon(w: World, layout: "ecs" | "evtx"): string {
  const events = [...w.endpoint].sort((a, b) => a.ts - b.ts);
  const out: string[] = [];
  let record = 48_211;
  for (const e of events) {
    record += 1;
    if (record % 50 === 0) out.push(JSON.stringify(logon(e.ts, e.host, record, layout)));
    out.push(JSON.stringify(layout === "ecs" ? ecs(e, record) : evtx(e, record)));
  }
  return out.length ? `${out.join("\n")}\n` : "";
}
