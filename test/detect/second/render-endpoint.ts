/**
 * Second world, endpoint logs: host A runs a WHOIS client 25 times; host C runs a browser to a
 * registrar's storefront. Endpoints show no scan.
 */
import { HOST, lookups, benign } from "./scenario.js";

/**
 * Sysmon through NXLog's im_msvistalog as flat JSON (docs.nxlog.co, im_msvistalog "Fields"; Sysmon
 * event IDs 1, 3 and 22 from learn.microsoft.com/sysinternals/downloads/sysmon): EventTime in local
 * time without zone, event data promoted to top-level keys.
 */
export function sysmonNxlog(): string {
  const et = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
  const utc = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace("T", " ");
  const base = (ms: number, id: number, host: string) => ({ EventTime: et(ms), Hostname: host, Keywords: -9223372036854775808, EventType: "INFO", SeverityValue: 2, Severity: "INFO",
    EventID: id, SourceName: "Microsoft-Windows-Sysmon", ProviderGuid: "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}", Version: 5, Task: id, OpcodeValue: 0, RecordNumber: 10_000 + id,
    ProcessID: 3188, ThreadID: 4200, Channel: "Microsoft-Windows-Sysmon/Operational", Domain: "NT AUTHORITY", AccountName: "SYSTEM", UserID: "S-1-5-18", AccountType: "User" });
  const out: string[] = [];
  lookups.forEach((l, i) => {
    const img = "C:\\Users\\analyst\\Tools\\SysinternalsSuite\\whois64.exe";
    out.push(JSON.stringify({ ...base(l.ts, 1, `${HOST.nameA}.corp.example`), UtcTime: utc(l.ts), ProcessGuid: `{6d0f1a2b-1c2d-6570-${i}}`, ProcessId: String(7000 + i), Image: img,
      FileVersion: "1.21", Description: "Whois", Product: "Sysinternals Whois", Company: "Sysinternals - www.sysinternals.com", OriginalFileName: "whois.exe",
      CommandLine: `whois64.exe -v ${l.query}`, CurrentDirectory: "C:\\Users\\analyst\\", User: "CORP\\analyst", IntegrityLevel: "Medium", ParentImage: "C:\\Windows\\System32\\cmd.exe" }));
    out.push(JSON.stringify({ ...base(l.ts + 200, 22, `${HOST.nameA}.corp.example`), UtcTime: utc(l.ts + 200), ProcessId: String(7000 + i), QueryName: l.server, QueryStatus: "0",
      QueryResults: `::ffff:${l.serverIp};`, Image: img }));
    out.push(JSON.stringify({ ...base(l.ts + 300, 3, `${HOST.nameA}.corp.example`), UtcTime: utc(l.ts + 300), ProcessId: String(7000 + i), Image: img, User: "CORP\\analyst",
      Protocol: "tcp", Initiated: "true", SourceIsIpv6: "false", SourceIp: HOST.A, SourceHostname: `${HOST.nameA}.corp.example`, SourcePort: String(l.sport),
      DestinationIsIpv6: "false", DestinationIp: l.serverIp, DestinationHostname: l.server, DestinationPort: "43", DestinationPortName: "nicname" }));
  });
  benign.forEach((b, k) => {
    const img = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
    out.push(JSON.stringify({ ...base(b.ts, 22, `${HOST.nameC}.corp.example`), UtcTime: utc(b.ts), ProcessId: "5100", QueryName: b.name, QueryStatus: "0", QueryResults: `::ffff:${b.ip};`, Image: img }));
    out.push(JSON.stringify({ ...base(b.ts + 100, 3, `${HOST.nameC}.corp.example`), UtcTime: utc(b.ts + 100), ProcessId: "5100", Image: img, Protocol: "tcp", Initiated: "true",
      SourceIp: HOST.C, SourcePort: String(b.sport + k), DestinationIp: b.ip, DestinationHostname: b.name, DestinationPort: "443", DestinationPortName: "https" }));
  });
  return `${out.join("\n")}\n`;
}

