/**
 * One mapping, three encodings: the same Windows events written as .evtx (src/detect/eval/render-evtx.ts: templates, typed
 * substitutions, EventData inline or as nested Binary XML) and as `wevtutil` XML give the same events and the
 * same alerts; the .evtx is sniffed by its signature, alone or in a folder.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { jsonLinesToXml } from "../../../src/detect/eval/render-winxml.js";
import { sniffFormat } from "../../../src/detect/readers/index.js";
import { readAll, tempFile } from "../readers/helpers.js";
import { A, T0, TWIN_GROUPS, alertWithoutEvidence, jsonl, plainEvent, processLookups, sysmonLookups, wfpWorld, winEvent } from "../winxml/events.js";
import { writeEvtx } from "../../../src/detect/eval/render-evtx.js";

const GROUPS = TWIN_GROUPS;

describe("EVTX and XML twins", () => {
  for (const g of GROUPS) {
    for (const nested of [false, true]) {
      it(`${g.name}${nested ? ", EventData as nested Binary XML" : ""}: the .evtx reads as its XML twin`, async () => {
        const events = g.events();
        const slug = `${g.name.replace(/\W+/g, "-")}${nested ? "-nested" : ""}`;
        const evtx = writeEvtx(events, { nested });
        const evtxPath = tempFile(`${slug}.evtx`, evtx);
        const xmlPath = tempFile(`${slug}.xml`, jsonLinesToXml(jsonl(events), "wevtutil"));
        expect(sniffFormat(evtx.subarray(0, 4096))).toBe("windows-evtx");
        const fromEvtx = await readAll(evtxPath);
        const fromXml = await readAll(xmlPath);
        expect(fromEvtx.stats.format).toBe("windows-evtx");
        expect(fromEvtx.stats.error).toBeUndefined();
        expect(fromEvtx.stats.malformed).toBe(0);
        expect(fromEvtx.stats.lines).toBe(events.length);
        expect(fromEvtx.events.length).toBeGreaterThan(0);
        expect(new Set(fromEvtx.events.map((e) => e.format))).toEqual(new Set(g.formats));
        expect(fromEvtx.events.map(plainEvent)).toEqual(fromXml.events.map(plainEvent));
        // The same text both ways, naming the event's own EventRecordID (90001…: what Event Viewer finds it by); the
        // .evtx evidence's line is the record header's identifier (1…), the XML's the record's place in the file.
        expect(fromEvtx.events.map((e) => e.evidence.text)).toEqual(fromXml.events.map((e) => e.evidence.text));
        for (const e of fromEvtx.events) {
          expect(Number(/ record (\d+): /.exec(e.evidence.text ?? "")?.[1])).toBeGreaterThan(90_000);
          expect(e.evidence.line).toBeLessThanOrEqual(events.length);
        }
        expect(fromEvtx.stats.skipped).toBe(fromXml.stats.skipped);
        for (const e of fromEvtx.events) {
          expect(e.evidence.text).toMatch(/^Microsoft-Windows-[A-Za-z-]+ \d+ \S+ 2026-12-06T\S+Z record \d+: \w+=/);
          expect(e.evidence.text).not.toMatch(/[\u0000-\u001f]/);
        }
        const a = await detectFiles([xmlPath]);
        const b = await detectFiles([evtxPath]);
        expect(b.alerts.length).toBeGreaterThan(0);
        expect(b.alerts.map(alertWithoutEvidence)).toEqual(a.alerts.map(alertWithoutEvidence));
      });
    }
  }

  it("records spread over several chunks (templates and names defined again in each) all read", async () => {
    const events = wfpWorld();
    const evtx = writeEvtx(events);
    expect((evtx.length - 4096) / 65536).toBeGreaterThanOrEqual(2);
    const { events: read, stats } = await readAll(tempFile("chunks.evtx", evtx));
    expect([stats.lines, stats.malformed]).toEqual([events.length, 0]);
    expect(read.length).toBe((await readAll(tempFile("chunks.xml", jsonLinesToXml(jsonl(events), "wevtutil")))).events.length);
  });

  it("a dirty file (header flag 0x1) is read like a clean one", async () => {
    const events = sysmonLookups().slice(0, 9);
    const clean = await readAll(tempFile("clean.evtx", writeEvtx(events)));
    const dirty = await readAll(tempFile("dirty.evtx", writeEvtx(events, { dirty: true })));
    expect(dirty.stats.malformed).toBe(0);
    expect(dirty.events.map(plainEvent)).toEqual(clean.events.map(plainEvent));
  });

  it("a folder holding .evtx files is read with them; command lines keep `&`, `>` and quotes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "whoislens-evtx-"));
    writeFileSync(join(dir, "Microsoft-Windows-Sysmon%4Operational.evtx"), writeEvtx(sysmonLookups()));
    writeFileSync(join(dir, "Security.evtx"), writeEvtx(processLookups()));
    const fromDir = await detectFiles([dir]);
    const fromFiles = await detectFiles([join(dir, "Microsoft-Windows-Sysmon%4Operational.evtx"), join(dir, "Security.evtx")]);
    expect(fromDir.alerts.length).toBeGreaterThan(0);
    expect(fromDir.alerts.map(alertWithoutEvidence)).toEqual(fromFiles.alerts.map(alertWithoutEvidence));
    const { events } = await readAll(join(dir, "Microsoft-Windows-Sysmon%4Operational.evtx"));
    expect(events[0]?.process?.commandLine).toBe('cmd /c "whois64.exe -v target0.com > out-0.txt & type out-0.txt"');
    expect(events[0]?.process?.host).toBe(A.name);
  });

  it("a script block past the 8 KiB cap reads as its XML twin, capped the same way", async () => {
    const script = `${"$x = 'a' + 'b';\n".repeat(1000)}Invoke-WebRequest "https://rdap.org/domain/x.com?a=1&b=2"`;
    const events = [winEvent("powershell", 4104, T0, A.name, [["ScriptBlockText", script]])];
    const a = await readAll(tempFile("long.xml", jsonLinesToXml(jsonl(events), "wevtutil")));
    const b = await readAll(tempFile("long.evtx", writeEvtx(events)));
    expect(b.stats.malformed).toBe(0);
    expect(b.events.map(plainEvent)).toEqual(a.events.map(plainEvent));
    expect(b.events[0]?.process?.commandLine?.length).toBe(8192);
  });
});
