/**
 * Second world, network sensors: Zeek (TSV with policy-script columns, JSON with ISO 8601 times),
 * Suricata EVE (v3 DNS records, IPv6, +0100 offsets) and Squid's `combined` log format.
 */
import { gzipSync } from "node:zlib";
import { HOST, bsd, isoPlus1, lookups, pad, benign, timeline } from "./scenario.js";

const sec = (ms: number): string => (ms / 1000).toFixed(6);
const uid = (k: string, i: number): string => `C${k}${(i * 7919).toString(36)}Qz`;

/**
 * Zeek conn.log, TSV, gzip as Zeek's log rotation archives it. Columns of Zeek 6 conn.log plus the
 * ones policy scripts append at the end: `mac-logging.zeek` (orig_l2_addr, resp_l2_addr) and
 * `community-id-logging.zeek` (community_id). Host A over IPv6 (docs.zeek.org/en/master/logs/conn.html;
 * scripts/policy/protocols/conn/community-id-logging.zeek.html).
 */
export function zeekConnGz(): Buffer {
  const fields = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service", "duration", "orig_bytes", "resp_bytes", "conn_state",
    "local_orig", "local_resp", "missed_bytes", "history", "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes", "tunnel_parents", "orig_l2_addr", "resp_l2_addr", "community_id"];
  const head = ["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tconn", "#open\t2026-12-06-14-00-00",
    `#fields\t${fields.join("\t")}`, `#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\tstring\tstring\tstring`];
  const rows = timeline().map((it, i) => {
    const mac = "00:50:56:aa:bb:cc\t00:1c:73:00:00:99\t1:abcdEFGH=";
    if (it.host === "A") return [sec(it.l.ts), uid("a", i), HOST.A6, it.l.sport, it.l.serverIp6, 43, "tcp", "whois", "0.412", 14, 1830, "SF", "T", "F", 0, "ShADadFf", 5, 418, 5, 2130, "-", mac].join("\t");
    if (it.host === "B") return [sec(it.p.ts), uid("b", i), HOST.B, it.p.sport, it.p.dst, it.p.dport, "tcp", "-", "-", "-", "-", "S0", "T", "F", 0, "S", 1, 44, 0, 0, "-", mac].join("\t");
    return [sec(it.b.ts), uid("c", i), HOST.C, it.b.sport, it.b.ip, 443, "tcp", "ssl", "3.1", 2400, 88000, "SF", "T", "F", 0, "ShADadFf", 40, 4500, 70, 92000, "-", mac].join("\t");
  });
  return gzipSync(`${[...head, ...rows, "#close\t2026-12-06-15-00-00"].join("\n")}\n`);
}

/** Zeek dns.log as JSON with `LogAscii::json_timestamps = JSON::TS_ISO8601` (logging/writers/ascii.zeek); IPv6 resolver. */
export function zeekDnsJson(): string {
  const iso = (ms: number) => new Date(ms).toISOString().replace(/Z$/, "000Z");
  const out: string[] = [];
  lookups.forEach((l, i) => out.push(JSON.stringify({ ts: iso(l.ts - 40), uid: uid("d", i), "id.orig_h": HOST.A6, "id.orig_p": 50_000 + i, "id.resp_h": "fd00:20::53", "id.resp_p": 53,
    proto: "udp", trans_id: 1000 + i, rtt: 0.0021, query: i % 2 ? l.rdapHost : l.server, qclass: 1, qclass_name: "C_INTERNET", qtype: 28, qtype_name: "AAAA", rcode: 0, rcode_name: "NOERROR",
    AA: false, TC: false, RD: true, RA: true, Z: 0, answers: [l.serverIp6], TTLs: [300.0], rejected: false })));
  benign.forEach((b, k) => out.push(JSON.stringify({ ts: iso(b.ts), uid: uid("e", k), "id.orig_h": HOST.C, "id.orig_p": 50_500 + k, "id.resp_h": "fd00:20::53", "id.resp_p": 53,
    proto: "udp", trans_id: 2000 + k, query: b.name, qclass: 1, qclass_name: "C_INTERNET", qtype: 1, qtype_name: "A", rcode: 0, rcode_name: "NOERROR", RD: true, RA: true, answers: [b.ip], TTLs: [60.0], rejected: false })));
  return `${out.join("\n")}\n`;
}

