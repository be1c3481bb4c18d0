/**
 * The endpoint world's process starts as Windows Security 4688 (with command line) plus PowerShell 4104
 * script blocks for `powershell -Command "…"` (Winlogbeat/ECS, EVTX-to-JSON and NXLog flat JSON layouts), and as Linux
 * auditd SYSCALL/EXECVE/PROCTITLE/EOE records (the same activity on Linux hosts: whois.exe → /usr/bin/whois,
 * powershell.exe → /usr/bin/pwsh; arguments with spaces hex-encoded as auditd writes them).
 */
import type { EndpointEvent, World } from "./model.js";

const starts = (w: World) => w.endpoint.filter((e) => e.eventId === 1).sort((a, b) => a.ts - b.ts);
const base = (image: string) => image.slice(image.lastIndexOf("\\") + 1);

/** `powershell.exe -NoProfile -Command "X"` → X (the script block PowerShell logs as 4104). */
function scriptOf(e: EndpointEvent): string | undefined {
  if (base(e.image).toLowerCase() !== "powershell.exe" || e.commandLine === undefined) return undefined;
  const at = e.commandLine.indexOf('-Command "');
  return at < 0 ? undefined : e.commandLine.slice(at + 10, e.commandLine.endsWith('"') ? -1 : undefined);
}

function data4688(e: EndpointEvent): [string, string][] {
  const [domain, name] = e.user.split("\\");
  return [["SubjectUserSid", "S-1-5-21-3623811015-3361044348-30300820-1013"], ["SubjectUserName", name ?? e.user], ["SubjectDomainName", domain ?? ""],
    ["SubjectLogonId", "0x3e7a1c"], ["NewProcessId", `0x${e.pid.toString(16)}`], ["NewProcessName", e.image], ["TokenElevationType", "%%1938"],
    ["ProcessId", `0x${(e.pid - 4).toString(16)}`], ["CommandLine", e.commandLine ?? ""], ["TargetUserSid", "S-1-0-0"], ["MandatoryLabel", "S-1-16-8192"],
    ["ParentProcessName", e.parentImage ?? "C:\\Windows\\explorer.exe"]];
}

function dataScript(e: EndpointEvent, script: string): [string, string][] {
  return [["MessageNumber", "1"], ["MessageTotal", "1"], ["ScriptBlockText", script], ["ScriptBlockId", `${(e.pid * 2654435761 % 4294967296).toString(16).padStart(8, "0")}-4c1e-4f0a-9d2b-5e6f7a8b9c0d`], ["Path", ""]];
}

const SECURITY = { name: "Microsoft-Windows-Security-Auditing", guid: "{54849625-5478-4994-A5BA-3E3B0328C30D}", channel: "Security" };
const POWERSHELL = { name: "Microsoft-Windows-PowerShell", guid: "{A0C1853B-5C40-4B15-8766-3CF1C58F985A}", channel: "Microsoft-Windows-PowerShell/Operational" };

function ecs(e: EndpointEvent, id: 4688 | 4104, data: [string, string][], record: number): object {
  const p = id === 4688 ? SECURITY : POWERSHELL;
  const [domain, name] = e.user.split("\\");
  const extra = id === 4688
    ? { process: { pid: e.pid, executable: e.image, name: base(e.image), command_line: e.commandLine, parent: { executable: e.parentImage } } }
    : { powershell: { file: { script_block_text: data[2]?.[1] } } };
  return { "@timestamp": new Date(e.ts + (id === 4104 ? 150 : 0)).toISOString(),
    event: { code: String(id), kind: "event", provider: p.name, module: id === 4688 ? "security" : "powershell", action: id === 4688 ? "created-process" : "Execute a Remote Command" },
    host: { name: e.host.toLowerCase(), hostname: e.host.split(".")[0] },
    winlog: { channel: p.channel, event_id: String(id), provider_name: p.name, computer_name: e.host, record_id: record, event_data: Object.fromEntries(id === 4104 ? data.filter(([k]) => k !== "ScriptBlockText") : data) },
    user: { domain, name }, agent: { type: "winlogbeat", version: "8.15.3" }, ...extra };
}

function evtx(e: EndpointEvent, id: 4688 | 4104, data: [string, string][], record: number): object {
  const p = id === 4688 ? SECURITY : POWERSHELL;
  return { Event: { "#attributes": { xmlns: "http://schemas.microsoft.com/win/2004/08/events/event" },
    System: { Provider: { "#attributes": { Name: p.name, Guid: p.guid } }, EventID: id, Version: id === 4688 ? 2 : 1, Level: id === 4688 ? 0 : 5, Task: id === 4688 ? 13312 : 2,
      Opcode: id === 4688 ? 0 : 15, Keywords: id === 4688 ? "0x8020000000000000" : "0x0", TimeCreated: { "#attributes": { SystemTime: `${new Date(e.ts + (id === 4104 ? 150 : 0)).toISOString().slice(0, 23)}4517Z` } },
      EventRecordID: record, Correlation: null, Execution: { "#attributes": { ProcessID: id === 4688 ? 4 : e.pid, ThreadID: 5120 } }, Channel: p.channel, Computer: e.host, Security: null },
    EventData: { Data: data.map(([k, v]) => ({ "@Name": k, "#text": v })) } } };
}

