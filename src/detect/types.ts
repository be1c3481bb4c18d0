/**
 * Contracts of the detect/ folder (issue #5). Readers turn log lines and packets into
 * `DetectEvent`s; the rule engine turns events into `Alert`s; exporters turn the same
 * rule table into Sigma and Suricata rules. Change a shape only together with its users.
 */
import type { QueryLogEntry } from "../serve/contract.js";

/** Where an event came from: the input file and its 1-based line (or packet) number. */
export interface Evidence {
  file: string;
  line: number;
  /** The raw line (or a one-line summary of the packet), control characters stripped, at most 512 chars. */
  text?: string;
}

/**
 * A plain copy of an evidence (text rendered now): what the engine keeps beyond one event. Readers
 * hand out lazy evidence bound to the input's bytes (readers/common.ts LineEvidence); keeping the
 * copy instead lets those bytes go, and alerts carry plain `{ file, line, text }` objects.
 */
export function keepEvidence(ev: Evidence): Evidence {
  if (Object.getPrototypeOf(ev) === Object.prototype) return ev;
  const text = ev.text;
  return text === undefined ? { file: ev.file, line: ev.line } : { file: ev.file, line: ev.line, text };
}

export type LogFormat =
  | "zeek-conn"
  | "zeek-dns"
  | "zeek-http"
  | "zeek-ssl"
  | "zeek-whois"
  | "suricata-eve"
  | "sysmon"
  | "firewall-syslog"
  | "firewall-csv"
  | "squid"
  | "pcap"
  // DNS server logs (issue #13)
  | "bind-query"
  | "windows-dns"
  | "dnsmasq"
  | "unbound"
  // Firewall and flow logs (issue #13)
  | "panos-traffic"
  | "fortigate-traffic"
  | "cisco-asa"
  | "pfsense-filterlog"
  | "aws-vpc-flow"
  | "windows-firewall"
  // ArcSight CEF, which many firewalls, proxies and web gateways write
  | "cef"
  // IBM QRadar LEEF 1.0/2.0, the same devices' format for QRadar
  | "leef"
  // Endpoint logs (issue #13): Security 4688 and PowerShell 4104 as JSON, Linux auditd EXECVE
  | "windows-event"
  | "auditd"
  // SIEM/EDR normalized JSON (w12): Elastic Common Schema, Microsoft Defender XDR advanced hunting, OCSF
  | "ecs"
  | "defender-xdr"
  | "ocsf"
  // The query log of `whoislens serve` (issue #15): its lines become `served` events for the query-log rules
  | "serve-queries"
  // Cloud resolvers and DNS security services (w15): Route 53 Resolver, Cloud DNS, Umbrella, CoreDNS
  | "route53-resolver"
  | "gcp-cloud-dns"
  | "umbrella-dns"
  | "coredns"
  // Windows event logs as XML (w15): wevtutil /f:xml, Get-WinEvent ToXml(), Event Viewer "Save as XML", Splunk XmlWinEventLog
  | "windows-xml"
  | "windows-evtx";

/** Every format name, in the order `--log-format` lists them. */
export const LOG_FORMATS: readonly LogFormat[] = [
  "zeek-conn", "zeek-dns", "zeek-http", "zeek-ssl", "zeek-whois", "suricata-eve", "sysmon", "firewall-syslog", "firewall-csv", "squid", "pcap",
  "bind-query", "windows-dns", "dnsmasq", "unbound",
  "panos-traffic", "fortigate-traffic", "cisco-asa", "pfsense-filterlog", "aws-vpc-flow", "windows-firewall", "cef", "leef",
  "windows-event", "auditd",
  "ecs", "defender-xdr", "ocsf",
  "serve-queries",
  "route53-resolver", "gcp-cloud-dns", "umbrella-dns", "coredns",
  "windows-xml", "windows-evtx",
];

/**
 * DNS server query logs: there a DNS question is the only record of a lookup (no flow beside it), so
 * the engine counts DNS-matched lookups toward bursts and correlations for these formats only (in
 * network logs the same lookup's connection is counted instead, and its DNS question would count twice).
 */
export const DNS_ONLY_FORMATS: ReadonlySet<LogFormat> = new Set<LogFormat>(["bind-query", "windows-dns", "dnsmasq", "unbound",
  "route53-resolver", "gcp-cloud-dns", "umbrella-dns", "coredns"]);

interface EventBase {
  /** Milliseconds since the epoch (UTC). */
  ts: number;
  /** The internal host that acted: an IP address (or host name when the log only has that). */
  src: string;
  format: LogFormat;
  evidence: Evidence;
  /** Endpoint logs: the process that acted (full image path) and the host name. */
  process?: { image: string; commandLine?: string; pid?: number; user?: string; host?: string };
}

