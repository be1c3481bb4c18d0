/**
 * Windows events as EVTX-to-JSON objects (`{Event: {System, EventData}}`, the layout of evtx_dump and of
 * the XML they come from), written from Microsoft's documentation of each event (docs/detect-formats.md cites
 * them): Sysmon 1/3/22, Security 4688/5156/5157, PowerShell 4104, DNS Server analytic 256/258, DNS Client
 * 3006/3008/3020. The tests render each object both ways (JSON line, XML) and compare what detect makes of them.
 */
export type Obj = Record<string, unknown>;

export const T0 = Date.UTC(2026, 11, 6, 14, 0, 0, 250);
export const A = { ip: "10.20.30.40", name: "WS-ANALYST-07.corp.example" };
export const B = { ip: "10.20.30.66", name: "WS-LAB-02.corp.example" };
export const SERVERS = ["whois.verisign-grs.com", "whois.pir.org", "whois.nic.info", "whois.afilias.net", "whois.nic.biz"];

const PROVIDERS: Record<string, { name: string; guid: string; channel: string }> = {
  sysmon: { name: "Microsoft-Windows-Sysmon", guid: "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}", channel: "Microsoft-Windows-Sysmon/Operational" },
  security: { name: "Microsoft-Windows-Security-Auditing", guid: "{54849625-5478-4994-A5BA-3E3B0328C30D}", channel: "Security" },
  powershell: { name: "Microsoft-Windows-PowerShell", guid: "{A0C1853B-5C40-4B15-8766-3CF1C58F985A}", channel: "Microsoft-Windows-PowerShell/Operational" },
  dnsserver: { name: "Microsoft-Windows-DNSServer", guid: "{EB79061A-A566-4698-9119-3ED2807060E7}", channel: "Microsoft-Windows-DNSServer/Analytical" },
  dnsclient: { name: "Microsoft-Windows-DNS-Client", guid: "{1C95126E-7EEA-49A9-A3FE-A378B03DDB4D}", channel: "Microsoft-Windows-DNS-Client/Operational" },
};

let record = 90_000;
/** One event: `data` as the schema's Data items (Name attribute, text). */
export function winEvent(provider: keyof typeof PROVIDERS, id: number, ts: number, computer: string, data: [string, string][], pid = 4): Obj {
  const p = PROVIDERS[provider]!;
  return { Event: { "#attributes": { xmlns: "http://schemas.microsoft.com/win/2004/08/events/event" },
    System: { Provider: { "#attributes": { Name: p.name, Guid: p.guid } }, EventID: id, Version: 5, Level: 4, Task: 0, Opcode: 0, Keywords: "0x8000000000000000",
      TimeCreated: { "#attributes": { SystemTime: `${new Date(ts).toISOString().slice(0, 23)}4517Z` } }, EventRecordID: ++record, Correlation: null,
      Execution: { "#attributes": { ProcessID: pid, ThreadID: 5120 } }, Channel: p.channel, Computer: computer, Security: { "#attributes": { UserID: "S-1-5-18" } } },
    EventData: { Data: data.map(([k, v]) => ({ "@Name": k, "#text": v })) } } };
}

const utc = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 23);

