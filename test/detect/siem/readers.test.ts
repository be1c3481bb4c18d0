/**
 * The SIEM/EDR readers (w12): ECS, Defender XDR advanced hunting, OCSF, each sniffed without --log-format,
 * on records written from the vendor's published schema (docs/detect-formats.md cites them).
 */
import { describe, expect, it } from "vitest";
import { brief, readAll, tempFile } from "../readers/helpers.js";

const T = "2026-12-06T14:00:00.250Z";
const ms = Date.UTC(2026, 11, 6, 14, 0, 0, 250);
const lines = (...docs: object[]) => `${docs.map((d) => JSON.stringify(d)).join("\n")}\n`;

describe("ECS (Elastic Common Schema)", () => {
  const host = { name: "ws-analyst-07.corp.example", hostname: "ws-analyst-07", ip: ["fe80::1", "10.20.30.40"] };
  const defendNet = { "@timestamp": T, agent: { type: "endpoint" }, ecs: { version: "8.11.0" }, event: { category: ["network"], type: ["start", "connection"], action: "connection_attempted", module: "endpoint" },
    host, source: { ip: "10.20.30.40", port: 51000 }, destination: { ip: "199.7.51.11", port: 43 }, network: { transport: "tcp", direction: "egress" },
    process: { executable: "C:\\Tools\\whois.exe", pid: 4242, name: "whois.exe" }, user: { name: "analyst" } };
  const defendDns = { "@timestamp": T, event: { category: ["network"], type: ["protocol", "info"], action: "lookup_requested" }, host,
    dns: { question: { name: "whois.verisign-grs.com.", type: "A" } }, process: { executable: "C:\\Tools\\whois.exe", pid: 4242 } };
  const defendProc = { "@timestamp": T, event: { category: ["process"], type: ["start"], action: "start" }, host,
    process: { executable: "C:\\Tools\\whois.exe", command_line: "whois.exe -v example.com", pid: 4242 }, user: { name: "analyst" } };
  const procEnd = { ...defendProc, event: { category: ["process"], type: ["end"], action: "end" } };
  const packetbeatFlow = { "@timestamp": T, type: "flow", agent: { type: "packetbeat" }, event: { category: ["network_traffic", "network"], type: ["connection"], dataset: "flow" },
    host: { name: "sensor-01", ip: ["10.20.0.9"] }, source: { ip: "10.20.30.66", port: 61000, packets: 1, bytes: 60 }, destination: { ip: "198.51.100.200", port: 43, packets: 0, bytes: 0 },
    network: { transport: "tcp", type: "ipv4" } };
  const denied = { "@timestamp": T, event: { category: ["network"], type: ["connection", "denied"], outcome: "failure" }, host: { name: "fw" },
    source: { ip: "10.20.30.66", port: 61001 }, destination: { ip: "198.51.100.200", port: 43 }, network: { transport: "tcp" } };
  const http = { "@timestamp": T, event: { category: ["network", "web"] }, host: { name: "sensor-01" }, source: { ip: "10.20.30.40" }, destination: { ip: "192.0.2.10", port: 443 },
    url: { full: "https://rdap.verisign.com/com/v1/domain/example.com", domain: "rdap.verisign.com", path: "/com/v1/domain/example.com" }, http: { request: { method: "GET" }, response: { status_code: 200 } } };

  it("reads Elastic Defend network, DNS and process events by the host's own address, host name in process.host", async () => {
    const { events, stats } = await readAll(tempFile("defend.ndjson", lines(defendNet, defendDns, defendProc, procEnd)));
    expect(stats.format).toBe("ecs");
    expect([stats.lines, stats.events, stats.skipped, stats.malformed]).toEqual([4, 3, 1, 0]);
    expect(events.map(brief)).toEqual([
      { kind: "conn", ts: ms, src: "10.20.30.40", srcPort: 51000, dst: "199.7.51.11", dstPort: 43, proto: "tcp", format: "ecs", line: 1,
        process: { image: "C:\\Tools\\whois.exe", pid: 4242, user: "analyst", host: "ws-analyst-07.corp.example" } },
      { kind: "dns", ts: ms, src: "10.20.30.40", query: "whois.verisign-grs.com", qtype: "A", format: "ecs", line: 2,
        process: { image: "C:\\Tools\\whois.exe", pid: 4242, host: "ws-analyst-07.corp.example" } },
      { kind: "process", ts: ms, src: "10.20.30.40", format: "ecs", line: 3,
        process: { image: "C:\\Tools\\whois.exe", commandLine: "whois.exe -v example.com", pid: 4242, user: "analyst", host: "ws-analyst-07.corp.example" } },
    ]);
  });

  it("a sensor's document (Packetbeat) names the client, not the sensor; an unanswered or denied connection is an attempt", async () => {
    const { events } = await readAll(tempFile("packetbeat.ndjson", lines(packetbeatFlow, denied, http)));
    expect(events.map(brief)).toEqual([
      { kind: "conn", ts: ms, src: "10.20.30.66", srcPort: 61000, dst: "198.51.100.200", dstPort: 43, proto: "tcp", payload: false, format: "ecs", line: 1 },
      { kind: "conn", ts: ms, src: "10.20.30.66", srcPort: 61001, dst: "198.51.100.200", dstPort: 43, proto: "tcp", state: "denied", format: "ecs", line: 2 },
      { kind: "http", ts: ms, src: "10.20.30.40", url: "https://rdap.verisign.com/com/v1/domain/example.com", host: "rdap.verisign.com", path: "/com/v1/domain/example.com",
        method: "GET", status: 200, dst: "192.0.2.10", dstPort: 443, format: "ecs", line: 3 },
    ]);
  });

  it("a flow that names its ends only as client/server (ECS's other field pair) is read the same as source/destination", async () => {
    // Found with a hand-written Packetbeat export: flows carrying only client.*/server.* were skipped, so 25 port-43
    // lookups raised no burst. ECS fills source/destination by direction and client/server by who opened it.
    const asClientServer = (doc: typeof packetbeatFlow) => {
      const { source, destination, ...rest } = doc;
      return { ...rest, client: source, server: destination };
    };
    const answered = { ...packetbeatFlow, source: { ...packetbeatFlow.source, packets: 5, bytes: 80 }, destination: { ...packetbeatFlow.destination, packets: 4, bytes: 1500 } };
    const { events, stats } = await readAll(tempFile("packetbeat-cs.ndjson", lines(asClientServer(packetbeatFlow), asClientServer(answered))));
    expect([stats.events, stats.skipped]).toEqual([2, 0]);
    expect(events.map(brief)).toEqual([
      { kind: "conn", ts: ms, src: "10.20.30.66", srcPort: 61000, dst: "198.51.100.200", dstPort: 43, proto: "tcp", payload: false, format: "ecs", line: 1 },
      { kind: "conn", ts: ms, src: "10.20.30.66", srcPort: 61000, dst: "198.51.100.200", dstPort: 43, proto: "tcp", format: "ecs", line: 2 },
    ]);
  });

  it("Winlogbeat documents in the same export still go to the Windows event reader, whichever comes first", async () => {
    const sysmon = { "@timestamp": T, event: { code: "1" }, host: { name: "ws-analyst-07", ip: ["10.20.30.40"] },
      winlog: { channel: "Microsoft-Windows-Sysmon/Operational", event_id: "1", provider_name: "Microsoft-Windows-Sysmon", computer_name: "ws-analyst-07",
        event_data: { Image: "C:\\Tools\\whois.exe", CommandLine: "whois.exe example.com", UtcTime: "2026-12-06 14:00:00.250", ProcessId: "9" } } };
    for (const [name, docs, format] of [["ecs-first.ndjson", [defendProc, sysmon], "ecs"], ["winlog-first.ndjson", [sysmon, defendProc], "sysmon"]] as const) {
      const { events, stats } = await readAll(tempFile(name, lines(...docs)));
      expect(stats.format).toBe(format);
      expect(stats.malformed).toBe(0);
      expect(events.map((e) => `${e.format}:${e.kind}:${e.src}`).sort()).toEqual(["ecs:process:10.20.30.40", "sysmon:process:10.20.30.40"]);
    }
  });

  it("an NXLog flat Windows event that a shipper gave an @timestamp still goes to the Windows event reader", async () => {
    const nx = { "@timestamp": T, EventTime: "2026-12-06 14:00:00", Hostname: "ws-analyst-07.corp.example", EventID: 4688, SourceName: "Microsoft-Windows-Security-Auditing",
      Channel: "Security", NewProcessName: "C:\\Tools\\whois.exe", CommandLine: "whois.exe example.com", NewProcessId: "0x10" };
    const { events, stats } = await readAll(tempFile("nxlog-logstash.ndjson", lines(defendProc, nx)));
    expect(stats.malformed).toBe(0);
    expect(events.map((e) => `${e.format}:${e.kind}`)).toEqual(["ecs:process", "windows-event:process"]);
  });

  it("reads elasticdump lines and an Elasticsearch search answer (hits.hits[]._source), pretty-printed", async () => {
    const dump = lines({ _index: ".ds-logs-endpoint.events.network-default", _id: "a1", _source: defendNet });
    const { events: a } = await readAll(tempFile("elasticdump.ndjson", dump));
    expect(a.map((e) => `${e.kind}:${e.src}`)).toEqual(["conn:10.20.30.40"]);
    const answer = JSON.stringify({ took: 3, timed_out: false, _shards: { total: 1 }, hits: { total: { value: 2, relation: "eq" }, max_score: null,
      hits: [{ _index: "i", _id: "1", _source: defendNet }, { _index: "i", _id: "2", _source: defendProc }] } }, null, 2);
    for (const [name, text] of [["search.json", answer], ["search-compact.json", JSON.stringify(JSON.parse(answer))]] as const) {
      const { events: b, stats } = await readAll(tempFile(name, text));
      expect(stats.format).toBe("ecs");
      expect([stats.lines, stats.malformed]).toEqual([2, 0]);
      expect(b.map((e) => `${e.kind}:${e.src}`)).toEqual(["conn:10.20.30.40", "process:10.20.30.40"]);
    }
  });

  it("counts a document without a time or an address as malformed", async () => {
    const { events, stats } = await readAll(tempFile("ecs-bad.ndjson", `${lines(defendProc)}{"@timestamp":"soon","ecs":{},"host":{"name":"x"}}\n{"@timestamp":"${T}","ecs":{}}\n{not json\n`));
    expect(events).toHaveLength(1);
    expect(stats.malformed).toBe(3);
  });
});

