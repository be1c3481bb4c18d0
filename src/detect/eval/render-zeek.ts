/** Zeek conn, dns, http, ssl and whois.log (spicy-whois / finger-analyzer layout), TSV and JSON. */
import type { DnsQuery, Flow, HttpRequest, TlsHandshake, WhoisSession, World } from "./model.js";

type Col<T> = readonly [name: string, type: string, get: (row: T) => string | number | boolean | string[] | undefined];

const ID = <T>(f: (r: T) => Flow): Col<T>[] => [
  ["uid", "string", (r) => f(r).uid],
  ["id.orig_h", "addr", (r) => f(r).src],
  ["id.orig_p", "port", (r) => f(r).sport],
  ["id.resp_h", "addr", (r) => f(r).dst],
  ["id.resp_p", "port", (r) => f(r).dport],
];

const HISTORY: Record<string, string> = { SF: "ShADadFf", S0: "S", REJ: "Sr", RSTO: "ShADR", RSTR: "ShADr", SH: "ShF", OTH: "D" };
const QTYPE: Record<string, number> = { A: 1, NS: 2, PTR: 12, MX: 15, TXT: 16, AAAA: 28, AXFR: 252, ANY: 255 };
const RCODE: Record<string, number> = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };
const pkts = (bytes: number) => Math.max(1, Math.ceil(bytes / 1200));

const CONN: Col<Flow>[] = [
  ["ts", "time", (f) => f.ts / 1000], ...ID<Flow>((f) => f),
  ["proto", "enum", (f) => f.proto],
  ["service", "string", (f) => f.service],
  ["duration", "interval", (f) => (f.state === "S0" || f.state === "REJ" ? undefined : f.durationMs / 1000)],
  ["orig_bytes", "count", (f) => f.origBytes],
  ["resp_bytes", "count", (f) => f.respBytes],
  ["conn_state", "string", (f) => f.state],
  ["local_orig", "bool", (f) => f.src.startsWith("10.")],
  ["local_resp", "bool", (f) => f.dst.startsWith("10.")],
  ["missed_bytes", "count", () => 0],
  ["history", "string", (f) => (f.proto === "udp" ? "Dd" : HISTORY[f.state])],
  ["orig_pkts", "count", (f) => (f.proto === "udp" ? 1 : pkts(f.origBytes) + 2)],
  ["orig_ip_bytes", "count", (f) => f.origBytes + 40 * (pkts(f.origBytes) + 2)],
  ["resp_pkts", "count", (f) => (f.state === "S0" ? 0 : f.proto === "udp" ? 1 : pkts(f.respBytes) + 2)],
  ["resp_ip_bytes", "count", (f) => (f.state === "S0" ? 0 : f.respBytes + 40 * (pkts(f.respBytes) + 2))],
  ["tunnel_parents", "set[string]", () => undefined],
];

const DNS: Col<DnsQuery>[] = [
  ["ts", "time", (d) => d.ts / 1000], ...ID<DnsQuery>((d) => d.flow),
  ["proto", "enum", (d) => d.flow.proto],
  ["trans_id", "count", (d) => parseInt(d.flow.uid.slice(1, 5), 36) % 65536],
  ["rtt", "interval", (d) => (d.rcode === "REFUSED" ? undefined : 0.012)],
  ["query", "string", (d) => d.qname],
  ["qclass", "count", () => 1], ["qclass_name", "string", () => "C_INTERNET"],
  ["qtype", "count", (d) => QTYPE[d.qtype]], ["qtype_name", "string", (d) => d.qtype],
  ["rcode", "count", (d) => RCODE[d.rcode]], ["rcode_name", "string", (d) => d.rcode],
  ["AA", "bool", () => false], ["TC", "bool", () => false], ["RD", "bool", () => true],
  ["RA", "bool", (d) => d.rcode !== "REFUSED"], ["Z", "count", () => 0],
  ["answers", "vector[string]", (d) => d.answers],
  ["TTLs", "vector[interval]", (d) => d.answers.map(() => "300.000000")],
  ["rejected", "bool", (d) => d.rcode === "REFUSED"],
];

