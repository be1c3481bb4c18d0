/**
 * Deterministic synthetic traffic for the detection evaluation: benign background plus injected
 * reconnaissance scenarios, rendered in every supported log format, with labels.json describing
 * what was injected. Independent of the rules: nothing here imports src/detect/rules or engine.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { addBackground } from "./background.js";
import { RESOLVER, WorldBuilder } from "./builder.js";
import { ORGS } from "./catalog.js";
import { makeHosts, type Host } from "./hosts.js";
import type { ScenarioKind, ScenarioLabel, World } from "./model.js";
import { Rng } from "./prng.js";
import { CSV_COLUMN_MAP, renderFirewallCsv, renderFirewallSyslog, renderSquid } from "./render-edge.js";
import { renderBind, renderDnsmasq, renderUnbound, renderWindowsDns } from "./render-dns-servers.js";
import { renderAuditd, renderWindowsEvents } from "./render-endpoint-logs.js";
import { renderEve } from "./render-eve.js";
import { renderAsa, renderFortigate, renderPanos, renderPfsense, renderVpcFlow, renderWindowsFirewall, renderCef, renderLeef } from "./render-firewalls.js";
import { renderPcap, worldPackets } from "./render-pcap.js";
import { renderSysmon } from "./render-sysmon.js";
import { renderWindowsNetwork } from "./render-winnet.js";
import { renderDefender, renderEcs, renderOcsf } from "./render-siem.js";
import { renderZeek } from "./render-zeek.js";
import { renderCloudDns, renderCoreDns, renderRoute53, renderUmbrella } from "./render-cloud-dns.js";
import { jsonLinesToXml } from "./render-winxml.js";
import { jsonLinesToEvtx } from "./render-evtx.js";
import { GZIPPED, expectation, renderingsFor } from "./renderings.js";
import { BUILDERS, type Built } from "./scenarios.js";

export const KINDS = Object.keys(BUILDERS) as ScenarioKind[];

export interface GenerateOptions {
  seed?: number;
  hosts?: number;
  hours?: number;
  /** Scenarios of each kind. */
  perKind?: number;
  sessionsPerHostHour?: number;
  /** Write the gzip variants too (default true). */
  gzip?: boolean;
}

export interface RenderingFiles { name: string; files: string[]; columnMap?: Record<string, string> }

export interface Labels {
  version: 1;
  seed: number;
  start: number;
  end: number;
  orgDomains: string[];
  orgDomainsFile: string;
  resolver: string;
  /** Squid inspects TLS (SSL bump): HTTPS URLs are in its log. */
  proxyBumps: boolean;
  renderings: RenderingFiles[];
  scenarios: ScenarioLabel[];
}

const DEFAULTS: Required<GenerateOptions> = { seed: 1, hosts: 160, hours: 3, perKind: 6, sessionsPerHostHour: 12, gzip: true };

