/**
 * Cloud resolvers and DNS security services (w15): Route 53 Resolver query logs (NDJSON and inside
 * CloudWatch Logs events), Google Cloud DNS LogEntry (a line per entry and a JSON array), Cisco Umbrella's
 * headerless S3 CSV (its column counts by version) and the CoreDNS `log` plugin behind its prefixes.
 * Records laid out as the vendors' documents show them (docs/detect-formats.md cites them). Every one is
 * sniffed without a format, names the event's own client, and counts broken records as malformed.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import type { DetectEvent } from "../../../src/detect/types.js";
import { cloudDnsSink } from "../second/render-cloud-dns.js";
import { HOST } from "../second/scenario.js";
import { brief, readAll, tempFile } from "./helpers.js";

const T = Date.UTC(2026, 11, 6, 14, 0, 0);

/** Writes `rows` as a file, reads it sniffed, checks the format and [lines, events, skipped, malformed]; the events, briefed. */
async function readRows(file: string, rows: string[], format: string, counts: [number, number, number, number]): Promise<Record<string, unknown>[]> {
  const { events, stats } = await readAll(tempFile(file, `${rows.join("\n")}\n`));
  expect(stats.format).toBe(format);
  expect([stats.lines, stats.events, stats.skipped, stats.malformed]).toEqual(counts);
  return events.map((e: DetectEvent) => brief(e));
}
const iso = (ms: number) => new Date(ms).toISOString();

function route53(ms: number, name: string, src: string, rcode = "NOERROR"): Record<string, unknown> {
  return { version: "1.100000", account_id: "123456789012", region: "eu-west-1", vpc_id: "vpc-0a1b2c3d", query_timestamp: iso(ms).replace(".000", ""),
    query_name: `${name}.`, query_type: "A", query_class: "IN", rcode, answers: rcode === "NOERROR" ? [{ Rdata: "192.0.32.59", Type: "A", Class: "IN" }] : [],
    srcaddr: src, srcport: "41000", transport: "UDP", srcids: { instance: "i-0123456789abcdef0" } };
}

describe("route53-resolver", () => {
  it("reads NDJSON records as DNS events of their srcaddr; a record without query_name or srcaddr is malformed", async () => {
    const rows = [JSON.stringify(route53(T, "whois.iana.org", "10.20.30.40")), JSON.stringify(route53(T + 1000, "nosuch.example", "10.20.30.41", "NXDOMAIN")),
      JSON.stringify({ ...route53(T + 2000, "x.example", "10.0.0.9"), srcaddr: undefined }), "{not json"];
    expect(await readRows("r53.log", rows, "route53-resolver", [4, 2, 0, 2])).toEqual([
      { kind: "dns", ts: T, src: "10.20.30.40", query: "whois.iana.org", qtype: "A", rcode: "NOERROR", format: "route53-resolver", line: 1 },
      { kind: "dns", ts: T + 1000, src: "10.20.30.41", query: "nosuch.example", qtype: "A", rcode: "NXDOMAIN", format: "route53-resolver", line: 2 },
    ]);
  });

  it("reads the same records carried as text by CloudWatch Logs (NDJSON events and a filter-log-events answer)", async () => {
    const ev = (ms: number, name: string) => ({ timestamp: ms, message: JSON.stringify(route53(ms, name, "10.20.30.40")), ingestionTime: ms + 900 });
    const nd = await readAll(tempFile("r53-cwl.ndjson", `${[ev(T, "whois.verisign-grs.com"), ev(T + 1, "rdap.org")].map((e) => JSON.stringify(e)).join("\n")}\n`));
    expect(nd.stats.format).toBe("route53-resolver");
    expect(nd.events.map((e) => [e.src, e.kind === "dns" ? e.query : ""])).toEqual([["10.20.30.40", "whois.verisign-grs.com"], ["10.20.30.40", "rdap.org"]]);
    const doc = await readAll(tempFile("r53-cwl.json", JSON.stringify({ events: [{ logStreamName: "vpc-0a1b2c3d_i-0123", eventId: "1", ...ev(T, "whois.iana.org") }], searchedLogStreams: [] }, null, 2)));
    expect(doc.stats.format).toBe("route53-resolver");
    expect(doc.events.map(brief)).toEqual([{ kind: "dns", ts: T, src: "10.20.30.40", query: "whois.iana.org", qtype: "A", rcode: "NOERROR", format: "route53-resolver", line: 1 }]);
  });
});

