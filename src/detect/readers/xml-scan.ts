/**
 * One Windows event record (`<Event>…</Event>`, the event schema) read by a bounded single pass (winxml.ts has
 * the limits and the why): System values and the named event data. Also used for the EventData XML that
 * Microsoft Sentinel's SecurityEvent rows carry as a string (winevent.ts).
 */
import { DATA_MAX } from "./sysmon.js";
import { EVENT_NAMESPACE, MAX_PREFIX, type StartTag, decodeXml, readTag, tagEnd } from "./xml-text.js";

const MAX_DEPTH = 16;
const MAX_ITEMS = 128;
const MAX_TEXT = DATA_MAX;

/** What one record holds: System values by "Element" or "Element@Attribute", and the named data. */
export interface XmlEvent { system: Map<string, string>; data: Map<string, string> }

const SYSTEM_ATTRS: Record<string, string> = { Provider: "Name", TimeCreated: "SystemTime", Execution: "ProcessID" };
const SYSTEM_TEXT = new Set(["EventID", "Computer", "Channel", "EventRecordID"]);

/**
 * Why a record's root is not an event, or undefined when it is: `<Event>` by its local name in the event
 * namespace, under whatever prefix is bound to it (on the element itself, else by a wrapper: `inherited`), or
 * with no namespace at all (exports that drop it). `<x:Event>` with x bound elsewhere (or unbound) is not one.
 */
function rootRefusal(tag: StartTag, inherited: ReadonlyMap<string, string> | undefined): string | undefined {
  if (tag.name !== "Event") return `the record's root is <${tag.name.slice(0, 40)}>, not <Event>`;
  if (tag.prefix.length > MAX_PREFIX) return "the root's namespace prefix is too long";
  const ns = tag.ns.get(tag.prefix) ?? inherited?.get(tag.prefix);
  if (ns === EVENT_NAMESPACE || (tag.prefix === "" && (ns === undefined || ns === ""))) return undefined;
  return ns === undefined ? `the root's prefix ${tag.prefix} is bound to no namespace` : `the root <Event> is in the namespace ${ns.slice(0, 80)}, not the event schema's`;
}

/**
 * Reads one `<Event>…</Event>` record; a string says why it is malformed. `inherited`: the namespace bindings
 * declared around the record (an `<evt:Events xmlns:evt="…">` wrapper), by prefix ("" the default namespace).
 */
export function scanEvent(s: string, inherited?: ReadonlyMap<string, string>): XmlEvent | string {
  const system = new Map<string, string>(), data = new Map<string, string>();
  const stack: { name: string; dataName?: string }[] = [];
  let text = "";
  let i = 0;
  for (;;) {
    const lt = s.indexOf("<", i);
    if (lt < 0) break;
    // Whole text, capped only after decoding (a cut `&amp;` would make the record malformed); the record is capped already.
    if (stack.length > 0 && lt > i) text += s.slice(i, lt);
    if (s.startsWith("<!--", lt)) {
      const end = s.indexOf("-->", lt + 4);
      if (end < 0) return "unclosed comment";
      i = end + 3;
      continue;
    }
    if (s.startsWith("<![CDATA[", lt)) {
      const end = s.indexOf("]]>", lt + 9);
      if (end < 0) return "unclosed CDATA section";
      text += s.slice(lt + 9, end).replaceAll("&", "&amp;").replaceAll("<", "&lt;");
      i = end + 3;
      continue;
    }
    if (s.startsWith("<!", lt)) return "a declaration (<!DOCTYPE, <!ENTITY…) in an event: refused, never expanded";
    if (s.startsWith("<?", lt)) {
      const end = s.indexOf("?>", lt + 2);
      if (end < 0) return "unclosed processing instruction";
      i = end + 2;
      continue;
    }
    const gt = tagEnd(s, lt);
    if (gt < 0) return "unclosed tag";
    i = gt + 1;
    if (s[lt + 1] === "/") {
      const name = s.slice(lt + 2, gt).trim();
      const top = stack.pop();
      if (top === undefined || top.name !== name.slice(name.indexOf(":") + 1)) return `end tag </${name.slice(0, 40)}> does not close the open element`;
      const value = decodeXml(text);
      if (value === undefined) return "an entity other than &lt; &gt; &amp; &quot; &apos; or a character reference";
      leaf(stack, top, value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value, system, data);
      text = "";
      continue;
    }
    const selfClosing = s[gt - 1] === "/";
    const tag = readTag(s.slice(lt + 1, selfClosing ? gt - 1 : gt));
    if (tag === undefined) return "ill-formed start tag";
    const refused = stack.length === 0 ? rootRefusal(tag, inherited) : undefined;
    if (refused !== undefined) return refused;
    if (stack.length === 2 && stack[1]!.name === "System" && Object.hasOwn(SYSTEM_ATTRS, tag.name)) {
      const v = tag.attrs.get(SYSTEM_ATTRS[tag.name] ?? "");
      if (v !== undefined) system.set(`${tag.name}@${SYSTEM_ATTRS[tag.name]}`, v);
    }
    if (selfClosing) {
      // `<Data Name="X"/>` is an empty value, as `<Data Name="X"></Data>` is (Windows writes both; wevtutil and Get-WinEvent show "").
      if (stack.length > 0) leaf(stack, element(tag), "", system, data);
      continue;
    }
    if (stack.length >= MAX_DEPTH) return "elements nested too deep";
    stack.push(element(tag));
    text = "";
  }
  if (stack.length > 0) return "the record ends inside an element";
  return { system, data };
}

/** An open element: its local name, and the Name attribute of a `<Data>`. */
function element(tag: StartTag): { name: string; dataName?: string } {
  return { name: tag.name, ...(tag.name === "Data" && tag.attrs.has("Name") ? { dataName: tag.attrs.get("Name") } : {}) };
}

/** A closed element's text, where the record keeps it. */
function leaf(stack: readonly { name: string }[], el: { name: string; dataName?: string }, value: string, system: Map<string, string>, data: Map<string, string>): void {
  // stack[0] is the record's <Event> (scanEvent refuses any other root): the parent's path without joining names.
  const section = stack[1]?.name;
  if (stack.length === 2 && section === "System" && SYSTEM_TEXT.has(el.name)) system.set(el.name, value.trim());
  else if (data.size >= MAX_ITEMS) return;
  else if (stack.length === 2 && section === "EventData" && el.dataName !== undefined) data.set(el.dataName, value);
  // UserData holds one provider-defined element whose children are the event's fields.
  else if (stack.length === 3 && section === "UserData" && !data.has(el.name)) data.set(el.name, value);
}
