import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, brief, readAll, readFixture, tempFile } from "./helpers.js";

/** One row per fixture: sniffed format, counters, and the events expected (evidence reduced to the line). */
const CASES: { file: string; format: string; counts: [lines: number, skipped: number, malformed: number]; events: Record<string, unknown>[] }[] = [
  {
    file: "zeek-conn.log", format: "zeek-conn", counts: [13, 9, 2],
    events: [
      { kind: "conn", ts: 1700000000123, src: "10.0.0.5", dst: "198.51.100.43", dstPort: 43, srcPort: 51000, proto: "tcp", state: "SF", payload: true, format: "zeek-conn", line: 9 },
      { kind: "conn", ts: 1700000001000, src: "10.0.0.5", dst: "203.0.113.9", dstPort: 443, srcPort: 51001, proto: "tcp", state: "SF", payload: true, format: "zeek-conn", line: 10 },
    ],
  },
  {
    file: "zeek-dns.log", format: "zeek-dns", counts: [6, 4, 0],
    events: [
      { kind: "dns", ts: 1700000000500, src: "10.0.0.7", dst: "10.0.0.2", query: "rdap.example.net", qtype: "A", rcode: "NOERROR", format: "zeek-dns", line: 4 },
      { kind: "dns", ts: 1700000001500, src: "10.0.0.7", dst: "10.0.0.2", query: "nope\tx.example.org", qtype: "ANY", rcode: "NXDOMAIN", format: "zeek-dns", line: 5 },
    ],
  },
  {
    file: "zeek-http.log", format: "zeek-http", counts: [4, 3, 0],
    events: [{ kind: "http", ts: 1700000000250, src: "10.0.0.8", dst: "192.0.2.80", dstPort: 8080, host: "rdap.example.net", method: "GET",
      path: "/domain/example.com", url: "http://rdap.example.net:8080/domain/example.com", userAgent: "curl/8.0", status: 200, format: "zeek-http", line: 4 }],
  },
  {
    file: "zeek-ssl.log", format: "zeek-ssl", counts: [5, 4, 0],
    events: [{ kind: "tls", ts: 1700000000750, src: "10.0.0.9", dst: "192.0.2.44", dstPort: 443, sni: "rdap.example.org", format: "zeek-ssl", line: 4 }],
  },
  {
    file: "zeek-whois.log", format: "zeek-whois", counts: [4, 3, 0],
    events: [{ kind: "whois", ts: 1700000003000, src: "10.0.0.5", dst: "198.51.100.43", dstPort: 43, srcPort: 51000, query: "example.com", format: "zeek-whois", line: 4 }],
  },
  {
    file: "zeek-json.log", format: "zeek-conn", counts: [7, 0, 1],
    events: [
      { kind: "conn", ts: 1700000000123, src: "10.0.0.5", dst: "198.51.100.43", dstPort: 43, srcPort: 51000, proto: "tcp", state: "SF", format: "zeek-conn", line: 1 },
      { kind: "dns", ts: 1700000001500, src: "10.0.0.7", dst: "10.0.0.2", query: "rdap.example.net", qtype: "A", rcode: "NOERROR", format: "zeek-dns", line: 2 },
      { kind: "whois", ts: 1700000002000, src: "10.0.0.5", dst: "198.51.100.43", dstPort: 43, srcPort: 51000, query: "AS64496", format: "zeek-whois", line: 3 },
      { kind: "tls", ts: 1700000003000, src: "10.0.0.9", dst: "192.0.2.44", dstPort: 443, sni: "rdap.example.org", format: "zeek-ssl", line: 4 },
      { kind: "http", ts: 1700000004000, src: "10.0.0.8", dst: "192.0.2.80", dstPort: 80, host: "whois.example.com", method: "GET", path: "/lookup?q=example.com",
        url: "http://whois.example.com/lookup?q=example.com", status: 200, format: "zeek-http", line: 5 },
      { kind: "conn", ts: 1700000006000, src: "10.0.0.5", dst: "198.51.100.43", dstPort: 43, proto: "tcp", state: "S0", format: "zeek-conn", line: 7 },
    ],
  },
  {
    file: "eve.json", format: "suricata-eve", counts: [10, 3, 1],
    events: [
      { kind: "conn", ts: 1700000000123, src: "10.0.0.5", dst: "198.51.100.43", dstPort: 43, srcPort: 51000, proto: "tcp", state: "closed", format: "suricata-eve", line: 1 },
      { kind: "dns", ts: 1700000001000, src: "10.0.0.7", dst: "10.0.0.2", query: "rdap.example.net", qtype: "A", format: "suricata-eve", line: 2 },
      { kind: "dns", ts: 1700000002000, src: "10.0.0.7", dst: "10.0.0.2", query: "nope.example.org", qtype: "A", rcode: "NXDOMAIN", format: "suricata-eve", line: 4 },
      { kind: "dns", ts: 1700000003000, src: "10.0.0.7", dst: "10.0.0.2", query: "example.com", qtype: "ANY", format: "suricata-eve", line: 5 },
      { kind: "dns", ts: 1700000003000, src: "10.0.0.7", dst: "10.0.0.2", query: "example.net", qtype: "AXFR", format: "suricata-eve", line: 5 },
      { kind: "http", ts: 1700000004000, src: "10.0.0.8", dst: "192.0.2.80", dstPort: 80, host: "rdap.example.net", method: "GET", path: "/ip/192.0.2.1",
        url: "http://rdap.example.net/ip/192.0.2.1", userAgent: "python-requests/2.31", status: 200, format: "suricata-eve", line: 6 },
      { kind: "tls", ts: 1700000005000, src: "10.0.0.9", dst: "192.0.2.44", dstPort: 443, sni: "rdap.example.org", format: "suricata-eve", line: 7 },
    ],
  },
  {
    // Line 4 is a Security 4688 without its event data: read since #13, so malformed rather than skipped.
    file: "sysmon-ecs.json", format: "sysmon", counts: [6, 1, 1],
    events: [
      { kind: "process", ts: 1700000000123, src: "WS-042.corp.example", format: "sysmon", line: 1,
        process: { image: "C:\\Tools\\whois64.exe", commandLine: "whois64.exe -v example.com", pid: 4242, user: "CORP\\alice", host: "WS-042.corp.example" } },
      { kind: "conn", ts: 1700000001000, src: "10.0.0.42", dst: "198.51.100.43", dstPort: 43, srcPort: 50500, proto: "tcp", format: "sysmon", line: 2,
        process: { image: "C:\\Tools\\whois64.exe", pid: 4242, host: "WS-042.corp.example" } },
      { kind: "dns", ts: 1700000002000, src: "WS-042.corp.example", query: "rdap.example.net", rcode: "NXDOMAIN", format: "sysmon", line: 3,
        process: { image: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", pid: 777, host: "WS-042.corp.example" } },
      { kind: "process", ts: 1700000005500, src: "WS-042.corp.example", format: "sysmon", line: 6,
        process: { image: "C:\\Windows\\System32\\curl.exe", commandLine: "curl https://rdap.example.net/domain/example.com", pid: 99, host: "WS-042.corp.example" } },
    ],
  },
  {
    file: "sysmon-evtx.json", format: "sysmon", counts: [4, 0, 1],
    events: [
      { kind: "process", ts: 1700000000123, src: "WS-043.corp.example", format: "sysmon", line: 1,
        process: { image: "C:\\Tools\\whois.exe", commandLine: "whois.exe example.org", pid: 1111, user: "CORP\\bob", host: "WS-043.corp.example" } },
      { kind: "conn", ts: 1700000001000, src: "10.0.0.43", dst: "2001:db8::43", dstPort: 43, srcPort: 50501, proto: "tcp", format: "sysmon", line: 2,
        process: { image: "C:\\Tools\\whois.exe", pid: 1111, host: "WS-043.corp.example" } },
      { kind: "dns", ts: 1700000002000, src: "WS-043.corp.example", query: "whois.example.net", rcode: "NOERROR", format: "sysmon", line: 3,
        process: { image: "C:\\Tools\\whois.exe", host: "WS-043.corp.example" } },
    ],
  },
  {
    file: "firewall.csv", format: "firewall-csv", counts: [4, 1, 1],
    events: [
      { kind: "conn", ts: 1700000000000, src: "10.0.0.5", dst: "198.51.100.43", dstPort: 43, srcPort: 51000, proto: "tcp", state: "allow", format: "firewall-csv", line: 2 },
      { kind: "conn", ts: 1700000001000, src: "10.0.0.6", dst: "203.0.113.43", dstPort: 43, srcPort: 51001, proto: "tcp", state: "deny, logged", format: "firewall-csv", line: 3 },
    ],
  },
  {
    file: "squid-access.log", format: "squid", counts: [4, 0, 1],
    events: [
      { kind: "http", ts: 1700000000123, src: "10.0.0.10", dst: "192.0.2.10", dstPort: 443, host: "rdap.example.net", method: "CONNECT", status: 200, format: "squid", line: 1 },
      { kind: "http", ts: 1700000001456, src: "10.0.0.10", dst: "192.0.2.11", dstPort: 80, host: "whois.example.com", method: "GET", path: "/lookup?domain=example.org",
        url: "http://whois.example.com/lookup?domain=example.org", status: 200, format: "squid", line: 2 },
      { kind: "http", ts: 1700000002789, src: "10.0.0.11", dstPort: 443, host: "rdap.example.org", method: "GET", path: "/domain/example.com",
        url: "https://rdap.example.org/domain/example.com", status: 403, refused: true, format: "squid", line: 3 },
    ],
  },
];

describe("readers: one fixture per format and layout", () => {
  for (const c of CASES) {
    it(`${c.file} → ${c.format}`, async () => {
      const events = await readFixture(c.file, c.format, c.counts);
      expect(events.map(brief)).toEqual(c.events);
    });
  }

  it("firewall syslog: BSD stamps take the latest non-future year, RFC 3339 stamps their own", async () => {
    const { events, stats } = await readAll(join(FIXTURES, "firewall-syslog.log"));
    expect(stats).toMatchObject({ format: "firewall-syslog", lines: 5, skipped: 1, malformed: 1, events: 3 });
    expect(events.map((e) => ({ ...brief(e), ts: undefined }))).toEqual([
      { kind: "conn", src: "10.0.0.5", dst: "198.51.100.43", dstPort: 43, srcPort: 51000, proto: "tcp", state: "BLOCK", format: "firewall-syslog", line: 1, ts: undefined },
      { kind: "conn", src: "10.0.0.6", dst: "203.0.113.43", dstPort: 43, srcPort: 51001, proto: "tcp", state: "OUTBOUND-WHOIS", format: "firewall-syslog", line: 2, ts: undefined },
      { kind: "conn", src: "2001:db8::5", dst: "2001:db8:ffff::43", dstPort: 53, srcPort: 5353, proto: "udp", state: "ALLOW", format: "firewall-syslog", line: 3, ts: undefined },
    ]);
    const first = new Date(events[0]?.ts ?? 0);
    expect([first.getUTCMonth(), first.getUTCDate(), first.getUTCHours(), first.getUTCMinutes(), first.getUTCSeconds()]).toEqual([10, 14, 22, 13, 20]);
    expect(first.getTime()).toBeLessThanOrEqual(Date.now() + 2 * 86_400_000);
    expect(events[2]?.ts).toBe(1700000002250);
  });

  it("inherited property names in log values stay plain strings", async () => {
    const line = (status: string, id: string) => JSON.stringify({ winlog: { provider_name: "Microsoft-Windows-Sysmon", event_id: id, computer_name: "WS-1",
      event_data: { UtcTime: "2023-11-14 22:13:22.000", QueryName: "a.example", QueryStatus: status } } });
    const p = tempFile("hostile-sysmon.json", [line("constructor", "22"), line("__proto__", "22"), line("0", "toString"), line("0", "__proto__")].join("\n"));
    const { events, stats } = await readAll(p);
    expect(events.map((e) => (e.kind === "dns" ? e.rcode : e.kind))).toEqual(["constructor", "__proto__"]);
    expect(stats).toMatchObject({ lines: 4, events: 2, skipped: 2, malformed: 0 });
    const fw = await readAll(tempFile("hostile-fw.log", "__proto__ 14 22:13:20 gw kernel: SRC=10.0.0.1 DST=10.0.0.2 PROTO=TCP SPT=1 DPT=43\n"), { format: "firewall-syslog" });
    expect(fw.stats.malformed).toBe(1);
  });

  it("JSON keys never reach Object.prototype", async () => {
    await readAll(join(FIXTURES, "zeek-json.log"));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("iptables free-text log prefixes", () => {
  it("yield their verdict word, so allowed and blocked sweeps are told apart", async () => {
    const { verdictOf } = await import("../../../src/detect/readers/firewall.js");
    expect(verdictOf("FW-EGRESS-ACCEPT")).toBe("accept");
    expect(verdictOf("drop_in")).toBe("drop");
    expect(verdictOf("IPT REJECTED OUT")).toBe("rejected");
    expect(verdictOf("egress-log")).toBe("egress-log");
  });
});