/** A network connection or flow (Zeek conn, EVE flow, firewall, Sysmon event 3, pcap TCP/UDP). */
export interface ConnEvent extends EventBase {
  kind: "conn";
  dst: string;
  dstPort: number;
  srcPort?: number;
  proto: "tcp" | "udp" | "icmp" | "other";
  /** Connection state / action as the log writes it (Zeek conn_state, firewall ACCEPT/DROP…). */
  state?: string;
  /**
   * Whether the client sent a request: false when the log shows no application bytes from it (Zeek
   * orig_bytes 0 / no `D` in history, Suricata no PSH to the server, pcap) or only a scanner's probe
   * (pcap); undefined when the log does not say. A connection without one is not a lookup.
   */
  payload?: boolean;
}

/** A DNS question (Zeek dns, EVE dns, Sysmon event 22, pcap DNS). */
export interface DnsEvent extends EventBase {
  kind: "dns";
  /** The resolver asked, when known. */
  dst?: string;
  query: string;
  qtype?: string;
  /** NOERROR, NXDOMAIN, REFUSED… when the log has the answer. */
  rcode?: string;
}

/** An HTTP request (Zeek http, EVE http, Squid, pcap HTTP). `url` is absolute when known. */
export interface HttpEvent extends EventBase {
  kind: "http";
  dst?: string;
  dstPort?: number;
  host?: string;
  method?: string;
  path?: string;
  url?: string;
  userAgent?: string;
  status?: number;
  /** The proxy refused the request (Squid `TCP_DENIED…`): it never reached the host, like a firewall's deny. */
  refused?: boolean;
}

/** A TLS handshake with its server name (Zeek ssl, EVE tls, pcap ClientHello). */
export interface TlsEvent extends EventBase {
  kind: "tls";
  dst?: string;
  dstPort?: number;
  sni: string;
}

/** A port-43 WHOIS session with the query text (Zeek whois.log, pcap payload). */
export interface WhoisEvent extends EventBase {
  kind: "whois";
  dst: string;
  dstPort: number;
  srcPort?: number;
  query: string;
}

/** A process start (Sysmon event 1, ECS process events). */
export interface ProcessEvent extends EventBase {
  kind: "process";
  process: { image: string; commandLine?: string; pid?: number; user?: string; host?: string };
}

/**
 * One query answered by `whoislens serve` (a line of its NDJSON query log, src/serve/contract.ts):
 * seen from the server's side, so `src` is the asking source's accounting key. The WHOIS rules never
 * match it; the query-log rules (DetectorOptions.servedRules, src/serve/watchdog) do.
 */
export interface ServedEvent extends EventBase {
  kind: "served";
  entry: QueryLogEntry;
}

/** What consumes `served` events beside the detector: the query-log rules (src/serve/watchdog implements it). */
export interface ServedRules {
  push(event: ServedEvent): void;
  /** Every alert raised, oldest first. */
  finish(): Alert[];
}

export type DetectEvent = ConnEvent | DnsEvent | HttpEvent | TlsEvent | WhoisEvent | ProcessEvent | ServedEvent;

/** Per-input counters: every line is either an event, skipped (comments, headers, irrelevant types) or malformed. */
export interface ReadStats {
  file: string;
  format: LogFormat | "unknown";
  lines: number;
  events: number;
  skipped: number;
  malformed: number;
  /** Set when the input was recognized but holds nothing detect reads (a Zeek x509.log…): skipped, not an error. */
  notice?: string;
  /** Packet captures: connections dropped from the full flow table (oldest first) before they ended. */
  evicted?: number;
  /** Set when the input ended badly (truncated gzip/pcap): the events before it were still delivered. */
  error?: string;
}

export type Severity = "low" | "medium" | "high" | "critical";

/** An alert, written with ECS field names by the ndjson formatter. */
export interface Alert {
  timestamp: number;
  ruleId: string;
  ruleName: string;
  severity: Severity;
  /** ECS event.severity number (0-100). */
  score: number;
  source: { ip: string; host?: string; process?: string };
  destination?: { ip?: string; port?: number; domain?: string };
  /** Targets looked up (domains, IPs, ASNs) when known. */
  targets: string[];
  /** Why: one sentence per reason (burst size, own domains, correlated DNS enumeration…). */
  reasons: string[];
  /** The events that triggered it, capped (first 50). */
  evidence: Evidence[];
  technique: "T1596.002";
  tactic: "TA0043";
}
