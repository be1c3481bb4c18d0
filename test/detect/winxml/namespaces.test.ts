/**
 * Namespace-prefixed Windows event XML: `<e:Event xmlns:e="…/event">` and `<evt:Events xmlns:evt="…">` wrappers
 * are read by the binding of the prefix, whatever its name; an `Event` element in another namespace, or under an
 * unbound prefix, is not an event; hostile prefixes stay bounded. (The twins in twins.test.ts compare every event
 * group in the two prefixed styles with its JSON twin.)
 */
import { describe, expect, it } from "vitest";
import { jsonLinesToXml } from "../../../src/detect/eval/render-winxml.js";
import { sniffFormat } from "../../../src/detect/readers/index.js";
import { scanEvent } from "../../../src/detect/readers/winxml.js";
import { XmlEventSplitter } from "../../../src/detect/readers/xml-events.js";
import { LineResult } from "../../../src/detect/readers/common.js";
import type { ReadStats } from "../../../src/detect/types.js";
import { runCli } from "../../helpers/cli.js";
import { readAll, tempFile } from "../readers/helpers.js";
import { A, jsonl, sysmonLookups } from "./events.js";

const NS = "http://schemas.microsoft.com/win/2004/08/events/event";

/** Sysmon 1 with `p` as the prefix of every element; `decl` is written on the root (or nothing). */
function prefixedRecord(p: string, decl: string, cmd = "whois.exe a.com"): string {
  const q = p === "" ? "" : `${p}:`;
  return `<${q}Event${decl}><${q}System><${q}Provider Name="Microsoft-Windows-Sysmon"/><${q}EventID>1</${q}EventID>`
    + `<${q}TimeCreated SystemTime="2026-12-06T14:00:00.250Z"/><${q}Computer>${A.name}</${q}Computer></${q}System>`
    + `<${q}EventData><${q}Data Name="Image">C:\\Tools\\whois.exe</${q}Data><${q}Data Name="CommandLine">${cmd}</${q}Data></${q}EventData></${q}Event>`;
}

function split(xml: Buffer, size: number): { records: string[]; stats: ReadStats } {
  const stats: ReadStats = { file: "", format: "windows-xml", lines: 0, events: 0, skipped: 0, malformed: 0 };
  const records: string[] = [];
  const s = new XmlEventSplitter({ line: (b, from, to) => { records.push(b.toString("utf8", from, to)); return LineResult.Skipped; } }, stats, 256 * 1024);
  for (let i = 0; i < xml.length; i += size) s.push(xml.subarray(i, i + size));
  s.end(false);
  return { records, stats };
}

