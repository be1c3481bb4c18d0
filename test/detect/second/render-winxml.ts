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

export function forwardedEventsXml(): string {
  const a = `${HOST.nameA}.corp.example`, b = "ws-lab-66.corp.example", c = `${HOST.nameC}.corp.example`;
  const rows: [number, string][] = [];
  lookups.forEach((l, i) => {
    rows.push([l.ts, dnsClient(l.ts, a, 7000 + i, l.server, l.serverIp)]);
    rows.push([l.ts + 300, wfp(l.ts + 300, a, "\\device\\harddiskvolume3\\users\\analyst\\tools\\whois.exe", 7000 + i, HOST.A, l.sport, l.serverIp, 43)]);
  });
  for (const p of probes) rows.push([p.ts, wfp(p.ts, b, "\\device\\harddiskvolume3\\program files (x86)\\nmap\\nmap.exe", 5120, HOST.B, p.sport, p.dst, p.dport)]);
  benign.forEach((bn, k) => {
    rows.push([bn.ts, dnsClient(bn.ts, c, 5100, bn.name, bn.ip)]);
    rows.push([bn.ts + 100, wfp(bn.ts + 100, c, "\\device\\harddiskvolume3\\program files\\google\\chrome\\application\\chrome.exe", 5100, HOST.C, bn.sport + k, bn.ip, 443)]);
  });
  return `\ufeff${rows.sort((p, q) => p[0] - q[0]).map(([, r]) => r).join("\r\n")}\r\n`;
}
