/**
 * w23 (issue #13): Sysmon for Linux writes its events to syslog, one XML record per line behind the header and
 * the `sysmon:` tag, without the event namespace — its only output (microsoft/SysmonForLinux issue #126 quotes
 * `May 16 16:05:17 ip-172-16-101-22 sysmon: <Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-…}"/>
 * <EventID>3</EventID>…`, issue #203 the same). Such a /var/log/syslog extract was "unrecognized log format".
 * The two events below follow that layout: a `whois` run (event 1) and its port-43 connection (event 3).
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { sniffFormat } from "../../../src/detect/readers/index.js";
import { readAll, tempFile } from "../readers/helpers.js";

const system = (id: number, time: string, record: number) =>
  `<System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>${id}</EventID><Version>5</Version><Level>4</Level><Task>${id}</Task><Opcode>0</Opcode>`
  + `<Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime="${time}"/><EventRecordID>${record}</EventRecordID><Correlation/><Execution ProcessID="2312" ThreadID="2312"/>`
  + "<Channel>Linux-Sysmon/Operational</Channel><Computer>web01</Computer><Security UserId=\"0\"/></System>";
const data = (d: Record<string, string>) => `<EventData>${Object.entries(d).map(([k, v]) => `<Data Name="${k}">${v}</Data>`).join("")}</EventData>`;
const LOG = [
  `Dec  7 10:00:00 web01 sysmon: <Event>${system(1, "2026-12-07T10:00:00.123456000Z", 101)}${data({ RuleName: "-", UtcTime: "2026-12-07 10:00:00.120", ProcessId: "4242", Image: "/usr/bin/whois", CommandLine: "whois example.com", CurrentDirectory: "/root", User: "root" })}</Event>`,
  `Dec  7 10:00:00 web01 sysmon: <Event>${system(3, "2026-12-07T10:00:00.223456000Z", 102)}${data({ RuleName: "-", UtcTime: "2026-12-07 10:00:00.220", ProcessId: "4242", Image: "/usr/bin/whois", User: "root", Protocol: "tcp", Initiated: "true", SourceIsIpv6: "false", SourceIp: "10.0.0.21", SourcePort: "51234", DestinationIsIpv6: "false", DestinationIp: "192.0.47.59", DestinationPort: "43" })}</Event>`,
].join("\n");

describe("Sysmon for Linux in syslog", () => {
  it("is recognized as event XML and read record by record", async () => {
    expect(sniffFormat(Buffer.from(LOG))).toBe("windows-xml");
    const { events, stats } = await readAll(tempFile("syslog-sysmon.log", `${LOG}\n`));
    expect(stats).toMatchObject({ format: "windows-xml", events: 2, malformed: 0 });
    expect(events.map((e) => [e.kind, e.src, e.process?.image])).toEqual([["process", "web01", "/usr/bin/whois"], ["conn", "10.0.0.21", "/usr/bin/whois"]]);
  });

  it("the whois run alerts as an endpoint tool of web01 at 10.0.0.21", async () => {
    const { alerts } = await detectFiles([tempFile("syslog-sysmon-2.log", `${LOG}\n`)]);
    expect(alerts.map((a) => [a.ruleId, a.source.ip, a.source.host, a.source.process])).toEqual([["whois-endpoint-tool", "10.0.0.21", "web01", "/usr/bin/whois"]]);
  });

  it("a syslog line that only mentions <Event><System> past its first 512 characters, or on a later line, is not event XML", () => {
    expect(sniffFormat(Buffer.from(`Dec  7 10:00:00 web01 app: ${"x".repeat(600)} <Event><System>`))).not.toBe("windows-xml");
  });
});