function gcp(ms: number, name: string, src: string, rcode: string | number = "NOERROR"): Record<string, unknown> {
  return { insertId: `x${ms}`, logName: "projects/acme-prod/logs/dns.googleapis.com%2Fdns_queries", severity: "INFO", timestamp: iso(ms), receiveTimestamp: iso(ms + 4000),
    resource: { type: "dns_query", labels: { location: "europe-west1", project_id: "acme-prod", source_type: "gce-vm", target_type: "external", target_name: "" } },
    jsonPayload: { authAnswer: false, protocol: "UDP", queryName: `${name}.`, queryType: "A", responseCode: rcode, serverLatency: 12, sourceIP: src, sourceNetwork: "default",
      vmInstanceId: 4_821_337_000_000_000, vmInstanceName: "123456789.analyst-vm", vmProjectId: "acme-prod", vmZoneName: "europe-west1-b", destinationIP: "169.254.169.254" } };
}

describe("gcp-cloud-dns", () => {
  it("reads a LogEntry per line: sourceIP, queryName, a named or numbered responseCode; other resources skipped", async () => {
    const rows = [gcp(T, "whois.iana.org", "10.128.0.7"), gcp(T + 500, "nosuch.example", "10.128.0.8", 3), { ...gcp(T, "x", "1.2.3.4"), resource: { type: "audited_resource" } },
      { ...gcp(T, "whois.nic.fr", "10.128.0.9"), jsonPayload: { queryName: "whois.nic.fr." } }];
    expect(await readRows("gcp.ndjson", rows.map((r) => JSON.stringify(r)), "gcp-cloud-dns", [4, 2, 1, 1])).toEqual([
      { kind: "dns", ts: T, src: "10.128.0.7", query: "whois.iana.org", qtype: "A", rcode: "NOERROR", dst: "169.254.169.254", format: "gcp-cloud-dns", line: 1 },
      { kind: "dns", ts: T + 500, src: "10.128.0.8", query: "nosuch.example", qtype: "A", rcode: "NXDOMAIN", dst: "169.254.169.254", format: "gcp-cloud-dns", line: 2 },
    ]);
  });

  it("reads `gcloud logging read --format=json` (a pretty-printed JSON array)", async () => {
    const { events, stats } = await readAll(tempFile("gcp.json", JSON.stringify([gcp(T, "rdap.org", "10.128.0.7"), gcp(T + 1, "whois.iana.org", "10.128.0.7")], null, 2)));
    expect(stats.format).toBe("gcp-cloud-dns");
    expect(events.map((e) => (e.kind === "dns" ? e.query : ""))).toEqual(["rdap.org", "whois.iana.org"]);
  });
});

describe("newest first", () => {
  it("`gcloud logging read` lists entries newest first: host A's burst is still raised, for A only", async () => {
    const entries = cloudDnsSink().trim().split("\n").reverse();
    const { alerts, stats } = await detectFiles([tempFile("gcloud-newest-first.json", `[\n${entries.join(",\n")}\n]\n`)]);
    expect(stats[0]?.format).toBe("gcp-cloud-dns");
    expect(new Set(alerts.filter((a) => a.ruleId.startsWith("whois-burst")).map((a) => a.source.ip))).toEqual(new Set([HOST.A]));
    expect(alerts.filter((a) => a.source.ip === HOST.C)).toEqual([]);
  });
});

describe("umbrella-dns", () => {
  // The "DNS Log Formats" sample (13 cells, blanks after some commas), then the widths of older and newer versions.
  const sample = `"2026-12-06 14:00:00","ActiveDirectoryUserName", "ActiveDirectoryUserName,ADSite,Network", "10.10.1.100","24.123.132.133","Allowed","1 (A)", "NOERROR","whois.iana.org.", "Software/Technology","AD User","AD User,Site,Network",""`;
  const v2 = `"2026-12-06 14:00:01","WS-07","WS-07,HQ","10.20.30.40","203.0.113.9","Allowed","28 (AAAA)","NOERROR","rdap.org.","Software/Technology"`;
  const wide = `"2026-12-06 14:00:02","laptop-22","laptop-22,Roaming","","198.51.100.4","Blocked","1 (A)","NXDOMAIN","nosuch.example.","Malware","Roaming Computers","Roaming Computers","Malware","1234","[]","5678901"`;
  it("reads every version's row by position; the internal IP names the host, else the most granular identity, never the NAT address", async () => {
    const rows = [sample, v2, wide, `"2026-12-06 14:00:03","short","row"`, `"not a time","a","b","10.0.0.1","1.2.3.4","Allowed","1 (A)","NOERROR","x.example.","c"`];
    expect(await readRows("2026-12-06-14-00-e4e1.csv", rows, "umbrella-dns", [5, 3, 0, 2])).toEqual([
      { kind: "dns", ts: T, src: "10.10.1.100", query: "whois.iana.org", qtype: "A", rcode: "NOERROR", format: "umbrella-dns", line: 1 },
      { kind: "dns", ts: T + 1000, src: "10.20.30.40", query: "rdap.org", qtype: "AAAA", rcode: "NOERROR", format: "umbrella-dns", line: 2 },
      { kind: "dns", ts: T + 2000, src: "laptop-22", query: "nosuch.example", qtype: "A", rcode: "NXDOMAIN", format: "umbrella-dns", line: 3 },
    ]);
  });
});