/** The world and its labels (no files yet). */
export function buildWorld(options: GenerateOptions = {}): { world: World; labels: Labels; rng: Rng } {
  const o = { ...DEFAULTS, ...options };
  const rng = new Rng(o.seed);
  const start = Date.UTC(2026, 2, 2 + (o.seed % 20), 6 + (o.seed % 5), rng.int(0, 59), 0);
  const end = start + o.hours * 3_600_000;
  const b = new WorldBuilder(rng, start, end);
  const org = rng.pick(ORGS);
  const hosts = makeHosts(rng, o.hosts, org[0]!);
  const proxyBumps = rng.chance(0.5); // the proxy inspects TLS: its log has HTTPS URLs
  addBackground(b, hosts, { sessionsPerHostHour: o.sessionsPerHostHour, orgDomain: org[0]! });

  const free = rng.sample(hosts, hosts.length);
  const take = (windows: boolean): Host => {
    const i = free.findIndex((h) => !windows || h.windows);
    if (i < 0) throw new RangeError("not enough internal hosts for the scenarios: raise hosts");
    return free.splice(i, 1)[0]!;
  };
  const built: Built[] = [];
  const latest = end - 40 * 60_000;
  const clusterAt = start + rng.int(10 * 60_000, Math.max(10 * 60_000, latest - start));
  let n = 0;
  for (const kind of KINDS) {
    for (let i = 0; i < o.perKind; i += 1) {
      const at = kind === "via-resolver" ? clusterAt + rng.int(0, 180_000) : rng.int(start + 5 * 60_000, latest);
      const s: Built = { id: `s${String(++n).padStart(3, "0")}-${kind}`, kind, host: take(kind === "endpoint-tool"), start: at, end: at, targets: [], signals: new Set(), ownVia: new Set(), alsoAccept: new Set(), description: "" };
      BUILDERS[kind]({ b, org }, s);
      built.push(s);
    }
  }
  const scenarios = built.map((s): ScenarioLabel => {
    const expect: ScenarioLabel["expect"] = {};
    const accept = new Set<ScenarioLabel["accept"][number]>(s.alsoAccept);
    for (const r of renderingsFor(proxyBumps)) {
      const e = expectation(s.kind, r, s.signals, s.ownVia);
      if (!e.expect) continue;
      expect[r.name] = e.expect;
      if ((GZIPPED as readonly string[]).includes(r.name)) expect[`${r.name}.gz`] = e.expect;
      for (const a of e.accept) accept.add(a);
      accept.add(e.expect); // an alert of the family expected elsewhere is right about this scenario too
    }
    return {
      id: s.id, kind: s.kind, source: s.host.windows ? { ip: s.host.ip, host: s.host.name } : { ip: s.host.ip },
      window: { start: s.start, end: s.end }, expect, accept: [...accept], targets: s.targets.slice(0, 200),
      description: `${s.kind} from ${s.host.ip}: ${s.targets.length} target(s) via ${[...s.signals].join(", ")}`,
    };
  });
  for (const list of [b.world.flows, b.world.dns, b.world.http, b.world.tls, b.world.whois, b.world.endpoint]) list.sort((x, y) => x.ts - y.ts);
  const labels: Labels = { version: 1, seed: o.seed, start, end, orgDomains: org, orgDomainsFile: "org-domains.txt", resolver: RESOLVER, proxyBumps, renderings: [], scenarios };
  return { world: b.world, labels, rng };
}

