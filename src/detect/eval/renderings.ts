/**
 * The renderings (one log format or file set each) and which scenario signals each one can show.
 * A scenario's expected rule family in a rendering follows from the signals visible there.
 */
import type { Family, ScenarioKind } from "./model.js";
import type { Channel } from "./lookups.js";

/**
 * "web-tls-url": a lookup on a shared web site over HTTPS, told only by its URL. "port43-name": a web
 * WHOIS visit to a host that is also a port-43 server (whois.arin.net): a DNS log shows only that name.
 */
export type Signal = Channel | "web-tls-url" | "process" | "dns-enum" | "scan" | "port43-name";
/** Where an own-domain target is readable: port-43 query text, an HTTP URL, an HTTPS URL (TLS-inspecting proxy), a command line. */
export type OwnVia = "port43" | "http" | "tls-url" | "process";

export interface Rendering {
  name: string;
  shows: readonly Signal[];
  ownVia: readonly OwnVia[];
  /**
   * Every event is the host's own (WFP 5156, DNS Client): the endpoint rule claims a port-43 or RDAP lookup it shows
   * ("an endpoint process talked to port 43 or resolved an RDAP or port-43 WHOIS server name"), and an RDAP burst is
   * only names resolved (the HTTPS connections carry no name), so it reads as the endpoint lookup it is.
   */
  hostView?: true;
}

const NET: Signal[] = ["port43", "rdap-tls", "rdap-http", "web-tls", "web-http", "dns-enum", "scan"];
/** What a DNS server's query log shows: every lookup resolves its server's name there, and enumeration. */
const DNS: Signal[] = ["port43", "port43-name", "rdap-tls", "rdap-http", "web-tls", "web-http", "dns-enum"];

export const RENDERINGS: readonly Rendering[] = [
  { name: "zeek-tsv", shows: NET, ownVia: ["port43", "http"] }, // conn, dns, http, ssl, whois.log
  { name: "zeek-json", shows: NET, ownVia: ["port43", "http"] },
  { name: "suricata-eve", shows: NET, ownVia: ["http"] }, // flow, dns, http, tls: no WHOIS parser
  { name: "sysmon-ecs", shows: ["process"], ownVia: ["process"] }, // winlogbeat / ECS layout
  { name: "sysmon-evtx", shows: ["process"], ownVia: ["process"] }, // evtx_dump JSON lines
  { name: "fw-syslog", shows: ["port43", "scan"], ownVia: [] }, // iptables / ufw
  { name: "fw-csv", shows: ["port43", "scan"], ownVia: [] },
  { name: "squid", shows: ["rdap-tls", "rdap-http", "web-tls", "web-http"], ownVia: ["http"] },
  { name: "pcap", shows: NET, ownVia: ["port43", "http"] },
  { name: "pcapng", shows: NET, ownVia: ["port43", "http"] },
  // issue #13. A resolver's query log names the servers asked, never the targets: no own-domain evidence.
  ...(["bind-query", "windows-dns", "dnsmasq", "unbound"] as const).map((name): Rendering => ({ name, shows: DNS, ownVia: [] })),
  ...(["panos", "fortigate", "cisco-asa", "pfsense", "vpc-flow", "windows-firewall", "cef", "leef"] as const).map((name): Rendering => ({ name, shows: ["port43", "scan"], ownVia: [] })),
  { name: "winsec-ecs", shows: ["process"], ownVia: ["process"] }, // Security 4688 + PowerShell 4104, Winlogbeat
  { name: "winsec-evtx", shows: ["process"], ownVia: ["process"] },
  { name: "winsec-nxlog", shows: ["process"], ownVia: ["process"] }, // the same events as NXLog writes them
  { name: "auditd", shows: ["process"], ownVia: ["process"] },
  // w12: SIEM/EDR exports. Packetbeat (ECS) and OCSF see what a network sensor sees, minus port-43 query text.
  { name: "ecs", shows: NET, ownVia: ["http"] },
  { name: "defender-xdr", shows: ["process"], ownVia: ["process"] },
  { name: "ocsf", shows: NET, ownVia: ["http"] },
  // w15: cloud resolvers and DNS security services log the same client questions as a resolver's query log
  ...(["route53-resolver", "gcp-cloud-dns", "umbrella-dns", "coredns"] as const).map((name): Rendering => ({ name, shows: DNS, ownVia: [] })),
  // w15: Windows event XML (wevtutil, Event Viewer "Save as XML", Splunk XmlWinEventLog): what their JSON twins show
  { name: "sysmon-xml", shows: ["process"], ownVia: ["process"] },
  { name: "winsec-xml", shows: ["process"], ownVia: ["process"] },
  { name: "sysmon-splunk-xml", shows: ["process"], ownVia: ["process"] },
  // w17: the binary .evtx logs themselves
  { name: "sysmon-evtx-bin", shows: ["process"], ownVia: ["process"] },
  { name: "winsec-evtx-bin", shows: ["process"], ownVia: ["process"] },
  // w17: Security 5156/5157 (every egress connection, an ordinary application: no tool name) and DNS Client 3008
  // (each host's own questions: the servers' names, enumeration), JSON and prefixed XML; no query text, no URL.
  ...(["winnet-evtx", "winnet-xml"] as const).map((name): Rendering => ({ name, shows: [...DNS, "scan"], ownVia: [], hostView: true })),
];

