/**
 * The Windows event XML reader: sniffed without --log-format, split at </Event> whatever the line breaks
 * and chunk boundaries, entity-decoded, bounded (DTDs refused, per-record cap, truncated records counted),
 * UserData read; Security 5156/5157 (direction, blocked attempts, the host rule) and DNS Client events.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { eventXml, jsonLinesToXml } from "../../../src/detect/eval/render-winxml.js";
import { sniffFormat } from "../../../src/detect/readers/index.js";
import { decodeXml, scanEvent } from "../../../src/detect/readers/winxml.js";
import { XmlEventSplitter } from "../../../src/detect/readers/xml-events.js";
import { LineResult } from "../../../src/detect/readers/common.js";
import type { ReadStats } from "../../../src/detect/types.js";
import { runCli } from "../../helpers/cli.js";
import { readAll, tempFile } from "../readers/helpers.js";
import { A, B, NMAP_DEVICE, T0, WHOIS_DEVICE, dnsClientLookup, jsonl, sysmonLookups, wfp, wfpWorld, winEvent } from "./events.js";
import { cpuTimedAsync } from "../../helpers/cpu-time.js";

const NS = "http://schemas.microsoft.com/win/2004/08/events/event";
const sysmonXml = (style: "wevtutil" | "event-viewer" | "splunk", n = 6) => jsonLinesToXml(jsonl(sysmonLookups().slice(0, n)), style);

/** A Sysmon 1 record whose CommandLine is written as `raw` (already XML-escaped as the test wants it). */
function processRecord(raw: string, ts = T0): string {
  return `<Event xmlns='${NS}'><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>1</EventID><TimeCreated SystemTime='${new Date(ts).toISOString()}'/>`
    + `<Computer>${A.name}</Computer></System><EventData><Data Name='Image'>C:\\Tools\\whois.exe</Data><Data Name='CommandLine'>${raw}</Data></EventData></Event>`;
}

function split(xml: Buffer, size: number, maxBytes = 256 * 1024): { records: string[]; stats: ReadStats } {
  const stats: ReadStats = { file: "", format: "windows-xml", lines: 0, events: 0, skipped: 0, malformed: 0 };
  const records: string[] = [];
  const s = new XmlEventSplitter({ line: (b, from, to) => { records.push(b.toString("utf8", from, to)); return LineResult.Skipped; } }, stats, maxBytes);
  for (let i = 0; i < xml.length; i += size) s.push(xml.subarray(i, i + size));
  s.end(false);
  return { records, stats };
}

describe("sniffing and splitting", () => {
  it("the three layouts are sniffed as windows-xml; a syslog line (<PRI>) and Sysmon JSON are not", () => {
    for (const style of ["wevtutil", "event-viewer", "splunk"] as const) expect(sniffFormat(Buffer.from(sysmonXml(style)))).toBe("windows-xml");
    expect(sniffFormat(Buffer.from(`\ufeff${sysmonXml("event-viewer")}`))).toBe("windows-xml");
    expect(sniffFormat(Buffer.from("<134>Dec  6 14:00:00 fw01 filterlog[123]: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,10.0.0.5,10.0.0.1,51234,43,0,S,123,,64240,,mss\n"))).not.toBe("windows-xml");
    expect(sniffFormat(Buffer.from(jsonl(sysmonLookups().slice(0, 3))))).toBe("sysmon");
  });

  it("records are the same whatever the chunk size and line breaks (wevtutil writes no break at all)", () => {
    for (const style of ["wevtutil", "event-viewer", "splunk"] as const) {
      const xml = Buffer.from(sysmonXml(style));
      const whole = split(xml, xml.length);
      expect(whole.records).toHaveLength(6);
      expect(whole.stats.malformed).toBe(0);
      for (const r of whole.records) expect(r).toMatch(/^<Event xmlns=.*<\/Event>$/s);
      for (const size of [1, 7, 8, 1000]) expect(split(xml, size).records).toEqual(whole.records);
    }
  });

  it("a record cut short by the next one, a truncated last record and an over-long record are malformed; their neighbours are read", async () => {
    const good = processRecord("whois.exe a.com");
    const cut = good.slice(0, 120);
    const long = processRecord(`whois.exe ${"x".repeat(6000)}.com`);
    const { events, stats } = await readAll(tempFile("broken.xml", `${good}\n${cut}\n${good}${long}${good}\n${cut}`), { maxLineBytes: 4096 });
    expect(stats.format).toBe("windows-xml");
    expect(events).toHaveLength(3);
    expect(stats.malformed).toBe(3);
    expect(stats.error).toBeUndefined();
  });
});

