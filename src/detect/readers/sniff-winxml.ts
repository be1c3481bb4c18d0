/**
 * Windows event XML from its first bytes: the text starts with `<` (after a BOM and white space) and holds
 * an `<Event` start tag — unprefixed or under any prefix (`<e:Event xmlns:e="…">`, `<evt:Events>` wrappers) —
 * with the event schema's namespace written, or `<Events>`/`<Event>` with a `<System>` element (exports that
 * drop the namespace). A syslog line (`<134>…`) starts with `<` too, but carries neither. Which prefix is bound
 * to which namespace is the reader's business (xml-scan.ts); sniffing only needs the shape.
 */
import { EVENT_NAMESPACE, MAX_PREFIX } from "./xml-text.js";

/** `<Event` or `<prefix:Event` followed by white space, `>` or `/`; the prefix is bounded (no backtracking beyond it). */
const EVENT_TAG = new RegExp(`<(?:[A-Za-z_][\\w.-]{0,${MAX_PREFIX - 1}}:)?Event[\\s>/]`);

export function isWindowsXml(head: Buffer): boolean {
  let text = head.toString("utf8", 0, Math.min(head.length, 64 * 1024));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (syslogFramedEvent(text)) return true;
  if (!text.trimStart().startsWith("<")) return false;
  if (!EVENT_TAG.test(text)) return false;
  return text.includes(EVENT_NAMESPACE) || ((text.includes("<Events>") || text.includes("<Event>")) && text.includes("<System>"));
}

/**
 * Sysmon for Linux's only output: one event per syslog line, the XML after the header and program tag, without
 * the namespace (`May 16 16:05:17 ip-172-16-101-22 sysmon: <Event><System><Provider Name="Linux-Sysmon" …`, as
 * microsoft/SysmonForLinux issues #126 and #203 quote /var/log/syslog). The record splitter skips the header as
 * text between records. Checked on the first line only: `<Event><System>` within its first 512 characters.
 */
function syslogFramedEvent(text: string): boolean {
  const at = text.indexOf("<Event><System>");
  if (at <= 0 || at > 512) return false;
  const nl = text.indexOf("\n");
  return nl < 0 || nl > at;
}

/** A binary Windows event log (.evtx) from its file header's signature, `ElfFile\0` (readers/evtx/). */
const EVTX_MAGIC = Buffer.from("ElfFile\0", "latin1");

export function isEvtx(head: Buffer): boolean {
  return head.length >= 8 && head.subarray(0, 8).equals(EVTX_MAGIC);
}