describe("Microsoft Defender XDR advanced hunting", () => {
  const net = { Timestamp: "2026-12-06T14:00:00.2500000Z", DeviceId: "9d2f", DeviceName: "ws-analyst-07.corp.example", ActionType: "ConnectionSuccess", RemoteIP: "199.7.51.11",
    RemotePort: 43, RemoteUrl: "whois.verisign-grs.com", LocalIP: "10.20.30.40", LocalPort: 51000, Protocol: "Tcp", LocalIPType: "Private", RemoteIPType: "Public",
    InitiatingProcessFileName: "whois.exe", InitiatingProcessFolderPath: "c:\\tools\\whois.exe", InitiatingProcessId: 4242, InitiatingProcessCommandLine: "whois.exe example.com",
    InitiatingProcessAccountDomain: "corp", InitiatingProcessAccountName: "analyst", ReportId: 17, AdditionalFields: null };
  const failed = { ...net, ActionType: "ConnectionFailed", DeviceName: "ws-scan-01", LocalIP: "10.20.30.66", RemoteIP: "198.51.100.200", LocalPort: 61000,
    InitiatingProcessFileName: "nmap.exe", InitiatingProcessFolderPath: "c:\\program files (x86)\\nmap\\nmap.exe" };
  const inbound = { ...net, ActionType: "InboundConnectionAccepted" };
  const proc = { Timestamp: "2026-12-06T14:00:00.25Z", DeviceId: "9d2f", DeviceName: "ws-analyst-07.corp.example", ActionType: "ProcessCreated", FileName: "whois.exe",
    FolderPath: "C:\\Tools\\whois.exe", ProcessId: 4242, ProcessCommandLine: "whois.exe example.com", AccountDomain: "corp", AccountName: "analyst", InitiatingProcessFileName: "cmd.exe" };
  const dns = { Timestamp: "2026-12-06T14:00:00.25Z", DeviceId: "9d2f", DeviceName: "ws-analyst-07.corp.example", ActionType: "DnsQueryResponse", LocalIP: null, RemoteIP: null,
    AdditionalFields: JSON.stringify({ DnsQueryString: "whois.verisign-grs.com", DnsQueryResult: [{ DnsQueryType: 1, Address: "199.7.51.11" }] }), InitiatingProcessFileName: "whois.exe",
    InitiatingProcessFolderPath: "c:\\tools\\whois.exe" };
  const expected = [
    { kind: "conn", ts: ms, src: "10.20.30.40", dst: "199.7.51.11", dstPort: 43, srcPort: 51000, proto: "tcp", state: "established", format: "defender-xdr",
      process: { image: "c:\\tools\\whois.exe", commandLine: "whois.exe example.com", pid: 4242, user: "corp\\analyst", host: "ws-analyst-07.corp.example" } },
    { kind: "conn", ts: ms, src: "10.20.30.66", dst: "198.51.100.200", dstPort: 43, srcPort: 61000, proto: "tcp", state: "S0", format: "defender-xdr",
      process: { image: "c:\\program files (x86)\\nmap\\nmap.exe", commandLine: "whois.exe example.com", pid: 4242, user: "corp\\analyst", host: "ws-scan-01" } },
    { kind: "process", ts: ms, src: "ws-analyst-07.corp.example", format: "defender-xdr",
      process: { image: "C:\\Tools\\whois.exe", commandLine: "whois.exe example.com", pid: 4242, user: "corp\\analyst", host: "ws-analyst-07.corp.example" } },
    { kind: "dns", ts: ms, src: "ws-analyst-07.corp.example", query: "whois.verisign-grs.com", format: "defender-xdr",
      process: { image: "c:\\tools\\whois.exe", host: "ws-analyst-07.corp.example" } },
  ];
  const noLines = (e: ReturnType<typeof brief>) => {
    const { line: _line, ...rest } = e;
    const p = rest.process as Record<string, unknown> | undefined;
    if (p) for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
    return rest;
  };

  it("reads the portal's JSON download (one array), an inbound row skipped", async () => {
    const { events, stats } = await readAll(tempFile("defender-portal.json", JSON.stringify([net, failed, inbound, proc, dns], null, 2)));
    expect(stats.format).toBe("defender-xdr");
    expect([stats.lines, stats.skipped, stats.malformed]).toEqual([5, 1, 0]);
    expect(events.map(brief).map(noLines)).toEqual(expected);
  });

  it("reads the advanced hunting API answer (Schema + Results) and the streaming API's records", async () => {
    const api = JSON.stringify({ Schema: [{ Name: "Timestamp", Type: "DateTime" }, { Name: "DeviceName", Type: "String" }], Results: [net, failed, proc, dns] });
    const { events } = await readAll(tempFile("defender-api.json", api));
    expect(events.map(brief).map(noLines)).toEqual(expected);
    const stream = lines(...[net, failed, proc, dns].map((p, i) => ({ time: p.Timestamp, tenantId: "t", operationName: "Publish",
      category: `AdvancedHunting-${["DeviceNetworkEvents", "DeviceNetworkEvents", "DeviceProcessEvents", "DeviceEvents"][i]}`, properties: p })));
    const { events: s, stats } = await readAll(tempFile("defender-stream.ndjson", stream));
    expect(stats.format).toBe("defender-xdr");
    expect(s.map(brief).map(noLines)).toEqual(expected);
  });

  it("reads an API answer on one line far longer than the line cap (the eval's first run read it as one malformed line)", async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...net, LocalPort: 30000 + i }));
    const { events, stats } = await readAll(tempFile("defender-api-long.json", `${JSON.stringify({ Schema: [{ Name: "Timestamp", Type: "DateTime" }], Results: many })}\n`));
    expect(stats.format).toBe("defender-xdr");
    expect([stats.lines, stats.events, stats.malformed]).toEqual([3000, 3000, 0]);
    expect(events[2999]).toMatchObject({ kind: "conn", srcPort: 32999 });
  });

  it("reads the portal's CSV export (quoted AdditionalFields, a [UTC] unit on the time column)", async () => {
    const cols = ["Timestamp", "DeviceId", "DeviceName", "ActionType", "RemoteIP", "RemotePort", "RemoteUrl", "LocalIP", "LocalPort", "Protocol", "InitiatingProcessFileName",
      "InitiatingProcessFolderPath", "InitiatingProcessId", "InitiatingProcessCommandLine", "InitiatingProcessAccountDomain", "InitiatingProcessAccountName", "FileName", "FolderPath",
      "ProcessId", "ProcessCommandLine", "AccountDomain", "AccountName", "AdditionalFields"] as const;
    const cell = (v: unknown) => (v === undefined || v === null ? "" : /[",]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const csv = [cols.map((c) => (c === "Timestamp" ? "Timestamp [UTC]" : c)).join(","),
      ...[net, failed, proc, dns].map((r) => cols.map((c) => cell((r as Record<string, unknown>)[c])).join(","))].join("\r\n");
    const { events, stats } = await readAll(tempFile("defender.csv", `\uFEFF${csv}\r\n`));
    expect(stats.format).toBe("defender-xdr");
    expect([stats.lines, stats.skipped, stats.malformed]).toEqual([5, 1, 0]);
    expect(events.map(brief).map(noLines)).toEqual(expected);
  });
});