/**
 * Security 4688 as Microsoft Sentinel / Log Analytics exports its SecurityEvent table (learn.microsoft.com,
 * azure-monitor/reference/tables/securityevent): flat columns TimeGenerated, Computer, EventID,
 * NewProcessName, CommandLine, ParentProcessName, SubjectUserName; one JSON object per line, as the
 * workspace's data export to a storage account writes them (learn.microsoft.com, azure-monitor/logs/logs-data-export: JSON Lines).
 */
export function sentinelSecurityEvent(): string {
  const row = (ms: number, computer: string, image: string, cmd: string, parent: string) => ({ TenantId: "6a2f0f7e-0000-4000-8000-000000000001", TimeGenerated: new Date(ms).toISOString(),
    SourceSystem: "OpsManager", Account: "CORP\\analyst", AccountType: "User", Computer: computer, EventSourceName: "Microsoft-Windows-Security-Auditing", Channel: "Security",
    Task: 13312, Level: "8", EventData: null, EventID: 4688, Activity: "4688 - A new process has been created.", CommandLine: cmd, NewProcessId: "0x1f40", NewProcessName: image,
    ParentProcessName: parent, Process: image.split("\\").pop(), SubjectDomainName: "CORP", SubjectUserName: "analyst", TokenElevationType: "%%1938", Type: "SecurityEvent" });
  const rows = [
    ...lookups.map((l) => row(l.ts, `${HOST.nameA}.corp.example`, "C:\\Tools\\whois.exe", `whois.exe -nobanner ${l.query}`, "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe")),
    ...benign.map((b) => row(b.ts, `${HOST.nameC}.corp.example`, "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", `"chrome.exe" https://${b.name}/domains`, "C:\\Windows\\explorer.exe")),
  ].sort((a, b) => a.TimeGenerated.localeCompare(b.TimeGenerated));
  return `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`;
}

/**
 * Linux audit as forwarded with `name_format = hostname` (auditd.conf(5)): each record starts with
 * `node=`; EXECVE arguments that hold a space are hex-encoded (audit.rules(7), "a0=...").
 */
export function auditdNode(): string {
  const out: string[] = [];
  const hex = (s: string) => Buffer.from(s).toString("hex").toUpperCase();
  const rec = (ms: number, serial: number, node: string, comm: string, exe: string, args: string[]) => {
    const stamp = `${(ms / 1000).toFixed(3)}:${serial}`;
    out.push(`node=${node} type=SYSCALL msg=audit(${stamp}): arch=c000003e syscall=59 success=yes exit=0 a0=5612 a1=5613 a2=5614 a3=8 items=2 ppid=2001 pid=${serial} auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts1 ses=4 comm="${comm}" exe="${exe}" subj=unconfined key="exec"`);
    out.push(`node=${node} type=EXECVE msg=audit(${stamp}): argc=${args.length} ${args.map((a, k) => `a${k}=${/[\s"]/.test(a) ? hex(a) : `"${a}"`}`).join(" ")}`);
    out.push(`node=${node} type=CWD msg=audit(${stamp}): cwd="/home/analyst"`);
    out.push(`node=${node} type=PROCTITLE msg=audit(${stamp}): proctitle=${hex(args.join("\u0000"))}`);
  };
  lookups.forEach((l, i) => rec(l.ts, 9000 + i, HOST.nameA, "whois", "/usr/bin/whois", ["whois", "-H", "-h", l.server, `${l.query}`]));
  benign.forEach((b, k) => rec(b.ts, 9500 + k, HOST.nameC, "firefox", "/usr/lib/firefox/firefox", ["/usr/lib/firefox/firefox", "-new-tab", `https://${b.name}/domains/search`]));
  return `${out.join("\n")}\n`;
}
