/** `--tz` (readers/zone.ts): local wall-clock times without an offset, read in the zone given; UTC by default. */
import { describe, expect, it } from "vitest";
import { localClock } from "../../../src/detect/readers/zone.js";
import { runCli } from "../../helpers/cli.js";
import { readAll, tempFile } from "../readers/helpers.js";

describe("localClock", () => {
  it("fixed offsets, IANA zones across daylight saving time, UTC by default", () => {
    expect(localClock(undefined)(Date.UTC(2026, 11, 6, 15))).toBe(Date.UTC(2026, 11, 6, 15));
    expect(localClock("+01:00")(Date.UTC(2026, 11, 6, 15))).toBe(Date.UTC(2026, 11, 6, 14));
    expect(localClock("-0500")(Date.UTC(2026, 11, 6, 9))).toBe(Date.UTC(2026, 11, 6, 14));
    const paris = localClock("Europe/Paris");
    expect(paris(Date.UTC(2026, 11, 6, 15, 0, 0, 250))).toBe(Date.UTC(2026, 11, 6, 14, 0, 0, 250)); // winter: +01:00
    expect(paris(Date.UTC(2026, 6, 6, 16))).toBe(Date.UTC(2026, 6, 6, 14)); // summer: +02:00
    expect(localClock("Asia/Kolkata")(Date.UTC(2026, 11, 6, 19, 30))).toBe(Date.UTC(2026, 11, 6, 14));
    expect(() => localClock("Mars/Olympus")).toThrow(/invalid --tz/);
    expect(() => localClock("+25:00")).toThrow(/invalid --tz/);
  });
});

describe("readers in local time", () => {
  const exec = (stamp: string) => `type=EXECVE msg=audit(${stamp}:9000) : argc=3 a0=whois a1=-h a2=whois.verisign-grs.com`;
  const syscall = (stamp: string) => `type=SYSCALL msg=audit(${stamp}:9000) : arch=x86_64 syscall=execve success=yes exit=0 ppid=1 pid=9000 auid=analyst uid=analyst comm=whois exe=/usr/bin/whois`;

  it("ausearch -i: read as UTC without --tz, in the zone given with it", async () => {
    const path = tempFile("ausearch-i.log", `----\n${syscall("12/06/2026 15:00:00.250")}\n${exec("12/06/2026 15:00:00.250")}\n`);
    const utc = await readAll(path);
    expect(utc.events.map((e) => e.ts)).toEqual([Date.UTC(2026, 11, 6, 15, 0, 0, 250)]);
    const paris = await readAll(path, { tz: "Europe/Paris" });
    expect(paris.events.map((e) => e.ts)).toEqual([Date.UTC(2026, 11, 6, 14, 0, 0, 250)]);
  });

  it("NXLog EventTime without an offset moves with --tz; a stamp with its own offset does not", async () => {
    const row = (time: string) => JSON.stringify({ EventTime: time, Hostname: "ws-analyst-07", EventID: 4688, SourceName: "Microsoft-Windows-Security-Auditing",
      Channel: "Security", NewProcessName: "C:\\Tools\\whois.exe", CommandLine: "whois.exe example.com", NewProcessId: "0x10" });
    const path = tempFile("nxlog-local.json", `${row("2026-12-06 15:00:00")}\n${row("2026-12-06T15:00:00+01:00")}\n`);
    const { events } = await readAll(path, { tz: "+01:00" });
    expect(events.map((e) => e.ts)).toEqual([Date.UTC(2026, 11, 6, 14), Date.UTC(2026, 11, 6, 14)]);
  });

  it("syslog headers: a BSD stamp is local (moves with --tz), an RFC 3339 stamp with its offset does not", async () => {
    const tail = "kernel: [UFW BLOCK] IN=eth1 OUT=eth0 SRC=10.20.30.66 DST=198.51.100.200 LEN=60 PROTO=TCP SPT=61000 DPT=43 SYN URGP=0";
    const year = new Date().getUTCFullYear();
    const path = tempFile("ufw-local.log", `Jan  6 15:00:00 gw01 ${tail}
<4>1 ${year}-01-06T15:00:00+01:00 gw01 ${tail.replace("kernel: ", "kernel - - - ")}
`);
    const { events } = await readAll(path, { tz: "Europe/Paris" });
    expect(events.map((e) => e.ts)).toEqual([Date.UTC(year, 0, 6, 14), Date.UTC(year, 0, 6, 14)]);
    const utc = await readAll(path);
    expect(utc.events.map((e) => e.ts)).toEqual([Date.UTC(year, 0, 6, 15), Date.UTC(year, 0, 6, 14)]);
  });

  it("the CLI takes --tz and refuses a zone it does not know", async () => {
    const bad = await runCli(["detect", tempFile("any.log", "x\n"), "--tz", "Nowhere/Land"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/WL_ERR_INVALID_OPTION|invalid --tz/);
  });
});