/** Host A runs Sysinternals whois 25 times (Sysmon 1, 22, 3); the command lines carry `&`, `>` and quotes. */
export function sysmonLookups(): Obj[] {
  const img = "C:\\Tools\\SysinternalsSuite\\whois64.exe";
  return Array.from({ length: 25 }, (_, i) => {
    const ts = T0 + i * 4_700, server = SERVERS[i % 5]!, ip = `199.7.${50 + (i % 5)}.10`;
    const base = (t: number): [string, string][] => [["RuleName", "-"], ["UtcTime", utc(t)], ["ProcessGuid", `{6d0f1a2b-1c2d-6570-${i}}`], ["ProcessId", String(7000 + i)], ["Image", img]];
    return [
      winEvent("sysmon", 1, ts, A.name, [...base(ts), ["CommandLine", `cmd /c "whois64.exe -v target${i}.com > out-${i}.txt & type out-${i}.txt"`], ["User", "CORP\\analyst"],
        ["ParentImage", "C:\\Windows\\System32\\cmd.exe"]], 3044),
      winEvent("sysmon", 22, ts + 200, A.name, [...base(ts + 200), ["QueryName", server], ["QueryStatus", "0"], ["QueryResults", `::ffff:${ip};`]], 3044),
      winEvent("sysmon", 3, ts + 300, A.name, [...base(ts + 300), ["User", "CORP\\analyst"], ["Protocol", "tcp"], ["Initiated", "true"], ["SourceIp", A.ip],
        ["SourcePort", String(41_000 + i)], ["DestinationIp", ip], ["DestinationHostname", server], ["DestinationPort", "43"]], 3044),
    ];
  }).flat();
}

/** Security 4688 (whois.exe, with command line) and PowerShell 4104 (Invoke-WebRequest to RDAP), 25 each. */
export function processLookups(): Obj[] {
  return Array.from({ length: 25 }, (_, i) => {
    const ts = T0 + i * 4_700;
    return [
      winEvent("security", 4688, ts, A.name, [["SubjectUserName", "analyst"], ["SubjectDomainName", "CORP"], ["NewProcessId", `0x${(0x1f40 + i).toString(16)}`],
        ["NewProcessName", "C:\\Tools\\whois.exe"], ["CommandLine", `whois.exe -nobanner "target${i}.com"`], ["ParentProcessName", "C:\\Windows\\System32\\cmd.exe"]]),
      winEvent("powershell", 4104, ts + 150, A.name, [["MessageNumber", "1"], ["MessageTotal", "1"],
        ["ScriptBlockText", `$r = Invoke-WebRequest -Uri "https://rdap.verisign.com/com/v1/domain/target${i}.com" -UseBasicParsing; if ($r.StatusCode -lt 300 -and $r.Content) { $r.Content }`],
        ["ScriptBlockId", `0000${i}-4c1e-4f0a-9d2b-5e6f7a8b9c0d`], ["Path", ""]], 6100 + i),
    ];
  }).flat();
}

/** DNS Server analytic 256 (query received) and 258 (failure answer): host A asks for WHOIS servers' names. */
export function dnsServerQueries(): Obj[] {
  return Array.from({ length: 25 }, (_, i) => {
    const ts = T0 + i * 4_700;
    const q: [string, string][] = [["TCP", "0"], ["InterfaceIP", "10.20.0.53"], ["Source", A.ip], ["RD", "1"], ["QNAME", `${SERVERS[i % 5]}.`], ["QTYPE", "1"], ["XID", String(4000 + i)], ["Port", String(50_000 + i)], ["Flags", "256"]];
    return i % 6 === 5
      ? [winEvent("dnsserver", 256, ts, "DNS01.corp.example", q), winEvent("dnsserver", 258, ts + 2, "DNS01.corp.example", [...q, ["RCODE", "3"]])]
      : [winEvent("dnsserver", 256, ts, "DNS01.corp.example", q)];
  }).flat();
}

/** Security 5156/5157 fields (event-5156: Application Information, Network Information). */
export function wfp(id: 5156 | 5157, ts: number, computer: string, app: string, dir: "out" | "in", local: [string, number], remote: [string, number], pid = 4242): Obj {
  return winEvent("security", id, ts, computer, [["ProcessID", String(pid)], ["Application", app], ["Direction", dir === "out" ? "%%14593" : "%%14592"],
    ["SourceAddress", local[0]], ["SourcePort", String(local[1])], ["DestAddress", remote[0]], ["DestPort", String(remote[1])], ["Protocol", "6"],
    ["FilterRTID", "0"], ["LayerName", dir === "out" ? "%%14611" : "%%14610"], ["LayerRTID", dir === "out" ? "48" : "44"], ["RemoteUserID", "S-1-0-0"], ["RemoteMachineID", "S-1-0-0"]]);
}