describe("OCSF", () => {
  const t = ms;
  const network = { class_uid: 4001, category_uid: 4, activity_id: 6, type_uid: 400106, time: t, severity_id: 1, status_id: 1,
    metadata: { product: { name: "Amazon VPC", vendor_name: "AWS" }, version: "1.1.0" }, src_endpoint: { ip: "10.20.30.40", port: 51000, hostname: "ws-analyst-07" },
    dst_endpoint: { ip: "199.7.51.11", port: 43 }, connection_info: { protocol_num: 6, protocol_name: "tcp", direction_id: 2 }, traffic: { bytes_in: 1800, bytes_out: 40, packets_in: 4, packets_out: 3 } };
  const refused = { ...network, activity_id: 5, src_endpoint: { ip: "10.20.30.66", port: 61000 }, dst_endpoint: { ip: "198.51.100.200", port: 43 }, traffic: undefined };
  const listen = { ...network, activity_id: 7 };
  const dns = { class_uid: 4003, activity_id: 1, time: t, metadata: { product: { name: "Route 53" }, version: "1.1.0" }, src_endpoint: { ip: "10.20.30.40" },
    query: { hostname: "whois.verisign-grs.com.", type: "A", class: "IN" }, rcode: "NoError", rcode_id: 0 };
  const http = { class_uid: 4002, activity_id: 3, time: t, metadata: { version: "1.1.0" }, src_endpoint: { ip: "10.20.30.40" }, dst_endpoint: { ip: "192.0.2.10", port: 443 },
    http_request: { http_method: "GET", url: { hostname: "rdap.verisign.com", path: "/com/v1/domain/example.com", scheme: "https" } }, http_response: { code: 200 } };
  const proc = { class_uid: 1007, activity_id: 1, time: t, metadata: { version: "1.1.0" }, device: { hostname: "ws-analyst-07", ip: "10.20.30.40", type_id: 2 },
    process: { pid: 4242, cmd_line: "/usr/bin/whois example.com", file: { path: "/usr/bin/whois", name: "whois" } }, actor: { user: { name: "analyst" }, process: { pid: 100 } } };
  const auth = { class_uid: 3002, activity_id: 1, time: t, metadata: { version: "1.1.0" } };

  it("reads network, DNS, HTTP and process activity; Listen and other classes skipped, Refuse an attempt", async () => {
    const { events, stats } = await readAll(tempFile("ocsf.ndjson", lines(network, refused, listen, dns, http, proc, auth)));
    expect(stats.format).toBe("ocsf");
    expect([stats.lines, stats.skipped, stats.malformed]).toEqual([7, 2, 0]);
    expect(events.map(brief)).toEqual([
      { kind: "conn", ts: t, src: "10.20.30.40", srcPort: 51000, dst: "199.7.51.11", dstPort: 43, proto: "tcp", format: "ocsf", line: 1, process: { image: "", host: "ws-analyst-07" } },
      { kind: "conn", ts: t, src: "10.20.30.66", srcPort: 61000, dst: "198.51.100.200", dstPort: 43, proto: "tcp", state: "REJ", format: "ocsf", line: 2 },
      { kind: "dns", ts: t, src: "10.20.30.40", query: "whois.verisign-grs.com", qtype: "A", rcode: "NOERROR", format: "ocsf", line: 4 },
      { kind: "http", ts: t, src: "10.20.30.40", url: "https://rdap.verisign.com/com/v1/domain/example.com", host: "rdap.verisign.com", path: "/com/v1/domain/example.com",
        method: "GET", status: 200, dst: "192.0.2.10", dstPort: 443, format: "ocsf", line: 5 },
      { kind: "process", ts: t, src: "10.20.30.40", format: "ocsf", line: 6, process: { image: "/usr/bin/whois", commandLine: "/usr/bin/whois example.com", pid: 4242, user: "analyst", host: "ws-analyst-07" } },
    ]);
  });

  it("reads a Security Lake JSON array export", async () => {
    const { events, stats } = await readAll(tempFile("ocsf-array.json", JSON.stringify([network, dns])));
    expect(stats.format).toBe("ocsf");
    expect(events.map((e) => e.kind)).toEqual(["conn", "dns"]);
  });
});