/** NXLog im_msvistalog + to_json(): System and EventData values as top-level keys, EventTime without a zone. */
function nxlog(e: EndpointEvent, id: 4688 | 4104, data: [string, string][], record: number): object {
  const p = id === 4688 ? SECURITY : POWERSHELL;
  const time = new Date(e.ts + (id === 4104 ? 150 : 0)).toISOString().slice(0, 19).replace("T", " ");
  return { EventTime: time, Hostname: e.host, Keywords: id === 4688 ? -9214364837600034816 : 0, EventType: id === 4688 ? "AUDIT_SUCCESS" : "VERBOSE",
    SeverityValue: 2, Severity: "INFO", EventID: id, SourceName: p.name, ProviderGuid: p.guid, Version: id === 4688 ? 2 : 1, Task: id === 4688 ? 13312 : 2,
    OpcodeValue: id === 4688 ? 0 : 15, RecordNumber: record, ProcessID: id === 4688 ? 4 : e.pid, ThreadID: 5120, Channel: p.channel,
    Category: id === 4688 ? "Process Creation" : "Execute a Remote Command", ...Object.fromEntries(data), EventReceivedTime: time,
    SourceModuleName: "eventlog", SourceModuleType: "im_msvistalog" };
}

const WINDOWS_LAYOUTS = { ecs, evtx, nxlog };

export function renderWindowsEvents(w: World, layout: keyof typeof WINDOWS_LAYOUTS): string {
  const out: string[] = [];
  let record = 771_000;
  for (const e of starts(w)) {
    const doc = WINDOWS_LAYOUTS[layout];
    out.push(JSON.stringify(doc(e, 4688, data4688(e), ++record)));
    const script = scriptOf(e);
    if (script !== undefined) out.push(JSON.stringify(doc(e, 4104, dataScript(e, script), ++record)));
  }
  return out.length ? `${out.join("\n")}\n` : "";
}

/** Windows image → the Linux program doing the same thing. */
const LINUX: Record<string, string> = {
  "whois.exe": "/usr/bin/whois", "whois64.exe": "/usr/bin/whois", "powershell.exe": "/usr/bin/pwsh", "chrome.exe": "/opt/google/chrome/chrome",
  "whoami.exe": "/usr/bin/whoami", "nslookup.exe": "/usr/bin/nslookup", "svchost.exe": "/usr/lib/systemd/systemd-executor", "curl.exe": "/usr/bin/curl",
};

/** A command line's arguments: spaces split them except inside double quotes. */
function argv(cmd: string): string[] {
  const out: string[] = [];
  let cur = "", quoted = false, has = false;
  for (const c of cmd) {
    if (c === '"') { quoted = !quoted; has = true; }
    else if (c === " " && !quoted) { if (has) out.push(cur); cur = ""; has = false; }
    else { cur += c; has = true; }
  }
  if (has) out.push(cur);
  return out;
}

/** auditd quotes an argument unless it holds a space, quote or control character: then it writes hex. */
const auditArg = (a: string) => (/[\s"\\\u0000-\u001f\u007f]/.test(a) || a === "" ? Buffer.from(a).toString("hex").toUpperCase() : `"${a}"`);

export function renderAuditd(w: World): string {
  const out: string[] = [];
  let serial = 88_000;
  for (const e of starts(w)) {
    serial += 1;
    const exe = LINUX[base(e.image).toLowerCase()] ?? `/usr/bin/${base(e.image).toLowerCase().replace(/\.exe$/, "")}`;
    const args = argv(e.commandLine ?? e.image);
    args[0] = exe.slice(exe.lastIndexOf("/") + 1);
    const id = `audit(${(e.ts / 1000).toFixed(3)}:${serial})`;
    const node = `node=${e.host.toLowerCase()}`;
    const uid = 1000 + (e.user.length % 7);
    const user = e.user.split("\\")[1] ?? e.user;
    out.push(`${node} type=SYSCALL msg=${id}: arch=c000003e syscall=59 success=yes exit=0 a0=55d0c2a0 a1=55d0c2b0 a2=55d0c2c0 a3=0 items=2 ppid=${e.pid - 4} pid=${e.pid} auid=${uid} uid=${uid} gid=${uid} euid=${uid} suid=${uid} fsuid=${uid} egid=${uid} sgid=${uid} fsgid=${uid} tty=pts0 ses=${serial % 50} comm="${args[0].slice(0, 15)}" exe="${exe}" subj=unconfined key="exec"\u001dARCH=x86_64 SYSCALL=execve AUID="${user}" UID="${user}"`);
    out.push(`${node} type=EXECVE msg=${id}: argc=${args.length} ${args.map((a, i) => `a${i}=${auditArg(a)}`).join(" ")}`);
    out.push(`${node} type=CWD msg=${id}: cwd="/home/${user}"`);
    out.push(`${node} type=PATH msg=${id}: item=0 name="${exe}" inode=${1311 + (serial % 900)} dev=fd:00 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`);
    out.push(`${node} type=PROCTITLE msg=${id}: proctitle=${Buffer.from(args.join("\u0000")).toString("hex").toUpperCase().slice(0, 256)}`);
    out.push(`${node} type=EOE msg=${id}: `);
  }
  return out.length ? `${out.join("\n")}\n` : "";
}
