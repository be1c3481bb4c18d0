/**
 * Issue #13 item 1: an alert names the address its host had at the event, not one the same host
 * name had elsewhere in the logs (DHCP moves workstations between addresses all day).
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { alertToEcs } from "../../../src/detect/format/index.js";
import { HostAddresses } from "../../../src/detect/engine/host-addresses.js";
import type { ConnEvent, DetectEvent } from "../../../src/detect/types.js";
import { tempFile } from "../readers/helpers.js";
import { proc, run } from "./events.js";

const AT_9 = Date.UTC(2026, 0, 5, 9, 0, 0);
const AT_10 = Date.UTC(2026, 0, 5, 10, 0, 0);

/** A Sysmon event 3 (network connection) of WS-17 from `ip`: it reveals the host's address at `ts`. */
const seen = (ip: string, ts: number, dstPort = 443): ConnEvent => ({ kind: "conn", ts, src: ip, dst: "192.0.2.80", dstPort, proto: "tcp", format: "sysmon",
  evidence: { file: "sysmon.json", line: ts % 1000 }, process: { image: "C:\\Program Files\\Browser\\browser.exe", host: "WS-17" } });
const whoisRun = (ts: number) => proc("WS-17", "C:\\Tools\\whois64.exe", "whois64.exe example.com", ts);

function tool(events: DetectEvent[]) {
  const alerts = run(events).filter((a) => a.ruleId === "whois-endpoint-tool");
  expect(alerts).toHaveLength(1);
  return alerts[0]!.source;
}

describe("the host is the event's own address", () => {
  it("WS-17 is 10.0.0.5 at 09:00 and 10.0.0.9 at 10:00: a lookup at 10:00 names 10.0.0.9, one at 09:00 names 10.0.0.5", () => {
    expect(tool([seen("10.0.0.5", AT_9), seen("10.0.0.9", AT_10), whoisRun(AT_10 + 30_000)])).toEqual({ ip: "10.0.0.9", host: "WS-17", process: "C:\\Tools\\whois64.exe" });
    expect(tool([seen("10.0.0.5", AT_9), seen("10.0.0.9", AT_10), whoisRun(AT_9 + 30_000)]).ip).toBe("10.0.0.5");
  });

  it("whatever order the logs are read in (files after one another, the later hour first)", () => {
    expect(tool([seen("10.0.0.9", AT_10), whoisRun(AT_10 + 30_000), seen("10.0.0.5", AT_9)]).ip).toBe("10.0.0.9");
    expect(tool([whoisRun(AT_10 + 30_000), seen("10.0.0.5", AT_9), seen("10.0.0.9", AT_10)]).ip).toBe("10.0.0.9");
  });

  it("a network event names its own SourceIp even when the host was elsewhere at other times", () => {
    const events = [seen("10.0.0.5", AT_9), seen("10.0.0.9", AT_10 + 60_000), seen("10.0.0.9", AT_10, 43)];
    const alert = run(events).find((a) => a.ruleId === "whois-endpoint-tool");
    expect(alert?.source.ip).toBe("10.0.0.9");
  });

  it("a host never seen with an address keeps its name as the source", () => {
    expect(tool([whoisRun(AT_10)])).toMatchObject({ ip: "WS-17", host: "WS-17" });
  });

  it("winlogbeat ECS events carry host.ip: the ECS alert has host.name WS-17 and source.ip 10.0.0.9", async () => {
    const line = (ts: number, ips: string[], id: number, data: Record<string, string>) => JSON.stringify({
      "@timestamp": new Date(ts).toISOString(), host: { name: "WS-17", ip: ips },
      winlog: { provider_name: "Microsoft-Windows-Sysmon", event_id: id, computer_name: "WS-17", event_data: { UtcTime: new Date(ts).toISOString().replace("T", " ").replace("Z", ""), ...data } },
    });
    const log = [
      line(AT_9, ["fe80::1c2d:3e4f:5a6b:7c8d", "10.0.0.5"], 1, { Image: "C:\\Windows\\notepad.exe", CommandLine: "notepad.exe" }),
      line(AT_10, ["fe80::1c2d:3e4f:5a6b:7c8d", "127.0.0.1", "10.0.0.9"], 1, { Image: "C:\\Tools\\whois64.exe", CommandLine: "whois64.exe example.com" }),
      line(AT_10 + 5000, ["10.0.0.9"], 22, { Image: "C:\\Tools\\whois64.exe", QueryName: "whois.verisign-grs.com", QueryStatus: "0" }),
    ].join("\n");
    const { alerts } = await detectFiles([tempFile("dhcp-ecs.json", `${log}\n`)]);
    const tool = alerts.filter((a) => a.ruleId === "whois-endpoint-tool");
    expect(tool).toHaveLength(1);
    const ecs = alertToEcs(tool[0]!) as { source: { ip?: string }; host?: { name: string } };
    expect(ecs.source.ip).toBe("10.0.0.9");
    expect(ecs.host?.name).toBe("WS-17");
  });
});

