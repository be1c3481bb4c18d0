/** Suricata EVE JSON: flow, dns (v2 query/answer or v3 request/response layout), http, tls, stats. */
import type { DnsQuery, Flow, World } from "./model.js";

/** Suricata's timestamp form: 2026-03-02T08:00:00.123456+0000. */
export function eveTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}${String(Math.floor((ms % 1) * 1000)).padStart(3, "0")}+0000`;
}

const flowIds = new WeakMap<Flow, number>();
function flowId(f: Flow): number {
  let id = flowIds.get(f);
  if (id === undefined) {
    id = 1_000_000_000_000 + (parseInt(f.uid.slice(1, 9), 36) % 2 ** 40);
    flowIds.set(f, id);
  }
  return id;
}

const tuple = (f: Flow) => ({ flow_id: flowId(f), in_iface: "ens192", src_ip: f.src, src_port: f.sport, dest_ip: f.dst, dest_port: f.dport, proto: f.proto.toUpperCase() });
const APP: Record<string, string> = { dns: "dns", http: "http", ssl: "tls", smtp: "smtp", imap: "imap" };

function flowEvent(f: Flow): [number, object] {
  const end = f.ts + f.durationMs;
  const established = f.state === "SF" || f.state === "RSTO" || f.state === "RSTR";
  return [end + 60_000, {
    timestamp: eveTime(end + 60_000), ...tuple(f), event_type: "flow", app_proto: f.service ? (APP[f.service] ?? "failed") : undefined,
    flow: {
      pkts_toserver: f.proto === "udp" ? 1 : 3 + Math.ceil(f.origBytes / 1200), pkts_toclient: f.state === "S0" ? 0 : f.proto === "udp" ? 1 : 3 + Math.ceil(f.respBytes / 1200),
      bytes_toserver: f.origBytes + 60, bytes_toclient: f.state === "S0" ? 0 : f.respBytes + 60,
      start: eveTime(f.ts), end: eveTime(end), age: Math.round(f.durationMs / 1000), state: established ? "closed" : "new", reason: "timeout", alerted: false,
    },
    tcp: f.proto === "tcp" ? { tcp_flags: established ? "1b" : f.state === "REJ" ? "16" : "02", syn: true, ack: established, state: established ? "closed" : "syn_sent" } : undefined,
  }];
}

function dnsEvents(d: DnsQuery, version: 2 | 3): [number, object][] {
  const id = parseInt(d.flow.uid.slice(1, 5), 36) % 65536;
  const answers = d.answers.map((a) => ({ rrname: d.qname, rrtype: "A", ttl: 300, rdata: a }));
  if (version === 2) {
    return [
      [d.ts, { timestamp: eveTime(d.ts), ...tuple(d.flow), event_type: "dns", dns: { type: "query", id, rrname: d.qname, rrtype: d.qtype, tx_id: 0, opcode: 0 } }],
      [d.ts + 12, { timestamp: eveTime(d.ts + 12), ...tuple(d.flow), event_type: "dns", dns: { version: 2, type: "answer", id, flags: d.rcode === "NOERROR" ? "8180" : "8183", qr: true, rd: true, ra: true, opcode: 0, rrname: d.qname, rrtype: d.qtype, rcode: d.rcode, answers: answers.length ? answers : undefined } }],
    ];
  }
  const queries = [{ rrname: d.qname, rrtype: d.qtype }];
  return [
    [d.ts, { timestamp: eveTime(d.ts), ...tuple(d.flow), event_type: "dns", dns: { version: 3, type: "request", tx_id: 0, id, flags: "100", rd: true, opcode: 0, rcode: "NOERROR", queries } }],
    [d.ts + 12, { timestamp: eveTime(d.ts + 12), ...tuple(d.flow), event_type: "dns", dns: { version: 3, type: "response", tx_id: 0, id, flags: "8180", qr: true, rd: true, ra: true, opcode: 0, rcode: d.rcode, queries, answers: answers.length ? answers : undefined } }],
  ];
}

export function renderEve(w: World, dnsVersion: 2 | 3): string {
  const rows: [number, object][] = [];
  for (const f of w.flows) rows.push(flowEvent(f));
  for (const d of w.dns) rows.push(...dnsEvents(d, dnsVersion));
  for (const h of w.http) {
    if (h.encrypted) continue;
    rows.push([h.ts, { timestamp: eveTime(h.ts), ...tuple(h.flow), event_type: "http", tx_id: 0, http: { hostname: h.host, url: h.uri, http_user_agent: h.userAgent, http_content_type: h.host.startsWith("rdap") ? "application/rdap+json" : "text/html", http_method: h.method, protocol: "HTTP/1.1", status: h.status, length: h.respLen } }]);
  }
  for (const t of w.tls) rows.push([t.ts, { timestamp: eveTime(t.ts), ...tuple(t.flow), event_type: "tls", tls: { sni: t.sni, version: t.version === "TLSv13" ? "TLS 1.3" : "TLS 1.2", ja3: {}, ja3s: {} } }]);
  for (let t = w.start; t < w.end; t += 3_600_000) rows.push([t, { timestamp: eveTime(t), event_type: "stats", stats: { uptime: Math.round((t - w.start) / 1000) } }]);
  rows.sort((a, b) => a[0] - b[0]);
  return rows.map(([, o]) => `${JSON.stringify(o)}\n`).join("");
}
