/**
 * The pieces of XML text the Windows event scanner (winxml.ts) needs, each one bounded pass: the predefined
 * entities and character references (W3C XML 1.0 §4.6, §4.1; nothing else is ever expanded), the end of a tag
 * (quotes respected: `>` may stand in an attribute value), a start tag's name and attributes (prefixes dropped).
 */
/** The event schema's namespace (Microsoft Learn, "Windows Event Log: EventType complex type"). */
export const EVENT_NAMESPACE = "http://schemas.microsoft.com/win/2004/08/events/event";
/** The longest namespace prefix read on an event element (`e`, `evt`, `ns0`… in practice): a bound on the splitter's look-back. */
export const MAX_PREFIX = 32;

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the predefined entities and character references; undefined for any other entity. */
export function decodeXml(s: string): string | undefined {
  let amp = s.indexOf("&");
  if (amp < 0) return s;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(";", amp);
    if (semi < 0 || semi - amp > 10) return undefined;
    const name = s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (name.startsWith("#x") || name.startsWith("#X")) ch = codePoint(Number.parseInt(name.slice(2), 16), /^[0-9a-fA-F]{1,6}$/.test(name.slice(2)));
    else if (name.startsWith("#")) ch = codePoint(Number(name.slice(1)), /^[0-9]{1,7}$/.test(name.slice(1)));
    else ch = Object.hasOwn(NAMED, name) ? NAMED[name] : undefined;
    if (ch === undefined) return undefined;
    out += s.slice(from, amp) + ch;
    from = semi + 1;
    amp = s.indexOf("&", from);
  }
  return out + s.slice(from);
}

/** A character reference's character; U+FFFD for NUL or a surrogate. */
function codePoint(n: number, wellFormed: boolean): string | undefined {
  if (!wellFormed || !Number.isInteger(n)) return undefined;
  // XML 1.0 allows neither C0 controls nor NUL, yet .NET's writer (EventRecord.ToXml) references what a command line
  // holds: C0 controls are kept as the JSON twin keeps them (terminal output strips them later); NUL and lone
  // surrogates become U+FFFD.
  const ok = (n >= 0x1 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
  return ok ? String.fromCodePoint(n) : "\ufffd";
}

/** The end of the tag opened at `lt` (the `>` outside quoted attribute values), or -1. */
export function tagEnd(s: string, lt: number): number {
  let quote = "";
  for (let i = lt + 1; i < s.length; i++) {
    const c = s[i];
    if (quote !== "") { if (c === quote) quote = ""; }
    else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return i;
  }
  return -1;
}

/**
 * A start tag: its local name, its prefix ("" when none), its attributes by local name (decoded) and the namespace
 * bindings it declares (`xmlns="…"` under "", `xmlns:p="…"` under "p"; never among the attributes); undefined when ill-formed.
 */
export interface StartTag { name: string; prefix: string; attrs: ReadonlyMap<string, string>; ns: ReadonlyMap<string, string> }

const NO_ATTRS: ReadonlyMap<string, string> = new Map();

/**
 * The tag of a qualified name ("" prefix when none). Built field by field: spreading a returned `{prefix, name}` into
 * the tag (`{...splitName(q), attrs, ns}`) took V8's generic clone path, ~3 µs a tag in Node 20 — half the time of
 * reading an event (w19, measured with bench:detect-formats).
 */
function startTag(qname: string, attrs: ReadonlyMap<string, string>, ns: ReadonlyMap<string, string>): StartTag {
  const colon = qname.indexOf(":");
  return colon < 0 ? { name: qname, prefix: "", attrs, ns } : { name: qname.slice(colon + 1), prefix: qname.slice(0, colon), attrs, ns };
}

export function readTag(tag: string): StartTag | undefined {
  // Most elements (<EventID>, <Computer>, <Data Name=…> aside) carry no attribute.
  if (!tag.includes("=")) {
    const name = tag.trim();
    return name === "" || name.includes(" ") ? undefined : startTag(name, NO_ATTRS, NO_ATTRS);
  }
  let i = 0;
  while (i < tag.length && !" \t\r\n".includes(tag[i] ?? "")) i++;
  const qname = tag.slice(0, i);
  const attrs = new Map<string, string>();
  const ns = new Map<string, string>();
  for (;;) {
    while (i < tag.length && " \t\r\n".includes(tag[i] ?? "")) i++;
    if (i >= tag.length) break;
    const eq = tag.indexOf("=", i);
    if (eq < 0 || attrs.size + ns.size >= 16) return undefined;
    const key = tag.slice(i, eq).trim();
    let q = eq + 1;
    while (q < tag.length && " \t\r\n".includes(tag[q] ?? "")) q++;
    const quote = tag[q];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = tag.indexOf(quote, q + 1);
    if (close < 0) return undefined;
    const value = decodeXml(tag.slice(q + 1, close));
    if (value === undefined) return undefined;
    if (key === "xmlns") ns.set("", value);
    else if (key.startsWith("xmlns:")) ns.set(key.slice(6), value);
    else attrs.set(key.slice(key.indexOf(":") + 1), value);
    i = close + 1;
  }
  return qname === "" ? undefined : startTag(qname, attrs, ns);
}