describe("umbrella-dns with long identities", () => {
  it("reads a row whose identities list runs past 4 KiB (many AD groups)", async () => {
    const groups = Array.from({ length: 300 }, (_, i) => `CORP\\group-${i}`).join(",");
    const row = `"2026-12-06 14:00:00","alice@corp.example","alice@corp.example,${groups}","10.20.30.40","203.0.113.9","Allowed","1 (A)","NOERROR","whois.iana.org.","Software/Technology","AD Users","AD Users,AD Groups",""`;
    expect(row.length).toBeGreaterThan(4096);
    expect((await readRows("long-identities.csv", [row], "umbrella-dns", [1, 1, 0, 0])).map((e) => e.src)).toEqual(["10.20.30.40"]);
  });
});

describe("umbrella-dns with the optional header row", () => {
  it("skips the column names the S3 export may put first, and sniffs the rows under them", async () => {
    const header = `"Timestamp","Most Granular Identity","Identities","Internal IP","External IP","Action","Query Type","Response Code","Domain","Categories","Most Granular Identity Type","Identity Types","Blocked Categories"`;
    const row = `"2026-12-06 14:00:00","WS-07","WS-07,HQ","10.20.30.40","203.0.113.9","Allowed","1 (A)","NOERROR","whois.iana.org.","Software/Technology","AD Computer","AD Computer,Network",""`;
    expect(await readRows("with-header.csv", [header, row], "umbrella-dns", [2, 1, 1, 0])).toEqual([
      { kind: "dns", ts: T, src: "10.20.30.40", query: "whois.iana.org", qtype: "A", rcode: "NOERROR", format: "umbrella-dns", line: 2 },
    ]);
  });
});