describe("Defender XDR CSV and ECS edge cases", () => {
  it("a quoted CSV cell that spans lines (a multi-line PowerShell command) keeps its row whole", async () => {
    const csv = ["Timestamp,DeviceName,ActionType,FileName,FolderPath,ProcessId,ProcessCommandLine",
      '2026-12-06T14:00:00.25Z,ws-analyst-07,ProcessCreated,powershell.exe,C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe,77,"powershell.exe -Command ""',
      "$r = Invoke-RestMethod https://rdap.org/domain/example.com",
      '$r.events"""',
      "2026-12-06T14:00:01.25Z,ws-analyst-07,ProcessCreated,whois.exe,C:\\Tools\\whois.exe,78,whois.exe example.com"].join("\r\n");
    const { events, stats } = await readAll(tempFile("defender-multiline.csv", `${csv}\r\n`));
    expect(stats.malformed).toBe(0);
    expect(events.map((e) => (e.kind === "process" ? [e.evidence.line, e.process.commandLine] : []))).toEqual([
      [2, 'powershell.exe -Command "\n$r = Invoke-RestMethod https://rdap.org/domain/example.com\n$r.events"'],
      [5, "whois.exe example.com"],
    ]);
  });

  it("ECS alert and metric documents are skipped: an alert re-describes events already read", async () => {
    const flow = { "@timestamp": T, event: { kind: "event", category: ["network"] }, source: { ip: "10.20.30.40", port: 5 }, destination: { ip: "199.7.51.11", port: 43 }, network: { transport: "tcp" } };
    const { events, stats } = await readAll(tempFile("ecs-kinds.ndjson", lines(flow, { ...flow, event: { kind: "signal" } }, { ...flow, event: { kind: "alert" } }, { ...flow, event: { kind: "metric" } })));
    expect(events).toHaveLength(1);
    expect(stats.skipped).toBe(3);
  });
});
