/**
 * The second detection world (w11): the same scenario in every log format detect reads (serve-queries
 * aside), each rendered from its vendor's documentation in a layout the first world does not use
 * (test/detect/second/*.ts cite the documents). The readers were written against fixtures made here;
 * this checks them against logs laid out otherwise: sniffed without --log-format, host A's lookups
 * raise a burst naming A by the log's own address (or host name), host B's scan and host C's
 * look-alike traffic raise nothing.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../src/detect/engine/index.js";
import { LOG_FORMATS, type LogFormat } from "../../src/detect/types.js";
import { HOST } from "./second/scenario.js";
import * as net from "./second/render-network.js";
import * as dns from "./second/render-dns.js";
import * as fw from "./second/render-firewalls.js";
import * as ep from "./second/render-endpoint.js";
import * as siem from "./second/render-siem.js";
import { pcapSll2BigEndian } from "./second/render-pcap.js";
import * as cloud from "./second/render-cloud-dns.js";
import { forwardedEventsXml } from "./second/render-winxml.js";
import { forwardedEventsEvtx } from "./second/render-evtx.js";
import { runCli } from "../helpers/cli.js";

/** `strongest`: the rules that must name A where the format alone cannot raise a burst. */
interface Row { format: LogFormat; file: string; render: () => string | Buffer; a: string; strongest?: string[] }
const ROWS: Row[] = [
  { format: "zeek-conn", file: "conn.2026-12-06-14-00-00.log.gz", render: net.zeekConnGz, a: HOST.A6 },
  // dns.log beside conn.log: a network sensor's DNS question is not counted toward bursts (the connection
  // is; types.ts DNS_ONLY_FORMATS), so alone it shows the lookups' single-event rules.
  { format: "zeek-dns", file: "dns.json", render: net.zeekDnsJson, a: HOST.A6, strongest: ["whois-port43-egress", "whois-rdap-endpoint"] },
  { format: "zeek-http", file: "http.log", render: net.zeekHttp, a: HOST.A },
  { format: "zeek-ssl", file: "ssl-stream.json", render: net.zeekSslJson, a: HOST.A },
  { format: "zeek-whois", file: "whois.json", render: net.zeekWhoisJson, a: HOST.A },
  { format: "suricata-eve", file: "eve-v3.json", render: net.eveV3, a: HOST.A6 },
  { format: "sysmon", file: "sysmon-nxlog.json", render: ep.sysmonNxlog, a: HOST.A },
  { format: "firewall-syslog", file: "kern-5424.log", render: fw.netfilter5424, a: HOST.A },
  { format: "firewall-csv", file: "fw-export.csv", render: fw.genericCsv, a: HOST.A },
  { format: "squid", file: "squid-combined.log", render: net.squidCombined, a: HOST.A },
  { format: "pcap", file: "edge.pcap", render: pcapSll2BigEndian, a: HOST.A6 },
  { format: "bind-query", file: "named-iso.log", render: dns.bindIsoUtc, a: HOST.A },
  { format: "windows-dns", file: "dns-gb.log", render: dns.windowsDnsGb, a: HOST.A },
  { format: "dnsmasq", file: "dnsmasq-journal.log", render: dns.dnsmasqJournalIso, a: HOST.A },
  { format: "unbound", file: "unbound-syslog.log", render: dns.unboundSyslog, a: HOST.A },
  { format: "panos-traffic", file: "pan-11.log", render: fw.panos11, a: HOST.A },
  { format: "fortigate-traffic", file: "fgt-csv.log", render: fw.fortigateCsv, a: HOST.A6 },
  { format: "cisco-asa", file: "asa-5424.log", render: fw.asa5424, a: HOST.A6 },
  { format: "pfsense-filterlog", file: "filterlog-v6.log", render: fw.pfsenseV6, a: HOST.A6 },
  { format: "aws-vpc-flow", file: "vpc-v5.log.gz", render: fw.vpcV5Gz, a: HOST.A },
  { format: "windows-firewall", file: "pfirewall.log", render: fw.pfirewallPid, a: HOST.A },
  { format: "cef", file: "fortigate-cef.log", render: fw.cefFortinet5424, a: HOST.A },
  { format: "leef", file: "qradar-leef.log", render: fw.leefMixed, a: HOST.A },
  { format: "windows-event", file: "sentinel-securityevent.json", render: ep.sentinelSecurityEvent, a: `${HOST.nameA}.corp.example` },
  { format: "auditd", file: "audit-node.log", render: ep.auditdNode, a: HOST.nameA },
  { format: "ecs", file: "kibana-packetbeat.json", render: siem.ecsPacketbeatArray, a: HOST.A },
  { format: "defender-xdr", file: "DeviceNetworkEvents.csv", render: siem.defenderNetworkCsv, a: HOST.A },
  { format: "ocsf", file: "securitylake-vpc.ndjson", render: siem.ocsfSecurityLakeVpc, a: HOST.A },
  // w15: cloud resolvers and DNS security services
  { format: "route53-resolver", file: "filter-log-events.json", render: cloud.route53CloudWatch, a: HOST.A },
  { format: "gcp-cloud-dns", file: "dns_queries_000000000.json", render: cloud.cloudDnsSink, a: HOST.A },
  { format: "umbrella-dns", file: "2026-12-06-14-00-7f3c.csv.gz", render: cloud.umbrellaGz, a: HOST.A },
  { format: "coredns", file: "coredns-syslog.log", render: cloud.coreDnsSyslog, a: HOST.A },
  { format: "windows-xml", file: "ForwardedEvents.xml", render: forwardedEventsXml, a: HOST.A },
  // w17: the collector's binary log itself (dirty, nested EventData)
  { format: "windows-evtx", file: "ForwardedEvents.evtx", render: forwardedEventsEvtx, a: HOST.A },
];

