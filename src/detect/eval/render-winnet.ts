/**
 * The world's network activity as the Windows events teams collect beside Sysmon (readers/winevent-net.ts), in the
 * EVTX-to-JSON layout (render-winxml.ts writes the same objects as XML):
 * - Security 5156 "The Windows Filtering Platform has permitted a connection" for every egress flow of an internal
 *   host, whatever its outcome (WFP writes it when the connection is authorized, before the peer answers), with an
 *   ordinary application per flow (browsers, Teams, Outlook, svchost: no WHOIS tool, so what shows is the port);
 *   5157 "… has blocked a connection" for the internet's inbound noise (Microsoft Learn, windows/security/threat-
 *   protection/auditing/event-5156, event-5157);
 * - Microsoft-Windows-DNS-Client/Operational 3006 (the call) and 3008 (completed, with QueryStatus) for every question
 *   a client host asks its resolver (the channel's manifest, `wevtutil gp Microsoft-Windows-DNS-Client /ge /gm`);
 * - background that resembles the signal: an internal vulnerability scanner's connect scan of 1,000 ports of a
 *   public address, every probe permitted (5156), 43 among its first ports as nmap's random order sometimes puts it.
 */
import type { DnsQuery, Flow, World } from "./model.js";
import type { Rng } from "./prng.js";
import { egress, inbound, internal } from "./render-edge.js";
import { SERVERS } from "./hosts.js";

const SECURITY = { name: "Microsoft-Windows-Security-Auditing", guid: "{54849625-5478-4994-A5BA-3E3B0328C30D}", channel: "Security" };
const DNS_CLIENT = { name: "Microsoft-Windows-DNS-Client", guid: "{1C95126E-7EEA-49A9-A3FE-A378B03DDB4D}", channel: "Microsoft-Windows-DNS-Client/Operational" };
const APPS = [
  "\\device\\harddiskvolume2\\program files\\google\\chrome\\application\\chrome.exe",
  "\\device\\harddiskvolume2\\program files (x86)\\microsoft\\edge\\application\\msedge.exe",
  "\\device\\harddiskvolume2\\program files\\microsoft office\\root\\office16\\outlook.exe",
  "\\device\\harddiskvolume2\\users\\public\\appdata\\local\\microsoft\\teams\\current\\teams.exe",
  "\\device\\harddiskvolume2\\windows\\system32\\svchost.exe",
];
const SCANNER_APP = "\\device\\harddiskvolume2\\program files\\tenable\\nessus\\nasl.exe";
const QTYPE: Record<DnsQuery["qtype"], number> = { A: 1, NS: 2, PTR: 12, MX: 15, TXT: 16, AAAA: 28, AXFR: 252, ANY: 255 };
const STATUS: Record<DnsQuery["rcode"], number> = { NOERROR: 0, SERVFAIL: 9002, NXDOMAIN: 9003, REFUSED: 9005 };

/** The computer name given to an internal address the world names no host for. */
export const computerName = (ip: string) => `PC-${ip.split(".").slice(2).join("-")}.corp.example`;

/** The Windows computer name of an internal address (the world keeps names only for its Sysmon hosts). */
function computerOf(w: World): (ip: string) => string {
  const names = new Map(w.endpoint.map((e) => [e.ip, e.host]));
  return (ip) => names.get(ip) ?? computerName(ip);
}

let record = 0;
function event(p: typeof SECURITY, id: number, ts: number, computer: string, data: [string, string][], pid: number): object {
  return { Event: { "#attributes": { xmlns: "http://schemas.microsoft.com/win/2004/08/events/event" },
    System: { Provider: { "#attributes": { Name: p.name, Guid: p.guid } }, EventID: id, Version: id >= 5000 ? 1 : 0, Level: 4, Task: id >= 5000 ? 12810 : 0, Opcode: 0,
      Keywords: id >= 5000 ? (id === 5156 ? "0x8020000000000000" : "0x8010000000000000") : "0x8000000000000000",
      TimeCreated: { "#attributes": { SystemTime: `${new Date(ts).toISOString().slice(0, 23)}1234Z` } }, EventRecordID: ++record, Correlation: null,
      Execution: { "#attributes": { ProcessID: pid, ThreadID: 4100 + (pid % 97) } }, Channel: p.channel, Computer: computer, Security: id >= 5000 ? null : { "#attributes": { UserID: "S-1-5-20" } } },
    EventData: { Data: data.map(([k, v]) => ({ "@Name": k, "#text": v })) } } };
}