describe("prefixed event XML", () => {
  it("is sniffed as windows-xml, with the prefix on each event or only on an <evt:Events> wrapper", () => {
    const json = jsonl(sysmonLookups().slice(0, 6));
    for (const style of ["prefixed", "prefixed-own"] as const) expect(sniffFormat(Buffer.from(jsonLinesToXml(json, style)))).toBe("windows-xml");
    expect(sniffFormat(Buffer.from(prefixedRecord("q7", ` xmlns:q7="${NS}"`)))).toBe("windows-xml");
    // A prefixed Event with no event namespace anywhere in sight: nothing says it is a Windows event.
    expect(sniffFormat(Buffer.from(`${prefixedRecord("x", ' xmlns:x="urn:example:audit"')}\n`))).not.toBe("windows-xml");
  });

  it("the splitter finds prefixed records at any chunk size, and only whole ones", () => {
    const xml = Buffer.from(jsonLinesToXml(jsonl(sysmonLookups().slice(0, 6)), "prefixed"));
    const whole = split(xml, xml.length);
    expect(whole.records).toHaveLength(6);
    expect(whole.stats.malformed).toBe(0);
    for (const r of whole.records) expect(r).toMatch(/^<evt:Event>.*<\/evt:Event>$/s);
    for (const size of [1, 5, 41, 1000]) expect(split(xml, size).records).toEqual(whole.records);
  });

  it("any prefix bound to the event namespace reads, on the record or inherited from a wrapper; the binding decides, not the name", () => {
    for (const p of ["e", "evt", "ns0", "win-ev.2", "Event"]) {
      const own = scanEvent(prefixedRecord(p, ` xmlns:${p}="${NS}"`));
      expect(typeof own === "string" ? own : own.data.get("CommandLine")).toBe("whois.exe a.com");
      const inherited = scanEvent(prefixedRecord(p, ""), new Map([[p, NS]]));
      expect(typeof inherited === "string" ? inherited : inherited.system.get("EventID")).toBe("1");
    }
    // The record's own declaration wins over the wrapper's.
    expect(typeof scanEvent(prefixedRecord("e", ' xmlns:e="urn:other"'), new Map([["e", NS]]))).toBe("string");
  });

  it("an Event element in another namespace, or under an unbound prefix, is not an event", () => {
    expect(scanEvent(prefixedRecord("x", ' xmlns:x="urn:example:audit"'))).toMatch(/namespace urn:example:audit/);
    expect(scanEvent(prefixedRecord("e", ""))).toMatch(/bound to no namespace/);
    expect(scanEvent(prefixedRecord("", ' xmlns="urn:example:audit"'))).toMatch(/not the event schema's/);
    // The wrapper binds evt to the event namespace, not e.
    expect(typeof scanEvent(prefixedRecord("e", ""), new Map([["evt", NS]]))).toBe("string");
    // Unprefixed, no namespace at all: the exports that drop it, read as before.
    expect(typeof scanEvent(prefixedRecord("", ""))).toBe("object");
  });

  it("a file mixing event records and look-alikes in another namespace reads only the events", async () => {
    const other = prefixedRecord("a", ' xmlns:a="urn:example:audit"', "whois.exe decoy.example");
    const text = `<evt:Events xmlns:evt="${NS}">\n${prefixedRecord("evt", "")}\n${other}\n${prefixedRecord("evt", "", "whois.exe b.com")}\n</evt:Events>\n`;
    const { events, stats } = await readAll(tempFile("mixed-ns.xml", text));
    expect(stats.format).toBe("windows-xml");
    expect(events.map((e) => (e.kind === "process" ? e.process.commandLine : ""))).toEqual(["whois.exe a.com", "whois.exe b.com"]);
    expect([stats.lines, stats.malformed]).toEqual([3, 1]);
  });

  it("hostile prefixes stay bounded: an over-long prefix is no record, a DTD inside a prefixed wrapper is refused", async () => {
    const long = "p".repeat(40);
    const bad = await readAll(tempFile("long-prefix.xml", `${prefixedRecord(long, ` xmlns:${long}="${NS}"`)}\n${prefixedRecord("e", ` xmlns:e="${NS}"`)}\n`));
    expect(bad.events).toHaveLength(1);
    expect(scanEvent(prefixedRecord(long, ` xmlns:${long}="${NS}"`))).toMatch(/prefix is too long/);
    const dtd = `<?xml version="1.0"?>\n<!DOCTYPE evt:Events [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<evt:Events xmlns:evt="${NS}">${prefixedRecord("evt", "", "&b;")}</evt:Events>`;
    const refused = await readAll(tempFile("dtd-prefixed.xml", dtd), { format: "windows-xml" });
    expect(refused.events).toHaveLength(0);
    expect(refused.stats.error).toMatch(/document type declaration/);
    const deep = prefixedRecord("e", ` xmlns:e="${NS}"`).replace("<e:EventData>", `<e:EventData>${"<e:x>".repeat(20)}${"</e:x>".repeat(20)}`);
    expect(scanEvent(deep)).toMatch(/nested too deep/);
  });

  it("from the CLI: `whoislens detect` reads a prefixed <evt:Events> export and names host A", async () => {
    const file = tempFile("cli-prefixed.xml", jsonLinesToXml(jsonl(sysmonLookups()), "prefixed"));
    const run = await runCli(["detect", file, "--format", "ndjson"]);
    expect(run.stderr).toMatch(/cli-prefixed\.xml: windows-xml, 75 lines, 75 events, 0 skipped, 0 malformed/);
    expect(run.code).toBe(1);
    const sources = run.stdout.trim().split("\n").map((l) => (JSON.parse(l) as { source: { ip: string; host?: string } }).source);
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(s.ip.toLowerCase() === A.ip || s.host?.toLowerCase() === A.name.toLowerCase()).toBe(true);
  });
});
