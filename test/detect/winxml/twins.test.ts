/**
 * One mapping, two encodings: the same Windows events rendered as EVTX-to-JSON lines and as XML (wevtutil's
 * one-line stream, Event Viewer's `<Events>` document, Splunk's XmlWinEventLog) give the same events and
 * the same alerts; the XML is sniffed without --log-format.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { jsonLinesToXml, type XmlStyle } from "../../../src/detect/eval/render-winxml.js";
import { readAll, tempFile } from "../readers/helpers.js";
import { T0, A, TWIN_GROUPS, alertWithoutEvidence, dnsServerQueries, jsonl, plainEvent, sysmonLookups, winEvent } from "./events.js";

const STYLES: XmlStyle[] = ["wevtutil", "event-viewer", "splunk", "prefixed", "prefixed-own"];

const GROUPS = [...TWIN_GROUPS.slice(0, 2), { name: "DNS Server analytic 256/258", events: dnsServerQueries, formats: ["windows-dns"] }, ...TWIN_GROUPS.slice(2)];

describe("Windows events: XML and JSON twins", () => {
  for (const g of GROUPS) {
    for (const style of STYLES) {
      it(`${g.name}: ${style} XML reads as its JSON twin`, async () => {
        const json = jsonl(g.events());
        const jsonPath = tempFile(`twin-${g.name.replace(/\W+/g, "-")}.jsonl`, json);
        const xmlPath = tempFile(`twin-${g.name.replace(/\W+/g, "-")}-${style}.xml`, jsonLinesToXml(json, style));
        const fromJson = await readAll(jsonPath);
        const fromXml = await readAll(xmlPath);
        expect(fromXml.stats.format).toBe("windows-xml");
        expect(fromXml.stats.error).toBeUndefined();
        expect(fromXml.stats.malformed).toBe(0);
        expect(fromXml.events.length).toBeGreaterThan(0);
        expect(new Set(fromXml.events.map((e) => e.format))).toEqual(new Set(g.formats));
        expect(fromXml.events.map(plainEvent)).toEqual(fromJson.events.map(plainEvent));
        expect([fromXml.stats.lines, fromXml.stats.skipped]).toEqual([fromJson.stats.lines, fromJson.stats.skipped]);
        // Evidence: the record's number and a one-line summary of its values, no control characters.
        for (const e of fromXml.events) {
          expect(e.evidence.text).toMatch(/^Microsoft-Windows-[A-Za-z-]+ \d+ \S+ 2026-12-06T\S+Z record \d+: \w+=/);
          expect(e.evidence.text).not.toMatch(/[\u0000-\u001f]/);
        }
        expect(fromXml.events.map((e) => e.evidence.line)).toEqual([...new Set(fromXml.events.map((e) => e.evidence.line))]);

        const a = await detectFiles([jsonPath]);
        const b = await detectFiles([xmlPath]);
        expect(b.alerts.length).toBeGreaterThan(0);
        expect(b.alerts.map(alertWithoutEvidence)).toEqual(a.alerts.map(alertWithoutEvidence));
      });
    }
  }

  it("a long script block (entities past the cap) reads as its JSON twin, capped the same way", async () => {
    const script = `${"$x = 'a' + 'b';\n".repeat(1000)}if ($a -lt 3 -and $b -gt 2) { Invoke-WebRequest "https://rdap.org/domain/x.com?a=1&b=2" }`;
    const json = jsonl([winEvent("powershell", 4104, T0, A.name, [["ScriptBlockText", script]])]);
    const a = await readAll(tempFile("long.jsonl", json));
    const b = await readAll(tempFile("long.xml", jsonLinesToXml(json, "wevtutil")));
    expect(b.stats.malformed).toBe(0);
    expect(b.events.map(plainEvent)).toEqual(a.events.map(plainEvent));
    expect(b.events[0]?.process?.commandLine?.length).toBe(8192); // sysmon.ts DATA_MAX, the command-line matcher's 8 KiB
  });

  it("the XML carries the command line's `&`, `>` and quotes as entities, and they are read back as written", async () => {
    const xml = jsonLinesToXml(jsonl(sysmonLookups().slice(0, 1)), "wevtutil");
    expect(xml).toContain("&gt; out-0.txt &amp; type");
    const { events } = await readAll(tempFile("entities.xml", xml));
    expect(events[0]?.process?.commandLine).toBe('cmd /c "whois64.exe -v target0.com > out-0.txt & type out-0.txt"');
    expect(events[0]?.process?.host).toBe(A.name);
  });
});
