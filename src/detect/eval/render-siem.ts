/**
 * The world as SIEM/EDR exports (w12):
 * - ECS: Packetbeat documents (elastic.co, Packetbeat "Exported fields"): `flow` documents for every flow
 *   (source/destination packets and bytes, the flow's start in event.start), `dns` for every question,
 *   `http` for plain HTTP, `tls` with the server name; a sensor's host.* beside the client's source.ip.
 * - Defender XDR: the endpoint world's Sysmon-like events as DeviceProcessEvents, DeviceNetworkEvents
 *   (ConnectionSuccess with LocalIP) and DeviceEvents DnsQueryResponse rows, as the advanced hunting API answers
 *   (`{"Schema":[…],"Results":[…]}`, learn.microsoft.com run-advanced-query-api).
 * - OCSF: Network Activity 4001 for every flow (Refuse for a rejected one, packets_in 0 for an unanswered one, tls.sni
 *   for a TLS one),
 *   DNS Activity 4003, HTTP Activity 4002 for plain HTTP (schema.ocsf.io 1.1.0), one JSON array.
 */
import type { Flow, World } from "./model.js";

const iso = (ms: number) => new Date(ms).toISOString();
const SENSOR = { name: "pb-sensor-01", hostname: "pb-sensor-01", ip: ["10.0.0.250"] };

/** Packets a flow's client sent: a SYN alone (unanswered or refused), else handshake, data and close. */
function clientPackets(f: Flow): number {
  if (f.proto !== "tcp") return 1;
  if (f.state === "S0" || f.state === "REJ") return 1;
  return f.origBytes === 0 ? 3 : 4 + Math.ceil(f.origBytes / 1400);
}

function serverPackets(f: Flow): number {
  if (f.state === "S0") return 0;
  if (f.state === "REJ") return 1;
  return f.proto === "tcp" ? 3 + Math.ceil(f.respBytes / 1400) : 1;
}

const ends = (f: Flow) => ({ source: { ip: f.src, port: f.sport }, destination: { ip: f.dst, port: f.dport }, network: { transport: f.proto, type: "ipv4" } });