describe("UTF-16 (Windows PowerShell 5.1's `>` and Out-File)", () => {
  const le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  const be = (text: string) => {
    const b = Buffer.from(text, "utf16le");
    for (let i = 0; i + 1 < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1]!, b[i]!];
    return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
  };

  it("a UTF-16LE or UTF-16BE file (with its BOM), plain or gzipped, reads as its UTF-8 twin; so does a UTF-16 JSON log", async () => {
    const xml = `${sysmonXml("event-viewer", 30)}${processRecord("whois.exe \u00e9t\u00e9-\u{1F600}.fr")}`;
    const want = await readAll(tempFile("utf8.xml", xml));
    expect(want.events.at(-1)?.process?.commandLine).toBe("whois.exe \u00e9t\u00e9-\u{1F600}.fr");
    const { gzipSync } = await import("node:zlib");
    for (const [name, bytes] of [["le.xml", le(xml)], ["be.xml", be(xml)], ["le.xml.gz", gzipSync(le(xml))]] as const) {
      const got = await readAll(tempFile(name, bytes));
      expect(got.stats.format, name).toBe("windows-xml");
      expect([got.stats.lines, got.stats.malformed], name).toEqual([want.stats.lines, 0]);
      expect(got.events.map((e) => [e.ts, e.src, e.process?.commandLine]), name).toEqual(want.events.map((e) => [e.ts, e.src, e.process?.commandLine]));
    }
    const json = await readAll(tempFile("sysmon-utf16.json", le(jsonl(sysmonLookups().slice(0, 9)))));
    expect([json.stats.format, json.stats.events, json.stats.malformed]).toEqual(["sysmon", 9, 0]);
  });
});

