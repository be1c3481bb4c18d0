/** Event builders for engine tests: DetectEvents with evidence lines numbered per file. */
import type { ConnEvent, DetectEvent, DnsEvent, HttpEvent, ProcessEvent, TlsEvent, WhoisEvent } from "../../../src/detect/types.js";
import { createDetector, type DetectorOptions } from "../../../src/detect/engine/index.js";
import { loadRuleSet, type RuleSet } from "../../../src/detect/rules/index.js";
import type { Alert } from "../../../src/detect/types.js";

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
let line = 0;
const ev = (file: string) => ({ file, line: ++line });

export const conn = (src: string, dst: string, dstPort: number, ts = T0, extra: Partial<ConnEvent> = {}): ConnEvent =>
  ({ kind: "conn", ts, src, dst, dstPort, proto: "tcp", format: "zeek-conn", evidence: ev("conn.log"), ...extra });
export const whois = (src: string, query: string, ts = T0, dst = "199.7.59.74", srcPort?: number): WhoisEvent =>
  ({ kind: "whois", ts, src, dst, dstPort: 43, query, format: "zeek-whois", evidence: ev("whois.log"), ...(srcPort !== undefined ? { srcPort } : {}) });
export const dns = (src: string, query: string, ts = T0, extra: Partial<DnsEvent> = {}): DnsEvent =>
  ({ kind: "dns", ts, src, query, format: "zeek-dns", evidence: ev("dns.log"), ...extra });
export const tls = (src: string, sni: string, ts = T0): TlsEvent => ({ kind: "tls", ts, src, sni, dst: "192.0.2.80", dstPort: 443, format: "zeek-ssl", evidence: ev("ssl.log") });
export const http = (src: string, host: string, path: string, ts = T0, extra: Partial<HttpEvent> = {}): HttpEvent =>
  ({ kind: "http", ts, src, host, path, method: "GET", format: "squid", evidence: ev("access.log"), ...extra });
export const proc = (host: string, image: string, commandLine: string, ts = T0): ProcessEvent =>
  ({ kind: "process", ts, src: host, process: { image, commandLine, host }, format: "sysmon", evidence: ev("sysmon.json") });

let cached: RuleSet | undefined;
export const rules = (): RuleSet => (cached ??= loadRuleSet());

export function run(events: DetectEvent[], options: DetectorOptions = {}): Alert[] {
  const d = createDetector({ rules: rules(), ...options });
  for (const e of events) d.push(e);
  return d.finish();
}

export const ids = (alerts: Alert[]): string[] => [...new Set(alerts.map((a) => a.ruleId))].sort();