describe("the host is the event's own address: EVTX-to-JSON logs (Event.System / EventData.Data), read in either file order", () => {
  const utc = (ts: number) => new Date(ts).toISOString().replace("T", " ").replace("Z", "");
  const evtx = (id: number, ts: number, data: Record<string, string>) => JSON.stringify({ Event: {
    System: { Provider: { "@Name": "Microsoft-Windows-Sysmon" }, EventID: id, TimeCreated: { "@SystemTime": new Date(ts).toISOString() }, Computer: "WS-17.corp.example" },
    EventData: { Data: Object.entries({ UtcTime: utc(ts), ...data }).map(([k, v]) => ({ "@Name": k, "#text": v })) } } });
  const net = (ts: number, ip: string) => evtx(3, ts, { Image: "C:\\Windows\\System32\\svchost.exe", Protocol: "tcp", SourceIp: ip, SourcePort: "50000", DestinationIp: "192.0.2.10", DestinationPort: "443" });
  const morning = tempFile("ws17-0900.json", `${net(AT_9, "10.0.0.5")}\n${net(AT_9 + 1800_000, "10.0.0.5")}\n`);
  const ten = tempFile("ws17-1000.json", `${net(AT_10, "10.0.0.9")}\n`);
  const lookup = tempFile("ws17-proc.json", `${evtx(1, AT_10 + 30_000, { Image: "C:\\Tools\\whois.exe", CommandLine: "whois.exe example.org" })}\n`);

  for (const order of [[morning, ten, lookup], [ten, lookup, morning], [lookup, morning, ten], [lookup, ten, morning]]) {
    it(`files ${order.map((f) => f.slice(-9)).join(", ")}: the 10:00:30 whois.exe names 10.0.0.9 and WS-17`, async () => {
      const { alerts } = await detectFiles(order);
      const tool = alerts.filter((a) => a.ruleId === "whois-endpoint-tool");
      expect(tool.map((a) => [a.source.ip, a.source.host])).toEqual([["10.0.0.9", "WS-17.corp.example"]]);
    });
  }
});

describe("HostAddresses", () => {
  it("keeps address changes in time order whatever the insertion order, bounded per host", () => {
    const h = new HostAddresses(10);
    h.add("ws", 3000, "10.0.0.3");
    h.add("ws", 1000, "10.0.0.1");
    h.add("ws", 2000, "10.0.0.1");
    expect([h.at("ws", 500), h.at("ws", 1500), h.at("ws", 2500), h.at("ws", 9000), h.at("other", 1)]).toEqual(["10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.3", undefined]);
    for (let i = 0; i < 100; i++) h.add("dhcp", i * 1000, `10.1.0.${i % 2}`);
    expect(h.at("dhcp", 99_500)).toBe("10.1.0.1");
    expect(h.at("dhcp", 98_500)).toBe("10.1.0.0");
    // The bound itself: 100 distinct addresses keep only the last 32 changes (MAX_PER_HOST), 68..99.
    for (let i = 0; i < 100; i++) h.add("many", i * 1000, `10.2.0.${i}`);
    expect([h.at("many", 0), h.at("many", 67_500), h.at("many", 70_500), h.at("many", 99_000)]).toEqual(["10.2.0.68", "10.2.0.68", "10.2.0.70", "10.2.0.99"]);
  });
});