describe("decoding, bounded", () => {
  it("the predefined entities, character references and CDATA are decoded once", async () => {
    expect(decodeXml("a &lt;b&gt; &amp;amp; &quot;&apos; &#x41;&#66; &#x1F600;")).toBe("a <b> &amp; \"' AB \u{1F600}");
    expect(decodeXml("&#0;")).toBe("\ufffd");
    expect(decodeXml("&lol;")).toBeUndefined();
    const { events } = await readAll(tempFile("cdata.xml", processRecord("<![CDATA[whois.exe -h whois.nic.fr <x> & y]]> &amp;&#x26;")));
    expect(events[0]?.process?.commandLine).toBe("whois.exe -h whois.nic.fr <x> & y &&");
  });

  it("evidence names the values (the command line), not the System header; control characters from &#x1b; are stripped", async () => {
    const { events } = await readAll(tempFile("evidence.xml", processRecord("whois.exe &#x1b;[31mred&#x1b;[0m.com")));
    expect(events[0]?.process?.commandLine).toBe("whois.exe \u001b[31mred\u001b[0m.com");
    expect(events[0]?.evidence.line).toBe(1);
    expect(events[0]?.evidence.text).toBe(`Microsoft-Windows-Sysmon 1 ${A.name} ${new Date(T0).toISOString()}: Image=C:\\Tools\\whois.exe CommandLine=whois.exe [31mred[0m.com`);
  });

  it("an entity other than the five predefined ones makes its record malformed, never expanded", async () => {
    const { events, stats } = await readAll(tempFile("entity.xml", `${processRecord("whois.exe &lol9;")}${processRecord("whois.exe b.com")}`));
    expect(events.map((e) => e.process?.commandLine)).toEqual(["whois.exe b.com"]);
    expect(stats.malformed).toBe(1);
  });

  it("billion laughs: a DOCTYPE is refused (the read stops with an error), nothing is expanded, the events before it are kept", async () => {
    const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("")}]>`;
    const file = tempFile("lol.xml", `${processRecord("whois.exe first.com")}\n${lol}\n<Events>${processRecord("&lol9;")}${processRecord("whois.exe later.com")}</Events>`);
    // Expansion tripwire on this process's CPU time (a billion "lol"s would take minutes), not wall time.
    const { value, cpuMs } = await cpuTimedAsync(() => readAll(file));
    const { events, stats } = value;
    expect(cpuMs).toBeLessThan(5_000);
    expect(stats.error).toMatch(/DOCTYPE.*refused/);
    expect(events.map((e) => e.process?.commandLine)).toEqual(["whois.exe first.com"]);
    // Inside a record: that record is malformed.
    expect(scanEvent(`<Event><!DOCTYPE x [<!ENTITY a "b">]><System/></Event>`)).toMatch(/refused/);
  });

  it("UserData: the provider's element's children are the event's fields (Security 1102, log cleared)", () => {
    const ev = scanEvent(`<Event xmlns='${NS}'><System><Provider Name='Microsoft-Windows-Eventlog'/><EventID>1102</EventID><TimeCreated SystemTime='2026-12-06T14:00:00.000Z'/>`
      + `<Computer>DC01</Computer></System><UserData><LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/windows/eventlog'><SubjectUserSid>S-1-5-21-1</SubjectUserSid>`
      + `<SubjectUserName>admin&amp;co</SubjectUserName><SubjectDomainName>CORP</SubjectDomainName></LogFileCleared></UserData></Event>`);
    expect(typeof ev).toBe("object");
    if (typeof ev === "string") return;
    expect(ev.data.get("SubjectUserName")).toBe("admin&co");
    expect(ev.system.get("EventID")).toBe("1102");
    expect(ev.system.get("Computer")).toBe("DC01");
  });

  it("EventID with Qualifiers, a self-closed Data, `>` inside an attribute value, comments and a processing instruction", () => {
    const ev = scanEvent(`<Event xmlns="${NS}"><!-- forwarded --><?x-note a?><System><Provider Name="Service Control Manager" EventSourceName="Service Control Manager"/>`
      + `<EventID Qualifiers="16384">7036</EventID><TimeCreated SystemTime="2026-12-06T14:00:00.000Z"/><Computer>\n  SRV01 </Computer></System>`
      + `<EventData><Data Name="param1">a > b</Data><Data Name="empty"/><Data Name="q" note="x>y">v</Data></EventData></Event>`);
    if (typeof ev === "string") throw new Error(ev);
    expect([ev.system.get("EventID"), ev.system.get("Computer"), ev.system.get("Provider@Name")]).toEqual(["7036", "SRV01", "Service Control Manager"]);
    // A self-closed Data is an empty value, as `<Data Name="empty"></Data>` is (w19; it was read as absent before).
    expect([ev.data.get("param1"), ev.data.get("empty"), ev.data.get("q")]).toEqual(["a > b", "", "v"]);
  });

  it("ill-formed records are refused with a reason: mismatched end tag, unclosed tag, a root other than Event, depth", () => {
    expect(scanEvent("<Event><System></EventData></Event>")).toMatch(/does not close/);
    expect(scanEvent("<Event><System")).toMatch(/unclosed/);
    expect(scanEvent("<Events><System/></Events>")).toMatch(/root/);
    expect(scanEvent(`<Event>${"<a>".repeat(40)}${"</a>".repeat(40)}</Event>`)).toMatch(/deep/);
  });
});

