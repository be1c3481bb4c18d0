/**
 * The Windows events of the JSON renderings (render-sysmon.ts, render-endpoint-logs.ts: the EVTX-to-JSON layout)
 * written back as the XML they were converted from (Microsoft Learn, "Windows Event Log: EventType complex
 * type", namespace http://schemas.microsoft.com/win/2004/08/events/event), in three layouts teams have:
 * - `wevtutil`: `wevtutil qe Microsoft-Windows-Sysmon/Operational /f:xml` — every event on one line, single-quoted
 *   attributes, empty elements self-closed, nothing between two events;
 * - `event-viewer`: Event Viewer "Save as XML" / `Get-WinEvent | % ToXml()` gathered in `<Events>` — an XML
 *   declaration, elements indented on lines of their own, CRLF line ends;
 * - `splunk`: Splunk's `XmlWinEventLog` sourcetype (Splunk Add-on for Microsoft Windows, renderXml = true) — one
 *   event per line, with `<RenderingInfo>` (the message in the reader's locale) after EventData.
 * - `prefixed`: the same schema under a namespace prefix (W3C "Namespaces in XML 1.0" §6: a prefix is bound by an
 *   `xmlns:p` declaration on the element or an ancestor), as .NET's XmlWriter writes with a prefix given and SIEM
 *   exports that wrap events: `<evt:Events xmlns:evt="…">` around `<evt:Event>` records that declare nothing
 *   themselves, every element prefixed, one per line, LF line ends;
 * - `prefixed-own`: one `<e:Event xmlns:e='…'>` per line, each record binding its prefix itself.
 * One conversion of the same objects: the XML and JSON renderings carry the same events.
 */

export type XmlStyle = "wevtutil" | "event-viewer" | "splunk" | "prefixed" | "prefixed-own";
type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export const EVENT_NS = "http://schemas.microsoft.com/win/2004/08/events/event";

const escape = (s: string, quote: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll(quote, quote === "'" ? "&apos;" : "&quot;")
  // Control characters cannot stand in XML 1.0 text as themselves: character references, as .NET's writer does.
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** EventData written flat ({Image: "…"}) → the schema's `Data` items ({Data: [{@Name, #text}]}). */
function eventData(v: Json): Json {
  if (!isObject(v) || "Data" in v) return v;
  return { Data: Object.entries(v).map(([k, x]) => ({ "@Name": k, "#text": x === null ? "" : String(x) })) };
}

function element(local: string, v: Json, q: string, out: string[], depth: number, pretty: boolean, prefix = ""): void {
  if (Array.isArray(v)) {
    for (const item of v) element(local, item, q, out, depth, pretty, prefix);
    return;
  }
  const name = prefix === "" ? local : `${prefix}:${local}`;
  const pad = pretty ? `\r\n${"  ".repeat(depth)}` : "";
  if (!isObject(v)) {
    const text = v === null ? "" : String(v);
    out.push(text === "" ? `${pad}<${name}/>` : `${pad}<${name}>${escape(text, q)}</${name}>`);
    return;
  }
  const attrs: [string, Json][] = [...Object.entries(isObject(v["#attributes"]) ? v["#attributes"] : {}), ...Object.entries(v).filter(([k]) => k.startsWith("@")).map(([k, x]): [string, Json] => [k.slice(1), x])];
  const open = `<${name}${attrs.map(([k, x]) => ` ${k}=${q}${escape(String(x), q)}${q}`).join("")}`;
  const children = Object.entries(v).filter(([k]) => k !== "#attributes" && k !== "#text" && !k.startsWith("@"));
  const text = v["#text"];
  if (children.length === 0 && (text === undefined || text === null || text === "")) {
    out.push(`${pad}${open}/>`);
    return;
  }
  out.push(`${pad}${open}>`);
  if (text !== undefined && text !== null) out.push(escape(String(text), q));
  for (const [k, x] of children) element(k, k === "EventData" ? eventData(x) : x, q, out, depth + 1, pretty, prefix);
  out.push(`${children.length > 0 ? pad : ""}</${name}>`);
}

/** Splunk's RenderingInfo: the message and level names as the forwarder rendered them. */
function renderingInfo(doc: { [k: string]: Json }): Json {
  const id = isObject(doc.System) ? String(doc.System.EventID ?? "") : "";
  return { "#attributes": { Culture: "en-US" }, Message: `Event ${id}`, Level: "Information", Task: "", Opcode: "Info", Channel: "", Provider: "", Keywords: { Keyword: "Audit Success" } };
}

/** The prefix each prefixed style binds to the event namespace (any name does: the reader goes by the binding). */
const PREFIXES: Partial<Record<XmlStyle, string>> = { prefixed: "evt", "prefixed-own": "e" };

/** One event (an EVTX-to-JSON object, `{Event: {...}}` or its content) as XML in `style`. */
export function eventXml(obj: Json, style: XmlStyle): string {
  const doc = isObject(obj) && isObject(obj.Event) ? obj.Event : obj;
  if (!isObject(doc)) return "";
  const prefix = PREFIXES[style] ?? "";
  const ns = style === "prefixed" ? {} : prefix === "" ? { xmlns: EVENT_NS } : { [`xmlns:${prefix}`]: EVENT_NS };
  const withNs: { [k: string]: Json } = { ...doc, "#attributes": ns };
  if (style === "splunk") withNs.RenderingInfo = renderingInfo(doc);
  const out: string[] = [];
  element("Event", withNs, style === "event-viewer" || style === "prefixed" ? '"' : "'", out, 0, style === "event-viewer", prefix);
  return out.join("").replace(/^\r\n/, "");
}

/** Lines of EVTX-to-JSON (one object per line) → the XML file of `style`. */
export function jsonLinesToXml(jsonl: string, style: XmlStyle): string {
  const events = jsonl.split("\n").filter((l) => l.trim() !== "").map((l) => eventXml(JSON.parse(l) as Json, style));
  if (style === "wevtutil") return events.join("");
  if (style === "splunk" || style === "prefixed-own") return events.length ? `${events.join("\n")}\n` : "";
  if (style === "prefixed") return `<?xml version="1.0" encoding="utf-8"?>\n<evt:Events xmlns:evt="${EVENT_NS}">\n${events.join("\n")}\n</evt:Events>\n`;
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>\r\n<Events>\r\n${events.join("\r\n")}\r\n</Events>\r\n`;
}