describe("coredns", () => {
  const q = (client: string, id: number, name: string, rcode = "NOERROR") => `[INFO] ${client} - ${id} "A IN ${name}. udp 41 false 4096" ${rcode} qr,rd,ra 106 0.000160s`;
  it("reads the log plugin behind kubectl --timestamps, CRI file and syslog prefixes; other messages skipped, a line without time malformed", async () => {
    const rows = [
      `${iso(T).replace(".000Z", ".123456789Z")} ${q("10.244.1.17:53541", 4006, "whois.iana.org")}`,
      `${iso(T + 1000)} stdout F ${q("[fd00:10::17]:50759", 29008, "rdap.org")} "QUERY"`,
      `Dec  6 14:00:02 node1 coredns[812]: ${q("10.244.1.18:40000", 7, "nosuch.cluster.local", "NXDOMAIN")}`,
      `${iso(T + 3000)} stdout F [INFO] plugin/reload: Running configuration SHA512 = 1b2c`,
      q("10.244.1.19:40001", 8, "no-time.example"),
      `${iso(T + 4000)} stdout F [INFO] 10.244.1.20:1 - 9 "A IN" NOERROR`,
    ];
    // A BSD stamp has no year: the latest that does not put the line more than two days into the future.
    const y = new Date().getUTCFullYear();
    const bsdDec6 = Date.UTC(y, 11, 6, 14, 0, 2) > Date.now() + 2 * 86_400_000 ? Date.UTC(y - 1, 11, 6, 14, 0, 2) : Date.UTC(y, 11, 6, 14, 0, 2);
    expect(await readRows("coredns.log", rows, "coredns", [6, 3, 1, 2])).toEqual([
      { kind: "dns", ts: T + 123, src: "10.244.1.17", query: "whois.iana.org", qtype: "A", rcode: "NOERROR", format: "coredns", line: 1 },
      { kind: "dns", ts: T + 1000, src: "fd00:10::17", query: "rdap.org", qtype: "A", rcode: "NOERROR", format: "coredns", line: 2 },
      { kind: "dns", ts: bsdDec6, src: "10.244.1.18", query: "nosuch.cluster.local", qtype: "A", rcode: "NXDOMAIN", format: "coredns", line: 3 },
    ]);
  });

  it("reads Docker json-file records (the kubelet's files before CRI): the record's time dates the line", async () => {
    const rows = [
      JSON.stringify({ log: `${q("10.244.1.17:53541", 4006, "whois.iana.org")}\n`, stream: "stdout", time: iso(T).replace(".000Z", ".123456789Z") }),
      JSON.stringify({ log: "[INFO] plugin/reload: Running configuration SHA512 = 1b2c\n", stream: "stdout", time: iso(T + 500) }),
      JSON.stringify({ log: `${q("10.244.1.18:40000", 7, "nosuch.cluster.local", "NXDOMAIN")}\n`, stream: "stdout", time: iso(T + 1000) }),
    ];
    expect(await readRows("coredns-json-file.log", rows, "coredns", [3, 2, 1, 0])).toEqual([
      { kind: "dns", ts: T + 123, src: "10.244.1.17", query: "whois.iana.org", qtype: "A", rcode: "NOERROR", format: "coredns", line: 1 },
      { kind: "dns", ts: T + 1000, src: "10.244.1.18", query: "nosuch.cluster.local", qtype: "A", rcode: "NXDOMAIN", format: "coredns", line: 3 },
    ]);
  });

  it("applies --tz to a syslog prefix without a zone", async () => {
    const { events } = await readAll(tempFile("coredns-local.log", `2026-12-06 15:00:00 node1 coredns[812]: ${q("10.244.1.18:40000", 7, "whois.iana.org")}\n`), { tz: "+01:00" });
    expect(events.map((e) => e.ts)).toEqual([T]);
  });
});

describe("infoblox NIOS query logs", () => {
  it("are BIND's query log behind NIOS's syslog header: the BIND reader takes them", async () => {
    const rows = [
      `2026-12-06T14:00:00+00:00 daemon ns1.corp.example named[22133]: info client @0x7f1c3c0a8b60 10.20.30.40#53541 (whois.iana.org): query: whois.iana.org IN A + (10.20.0.53)`,
      `2026-12-06T14:00:01+00:00 daemon ns1.corp.example named[22133]: client 10.20.30.41#53542 (rdap.org): view default: query: rdap.org IN AAAA +E(0) (10.20.0.53)`,
    ];
    const { events, stats } = await readAll(tempFile("infoblox.log", `${rows.join("\n")}\n`));
    expect(stats.format).toBe("bind-query");
    expect(events.map(brief)).toEqual([
      { kind: "dns", ts: T, src: "10.20.30.40", query: "whois.iana.org", qtype: "A", dst: "10.20.0.53", format: "bind-query", line: 1 },
      { kind: "dns", ts: T + 1000, src: "10.20.30.41", query: "rdap.org", qtype: "AAAA", dst: "10.20.0.53", format: "bind-query", line: 2 },
    ]);
  });

  it("capturing queries and responses (infoblox-responses): one event with the answer's code", async () => {
    const rows = [
      `06-Dec-2026 14:00:00.083 client 10.20.30.40#57398 UDP: query: whois.iana.org IN A response: NOERROR +AED whois.iana.org. 28800 IN A 192.0.32.59;`,
      `<30>Dec  6 14:00:01 10.20.0.2 named[1234]: infoblox-responses: 06-Dec-2026 14:00:01.100 client fd00:20::40#57399 TCP: query: nosuch.corp.example IN A response: NXDOMAIN +E`,
    ];
    const { events, stats } = await readAll(tempFile("infoblox-responses.log", `${rows.join("\n")}\n`));
    expect(stats.format).toBe("bind-query");
    expect(stats.malformed).toBe(0);
    expect(events.map((e) => (e.kind === "dns" ? [e.src, e.query, e.qtype, e.rcode] : []))).toEqual([
      ["10.20.30.40", "whois.iana.org", "A", "NOERROR"], ["fd00:20::40", "nosuch.corp.example", "A", "NXDOMAIN"],
    ]);
    expect(events[0]?.ts).toBe(T + 83);
  });
});
