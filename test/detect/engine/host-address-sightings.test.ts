/**
 * w23 (issue #13, "hold on worlds we did not write"): which Sysmon network events may tell the address a
 * host had. A connection from the host's loopback or link-local address (a local proxy such as Fiddler on
 * 127.0.0.1:8888, a DHCPv6 solicit from fe80::) and an inbound connection (Initiated=false: Sysmon writes the
 * remote peer as SourceIp, wazuh/wazuh#9240's inbound RDP event) do not; a whois.exe run after them must
 * still name the host's LAN address.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { isHostIdentityAddress } from "../../../src/detect/engine/host-addresses.js";
import { tempFile } from "../readers/helpers.js";

const AT_9 = Date.UTC(2026, 11, 7, 9, 0, 0);
const utc = (ts: number) => new Date(ts).toISOString().replace("T", " ").replace("Z", "");
/** An EVTX-to-JSON Sysmon event of WS-17 (Event.System, EventData.Data as {@Name, #text}). */
const evtx = (id: number, ts: number, data: Record<string, string>) => JSON.stringify({ Event: {
  System: { Provider: { "@Name": "Microsoft-Windows-Sysmon" }, EventID: id, TimeCreated: { "@SystemTime": new Date(ts).toISOString() }, Computer: "WS-17.corp.example" },
  EventData: { Data: Object.entries({ UtcTime: utc(ts), ...data }).map(([k, v]) => ({ "@Name": k, "#text": v })) } } });
const net = (ts: number, image: string, data: Record<string, string>) => evtx(3, ts, { Image: image, Protocol: "tcp", Initiated: "true", ...data });
const browser = net(AT_9, "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  { SourceIp: "10.0.0.5", SourcePort: "50000", DestinationIp: "142.250.1.1", DestinationPort: "443" });
const whoisRun = evtx(1, AT_9 + 3600_000, { Image: "C:\\Tools\\whois.exe", CommandLine: "whois.exe acme.example", ProcessId: "100" });

async function toolSource(lines: string[]) {
  const { alerts } = await detectFiles([tempFile("ws17-sysmon.json", `${lines.join("\n")}\n`)]);
  return alerts.filter((a) => a.ruleId === "whois-endpoint-tool").map((a) => a.source.ip);
}

describe("loopback and link-local connections do not move the host", () => {
  it("a Fiddler connection to 127.0.0.1:8888 and a DHCPv6 solicit from fe80:: leave WS-17 at 10.0.0.5", async () => {
    const fiddler = net(AT_9 + 1800_000, "C:\\Program Files\\Fiddler\\Fiddler.exe",
      { SourceIp: "127.0.0.1", SourcePort: "50001", DestinationIp: "127.0.0.1", DestinationPort: "8888" });
    const dhcpv6 = evtx(3, AT_9 + 1860_000, { Image: "C:\\Windows\\System32\\svchost.exe", Protocol: "udp", Initiated: "true",
      SourceIp: "fe80::1c2d:3e4f:5a6b:7c8d", SourcePort: "546", DestinationIp: "ff02::1:2", DestinationPort: "547" });
    expect(await toolSource([browser, fiddler, dhcpv6, whoisRun])).toEqual(["10.0.0.5"]);
  });

  it("the addresses that never name a host", () => {
    const not = ["127.0.0.1", "127.9.9.9", "::1", "::", "0.0.0.0", "169.254.10.20", "fe80::1", "FE80::1", "febf::1", "ff02::1:2", "224.0.0.251", "239.255.255.250", "::ffff:127.0.0.1", "WS-17", ""];
    const are = ["10.0.0.5", "192.168.1.7", "100.64.0.1", "fd00::5", "2001:db8::5", "203.0.113.9", "22.0.0.1", "240.0.0.1"];
    expect(not.filter(isHostIdentityAddress)).toEqual([]);
    expect(are.filter(isHostIdentityAddress)).toEqual(are);
  });
});

describe("an inbound connection (Initiated=false) is the peer's, not the host's", () => {
  // wazuh/wazuh#9240: agent hrmanager at 192.168.0.121; Sysmon 3 svchost.exe, initiated false,
  // sourceIp 192.168.0.57 (the RDP client), destinationIp 192.168.0.121, destinationPort 3389.
  const rdpIn = (initiated: string) => net(AT_9 + 1800_000, "C:\\Windows\\System32\\svchost.exe",
    { Initiated: initiated, SourceIp: "10.0.0.57", SourcePort: "54642", DestinationIp: "10.0.0.5", DestinationPort: "3389" });

  it("an RDP session from 10.0.0.57 does not make WS-17's whois.exe run name 10.0.0.57", async () => {
    expect(await toolSource([browser, rdpIn("false"), whoisRun])).toEqual(["10.0.0.5"]);
  });

  it("a peer's inbound connection to a WHOIS listener on WS-17 is not WS-17's lookup", async () => {
    const toListener = net(AT_9 + 60_000, "C:\\Tools\\whoislens\\node.exe",
      { Initiated: "false", SourceIp: "10.0.0.57", SourcePort: "54643", DestinationIp: "10.0.0.5", DestinationPort: "43" });
    expect(await toolSource([browser, toListener])).toEqual([]);
  });

  it("evtx_dump writes Initiated as a JSON boolean: read the same", async () => {
    const line = JSON.parse(rdpIn("false")) as { Event: { EventData: { Data: { "@Name": string; "#text": unknown }[] } } };
    for (const d of line.Event.EventData.Data) if (d["@Name"] === "Initiated") d["#text"] = false;
    expect(await toolSource([browser, JSON.stringify(line), whoisRun])).toEqual(["10.0.0.5"]);
  });
});