const HTTP: Col<HttpRequest>[] = [
  ["ts", "time", (h) => h.ts / 1000], ...ID<HttpRequest>((h) => h.flow),
  ["trans_depth", "count", () => 1], ["method", "string", (h) => h.method], ["host", "string", (h) => h.host],
  ["uri", "string", (h) => h.uri], ["referrer", "string", () => undefined], ["version", "string", () => "1.1"],
  ["user_agent", "string", (h) => h.userAgent], ["origin", "string", () => undefined],
  ["request_body_len", "count", (h) => (h.method === "POST" ? 83 : 0)], ["response_body_len", "count", (h) => h.respLen],
  ["status_code", "count", (h) => h.status], ["status_msg", "string", (h) => (h.status === 302 ? "Found" : "OK")],
  ["tags", "set[enum]", () => undefined], ["resp_mime_types", "vector[string]", (h) => [h.host.startsWith("rdap") ? "application/json" : "text/html"]],
];

const SSL: Col<TlsHandshake>[] = [
  ["ts", "time", (s) => s.ts / 1000], ...ID<TlsHandshake>((s) => s.flow),
  ["version", "string", (s) => s.version], ["cipher", "string", (s) => (s.version === "TLSv13" ? "TLS_AES_128_GCM_SHA256" : "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")],
  ["curve", "string", () => "x25519"], ["server_name", "string", (s) => s.sni], ["resumed", "bool", () => false],
  ["next_protocol", "string", () => undefined], ["established", "bool", () => true], ["ssl_history", "string", () => "CsiI"],
];

const WHOIS: Col<WhoisSession>[] = [["ts", "time", (w) => w.ts / 1000], ...ID<WhoisSession>((w) => w.flow), ["query", "string", (w) => w.query]];

/** Zeek TSV escaping: tabs, backslashes and non-printables as \xNN. */
function esc(s: string): string {
  return /[\t\\\x00-\x1f\x7f]/.test(s) ? s.replace(/[\t\\\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`) : s;
}

function tsvValue(v: string | number | boolean | string[] | undefined, type: string): string {
  if (v === undefined) return "-";
  if (Array.isArray(v)) return v.length === 0 ? "(empty)" : v.map(esc).join(",");
  if (typeof v === "boolean") return v ? "T" : "F";
  if (type === "time" || type === "interval") return (v as number).toFixed(6);
  return typeof v === "string" ? (v === "" ? "(empty)" : esc(v)) : String(v);
}

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace(/[T:]/g, "-");

export function zeekTsv<T>(path: string, cols: Col<T>[], rows: T[], open: number): string {
  const head = ["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", `#path\t${path}`, `#open\t${stamp(open)}`,
    `#fields\t${cols.map((c) => c[0]).join("\t")}`, `#types\t${cols.map((c) => c[1]).join("\t")}`];
  const body = rows.map((r) => cols.map(([, type, get]) => tsvValue(get(r), type)).join("\t"));
  return `${[...head, ...body, `#close\t${stamp(open + 86_400_000)}`].join("\n")}\n`;
}

export function zeekJson<T>(cols: Col<T>[], rows: T[]): string {
  return rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (const [name, , get] of cols) {
      const v = get(r);
      if (v !== undefined && !(Array.isArray(v) && v.length === 0)) o[name] = v;
    }
    return `${JSON.stringify(o)}\n`;
  }).join("");
}

/** File name → content for one Zeek rendering. */
export function renderZeek(w: World, json: boolean): Record<string, string> {
  const one = <T>(path: string, cols: Col<T>[], rows: T[]) => (json ? zeekJson(cols, rows) : zeekTsv(path, cols, rows, w.start));
  return {
    "conn.log": one("conn", CONN, w.flows),
    "dns.log": one("dns", DNS, w.dns),
    "http.log": one("http", HTTP, w.http.filter((h) => !h.encrypted)),
    "ssl.log": one("ssl", SSL, w.tls),
    "whois.log": one("whois", WHOIS, w.whois),
  };
}