export const WHOIS_DEVICE = "\\device\\harddiskvolume3\\tools\\whois.exe";
export const NMAP_DEVICE = "\\device\\harddiskvolume3\\program files (x86)\\nmap\\nmap.exe";

/** Host A's 25 whois.exe runs seen only through 5156; host B's connect scan of ~200 ports (43 among them) through 5156 and 5157. */
export function wfpWorld(): Obj[] {
  const out: Obj[] = [];
  for (let i = 0; i < 25; i++) out.push(wfp(5156, T0 + i * 4_700, A.name, WHOIS_DEVICE, "out", [A.ip, 41_000 + i], [`199.7.${50 + (i % 5)}.10`, 43], 7000 + i));
  for (let j = 0; j < 200; j++) {
    const port = j < 40 ? j + 20 : 1000 + j * 7;
    out.push(wfp(j % 3 === 0 ? 5157 : 5156, T0 + 30_000 + j * 20, B.name, NMAP_DEVICE, "out", [B.ip, 61_000 + j], ["198.51.100.200", port], 5200));
  }
  return out.sort((x, y) => time(x) - time(y));
}

/** DNS Client: one lookup writes 3006, 3020 (the network answer), 3008 (completed); the caller's pid is in System/Execution. */
export function dnsClientLookup(ts: number, name: string, status: string, pid: number): Obj[] {
  const common: [string, string][] = [["QueryName", name], ["QueryType", "1"]];
  return [
    winEvent("dnsclient", 3006, ts, A.name, [...common, ["QueryOptions", "140737488355328"], ["ServerList", ""], ["IsNetworkQuery", "0"], ["NetworkQueryIndex", "0"], ["InterfaceIndex", "0"], ["IsAsyncQuery", "0"]], pid),
    winEvent("dnsclient", 3020, ts + 30, A.name, [...common, ["NetworkIndex", "0"], ["InterfaceIndex", "12"], ["Status", status], ["QueryResults", status === "0" ? "199.7.51.10;" : ""]], pid),
    winEvent("dnsclient", 3008, ts + 31, A.name, [...common, ["QueryOptions", "140737488355328"], ["QueryStatus", status], ["QueryResults", status === "0" ? "199.7.51.10;" : ""]], pid),
  ];
}

function time(o: Obj): number {
  const sys = (o.Event as { System: { TimeCreated: { "#attributes": { SystemTime: string } } } }).System;
  return Date.parse(sys.TimeCreated["#attributes"].SystemTime.slice(0, 23) + "Z");
}

export const jsonl = (events: Obj[]): string => `${events.map((e) => JSON.stringify(e)).join("\n")}\n`;

/** The event groups both twin tests render (the XML twins add the DNS Server analytic events, which .evtx files do not carry here). */
export const TWIN_GROUPS: { name: string; events: () => Obj[]; formats: string[] }[] = [
  { name: "Sysmon 1/3/22", events: sysmonLookups, formats: ["sysmon"] },
  { name: "Security 4688 + PowerShell 4104", events: processLookups, formats: ["windows-event"] },
  { name: "Security 5156/5157", events: wfpWorld, formats: ["windows-event"] },
  { name: "DNS Client 3006/3020/3008", events: () => [...dnsClientLookup(T0, "whois.verisign-grs.com", "0", 812), ...dnsClientLookup(T0 + 9_000, "no-such-host.example", "9003", 812)], formats: ["windows-event"] },
];

/** An event without where it was read (file, line, raw text differ by encoding). */
export function plainEvent(e: { evidence: unknown }): unknown {
  const { evidence: _evidence, ...rest } = e;
  return JSON.parse(JSON.stringify(rest)) as unknown;
}

/** An alert without its evidence (the raw text differs by encoding). */
export function alertWithoutEvidence<T extends { evidence: unknown }>(a: T): Omit<T, "evidence"> {
  const { evidence: _evidence, ...rest } = a;
  return rest;
}