function wfp(id: 5156 | 5157, f: Flow, computer: string, app: string, out: boolean): object {
  const [local, localPort, remote, remotePort] = out ? [f.src, f.sport, f.dst, f.dport] : [f.dst, f.dport, f.src, f.sport];
  const pid = 1000 + (f.sport % 9000);
  return event(SECURITY, id, f.ts, computer, [["ProcessID", String(pid)], ["Application", app], ["Direction", out ? "%%14593" : "%%14592"],
    ["SourceAddress", local], ["SourcePort", String(localPort)], ["DestAddress", remote], ["DestPort", String(remotePort)], ["Protocol", f.proto === "tcp" ? "6" : "17"],
    ["FilterRTID", out ? "67549" : "0"], ["LayerName", out ? "%%14611" : "%%14610"], ["LayerRTID", out ? "48" : "44"], ["RemoteUserID", "S-1-0-0"], ["RemoteMachineID", "S-1-0-0"]], pid);
}

function dnsClient(q: DnsQuery, computer: string): object[] {
  const pid = 2200 + (q.flow.sport % 4000);
  const name = q.qname, type = String(QTYPE[q.qtype]);
  return [
    event(DNS_CLIENT, 3006, q.ts, computer, [["QueryName", name], ["QueryType", type], ["QueryOptions", "140737488355328"], ["ServerList", ""], ["IsNetworkQuery", "0"], ["NetworkQueryIndex", "0"], ["InterfaceIndex", "0"], ["IsAsyncQuery", "0"]], pid),
    event(DNS_CLIENT, 3008, q.ts + 30, computer, [["QueryName", name], ["QueryType", type], ["QueryOptions", "140737488355328"], ["QueryStatus", String(STATUS[q.rcode])], ["QueryResults", q.answers.map((a) => `${a};`).join("")]], pid),
  ];
}

/** The vulnerability scanner's permitted connect scan of a public address: 1,000 ports, 43 third. */
function scannerSweep(w: World, rng: Rng): Flow[] {
  const ports = Array.from({ length: 1000 }, (_, i) => i + 1).filter((p) => p !== 43);
  for (let i = ports.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [ports[i], ports[j]] = [ports[j]!, ports[i]!];
  }
  ports.splice(2, 0, 43);
  const start = w.start + Math.round((w.end - w.start) * 0.4);
  return ports.map((dport, i): Flow => ({ uid: "", ts: start + i * 3, src: SERVERS.scanner, sport: 40_000 + i, dst: "203.0.113.80", dport, proto: "tcp", durationMs: 0, origBytes: 0, respBytes: 0, state: "S0" }));
}

export function renderWindowsNetwork(w: World, rng: Rng): string {
  record = 5_310_000;
  const computer = computerOf(w);
  const rows: [number, object[]][] = [];
  for (const f of egress(w)) rows.push([f.ts, [wfp(5156, f, computer(f.src), APPS[f.sport % APPS.length]!, true)]]);
  for (const f of scannerSweep(w, rng)) rows.push([f.ts, [wfp(5156, f, "VULNSCAN-01.corp.example", SCANNER_APP, true)]]);
  // The internet's inbound noise reaching hosts' own firewalls (published services): blocked.
  for (const f of inbound(w, rng)) rows.push([f.ts, [wfp(5157, { ...f, dst: `10.0.${f.sport % 60}.${2 + (f.sport % 240)}` }, computer(`10.0.${f.sport % 60}.${2 + (f.sport % 240)}`), "System", false)]]);
  for (const q of w.dns) if (internal(q.flow.src) && q.flow.src !== SERVERS.resolver) rows.push([q.ts, dnsClient(q, computer(q.flow.src))]);
  rows.sort((a, b) => a[0] - b[0]);
  const out = rows.flatMap(([, objs]) => objs.map((o) => JSON.stringify(o)));
  return out.length ? `${out.join("\n")}\n` : "";
}
