/**
 * `<Data Name="X"/>` and `<Data Name="X"></Data>` are the same empty value: Windows writes both (wevtutil self-closes
 * empty elements, Event Viewer's "Save as XML" and an .evtx template's empty substitution write the pair, a template
 * element without content renders self-closed), and wevtutil and Get-WinEvent show both as "". The scanner used to
 * skip a self-closed Data as if it were absent. Every event detect reads, with the fields Windows often leaves
 * empty (RuleName, User, DestinationHostname, QueryResults, ParentImage, Path, RemoteUserID…) emptied, in both
 * spellings, plain and prefixed XML and .evtx: the scanner holds "" for each, and the events and alerts are the
 * JSON twin's.
 */
import { describe, expect, it } from "vitest";
import { detectFiles } from "../../../src/detect/engine/index.js";
import { ChunkWriter, eventBinXml, writeEvtx } from "../../../src/detect/eval/render-evtx.js";
import { EVENT_NS, eventXml, jsonLinesToXml, type XmlStyle } from "../../../src/detect/eval/render-winxml.js";
import { renderBinXml } from "../../../src/detect/readers/evtx/binxml.js";
import { scanEvent } from "../../../src/detect/readers/xml-scan.js";
import { readAll, tempFile } from "../readers/helpers.js";
import { type Obj, TWIN_GROUPS, alertWithoutEvidence, dnsServerQueries, jsonl, plainEvent } from "./events.js";

/** Fields Windows writes empty in practice; none is what makes the event a lookup. */
const BLANK = new Set(["RuleName", "User", "DestinationHostname", "QueryResults", "ParentImage", "ParentProcessName", "Path", "RemoteUserID", "RemoteMachineID", "SubjectDomainName", "ServerList", "Flags", "MessageNumber"]);

type Item = { "@Name": string; "#text": string };
const items = (o: Obj): Item[] => ((o.Event as Obj).EventData as { Data: Item[] }).Data;

/** The events with the BLANK fields emptied (a copy). */
function blanked(events: Obj[]): Obj[] {
  const out = JSON.parse(JSON.stringify(events)) as Obj[];
  for (const o of out) for (const d of items(o)) if (BLANK.has(d["@Name"])) d["#text"] = "";
  return out;
}

/** Every self-closed Data (`<Data Name='X'/>`, `<evt:Data …/>`) written as a start and end tag. */
const opened = (xml: string) => xml.replace(/<((?:[A-Za-z_][\w.-]*:)?Data)(\s[^<>]*?)\s*\/>/g, "<$1$2></$1>");

const GROUPS = [...TWIN_GROUPS, { name: "DNS Server analytic 256/258", events: dnsServerQueries, formats: ["windows-dns"] }];
const STYLES: XmlStyle[] = ["wevtutil", "event-viewer", "prefixed", "prefixed-own"];
/** `prefixed` records bind nothing themselves: the `<evt:Events>` wrapper does. */
const inherited = new Map([["evt", EVENT_NS]]);

/** One event's .evtx rendering (its Binary XML rendered back to XML by the reader's renderer). */
function evtxXml(o: Obj, selfCloseEmpty: boolean): string {
  const w = new ChunkWriter();
  const at = w.pos;
  eventBinXml(w, o, { selfCloseEmpty });
  return renderBinXml(w.buf, at, w.pos, new Map());
}

describe("an empty Data item in either spelling", () => {
  for (const g of GROUPS) {
    const events = blanked(g.events());
    const emptied = [...new Set(events.flatMap((o) => items(o).filter((d) => d["#text"] === "").map((d) => d["@Name"])))];

    it(`${g.name}: the scanner reads "" for each emptied item, self-closed or not, plain, prefixed and from .evtx`, () => {
      expect(emptied.length).toBeGreaterThan(0);
      const spellings: [string, (o: Obj) => string][] = [
        ...STYLES.flatMap((style): [string, (o: Obj) => string][] => [[`${style} self-closed`, (o) => eventXml(o as never, style)], [`${style} open`, (o) => opened(eventXml(o as never, style))]]),
        ["evtx empty substitution", (o) => evtxXml(o, false)],
        ["evtx element without content", (o) => evtxXml(o, true)],
      ];
      for (const [name, render] of spellings) {
        for (const o of events) {
          const xml = render(o);
          const ev = scanEvent(xml, inherited);
          if (typeof ev === "string") throw new Error(`${name}: ${ev}`);
          for (const d of items(o)) expect([name, d["@Name"], ev.data.get(d["@Name"])]).toEqual([name, d["@Name"], d["#text"]]);
        }
      }
      // The spellings are really both there.
      expect(eventXml(events.find((o) => items(o).some((d) => d["#text"] === ""))! as never, "prefixed-own")).toMatch(/<e:Data Name='\w+'\/>/);
      expect(evtxXml(events.find((o) => items(o).some((d) => d["#text"] === ""))!, true)).toMatch(/<Data Name="\w+"\/>/);
      expect(evtxXml(events.find((o) => items(o).some((d) => d["#text"] === ""))!, false)).toMatch(/<Data Name="\w+"><\/Data>/);
    });

    it(`${g.name}: both spellings give the JSON twin's events and alerts`, async () => {
      const json = jsonl(events);
      const name = g.name.replace(/\W+/g, "-");
      const ref = await readAll(tempFile(`empty-${name}.jsonl`, json));
      const refAlerts = (await detectFiles([tempFile(`empty-${name}-ref.jsonl`, json)])).alerts.map(alertWithoutEvidence);
      expect(ref.events.length).toBeGreaterThan(0);
      const files: [string, string | Buffer][] = [
        ...STYLES.flatMap((style): [string, string][] => [[`${style}-closed.xml`, jsonLinesToXml(json, style)], [`${style}-open.xml`, opened(jsonLinesToXml(json, style))]]),
        ["substitution.evtx", writeEvtx(events)],
        ["self-closed.evtx", writeEvtx(events, { selfCloseEmpty: true })],
      ];
      for (const [suffix, content] of files) {
        const path = tempFile(`empty-${name}-${suffix}`, content);
        const got = await readAll(path);
        expect([suffix, got.stats.malformed, got.stats.error]).toEqual([suffix, 0, undefined]);
        expect(got.events.map(plainEvent)).toEqual(ref.events.map(plainEvent));
        expect((await detectFiles([path])).alerts.map(alertWithoutEvidence)).toEqual(refAlerts);
      }
    });
  }

  it("UserData: a provider's self-closed field is an empty value too, not a missing one", () => {
    const ev = scanEvent(`<Event xmlns="${EVENT_NS}"><System><EventID>1102</EventID></System><UserData><LogFileCleared xmlns="http://manifests.microsoft.com/win/2004/08/windows/eventlog"><SubjectUserSid>S-1-5-21-1</SubjectUserSid><SubjectDomainName/><SubjectUserName>admin</SubjectUserName></LogFileCleared></UserData></Event>`);
    if (typeof ev === "string") throw new Error(ev);
    expect([...ev.data]).toEqual([["SubjectUserSid", "S-1-5-21-1"], ["SubjectDomainName", ""], ["SubjectUserName", "admin"]]);
  });
});
