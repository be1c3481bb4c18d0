/**
 * Windows event XML from its first bytes: the text starts with `<` (after a BOM and white space) and holds
 * an `<Event` start tag in the event schema's namespace, or `<Events>`/`<Event>` with a `<System>` element
 * (exports that drop the namespace). A syslog line (`<134>…`) starts with `<` too, but carries neither.
 */
const NAMESPACE = "http://schemas.microsoft.com/win/2004/08/events/event";

export function isWindowsXml(head: Buffer): boolean {
  let text = head.toString("utf8", 0, Math.min(head.length, 64 * 1024));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trimStart().startsWith("<")) return false;
  const event = text.indexOf("<Event");
  if (event < 0) return false;
  return text.includes(NAMESPACE) || ((text.includes("<Events>") || text.includes("<Event>")) && text.includes("<System>"));
}

/** A binary Windows event log (.evtx) from its file header's signature, `ElfFile\0` (readers/evtx/). */
const EVTX_MAGIC = Buffer.from("ElfFile\0", "latin1");

export function isEvtx(head: Buffer): boolean {
  return head.length >= 8 && head.subarray(0, 8).equals(EVTX_MAGIC);
}