/** With TLS inspection (SSL bump) the proxy log has HTTPS URLs too. */
export function renderingsFor(proxyBumps: boolean): readonly Rendering[] {
  if (!proxyBumps) return RENDERINGS;
  return RENDERINGS.map((r) => (r.name === "squid" ? { ...r, shows: [...r.shows, "web-tls-url"], ownVia: [...r.ownVia, "tls-url"] } : r));
}

/** Gzip variants: same content, same visibility. */
export const GZIPPED = ["zeek-tsv", "suricata-eve", "sysmon-ecs", "squid", "fw-syslog", "pcap", "dnsmasq", "panos", "auditd", "ecs", "umbrella-dns", "sysmon-xml"] as const;

export function renderingByName(name: string): Rendering | undefined {
  const base = name.endsWith(".gz") ? name.slice(0, -3) : name;
  return RENDERINGS.find((r) => r.name === base);
}

/** The lookup family a rendering shows for a scenario, most specific evidence first. */
function baseFamily(r: Rendering, signals: ReadonlySet<Signal>): Family | undefined {
  const seen = (s: Signal) => signals.has(s) && r.shows.includes(s);
  if (seen("process")) return "endpoint";
  if (seen("port43") || seen("port43-name")) return "port43";
  if (seen("rdap-tls") || seen("rdap-http")) return "rdap";
  if (seen("web-tls") || seen("web-http") || seen("web-tls-url")) return "web-whois";
  return undefined;
}

/** Expected family (or undefined: not visible) and the other families that are also right. */
export function expectation(kind: ScenarioKind, r: Rendering, signals: ReadonlySet<Signal>, ownVia: ReadonlySet<OwnVia>): { expect?: Family; accept: Family[] } {
  const base = baseFamily(r, signals);
  if (!base) return { accept: [] };
  const accept = [...new Set<Family>([...signals].flatMap((s): Family[] => {
    if (!r.shows.includes(s)) return [];
    if (s === "process") return ["endpoint"];
    if (s === "port43" || s === "port43-name") return ["port43"];
    if (s.startsWith("rdap")) return ["rdap"];
    if (s.startsWith("web")) return ["web-whois"];
    return [];
  }))];
  const lookup: Family = r.hostView === true && (base === "port43" || base === "rdap") ? "endpoint" : base;
  if (r.hostView === true) accept.push("endpoint");
  if (kind === "burst-rdap" && r.hostView === true) return { expect: "endpoint", accept: [...accept, "burst"] };
  if (kind === "burst-port43" || kind === "burst-rdap") return { expect: "burst", accept };
  if (kind === "own-domain") {
    const own = [...ownVia].some((v) => r.ownVia.includes(v));
    return own ? { expect: "own-domain", accept } : { expect: lookup, accept };
  }
  if (kind === "corr-dns-enum" || kind === "corr-port-scan") {
    const other = kind === "corr-dns-enum" ? "dns-enum" : "scan";
    // Host view: an RDAP lookup shows only as a resolved name, which the correlation does not count (a connection does).
    if (r.hostView === true && base === "rdap") return { expect: lookup, accept: [...accept, "correlation"] };
    return signals.has(other) && r.shows.includes(other) ? { expect: "correlation", accept } : { expect: lookup, accept };
  }
  return { expect: lookup, accept };
}
