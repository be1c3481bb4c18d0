/**
 * One test per reader gap the second world (test/detect/second-world.test.ts) found, each on the
 * smallest log that shows it; every one failed before its fix.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { brief, readAll, tempFile } from "./helpers.js";

const read = async (name: string, text: string) => readAll(tempFile(name, text));

describe("second-world gaps", () => {
  it("cisco-asa: a SYN to 43/tcp that timed out (Teardown SYN Timeout, bytes 0) is an attempt, not a WHOIS egress", async () => {
    const log = [
      "<166>2026-12-06T14:00:30.710Z asa-edge-01 : %ASA-6-302013: Built outbound TCP connection 7 for outside:198.51.100.200/43 (198.51.100.200/43) to inside:10.20.30.66/61000 (203.0.113.7/61000)",
      "<166>2026-12-06T14:01:00.710Z asa-edge-01 : %ASA-6-302014: Teardown TCP connection 7 for outside:198.51.100.200/43 to inside:10.20.30.66/61000 duration 0:00:30 bytes 0 SYN Timeout",
    ].join("\n");
    const { events } = await read("asa-syn-timeout.log", `${log}\n`);
    expect(events.map(brief)).toEqual([{ kind: "conn", ts: Date.UTC(2026, 11, 6, 14, 0, 30, 710), src: "10.20.30.66", srcPort: 61000, dst: "198.51.100.200", dstPort: 43,
      proto: "tcp", state: "S0", payload: false, format: "cisco-asa", line: 1 }]);
    const { alerts } = await detectFiles([tempFile("asa-syn-timeout-2.log", `${log}\n`)]);
    expect(alerts).toEqual([]);
  });

  it("cisco-asa: a Built with no Teardown within the hold goes out as accepted, in time, before later lines' events", async () => {
    const { events } = await read("asa-hold.log", [
      "Dec  6 14:00:00 asa01 : %ASA-6-302013: Built outbound TCP connection 1 for outside:192.0.32.59/43 (192.0.32.59/43) to inside:10.0.0.5/51000 (203.0.113.1/51000)",
      "Dec  6 14:02:00 asa01 : %ASA-6-302015: Built outbound UDP connection 2 for outside:192.0.2.53/53 (192.0.2.53/53) to inside:10.0.0.7/5353 (203.0.113.1/5353)",
      "Dec  6 14:02:05 asa01 : %ASA-6-302014: Teardown TCP connection 1 for outside:192.0.32.59/43 to inside:10.0.0.5/51000 duration 0:02:05 bytes 1830 TCP FINs",
    ].join("\n") + "\n");
    expect(events.map((e) => [e.evidence.line, e.kind === "conn" ? e.state : ""])).toEqual([[1, "accept"], [2, "accept"]]);
  });

  it("firewall-syslog: netfilter LOG lines behind rsyslog's RFC 5424 header", async () => {
    const { events, stats } = await read("kern-5424.log",
      "<4>1 2026-12-06T15:00:00.250+01:00 gw01 kernel - - - [UFW BLOCK] IN=eth1 OUT=eth0 SRC=10.20.30.66 DST=198.51.100.200 LEN=60 PROTO=TCP SPT=61000 DPT=43 SYN URGP=0\n");
    expect(stats.malformed).toBe(0);
    expect(events.map(brief)).toEqual([{ kind: "conn", ts: Date.UTC(2026, 11, 6, 14, 0, 0, 250), src: "10.20.30.66", dst: "198.51.100.200", dstPort: 43, srcPort: 61000,
      proto: "tcp", state: "BLOCK", format: "firewall-syslog", line: 1 }]);
  });

  it("squid: the common/combined logformat (local time with its offset, quoted request, user agent)", async () => {
    const { events, stats } = await read("squid-combined.log", [
      '10.20.30.40 - - [06/Dec/2026:15:00:00 +0100] "GET http://rdap.denic.de/domain/contoso0.com HTTP/1.1" 200 1893 "-" "curl/8.5.0" TCP_MISS:HIER_DIRECT',
      '10.20.30.77 - alice [06/Dec/2026:09:00:09 -0500] "CONNECT www.godaddy.com:443 HTTP/1.1" 200 48211',
    ].join("\n") + "\n");
    expect(stats.format).toBe("squid");
    expect(events.map(brief)).toEqual([
      { kind: "http", ts: Date.UTC(2026, 11, 6, 14), src: "10.20.30.40", method: "GET", url: "http://rdap.denic.de/domain/contoso0.com", path: "/domain/contoso0.com",
        host: "rdap.denic.de", dstPort: 80, status: 200, userAgent: "curl/8.5.0", format: "squid", line: 1 },
      { kind: "http", ts: Date.UTC(2026, 11, 6, 14, 0, 9), src: "10.20.30.77", method: "CONNECT", host: "www.godaddy.com", dstPort: 443, status: 200, format: "squid", line: 2 },
    ]);
  });

  it("fortigate-traffic: FortiOS `set format csv` (pairs joined by commas, quoted values keep their commas)", async () => {
    const { events, stats } = await read("fgt-csv.log",
      'date=2026-12-06,time=14:00:00,devname="FG100F",devid="FG100FTK22000001",tz="+0000",logid="0000000013",type="traffic",subtype="forward",srcip=fd00:20::40,srcport=41000,dstip=2001:500:1::43,dstport=43,proto=6,action="close",msg="a, b"\n');
    expect(stats.format).toBe("fortigate-traffic");
    expect(events.map(brief)).toEqual([{ kind: "conn", ts: Date.UTC(2026, 11, 6, 14), src: "fd00:20::40", dst: "2001:500:1::43", dstPort: 43, srcPort: 41000, proto: "tcp",
      state: "SF", format: "fortigate-traffic", line: 1 }]);
  });

  it("windows-event: Microsoft Sentinel SecurityEvent rows (EventSourceName, TimeGenerated, Computer)", async () => {
    const { events, stats } = await read("sentinel.json", `${JSON.stringify({ TimeGenerated: "2026-12-06T14:00:00.250Z", Computer: "ws-analyst-07.corp.example",
      EventSourceName: "Microsoft-Windows-Security-Auditing", Channel: "Security", EventID: 4688, NewProcessName: "C:\\Tools\\whois.exe", CommandLine: "whois.exe contoso.com",
      NewProcessId: "0x1f40", SubjectDomainName: "CORP", SubjectUserName: "analyst" })}\n`);
    expect(stats.format).toBe("windows-event");
    expect(events.map(brief)).toEqual([{ kind: "process", ts: Date.UTC(2026, 11, 6, 14, 0, 0, 250), src: "ws-analyst-07.corp.example", format: "windows-event", line: 1,
      process: { image: "C:\\Tools\\whois.exe", commandLine: "whois.exe contoso.com", pid: 0x1f40, user: "CORP\\analyst", host: "ws-analyst-07.corp.example" } }]);
  });

  it("windows-dns: a 24-hour day-first locale (en-GB dd/MM/yyyy) is read day first; a date over 12 settles the order", async () => {
    const line = (date: string, time: string) => `${date} ${time} 0E7C PACKET  000002A1B3C40001 UDP Rcv 10.20.30.40     2a00   Q [0001   D   NOERROR] A      (5)whois(3)pir(3)org(0)`;
    const gb = await read("dns-gb.log", `${line("06/12/2026", "14:00:00")}\n`);
    expect(gb.events.map((e) => e.ts)).toEqual([Date.UTC(2026, 11, 6, 14)]);
    const us = await read("dns-us.log", `${line("12/6/2026", "2:00:00 PM")}\n`);
    expect(us.events.map((e) => e.ts)).toEqual([Date.UTC(2026, 11, 6, 14)]);
    const proven = await read("dns-proven.log", `${line("12/13/2026", "14:00:00")}\n${line("12/6/2026", "14:00:00")}\n`);
    expect(proven.events.map((e) => e.ts)).toEqual([Date.UTC(2026, 11, 13, 14), Date.UTC(2026, 11, 6, 14)]);
  });

  it("dnsmasq behind an RFC 5424 header (APP-NAME dnsmasq, PROCID, MSGID, structured data)", async () => {
    const { events, stats } = await read("dnsmasq-5424.log", [
      "<30>1 2026-12-06T14:00:00.123456+00:00 gw01 dnsmasq 812 - - query[A] whois.pir.org from 10.20.30.40",
      '<30>1 2026-12-06T14:00:01.000Z gw01 dnsmasq 812 dns [origin ip="10.20.0.1" x="a\\]b"] query[AAAA] rdap.org from 10.20.30.41',
    ].join("\n") + "\n");
    expect(stats.format).toBe("dnsmasq");
    expect(events.map((e) => [e.kind, e.src, e.kind === "dns" ? e.query : "", e.ts])).toEqual([
      ["dns", "10.20.30.40", "whois.pir.org", Date.UTC(2026, 11, 6, 14, 0, 0, 123)], ["dns", "10.20.30.41", "rdap.org", Date.UTC(2026, 11, 6, 14, 0, 1)]]);
  });

  it("auditd forwarded through syslog (audisp-syslog): the syslog header's host names the source, not localhost", async () => {
    const rec = (hdr: string) => [`${hdr} type=SYSCALL msg=audit(1796565600.123:9000): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=9000 auid=1000 uid=1000 comm="whois" exe="/usr/bin/whois" key="exec"`,
      `${hdr} type=EXECVE msg=audit(1796565600.123:9000): argc=2 a0="whois" a1="contoso.com"`].join("\n");
    const bsd = await read("audisp-bsd.log", `${rec("Dec  6 14:00:00 host1 audisp-syslog:")}\n`);
    expect(bsd.events.map((e) => e.src)).toEqual(["host1"]);
    const rfc = await read("audisp-5424.log", `${rec("<14>1 2026-12-06T14:00:00.123Z host2.corp.example audisp-syslog 77 - -")}\n`);
    expect(rfc.events.map((e) => e.src)).toEqual(["host2.corp.example"]);
  });

  it("auditd: `ausearch -i` output (interpreted: month-first %x %T time, ' : ', values decoded and never hex)", async () => {
    const { events, stats } = await read("ausearch-i.log", [
      "----",
      "type=PROCTITLE msg=audit(12/06/2026 14:00:00.123:9000) : proctitle=whois cafe.com",
      "type=EXECVE msg=audit(12/06/2026 14:00:00.123:9000) : argc=2 a0=whois a1=cafe",
      "type=SYSCALL msg=audit(12/06/2026 14:00:00.123:9000) : arch=x86_64 syscall=execve success=yes exit=0 ppid=1 pid=9000 auid=alice uid=alice comm=whois exe=/usr/bin/whois key=exec",
      "----",
      "type=EXECVE msg=audit(12/06/26 14:00:05:9001) : argc=2 a0=whois a1=contoso.com",
    ].join("\n") + "\n");
    expect(stats.format).toBe("auditd");
    expect(stats.malformed).toBe(0);
    expect(events.map((e) => [e.ts, e.process?.image, e.process?.commandLine, e.process?.user])).toEqual([
      [Date.UTC(2026, 11, 6, 14, 0, 0, 123), "/usr/bin/whois", "whois cafe", "alice"], [Date.UTC(2026, 11, 6, 14, 0, 5), "whois", "whois contoso.com", undefined]]);
  });

  it("firewall-csv: a semicolon-separated export (spreadsheets in decimal-comma locales), BOM and CRLF", async () => {
    const { events, stats } = await read("fw-semicolon.csv", "\ufeffTime;SourceIP;DestIP;SourcePort;DestPort;Protocol;Action\r\n2026-12-06T14:00:00Z;10.20.30.40;192.0.32.59;41000;43;TCP;allow\r\n");
    expect(stats.format).toBe("firewall-csv");
    expect(events.map(brief)).toEqual([{ kind: "conn", ts: Date.UTC(2026, 11, 6, 14), src: "10.20.30.40", dst: "192.0.32.59", dstPort: 43, srcPort: 41000, proto: "tcp", state: "allow", format: "firewall-csv", line: 2 }]);
  });
});
