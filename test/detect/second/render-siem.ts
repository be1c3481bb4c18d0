/**
 * Second world, SIEM/EDR exports (w12), each in a layout the eval renderers (src/detect/eval/render-siem.ts) do not use:
 * - ECS: Packetbeat `flow` documents (elastic.co, Packetbeat "Exported fields": flow, source.*, destination.*, network.*)
 *   as Kibana Discover's "Download as JSON" gives them: one pretty-printed array, a sensor's host.* beside the client's source.ip;
 * - Defender XDR: DeviceNetworkEvents from the portal's advanced hunting "Export" as CSV (learn.microsoft.com,
 *   advanced-hunting-devicenetworkevents-table), the time column as the portal heads it ("Timestamp [UTC]");
 * - OCSF: AWS Security Lake VPC Flow Logs in OCSF 1.1 Network Activity (docs.aws.amazon.com, security-lake
 *   "VPC Flow Logs (OCSF)"), as the Parquet → JSON lines a query export writes; B's probes with action Denied.
 */
import { HOST, benign, lookups, probes, timeline } from "./scenario.js";

const iso = (ms: number) => new Date(ms).toISOString();

export function ecsPacketbeatArray(): string {
  const sensor = { name: "pb-sensor-02", hostname: "pb-sensor-02", ip: ["10.20.0.250"], mac: ["00-50-56-00-00-02"] };
  const doc = (ts: number, src: string, sport: number, dst: string, dport: number, sent: [number, number], got: [number, number]) => ({
    "@timestamp": iso(ts), type: "flow", agent: { type: "packetbeat", version: "8.15.3", name: "pb-sensor-02" }, ecs: { version: "8.0.0" },
    event: { kind: "event", category: ["network_traffic", "network"], type: ["connection", "end"], action: "network_flow", dataset: "flow", start: iso(ts), end: iso(ts + 400), duration: 400_000_000 },
    flow: { id: `EAT/////AP//////CP8AAAH${sport}`, final: true }, host: sensor,
    source: { ip: src, port: sport, packets: sent[0], bytes: sent[1] }, destination: { ip: dst, port: dport, packets: got[0], bytes: got[1] },
    network: { type: "ipv4", transport: "tcp", community_id: "1:abc=", bytes: sent[1] + got[1], packets: sent[0] + got[0] } });
  const docs = timeline().map((it) => {
    if (it.host === "A") return doc(it.l.ts, HOST.A, it.l.sport, it.l.serverIp, 43, [6, 418], [5, 2130]);
    if (it.host === "B") return doc(it.p.ts, HOST.B, it.p.sport, it.p.dst, it.p.dport, [1, 58], [0, 0]);
    return doc(it.b.ts, HOST.C, it.b.sport, it.b.ip, 443, [40, 4500], [70, 92000]);
  });
  return `${JSON.stringify(docs, null, 2)}\n`;
}

export function defenderNetworkCsv(): string {
  const cols = ["Timestamp [UTC]", "DeviceId", "DeviceName", "ActionType", "RemoteIP", "RemotePort", "RemoteUrl", "LocalIP", "LocalPort", "Protocol", "LocalIPType", "RemoteIPType",
    "InitiatingProcessFileName", "InitiatingProcessFolderPath", "InitiatingProcessId", "InitiatingProcessCommandLine", "InitiatingProcessAccountDomain", "InitiatingProcessAccountName",
    "ReportId", "AdditionalFields"];
  const q = (v: string | number) => (/[",]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const row = (ts: number, dev: string, action: string, rip: string, rport: number, url: string, lip: string, lport: number, file: string, folder: string, cmd: string, extra: string) =>
    [iso(ts), "c0ffee00d00d", dev, action, rip, rport, url, lip, lport, "Tcp", "Private", "Public", file, folder, 5120, cmd, "corp", "analyst", 9_000 + (ts % 1000), extra].map(q).join(",");
  const rows = timeline().map((it) => {
    if (it.host === "A") return row(it.l.ts, `${HOST.nameA}.corp.example`, "ConnectionSuccess", it.l.serverIp, 43, it.l.server, HOST.A, it.l.sport, "whois64.exe",
      "c:\\users\\analyst\\tools\\whois64.exe", `whois64.exe -v ${it.l.query}`, "");
    if (it.host === "B") return row(it.p.ts, "scanner-lab.corp.example", "ConnectionFailed", it.p.dst, it.p.dport, "", HOST.B, it.p.sport, "nmap.exe",
      "c:\\program files (x86)\\nmap\\nmap.exe", "nmap.exe -sT -p 20-59,1000-2400 198.51.100.200", "");
    return row(it.b.ts, `${HOST.nameC}.corp.example`, "ConnectionSuccess", it.b.ip, 443, it.b.name, HOST.C, it.b.sport, "msedge.exe",
      "c:\\program files (x86)\\microsoft\\edge\\application\\msedge.exe", `"msedge.exe" https://${it.b.name}/`, JSON.stringify({ direction: "Out" }));
  });
  return `${[cols.join(","), ...rows].join("\r\n")}\r\n`;
}

export function ocsfSecurityLakeVpc(): string {
  const base = (ts: number) => ({ class_uid: 4001, class_name: "Network Activity", category_uid: 4, category_name: "Network Activity", activity_id: 6, activity_name: "Traffic",
    type_uid: 400106, severity_id: 1, time: ts, start_time: ts, end_time: ts + 60_000,
    metadata: { product: { name: "Amazon VPC", vendor_name: "AWS", feature: { name: "Flowlogs" } }, profiles: ["cloud"], version: "1.1.0" },
    cloud: { account: { uid: "123456789012" }, region: "eu-west-1", provider: "AWS" }, connection_info: { protocol_num: 6, direction_id: 2, direction: "Outbound", tcp_flags: 3 } });
  const out: object[] = [];
  for (const l of lookups) out.push({ ...base(l.ts), src_endpoint: { ip: HOST.A, port: l.sport, interface_uid: "eni-0a1b2c3d", vpc_uid: "vpc-1" },
    dst_endpoint: { ip: l.serverIp, port: 43 }, traffic: { bytes: 2548, packets: 11, bytes_in: 2130, bytes_out: 418, packets_in: 5, packets_out: 6 },
    action: "Allowed", action_id: 1, disposition: "Allowed", disposition_id: 1, status_code: "OK", status_id: 1 });
  for (const p of probes) out.push({ ...base(p.ts), src_endpoint: { ip: HOST.B, port: p.sport, interface_uid: "eni-0b" }, dst_endpoint: { ip: p.dst, port: p.dport },
    traffic: { bytes: 44, packets: 1 }, action: "Denied", action_id: 2, disposition: "Blocked", disposition_id: 2, status_code: "OK", status_id: 1 });
  for (const b of benign) out.push({ ...base(b.ts), src_endpoint: { ip: HOST.C, port: b.sport, interface_uid: "eni-0c" }, dst_endpoint: { ip: b.ip, port: 443 },
    traffic: { bytes: 96_500, packets: 110, bytes_in: 92_000, bytes_out: 4500, packets_in: 70, packets_out: 40 }, action: "Allowed", action_id: 1, status_id: 1 });
  return `${out.sort((x, y) => (x as { time: number }).time - (y as { time: number }).time).map((o) => JSON.stringify(o)).join("\n")}\n`;
}