/** Zeek http.log TSV, Zeek 6 column set (tags, file uids and MIME vectors); RDAP over plain HTTP, as RIPE and ARIN serve it. */
export function zeekHttp(): string {
  const f = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "trans_depth", "method", "host", "uri", "referrer", "version", "user_agent", "origin",
    "request_body_len", "response_body_len", "status_code", "status_msg", "info_code", "info_msg", "tags", "username", "password", "proxied", "orig_fuids", "orig_filenames",
    "orig_mime_types", "resp_fuids", "resp_filenames", "resp_mime_types"];
  const head = ["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\thttp", "#open\t2026-12-06-14-00-00", `#fields\t${f.join("\t")}`];
  const row = (ms: number, i: number, src: string, dst: string, host: string, uri: string, ua: string, mime: string) =>
    [sec(ms), uid("h", i), src, 40_000 + i, dst, 80, 1, "GET", host, uri, "-", "1.1", ua, "-", 0, 1420, 200, "OK", "-", "-", "(empty)", "-", "-", "-", "-", "-", "-", `F${i}x`, "-", mime].join("\t");
  const rows = [
    ...lookups.map((l, i) => [l.ts, row(l.ts, i, HOST.A, l.serverIp, l.rdapHost, new URL(l.rdapUrl).pathname, "Go-http-client/1.1", "application/rdap+json")] as const),
    ...benign.map((b, k) => [b.ts, row(b.ts, 100 + k, HOST.C, b.ip, b.name, "/", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "text/html")] as const),
  ].sort((a, b) => a[0] - b[0]).map((r) => r[1]);
  return `${[...head, ...rows].join("\n")}\n`;
}

/** Zeek ssl.log as JSON with `_path` and `_write_ts` (a shipper's multi-log stream) plus the ja3 package's fields. */
export function zeekSslJson(): string {
  const row = (ms: number, i: number, src: string, dst: string, sni: string) => JSON.stringify({ _path: "ssl", _write_ts: sec(ms + 900), ts: Number(sec(ms)), uid: uid("s", i),
    "id.orig_h": src, "id.orig_p": 44_000 + i, "id.resp_h": dst, "id.resp_p": 443, version: "TLSv13", cipher: "TLS_AES_256_GCM_SHA384", curve: "x25519", server_name: sni,
    resumed: false, established: true, ssl_history: "CsiI", ja3: "773906b0efdefa24a7f2b8eb6985bf37", ja3s: "15af977ce25de452b96affa2addb1036" });
  const rows = [...lookups.map((l, i) => [l.ts, row(l.ts, i, HOST.A, l.serverIp, l.rdapHost)] as const), ...benign.map((b, k) => [b.ts, row(b.ts, 100 + k, HOST.C, b.ip, b.name)] as const)];
  return `${rows.sort((a, b) => a[0] - b[0]).map((r) => r[1]).join("\n")}\n`;
}

/** whois.log (the Zeek whois analyzer package) as JSON, epoch times, CRLF line ends (copied off a Windows share). */
export function zeekWhoisJson(): string {
  return lookups.map((l, i) => JSON.stringify({ ts: l.ts / 1000, uid: uid("w", i), "id.orig_h": HOST.A, "id.orig_p": l.sport, "id.resp_h": l.serverIp, "id.resp_p": 43, query: l.query })).join("\r\n") + "\r\n";
}

/**
 * Suricata 8 EVE: flow records for TCP (state, tcp flags, pkts both ways), DNS in the v3 request
 * layout (`dns.queries[]`), TLS with SNI; host A over IPv6; stamps in +0100
 * (docs.suricata.io/en/latest/output/eve/eve-json-format.html, "Event type: DNS", "Event type: Flow").
 */
