/**
 * The generator's world: abstract activities (flows, DNS questions, HTTP requests, TLS handshakes,
 * port-43 sessions, endpoint events) that every renderer turns into one log format. Each activity
 * carries the id of the scenario it belongs to (undefined for background traffic).
 */

export type Proto = "tcp" | "udp" | "icmp";
export type ConnState = "SF" | "S0" | "REJ" | "RSTO" | "RSTR" | "SH" | "OTH";

export interface Flow {
  uid: string;
  ts: number; // ms since the epoch
  src: string;
  sport: number;
  dst: string;
  dport: number;
  proto: Proto;
  durationMs: number;
  origBytes: number;
  respBytes: number;
  state: ConnState;
  service?: "dns" | "http" | "ssl" | "whois" | "smtp" | "imap";
  scenario?: string;
}

export type Rcode = "NOERROR" | "NXDOMAIN" | "REFUSED" | "SERVFAIL";

export interface DnsQuery {
  ts: number;
  flow: Flow;
  qname: string;
  qtype: "A" | "AAAA" | "ANY" | "AXFR" | "MX" | "TXT" | "NS" | "PTR";
  rcode: Rcode;
  answers: string[];
  scenario?: string;
}

export interface HttpRequest {
  ts: number;
  flow: Flow;
  method: string;
  host: string;
  uri: string;
  userAgent: string;
  status: number;
  respLen: number;
  /** Sent inside TLS: only an intercepting proxy sees the URL. */
  encrypted: boolean;
  scenario?: string;
}

export interface TlsHandshake {
  ts: number;
  flow: Flow;
  sni: string;
  version: "TLSv12" | "TLSv13";
  scenario?: string;
}

export interface WhoisSession {
  ts: number;
  flow: Flow;
  query: string;
  scenario?: string;
}

/** Sysmon view of a Windows host: process start (1), network connection (3), DNS query (22). */
export interface EndpointEvent {
  ts: number;
  eventId: 1 | 3 | 22;
  host: string; // FQDN, e.g. WS-0042.corp.example
  ip: string;
  image: string;
  commandLine?: string;
  parentImage?: string;
  user: string;
  pid: number;
  flow?: Flow; // event 3
  query?: { name: string; status: number; results: string }; // event 22
  scenario?: string;
}

export interface World {
  start: number;
  end: number;
  flows: Flow[];
  dns: DnsQuery[];
  http: HttpRequest[];
  tls: TlsHandshake[];
  whois: WhoisSession[];
  endpoint: EndpointEvent[];
}

export const emptyWorld = (start: number, end: number): World => ({
  start, end, flows: [], dns: [], http: [], tls: [], whois: [], endpoint: [],
});

/** What an alert about a scenario is expected to be about (mapped from rule ids in families.ts). */
export type Family = "port43" | "rdap" | "web-whois" | "endpoint" | "burst" | "own-domain" | "correlation";

export type ScenarioKind =
  | "single-port43"
  | "single-rdap"
  | "web-whois"
  | "endpoint-tool"
  | "burst-port43"
  | "burst-rdap"
  | "own-domain"
  | "corr-dns-enum"
  | "corr-port-scan"
  | "via-resolver";

/** One labelled scenario as written to labels.json. */
export interface ScenarioLabel {
  id: string;
  kind: ScenarioKind;
  /** The internal host an alert must name (never the forwarding resolver). */
  source: { ip: string; host?: string };
  window: { start: number; end: number };
  /** Expected rule family per rendering where the scenario is visible; absent = not visible there. */
  expect: Record<string, Family>;
  /** Families that are also correct about this source in this window: those of its channels (port43
   *  inside a burst) and every family expected in some rendering. */
  accept: Family[];
  targets: string[];
  description: string;
}
