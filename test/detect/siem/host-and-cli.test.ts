/**
 * The host rule on the SIEM/EDR formats (an alert names the event's own address, the host name beside it) and
 * the formats end to end from the CLI: sniffed from stdin, forced with --log-format.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { runCli } from "../../helpers/cli.js";
import { tempFile } from "../readers/helpers.js";

const T0 = Date.UTC(2026, 11, 6, 14, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const SERVERS = ["whois.verisign-grs.com", "whois.pir.org", "whois.nic.info", "whois.afilias.net", "whois.nic.biz"];

/** After the DHCP change: the second burst starts two hours later (a new alert, not the first one's tail). */
const LATER = 2 * 3_600_000;

/**
 * Defender rows: 25 whois.exe starts (no address in DeviceProcessEvents) and the device's connections, its
 * address changing at i = 12 (DHCP); then, after the change, a second burst of 25 from the new address only.
 */
function defenderRows(): object[] {
  const rows: object[] = [];
  for (let i = 0; i < 50; i++) {
    const ts = i < 25 ? T0 + i * 4000 : T0 + LATER + (i - 25) * 4000;
    const ip = i < 12 ? "10.20.30.40" : "10.20.31.99";
    rows.push({ Timestamp: iso(ts), DeviceName: "ws-analyst-07.corp.example", ActionType: "ProcessCreated", FileName: "whois.exe", FolderPath: "C:\\Tools\\whois.exe",
      ProcessId: 5000 + i, ProcessCommandLine: `whois.exe -h ${SERVERS[i % 5]} target${i}.com`, AccountDomain: "corp", AccountName: "analyst" });
    rows.push({ Timestamp: iso(ts + 100), DeviceName: "ws-analyst-07.corp.example", ActionType: "ConnectionSuccess", RemoteIP: `199.7.51.${10 + (i % 5)}`, RemotePort: 43,
      LocalIP: ip, LocalPort: 50000 + i, Protocol: "Tcp", InitiatingProcessFileName: "whois.exe", InitiatingProcessFolderPath: "c:\\tools\\whois.exe" });
  }
  return rows;
}

describe("the host rule", () => {
  it("Defender: alerts name the device's address at that time (LocalIP of its rows), the device name beside it", async () => {
    const { alerts } = await detectFiles([tempFile("host-defender.json", JSON.stringify(defenderRows()))]);
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) expect(a.source.host).toBe("ws-analyst-07.corp.example");
    const early = alerts.filter((a) => a.timestamp < T0 + 12 * 4000);
    const late = alerts.filter((a) => a.timestamp >= T0 + 12 * 4000 + 200);
    expect(early.length).toBeGreaterThan(0);
    // The second burst falls after the change: a reader that kept the device's first address would name 10.20.30.40 here.
    expect(late.length).toBeGreaterThan(0);
    expect(late.some((a) => a.timestamp >= T0 + LATER)).toBe(true);
    for (const a of early) expect(a.source.ip).toBe("10.20.30.40");
    for (const a of late) expect(a.source.ip).toBe("10.20.31.99");
  });

  it("ECS from a sensor: the client's source.ip is the host; the sensor's host.name is never the alert's host", async () => {
    const docs = Array.from({ length: 25 }, (_, i) => ({ "@timestamp": iso(T0 + i * 4000), agent: { type: "packetbeat" }, event: { category: ["network"], dataset: "flow" },
      host: { name: "pb-sensor-01", ip: ["10.20.0.250"] }, source: { ip: i % 2 ? "10.20.30.40" : "10.20.30.41", port: 50000 + i, packets: 6, bytes: 500 },
      destination: { ip: `199.7.51.${10 + (i % 5)}`, port: 43, packets: 5, bytes: 2100 }, network: { transport: "tcp" } }));
    const { alerts } = await detectFiles([tempFile("host-packetbeat.ndjson", `${docs.map((d) => JSON.stringify(d)).join("\n")}\n`)]);
    expect(alerts.length).toBeGreaterThan(0);
    expect(new Set(alerts.map((a) => a.source.ip))).toEqual(new Set(["10.20.30.40", "10.20.30.41"]));
    for (const a of alerts) expect(a.source.host).toBeUndefined();
  });
});

describe("Defender RemoteUrl", () => {
  it("an HTTPS connection to an RDAP service named in RemoteUrl is an RDAP lookup; a registrar's storefront is not", async () => {
    const row = (i: number, url: string, ip: string) => ({ Timestamp: iso(T0 + i * 1000), DeviceName: "ws-analyst-07", ActionType: "ConnectionSuccess", RemoteIP: ip, RemotePort: 443,
      RemoteUrl: url, LocalIP: "10.20.30.40", LocalPort: 50000 + i, Protocol: "Tcp", InitiatingProcessFileName: "chrome.exe", InitiatingProcessFolderPath: "c:\\program files\\google\\chrome\\application\\chrome.exe" });
    const { alerts } = await detectFiles([tempFile("remoteurl.json", JSON.stringify([row(0, "rdap.verisign.com", "192.0.2.10"), row(1, "www.godaddy.com", "208.109.192.70")]))]);
    expect(alerts.map((a) => [a.ruleId, a.source.ip, a.destination?.domain])).toEqual([["whois-rdap-endpoint", "10.20.30.40", "rdap.verisign.com"]]);
  });
});

describe("from the CLI", () => {
  const ocsf = Array.from({ length: 25 }, (_, i) => ({ class_uid: 4001, activity_id: 6, time: T0 + i * 4000, metadata: { version: "1.1.0" },
    src_endpoint: { ip: "10.20.30.40", port: 50000 + i }, dst_endpoint: { ip: `199.7.51.${10 + (i % 5)}`, port: 43 }, connection_info: { protocol_name: "tcp" },
    traffic: { packets_in: 5, bytes_in: 2100, packets_out: 6, bytes_out: 400 } }));

  it("an OCSF array is sniffed and read whole; a burst names the host", async () => {
    const run = await runCli(["detect", tempFile("ocsf-array-cli.json", JSON.stringify(ocsf, null, 2)), "--format", "ndjson"]);
    expect(run.stderr).toMatch(/ocsf-array-cli\.json: ocsf, 25 lines, 25 events, 0 skipped, 0 malformed/);
    expect(run.code).toBe(1);
    const ids = run.stdout.trim().split("\n").map((l) => (JSON.parse(l) as { rule: { id: string }; source: { ip: string } }));
    expect(ids.some((a) => a.rule.id.startsWith("whois-burst") && a.source.ip === "10.20.30.40")).toBe(true);
  });

  it("--log-format names the new formats; a file of another format forced as one is malformed line by line, not an error", async () => {
    const path = tempFile("forced.json", `${ocsf.map((d) => JSON.stringify(d)).join("\n")}\n`);
    const forced = await runCli(["detect", path, "--log-format", "defender-xdr", "--format", "ndjson"]);
    expect(forced.stderr, forced.stderr).toMatch(/defender-xdr, 25 lines, 0 events, 0 skipped, 25 malformed/);
    expect(forced.code).toBe(0);
    const bad = await runCli(["detect", path, "--log-format", "siem"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/ecs.*defender-xdr.*ocsf|siem/);
  });
});