export function eveV3(): string {
  const ts = (ms: number) => isoPlus1(ms, "").replace(/(\.\d{3})/, "$1000");
  const out: string[] = [];
  timeline().forEach((it, i) => {
    const fid = 1_500_000_000_000 + i;
    if (it.host === "A") {
      const l = it.l;
      out.push(JSON.stringify({ timestamp: ts(l.ts - 30), flow_id: fid + 1e6, in_iface: "ens3", event_type: "dns", src_ip: HOST.A6, src_port: 50_000 + i, dest_ip: "fd00:20::53", dest_port: 53, proto: "UDP",
        dns: { version: 3, type: "request", tx_id: 0, id: 4000 + i, flags: "100", rd: true, opcode: 0, rcode: "NOERROR", queries: [{ rrname: l.server, rrtype: "AAAA" }] } }));
      out.push(JSON.stringify({ timestamp: ts(l.ts + 500), flow_id: fid, in_iface: "ens3", event_type: "flow", src_ip: HOST.A6, src_port: l.sport, dest_ip: l.serverIp6, dest_port: 43, proto: "TCP",
        flow: { pkts_toserver: 6, pkts_toclient: 5, bytes_toserver: 490, bytes_toclient: 2210, start: ts(l.ts), end: ts(l.ts + 400), age: 0, state: "closed", reason: "shutdown", alerted: false },
        tcp: { tcp_flags: "1b", tcp_flags_ts: "1b", tcp_flags_tc: "1b", syn: true, fin: true, psh: true, ack: true, state: "closed", ts_max_regions: 1, tc_max_regions: 1 } }));
    } else if (it.host === "B") {
      const p = it.p;
      out.push(JSON.stringify({ timestamp: ts(p.ts + 60_000), flow_id: fid, event_type: "flow", src_ip: HOST.B, src_port: p.sport, dest_ip: p.dst, dest_port: p.dport, proto: "TCP",
        flow: { pkts_toserver: 1, pkts_toclient: 0, bytes_toserver: 58, bytes_toclient: 0, start: ts(p.ts), end: ts(p.ts), age: 0, state: "new", reason: "timeout", alerted: false },
        tcp: { tcp_flags: "02", tcp_flags_ts: "02", tcp_flags_tc: "00", syn: true, state: "syn_sent" } }));
    } else {
      const b = it.b;
      out.push(JSON.stringify({ timestamp: ts(b.ts - 20), flow_id: fid + 2e6, event_type: "dns", src_ip: HOST.C, src_port: 53_000 + i, dest_ip: HOST.resolver, dest_port: 53, proto: "UDP",
        dns: { version: 3, type: "request", tx_id: 0, id: 5000 + i, flags: "100", rd: true, opcode: 0, queries: [{ rrname: b.name, rrtype: "A" }] } }));
      out.push(JSON.stringify({ timestamp: ts(b.ts), flow_id: fid, event_type: "tls", src_ip: HOST.C, src_port: b.sport, dest_ip: b.ip, dest_port: 443, proto: "TCP",
        tls: { subject: `CN=${b.name}`, version: "TLS 1.3", sni: b.name, ja3: { hash: "773906b0efdefa24a7f2b8eb6985bf37" } } }));
    }
  });
  return `${out.join("\n")}\n`;
}

/**
 * Squid with `access_log ... combined` (squid-cache.org/Doc/config/logformat: `%>a %[ui %[un [%tl]
 * "%rm %ru HTTP/%rv" %>Hs %<st "%{Referer}>h" "%{User-Agent}>h" %Ss:%Sh`); local time +0100.
 */
export function squidCombined(): string {
  const tl = (ms: number) => {
    const d = new Date(ms + 3_600_000);
    const m = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()];
    return `${pad(d.getUTCDate())}/${m}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0100`;
  };
  const rows = [
    ...lookups.map((l) => [l.ts, `${HOST.A} - - [${tl(l.ts)}] "GET ${l.rdapUrl.replace(/^https:/, "http:")} HTTP/1.1" 200 1893 "-" "curl/8.5.0" TCP_MISS:HIER_DIRECT`] as const),
    ...benign.map((b) => [b.ts, `${HOST.C} - - [${tl(b.ts)}] "CONNECT ${b.name}:443 HTTP/1.1" 200 48211 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)" TCP_TUNNEL:HIER_DIRECT`] as const),
  ];
  return `${rows.sort((a, b) => a[0] - b[0]).map((r) => r[1]).join("\n")}\n`;
}
export { bsd };