/** Writes every rendering (and gzip variants) plus labels.json and org-domains.txt into dir. */
export function generate(dir: string, options: GenerateOptions = {}): Labels {
  const gzip = options.gzip ?? DEFAULTS.gzip;
  const { world, labels, rng } = buildWorld(options);
  const dnsVersion = rng.chance(0.5) ? 2 : 3;
  const files: Record<string, Record<string, string | Buffer>> = {
    "zeek-tsv": renderZeek(world, false),
    "zeek-json": renderZeek(world, true),
    "suricata-eve": { "eve.json": renderEve(world, dnsVersion) },
    "sysmon-ecs": { "sysmon-winlogbeat.ndjson": renderSysmon(world, "ecs") },
    "sysmon-evtx": { "sysmon-evtx.jsonl": renderSysmon(world, "evtx") },
    "fw-syslog": { "firewall.log": renderFirewallSyslog(world, rng) },
    "fw-csv": { "firewall.csv": renderFirewallCsv(world, rng) },
    squid: { "access.log": renderSquid(world, labels.proxyBumps) },
    "bind-query": { "query.log": renderBind(world) },
    "windows-dns": { "dns.log": renderWindowsDns(world) },
    dnsmasq: { "dnsmasq.log": renderDnsmasq(world) },
    unbound: { "unbound.log": renderUnbound(world) },
    panos: { "traffic.log": renderPanos(world, rng) },
    fortigate: { "traffic.log": renderFortigate(world, rng) },
    "cisco-asa": { "asa.log": renderAsa(world, rng) },
    pfsense: { "filter.log": renderPfsense(world, rng) },
    "vpc-flow": { "flows.log": renderVpcFlow(world, rng) },
    "windows-firewall": { "pfirewall.log": renderWindowsFirewall(world, rng) },
    cef: { "firewall-cef.log": renderCef(world, rng) },
    leef: { "firewall-leef.log": renderLeef(world, rng) },
    "winsec-ecs": { "security-winlogbeat.ndjson": renderWindowsEvents(world, "ecs") },
    "winsec-evtx": { "security-evtx.jsonl": renderWindowsEvents(world, "evtx") },
    "winsec-nxlog": { "security-nxlog.json": renderWindowsEvents(world, "nxlog") },
    auditd: { "audit.log": renderAuditd(world) },
    ecs: { "packetbeat.ndjson": renderEcs(world) },
    "defender-xdr": { "advanced-hunting.json": renderDefender(world) },
    ocsf: { "ocsf.json": renderOcsf(world) },
    // w15: cloud resolvers and DNS security services
    "route53-resolver": { "resolver-query-log.ndjson": renderRoute53(world) },
    "gcp-cloud-dns": { "dns-queries.json": renderCloudDns(world) },
    "umbrella-dns": { "2026-03-02-06-00-a1b2.csv": renderUmbrella(world) },
    coredns: { "coredns-5d78c9869d-x7k2p_kube-system_coredns.log": renderCoreDns(world) },
    // w15: the EVTX events above as the XML they come from (render-winxml.ts)
    "sysmon-xml": { "sysmon-wevtutil.xml": jsonLinesToXml(renderSysmon(world, "evtx"), "wevtutil") },
    "winsec-xml": { "security-eventviewer.xml": jsonLinesToXml(renderWindowsEvents(world, "evtx"), "event-viewer") },
    "sysmon-splunk-xml": { "XmlWinEventLog.log": jsonLinesToXml(renderSysmon(world, "evtx"), "splunk") },
    // w17: the same events as the binary logs they are read from (render-evtx.ts); EventData nested in one
    "sysmon-evtx-bin": { "Microsoft-Windows-Sysmon%4Operational.evtx": jsonLinesToEvtx(renderSysmon(world, "evtx")) },
    "winsec-evtx-bin": { "Security.evtx": jsonLinesToEvtx(renderWindowsEvents(world, "evtx"), { nested: true }) },
  };
  // w17: Security 5156/5157 and DNS Client 3006/3008 (render-winnet.ts), as JSON and as a prefixed <evt:Events> export
  const winnet = renderWindowsNetwork(world, rng);
  files["winnet-evtx"] = { "security-dnsclient-evtx.jsonl": winnet };
  files["winnet-xml"] = { "security-dnsclient-siem.xml": jsonLinesToXml(winnet, "prefixed") };
  const packets = worldPackets(world);
  files.pcap = { "capture.pcap": renderPcap(packets, "pcap") };
  files.pcapng = { "capture.pcapng": renderPcap(packets, "pcapng") };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name), { recursive: true });
    const written: string[] = [];
    for (const [file, data] of Object.entries(content)) {
      writeFileSync(join(dir, name, file), data);
      written.push(`${name}/${file}`);
    }
    labels.renderings.push({ name, files: written, ...(name === "fw-csv" ? { columnMap: CSV_COLUMN_MAP } : {}) });
    if (gzip && (GZIPPED as readonly string[]).includes(name)) {
      mkdirSync(join(dir, `${name}.gz`), { recursive: true });
      const gz = Object.entries(content).map(([file, data]) => {
        writeFileSync(join(dir, `${name}.gz`, `${file}.gz`), gzipSync(data));
        return `${name}.gz/${file}.gz`;
      });
      labels.renderings.push({ name: `${name}.gz`, files: gz });
    }
  }
  writeFileSync(join(dir, labels.orgDomainsFile), `# the organisation's own domains\n${labels.orgDomains.join("\n")}\n`);
  writeFileSync(join(dir, "labels.json"), `${JSON.stringify(labels, null, 1)}\n`);
  return labels;
}
