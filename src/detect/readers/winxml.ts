/**
 * Windows event logs as XML (the event schema, Microsoft Learn "Windows Event Log: EventType complex type",
 * namespace http://schemas.microsoft.com/win/2004/08/events/event): `wevtutil qe … /f:xml`, PowerShell
 * `Get-WinEvent | ForEach-Object { $_.ToXml() }`, Event Viewer "Save as XML" (`<Events>`), Windows Event
 * Forwarding, Splunk's `XmlWinEventLog`. xml-events.ts splits the stream into `<Event>` records; this file
 * reads one record into the same Layout the JSON readers make (sysmon.ts) and hands it to the same
 * mapping (winevent.ts emitWindowsEvent): one mapping, two encodings.
 *
 * Read: System/Provider@Name, System/EventID, System/TimeCreated@SystemTime, System/Computer, System/EventRecordID (evidence),
 * System/Channel, System/Execution@ProcessID, EventData/Data@Name (text), and UserData's one child element's
 * children (name → text) for the providers that write UserData. RenderingInfo and the rest are skipped.
 *
 * A small, strictly bounded scanner for this one shape, not a general XML parser: one pass with indexOf,
 * no regex over the record; only the five predefined entities and character references are decoded; a
 * document type declaration or any other `<!…>` but a comment or CDATA makes the record malformed (no entity
 * is ever expanded); depth ≤ 16, ≤ 128 data items, values capped at 8 KiB like the JSON layouts (sysmon.ts DATA_MAX).
 */
import type { LineParser, ParseContext } from "./common.js";
import { LineResult, cleanText, str } from "./common.js";
import type { Evidence } from "../types.js";
import { DATA_MAX, type Layout } from "./sysmon.js";
import { emitWindowsEvent } from "./winevent.js";
import { recentKeys } from "./winevent-net.js";
import { type XmlEvent, scanEvent } from "./xml-scan.js";

export { decodeXml } from "./xml-text.js";
export { scanEvent } from "./xml-scan.js";

/** A record as the Layout the JSON readers make. */
export function xmlLayout(ev: XmlEvent): Layout {
  const sys = ev.system;
  return {
    eventId: str(sys.get("EventID"), 8),
    provider: str(sys.get("Provider@Name"), 255) ?? str(sys.get("Channel"), 255),
    host: str(sys.get("Computer"), 255),
    hostIp: undefined,
    time: sys.get("TimeCreated@SystemTime"),
    pid: sys.get("Execution@ProcessID"),
    data: (n) => str(ev.data.get(n), DATA_MAX),
  };
}

/**
 * A record's evidence, rendered on first use (as LineEvidence): its first 512 characters of XML would be the System
 * header (provider GUID, keywords, record id) and never reach the command line, so the text is a one-line summary
 * — `Provider EventID Computer TimeCreated record EventRecordID: Name=value …` — of the values the record holds, sanitized (cleanText).
 */
class XmlEvidence implements Evidence {
  #ev: XmlEvent | undefined;
  #text: string | undefined;

  constructor(readonly file: string, readonly line: number, ev: XmlEvent) {
    this.#ev = ev;
  }

  get text(): string {
    if (this.#text === undefined) {
      const ev = this.#ev!;
      const sys = (k: string) => ev.system.get(k) ?? "-";
      // Empty items are left out: `<Data Name="X"/>` and `<Data Name="X"></Data>` (an .evtx's NULL) say the same.
      const data = [...ev.data].filter(([, v]) => v !== "").map(([k, v]) => `${k}=${v.length > 256 ? `${v.slice(0, 256)}…` : v}`).join(" ");
      // EventRecordID is what Event Viewer finds the event by; `line` is the record's place in the file (XML) or the
      // .evtx record header's identifier, which a copied or forwarded log numbers anew: both are named.
      const id = ev.system.get("EventRecordID");
      const record = id !== undefined && /^\d{1,20}$/.test(id) ? ` record ${id}` : "";
      this.#text = cleanText(`${sys("Provider@Name")} ${sys("EventID")} ${sys("Computer")} ${sys("TimeCreated@SystemTime")}${record}: ${data}`);
      this.#ev = undefined;
    }
    return this.#text;
  }

  toJSON(): Evidence {
    return { file: this.file, line: this.line, text: this.text };
  }
}

/** The parser for `windows-xml` inputs: one call per record (xml-events.ts); `record` numbers them in the file. */
export function winXmlParser(ctx: ParseContext): LineParser {
  const recent = recentKeys();
  let inherited: ReadonlyMap<string, string> | undefined;
  return {
    namespaces(bindings) {
      inherited = new Map(bindings);
    },
    line(buf, start, end, record) {
      return emitXmlRecord(ctx, buf.toString("utf8", start, end), record, recent, inherited);
    },
  };
}

/** One `<Event>` record's XML text → its event, if any (the XML reader's and the EVTX reader's one mapping). */
export function emitXmlRecord(ctx: ParseContext, xml: string, record: number, recent: ReturnType<typeof recentKeys>, inherited?: ReadonlyMap<string, string>): LineResult {
  const ev = scanEvent(xml, inherited);
  if (typeof ev === "string") return LineResult.Malformed;
  return emitWindowsEvent(ctx, xmlLayout(ev), new XmlEvidence(ctx.file, record, ev), recent);
}