const dir = mkdtempSync(join(tmpdir(), "whoislens-second-world-"));
const names = (s: { ip: string; host?: string }) => [s.ip, s.host].filter((x): x is string => x !== undefined).map((x) => x.toLowerCase());

describe("second world: every format, another layout", () => {
  it("covers every format detect reads but serve-queries", () => {
    expect(ROWS.map((r) => r.format).sort()).toEqual(LOG_FORMATS.filter((f) => f !== "serve-queries").sort());
  });

  for (const row of ROWS) {
    it(`${row.format}: ${row.file}`, async () => {
      const path = join(dir, row.file);
      writeFileSync(path, row.render());
      const { alerts, stats } = await detectFiles([path]);
      expect(stats[0]?.error).toBeUndefined();
      expect(stats[0]?.format).toBe(row.format);
      const strong = alerts.filter((a) => (row.strongest === undefined ? a.ruleId.startsWith("whois-burst") : row.strongest.includes(a.ruleId)));
      expect(strong.map((a) => names(a.source)).flat(), JSON.stringify(stats[0])).toContain(row.a.toLowerCase());
      if (row.strongest !== undefined) expect(new Set(strong.map((a) => a.ruleId))).toEqual(new Set(row.strongest));
      // The log's own times were read right (local offsets, epochs, dd/mm dates): every alert falls in the scenario's minutes.
      for (const a of alerts) expect(new Date(a.timestamp).toISOString()).toMatch(/^2026-12-06T14:0[0-3]:/);
      const others = alerts.filter((a) => names(a.source).some((n) => [HOST.B, HOST.C, HOST.nameC].some((x) => n === x || n.startsWith(`${HOST.nameC}.`))));
      expect(others.map((a) => `${a.ruleId} ${a.source.ip} ${a.evidence[0]?.text ?? ""}`)).toEqual([]);
    });
  }

  it("from the CLI: the whole world as one folder, every file sniffed, bursts for A only", async () => {
    const folder = mkdtempSync(join(tmpdir(), "whoislens-second-world-cli-"));
    for (const row of ROWS) writeFileSync(join(folder, row.file), row.render());
    const run = await runCli(["detect", folder, "--format", "ndjson"]);
    expect(run.stderr).not.toMatch(/WL_ERR|not a kind detect reads|unrecognized/);
    expect(run.code).toBe(1);
    for (const row of ROWS) expect(run.stderr).toContain(`${row.file}: ${row.format},`);
    const alerts = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { rule: { id: string }; source: { ip?: string; address: string } });
    // ECS: source.address always (a host name where the log has only that), source.ip when it is one.
    const sources = new Set(alerts.filter((a) => a.rule.id.startsWith("whois-burst")).map((a) => a.source.address.toLowerCase()));
    // Sysmon event 3 ties ws-analyst-07.corp.example to 10.20.30.40 (SourceHostname, SourceIp), so the
    // Security 4688 burst names that address; auditd's short node name stays a name of its own.
    expect([...sources].sort()).toEqual([HOST.A, HOST.A6, HOST.nameA].sort());
    expect(alerts.filter((a) => ([HOST.B, HOST.C] as string[]).includes(a.source.address) || a.source.address.toLowerCase().startsWith(HOST.nameC))).toEqual([]);
  });
});
