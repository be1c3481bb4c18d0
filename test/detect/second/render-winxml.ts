/**
 * Second world, Windows event XML as PowerShell writes it on a Windows Event Collector:
 * `Get-WinEvent -LogName ForwardedEvents | ForEach-Object { $_.ToXml() } | Out-File -Encoding utf8` — one event per
 * line (EventLogRecord.ToXml(): single-quoted attributes, no declaration), CRLF line ends, a UTF-8 BOM, and the
 * `<RenderingInfo>` that forwarded events carry (Microsoft Learn, "Windows Event Forwarding": RenderedText format).
 * Host A's 25 whois.exe runs are seen only through Security 5156 (Microsoft Learn, "5156(S): The Windows Filtering
 * Platform has permitted a connection") and DNS Client 3008; host B's connect scan (every probe permitted: 5156
 * cannot say none was answered); host C's browser to a registrar's storefront. Written by hand from those pages,
 * not through the first world's JSON-to-XML converter.
 */
import { HOST, benign, lookups, probes } from "./scenario.js";

const x = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;");
const time = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}.${String(ms % 1000).padStart(3, "0")}7261Z`;
let rec = 3_308_000;

function system(provider: string, guid: string, id: number, ms: number, computer: string, channel: string, pid: number): string {
  return `<System><Provider Name='${provider}' Guid='${guid}'/><EventID>${id}</EventID><Version>1</Version><Level>0</Level><Task>12810</Task><Opcode>0</Opcode>`
    + `<Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime='${time(ms)}'/><EventRecordID>${++rec}</EventRecordID><Correlation/>`
    + `<Execution ProcessID='${pid}' ThreadID='${pid + 12}'/><Channel>${channel}</Channel><Computer>${computer}</Computer><Security/></System>`;
}

function wfp(ms: number, computer: string, app: string, pid: number, src: string, sport: number, dst: string, dport: number): string {
  const data: [string, string][] = [["ProcessID", String(pid)], ["Application", app], ["Direction", "%%14593"], ["SourceAddress", src], ["SourcePort", String(sport)],
    ["DestAddress", dst], ["DestPort", String(dport)], ["Protocol", "6"], ["FilterRTID", "70235"], ["LayerName", "%%14611"], ["LayerRTID", "48"], ["RemoteUserID", "S-1-0-0"], ["RemoteMachineID", "S-1-0-0"]];
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>${system("Microsoft-Windows-Security-Auditing", "{54849625-5478-4994-a5ba-3e3b0328c30d}", 5156, ms, computer, "Security", 4)}`
    + `<EventData>${data.map(([k, v]) => `<Data Name='${k}'>${x(v)}</Data>`).join("")}</EventData>`
    + `<RenderingInfo Culture='en-US'><Message>The Windows Filtering Platform has permitted a connection.&#13;&#10;&#13;&#10;Application Information:&#13;&#10;&#9;Process ID:&#9;&#9;${pid}&#13;&#10;&#9;Application Name:&#9;${x(app)}</Message>`
    + `<Level>Information</Level><Task>Filtering Platform Connection</Task><Opcode>Info</Opcode><Channel>Security</Channel><Provider>Microsoft Windows security auditing.</Provider><Keywords><Keyword>Audit Success</Keyword></Keywords></RenderingInfo></Event>`;
}

function dnsClient(ms: number, computer: string, pid: number, name: string, ip: string): string {
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>${system("Microsoft-Windows-DNS-Client", "{1c95126e-7eea-49a9-a3fe-a378b03ddb4d}", 3008, ms, computer, "Microsoft-Windows-DNS-Client/Operational", pid)}`
    + `<EventData><Data Name='QueryName'>${name}</Data><Data Name='QueryType'>1</Data><Data Name='QueryOptions'>140737488355328</Data><Data Name='QueryStatus'>0</Data>`
    + `<Data Name='QueryResults'>::ffff:${ip};</Data></EventData></Event>`;
}

/** One forwarded event, before it is written out: XML here, binary .evtx in render-evtx.ts. */
export interface ForwardedEvent {
  kind: "wfp" | "dns-client";
  ms: number;
  computer: string;
  pid: number;
  /** wfp: the application's device path; dns-client: the name asked. */
  app: string;
  src: string;
  sport: number;
  dst: string;
  dport: number;
}

/** Host A's lookups seen as DNS Client 3008 + 5156, host B's connect scan as 5156, host C's browsing: in time order. */
export function forwardedEvents(): ForwardedEvent[] {
  const a = `${HOST.nameA}.corp.example`, b = "ws-lab-66.corp.example", c = `${HOST.nameC}.corp.example`;
  const rows: ForwardedEvent[] = [];
  lookups.forEach((l, i) => {
    rows.push({ kind: "dns-client", ms: l.ts, computer: a, pid: 7000 + i, app: l.server, src: HOST.A, sport: 0, dst: l.serverIp, dport: 0 });
    rows.push({ kind: "wfp", ms: l.ts + 300, computer: a, pid: 7000 + i, app: "\\device\\harddiskvolume3\\users\\analyst\\tools\\whois.exe", src: HOST.A, sport: l.sport, dst: l.serverIp, dport: 43 });
  });
  for (const p of probes) rows.push({ kind: "wfp", ms: p.ts, computer: b, pid: 5120, app: "\\device\\harddiskvolume3\\program files (x86)\\nmap\\nmap.exe", src: HOST.B, sport: p.sport, dst: p.dst, dport: p.dport });
  benign.forEach((bn, k) => {
    rows.push({ kind: "dns-client", ms: bn.ts, computer: c, pid: 5100, app: bn.name, src: HOST.C, sport: 0, dst: bn.ip, dport: 0 });
    rows.push({ kind: "wfp", ms: bn.ts + 100, computer: c, pid: 5100, app: "\\device\\harddiskvolume3\\program files\\google\\chrome\\application\\chrome.exe", src: HOST.C, sport: bn.sport + k, dst: bn.ip, dport: 443 });
  });
  // A stable sort: each lookup's DNS question stays before its connection.
  return rows.sort((p, q) => p.ms - q.ms);
}

export function forwardedEventsXml(): string {
  const xml = forwardedEvents().map((e) => (e.kind === "wfp" ? wfp(e.ms, e.computer, e.app, e.pid, e.src, e.sport, e.dst, e.dport) : dnsClient(e.ms, e.computer, e.pid, e.app, e.dst)));
  return `\ufeff${xml.join("\r\n")}\r\n`;
}