describe("Security 5156/5157 and DNS Client", () => {
  it("5156 outbound: the host's own SourceAddress is src; inbound swaps the sides; 5157 is a blocked attempt", async () => {
    const xml = [wfp(5156, T0, A.name, WHOIS_DEVICE, "out", [A.ip, 41000], ["199.7.50.10", 43], 7000),
      wfp(5156, T0 + 1, "WHOIS01.corp.example", "\\device\\harddiskvolume2\\srv\\whoisd.exe", "in", ["10.20.0.43", 43], ["203.0.113.9", 55123]),
      wfp(5157, T0 + 2, B.name, NMAP_DEVICE, "out", [B.ip, 61000], ["198.51.100.200", 43])].map((o) => eventXml(o as never, "wevtutil")).join("");
    const { events } = await readAll(tempFile("wfp.xml", xml));
    expect(events.map((e) => e.kind === "conn" ? [e.src, e.srcPort, e.dst, e.dstPort, e.proto, e.state, e.payload, e.process?.image, e.process?.pid, e.process?.host] : [])).toEqual([
      [A.ip, 41000, "199.7.50.10", 43, "tcp", undefined, undefined, WHOIS_DEVICE, 7000, A.name],
      ["203.0.113.9", 55123, "10.20.0.43", 43, "tcp", undefined, undefined, undefined, undefined, undefined],
      [B.ip, 61000, "198.51.100.200", 43, "tcp", "blocked", false, NMAP_DEVICE, 4242, B.name],
    ]);
  });

  for (const encoding of ["xml", "json"] as const) {
    it(`${encoding}: whois.exe seen only through 5156 alerts on the event's own SourceAddress; a scan through 5156/5157 touching 43 raises nothing`, async () => {
      const events = wfpWorld();
      const text = encoding === "xml" ? jsonLinesToXml(jsonl(events), "splunk") : jsonl(events);
      const { alerts, stats } = await detectFiles([tempFile(`wfp-world.${encoding}`, text)]);
      expect(stats[0]?.format).toBe(encoding === "xml" ? "windows-xml" : "windows-event");
      expect(alerts.some((a) => a.ruleId.startsWith("whois-burst"))).toBe(true);
      for (const a of alerts) expect([a.source.ip, a.source.host]).toEqual([A.ip, A.name]);
    });
  }

  it("a connect scan whose every probe is permitted (5156 only, no answer known) is still a scan, not a lookup", async () => {
    const probes = Array.from({ length: 200 }, (_, j) => wfp(5156, T0 + j * 20, B.name, NMAP_DEVICE, "out", [B.ip, 61_000 + j], ["198.51.100.200", j < 40 ? j + 20 : 1000 + j * 7]));
    const { alerts } = await detectFiles([tempFile("scan-permitted.xml", jsonLinesToXml(jsonl(probes), "wevtutil"))]);
    expect(alerts).toEqual([]);
    // The same tool's single permitted connection to 43, not inside a sweep, is a lookup.
    const one = await detectFiles([tempFile("one-5156.xml", jsonLinesToXml(jsonl([wfp(5156, T0, A.name, WHOIS_DEVICE, "out", [A.ip, 41000], ["199.7.50.10", 43])]), "wevtutil"))]);
    expect(one.alerts.map((a) => a.source.ip)).toEqual([A.ip]);
    // PowerShell talking to 43/tcp itself (System.Net.Sockets.TcpClient), seen only through 5156: the same host rule.
    const ps = await detectFiles([tempFile("ps-5156.xml", jsonLinesToXml(jsonl([wfp(5156, T0, A.name, "\\device\\harddiskvolume3\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe", "out", ["10.20.31.99", 50123], ["192.0.32.59", 43])]), "splunk"))]);
    expect(ps.alerts.map((a) => [a.source.ip, a.source.host, a.destination?.port])).toEqual([["10.20.31.99", A.name, 43]]);
  });

  it("Microsoft Sentinel SecurityEvent rows: 5156's fields from the EventData XML string, read by the same scanner", async () => {
    const eventData = (i: number) => `<EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">\r\n  <Data Name="ProcessID">${7000 + i}</Data>\r\n`
      + `  <Data Name="Application">${WHOIS_DEVICE}</Data>\r\n  <Data Name="Direction">%%14593</Data>\r\n  <Data Name="SourceAddress">${A.ip}</Data>\r\n`
      + `  <Data Name="SourcePort">${41000 + i}</Data>\r\n  <Data Name="DestAddress">199.7.5${i % 5}.10</Data>\r\n  <Data Name="DestPort">43</Data>\r\n  <Data Name="Protocol">6</Data>\r\n</EventData>`;
    const rows = Array.from({ length: 25 }, (_, i) => ({ TenantId: "6a2f0f7e-0000-4000-8000-000000000001", TimeGenerated: new Date(T0 + i * 4700).toISOString(), SourceSystem: "OpsManager",
      Computer: A.name, EventSourceName: "Microsoft-Windows-Security-Auditing", Channel: "Security", Task: 12810, Level: "8", EventID: 5156,
      Activity: "5156 - The Windows Filtering Platform has allowed a connection.", EventData: eventData(i), Type: "SecurityEvent" }));
    const path = tempFile("sentinel-5156.json", `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
    const { events, stats } = await readAll(path);
    expect([stats.format, stats.events, stats.malformed]).toEqual(["windows-event", 25, 0]);
    expect(events[0]?.kind === "conn" ? [events[0].src, events[0].dst, events[0].dstPort, events[0].process?.image] : []).toEqual([A.ip, "199.7.50.10", 43, WHOIS_DEVICE]);
    const { alerts } = await detectFiles([path]);
    expect(alerts.some((a) => a.ruleId.startsWith("whois-burst"))).toBe(true);
    for (const a of alerts) expect([a.source.ip, a.source.host]).toEqual([A.ip, A.name]);
  });

  it("DNS Client: 3006, 3020, 3008 of one lookup make one event, with the status as rcode and the caller's pid from System/Execution", async () => {
    const xml = jsonLinesToXml(jsonl([...dnsClientLookup(T0, "whois.nic.fr", "0", 812), ...dnsClientLookup(T0 + 9_000, "nope.example.", "9003", 812),
      ...dnsClientLookup(T0 + 20_000, "whois.nic.fr", "0", 913)]), "event-viewer");
    const { events, stats } = await readAll(tempFile("dns-client.xml", xml));
    expect(stats.skipped).toBe(6);
    expect(events.map((e) => e.kind === "dns" ? [e.src, e.query, e.qtype, e.rcode, e.process?.pid] : [])).toEqual([
      [A.name, "whois.nic.fr", "A", "NOERROR", 812], [A.name, "nope.example", "A", "NXDOMAIN", 812], [A.name, "whois.nic.fr", "A", "NOERROR", 913]]);
  });

  it("an event of another provider or id is skipped, not malformed", async () => {
    const { events, stats } = await readAll(tempFile("other.xml", jsonLinesToXml(jsonl([winEvent("security", 4624, T0, A.name, [["LogonType", "3"]])]), "splunk")));
    expect([events.length, stats.lines, stats.skipped, stats.malformed]).toEqual([0, 1, 1, 0]);
  });
});

describe("from the CLI", () => {
  it("`whoislens detect events.xml` sniffs the XML and names host A", async () => {
    const run = await runCli(["detect", tempFile("cli-sysmon.xml", sysmonXml("wevtutil", 75)), "--format", "ndjson"]);
    expect(run.stderr).toMatch(/cli-sysmon\.xml: windows-xml, 75 lines, 75 events, 0 skipped, 0 malformed/);
    expect(run.code).toBe(1);
    const sources = run.stdout.trim().split("\n").map((l) => (JSON.parse(l) as { source: { ip: string; host?: string } }).source);
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(s.ip.toLowerCase() === A.ip || s.host?.toLowerCase() === A.name.toLowerCase()).toBe(true);
  });
});