export function renderEcs(w: World): string {
  const rows: [number, object][] = [];
  const meta = { agent: { type: "packetbeat", version: "8.15.3" }, ecs: { version: "8.0.0" }, host: SENSOR };
  for (const f of w.flows) {
    const end = f.ts + f.durationMs;
    const e = ends(f);
    rows.push([end, { "@timestamp": iso(end + 10_000), type: "flow", ...meta, event: { kind: "event", category: ["network_traffic", "network"], type: ["connection", "end"], dataset: "flow", start: iso(f.ts), end: iso(end) },
      flow: { id: f.uid, final: true }, ...e, source: { ...e.source, packets: clientPackets(f), bytes: clientPackets(f) * 66 + f.origBytes },
      destination: { ...e.destination, packets: serverPackets(f), bytes: serverPackets(f) * 66 + (f.state === "S0" || f.state === "REJ" ? 0 : f.respBytes) } }]);
  }
  for (const d of w.dns) {
    rows.push([d.ts, { "@timestamp": iso(d.ts), type: "dns", ...meta, event: { kind: "event", category: ["network_traffic", "network"], type: ["connection", "protocol"], dataset: "dns", duration: 2_000_000 },
      ...ends(d.flow), dns: { type: "answer", id: 4242, op_code: "QUERY", question: { name: d.qname, type: d.qtype, class: "IN" }, response_code: d.rcode, answers_count: d.answers.length },
      network: { transport: d.flow.proto, protocol: "dns" } }]);
  }
  for (const h of w.http) {
    if (h.encrypted) continue;
    rows.push([h.ts, { "@timestamp": iso(h.ts), type: "http", ...meta, event: { kind: "event", category: ["network_traffic", "network", "web"], dataset: "http" }, ...ends(h.flow),
      url: { full: `http://${h.host}${h.uri}`, domain: h.host, path: h.uri.split("?")[0], scheme: "http" }, http: { request: { method: h.method }, response: { status_code: h.status, bytes: h.respLen } },
      user_agent: { original: h.userAgent } }]);
  }
  for (const t of w.tls) {
    rows.push([t.ts, { "@timestamp": iso(t.ts), type: "tls", ...meta, event: { kind: "event", category: ["network_traffic", "network"], dataset: "tls" }, ...ends(t.flow),
      tls: { version: t.version === "TLSv13" ? "1.3" : "1.2", version_protocol: "tls", client: { server_name: t.sni }, established: true } }]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  return rows.map(([, o]) => `${JSON.stringify(o)}\n`).join("");
}

/** Advanced hunting rows of the endpoint world, in one API answer. */
export function renderDefender(w: World): string {
  const results: object[] = [];
  for (const e of [...w.endpoint].sort((a, b) => a.ts - b.ts)) {
    const [domain, name] = e.user.split("\\");
    const device = { Timestamp: iso(e.ts), DeviceId: `d${e.ip.replace(/\./g, "")}`, DeviceName: e.host.toLowerCase() };
    const initiating = { InitiatingProcessFileName: e.image.slice(e.image.lastIndexOf("\\") + 1), InitiatingProcessFolderPath: e.image.toLowerCase(), InitiatingProcessId: e.pid,
      InitiatingProcessAccountDomain: domain, InitiatingProcessAccountName: name };
    if (e.eventId === 1) {
      results.push({ ...device, ActionType: "ProcessCreated", FileName: e.image.slice(e.image.lastIndexOf("\\") + 1), FolderPath: e.image, ProcessId: e.pid, ProcessCommandLine: e.commandLine ?? e.image,
        AccountDomain: domain, AccountName: name, InitiatingProcessFileName: (e.parentImage ?? "C:\\Windows\\explorer.exe").split("\\").pop(), ReportId: results.length + 1 });
    } else if (e.eventId === 3 && e.flow) {
      results.push({ ...device, ActionType: "ConnectionSuccess", RemoteIP: e.flow.dst, RemotePort: e.flow.dport, RemoteUrl: "", LocalIP: e.ip, LocalPort: e.flow.sport,
        Protocol: e.flow.proto === "udp" ? "Udp" : "Tcp", LocalIPType: "Private", RemoteIPType: "Public", ...initiating, ReportId: results.length + 1 });
    } else if (e.eventId === 22 && e.query) {
      results.push({ ...device, ActionType: "DnsQueryResponse", LocalIP: "", RemoteIP: "", ...initiating, ReportId: results.length + 1,
        AdditionalFields: JSON.stringify({ DnsQueryString: e.query.name, DnsQueryResult: e.query.results === "-" ? [] : [{ DnsQueryType: 1, Address: e.query.results }] }) });
    }
  }
  const schema = ["Timestamp", "DeviceId", "DeviceName", "ActionType", "RemoteIP", "RemotePort", "LocalIP", "FileName", "FolderPath", "ProcessCommandLine", "AdditionalFields"].map((n) => ({ Name: n, Type: n === "Timestamp" ? "DateTime" : "String" }));
  return `${JSON.stringify({ Schema: schema, Results: results })}\n`;
}

export function renderOcsf(w: World): string {
  const rows: [number, object][] = [];
  const meta = { metadata: { version: "1.1.0", product: { name: "Network sensor", vendor_name: "Example" } }, severity_id: 1 };
  const sni = new Map(w.tls.map((t) => [t.flow, t.sni] as const));
  for (const f of w.flows) {
    const refused = f.state === "REJ";
    const name = sni.get(f);
    rows.push([f.ts, { class_uid: 4001, category_uid: 4, activity_id: refused ? 5 : 6, type_uid: refused ? 400105 : 400106, time: f.ts, start_time: f.ts, end_time: f.ts + f.durationMs, ...meta,
      status_id: 1, src_endpoint: { ip: f.src, port: f.sport }, dst_endpoint: { ip: f.dst, port: f.dport },
      connection_info: { protocol_name: f.proto, protocol_num: f.proto === "tcp" ? 6 : f.proto === "udp" ? 17 : 1, direction_id: 2 },
      traffic: { packets_out: clientPackets(f), packets_in: serverPackets(f), bytes_out: f.origBytes, bytes_in: f.state === "S0" || refused ? 0 : f.respBytes },
      ...(name !== undefined ? { tls: { sni: name, version: "1.3" } } : {}) }]);
  }
  for (const d of w.dns) {
    rows.push([d.ts, { class_uid: 4003, category_uid: 4, activity_id: 1, type_uid: 400301, time: d.ts, ...meta, status_id: 1, src_endpoint: { ip: d.flow.src, port: d.flow.sport },
      dst_endpoint: { ip: d.flow.dst, port: 53 }, query: { hostname: `${d.qname}.`, type: d.qtype, class: "IN" }, rcode: d.rcode === "NOERROR" ? "NoError" : d.rcode, answers: d.answers.map((a) => ({ rdata: a, type: "A" })) }]);
  }
  for (const h of w.http) {
    if (h.encrypted) continue;
    const [p, query] = h.uri.split("?");
    rows.push([h.ts, { class_uid: 4002, category_uid: 4, activity_id: 3, type_uid: 400203, time: h.ts, ...meta, status_id: 1, src_endpoint: { ip: h.flow.src, port: h.flow.sport },
      dst_endpoint: { ip: h.flow.dst, port: h.flow.dport }, http_request: { http_method: h.method, user_agent: h.userAgent, url: { hostname: h.host, path: p, scheme: "http", port: 80, ...(query ? { query_string: query } : {}) } },
      http_response: { code: h.status, length: h.respLen } }]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  return `[\n${rows.map(([, o]) => JSON.stringify(o)).join(",\n")}\n]\n`;
}
