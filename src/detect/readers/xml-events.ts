/**
 * Splits a stream of Windows event XML into one record per `<Event>` element, whatever the line breaks:
 * `wevtutil qe … /f:xml` writes every event on one line with nothing between them, Event Viewer's "Save as
 * XML" wraps them in `<Events>` and breaks lines, Splunk's XmlWinEventLog writes one per line. A record runs
 * from its `<Event` start tag (the last one before the `</Event>` that closes it) to that end tag; what lies
 * between records (the `<?xml?>` declaration, `<Events>`, white space) is skipped. Hand-written because an XML
 * library's streaming parser (sax, fast-xml-parser) would hand out elements, not the raw bytes the evidence
 * and the per-event cap need, and this one shape is all there is to find.
 *
 * Limits (attacker-controlled input): a record longer than `maxBytes` is counted malformed and skipped up to
 * its end tag; a document type declaration (`<!DOCTYPE`, `<!ENTITY`: entity expansion, billion laughs) is
 * refused — the read stops with an error, nothing is expanded. Records are numbered 1, 2, … (Evidence.line).
 */
import type { ReadStats } from "../types.js";
import type { LineParser } from "./common.js";
import { countMalformed, parseCounted } from "./lines.js";
import { MAX_PREFIX } from "./xml-text.js";

const LOCAL = Buffer.from("Event");
const END_LOCAL = Buffer.from("Event>");
const DTD = [Buffer.from("<!DOCTYPE"), Buffer.from("<!ENTITY")];
const DTD_MIN = 8;
/** The longest end tag: `</` + prefix + `:Event>`. */
const END_MAX = 2 + MAX_PREFIX + 1 + END_LOCAL.length;
const LT = 0x3c, SLASH = 0x2f, COLON = 0x3a;
const XMLNS = Buffer.from("xmlns");
const MAX_BINDINGS = 16;

/** A character of an XML name (ASCII; prefixes bound to the event namespace are ASCII in practice: `e`, `evt`, `ns0`). */
function isNameChar(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e);
}

/**
 * Where the tag whose local name starts at `at` opens: `opener` (`<`, or `</` for an end tag) right before it,
 * or before a prefix of at most MAX_PREFIX name characters and a colon. -1 when it is no such tag.
 */
function tagOpen(buf: Buffer, at: number, endTag: boolean): number {
  let i = at - 1;
  if (buf[i] === COLON) {
    const stop = Math.max(0, i - MAX_PREFIX);
    i--;
    while (i >= stop && isNameChar(buf[i])) i--;
    if (i === at - 2) return -1; // an empty prefix
  }
  if (endTag) return buf[i] === SLASH && buf[i - 1] === LT ? i - 1 : -1;
  return buf[i] === LT ? i : -1;
}

/** The first `</Event>` or `</prefix:Event>` in buf from `from`: where it opens and where it stops, or undefined. */
function nextEnd(buf: Buffer, from: number): { open: number; stop: number } | undefined {
  let at = buf.indexOf(END_LOCAL, from);
  while (at >= 0) {
    const open = tagOpen(buf, at, true);
    if (open >= from) return { open, stop: at + END_LOCAL.length };
    at = buf.indexOf(END_LOCAL, at + 1);
  }
  return undefined;
}

/** `Event` followed by white space, `>` or `/` (not `<Events>`, `<EventData>`, `<EventID>`). */
function endsName(buf: Buffer, at: number): boolean {
  const c = buf[at + LOCAL.length];
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3e || c === SLASH;
}

/** The last `<Event` or `<prefix:Event` start tag opening in buf[from, to), or -1. */
function lastStart(buf: Buffer, from: number, to: number): number {
  // Never a negative offset: Buffer.lastIndexOf would count it from the end of the buffer.
  if (to - LOCAL.length < from) return -1;
  let at = buf.lastIndexOf(LOCAL, to - LOCAL.length);
  while (at > from) {
    const open = endsName(buf, at) ? tagOpen(buf, at, false) : -1;
    if (open >= from) return open;
    at = buf.lastIndexOf(LOCAL, at - 1);
  }
  return -1;
}

function hasStart(buf: Buffer, from: number, to: number): boolean {
  return lastStart(buf, from, to) >= 0;
}

/**
 * The namespace declarations (`xmlns="…"`, `xmlns:p="…"`) written in buf[from, to), the text between records (a
 * wrapper's start tag, `<evt:Events xmlns:evt="…">`), into `into` by prefix; at most MAX_BINDINGS prefixes, values
 * of at most 256 bytes, each declaration read once from its position: linear.
 */
function collectBindings(buf: Buffer, from: number, to: number, into: Map<string, string>): void {
  let at = buf.indexOf(XMLNS, from);
  while (at >= 0 && at < to) {
    let i = at + XMLNS.length, prefix = "";
    if (buf[i] === COLON) {
      const p = i + 1;
      while (i + 1 < to && i - p < MAX_PREFIX && isNameChar(buf[i + 1])) i++;
      prefix = buf.toString("latin1", p, i + 1);
      i++;
    }
    while (i < to && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0a || buf[i] === 0x0d)) i++;
    if (buf[i] === 0x3d) {
      i++;
      while (i < to && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0a || buf[i] === 0x0d)) i++;
      const quote = buf[i];
      const close = quote === 0x22 || quote === 0x27 ? buf.indexOf(quote, i + 1) : -1;
      if (close > i && close < to && close - i <= 256 && (into.has(prefix) || into.size < MAX_BINDINGS)) into.set(prefix, buf.toString("utf8", i + 1, close));
    }
    at = buf.indexOf(XMLNS, at + XMLNS.length);
  }
}

export class XmlEventSplitter {
  private carry: Buffer | undefined;
  private discarding = false;
  private refused = false;
  private record = 0;
  /** Namespace bindings declared between records (wrappers), handed to the parser for the records after them. */
  private readonly bindings = new Map<string, string>();

  constructor(private readonly parser: LineParser, private readonly stats: ReadStats, private readonly maxBytes: number) {}

  /** A DTD anywhere outside the records (or inside one: winxml.ts refuses `<!` in a record too) stops the read. */
  private refuse(buf: Buffer, from: number, to: number): boolean {
    if (to - from < DTD_MIN || !DTD.some((d) => buf.subarray(from, to).includes(d))) return false; // only between records: never the rest of the chunk
    this.refused = true;
    this.stats.error = "XML document type declaration (<!DOCTYPE/<!ENTITY) refused: entities are never expanded; the events before it were read";
    return true;
  }

  push(chunk: Buffer): void {
    if (this.refused) return;
    const buf = this.carry === undefined ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = undefined;
    let pos = 0;
    for (;;) {
      const found = nextEnd(buf, pos);
      if (found === undefined) break;
      const { open: end, stop } = found;
      if (this.discarding) this.discarding = false; // the end of an over-long record, already counted
      else {
        const start = lastStart(buf, pos, end);
        if (this.refuse(buf, pos, start < 0 ? end : start)) return;
        if (start > pos) this.inherit(buf, pos, start);
        // A start tag before this record's own one is a record cut short (no end tag of its own).
        if (start > pos && hasStart(buf, pos, start)) this.malformed();
        if (start < 0) this.malformed();
        else if (stop - start > this.maxBytes) this.malformed();
        else parseCounted(this.parser, this.stats, buf, start, stop, ++this.record);
      }
      pos = stop;
    }
    const rest = buf.length - pos;
    if (this.discarding) {
      // Keep only what could begin the end tag.
      this.carry = Buffer.from(buf.subarray(Math.max(pos, buf.length - END_MAX + 1)));
    } else if (rest > this.maxBytes + 64) {
      this.malformed();
      this.discarding = true;
      this.carry = Buffer.from(buf.subarray(buf.length - END_MAX + 1));
    } else if (rest > 0) this.carry = Buffer.from(buf.subarray(pos)); // copy: do not pin the whole chunk
  }

  /** Bindings declared in the text before a record reach the parser before that record does. */
  private inherit(buf: Buffer, from: number, to: number): void {
    const size = this.bindings.size;
    const before = size === 0 ? "" : [...this.bindings].join();
    collectBindings(buf, from, to, this.bindings);
    if (this.bindings.size !== size || (size > 0 && [...this.bindings].join() !== before)) this.parser.namespaces?.(this.bindings);
  }

  private malformed(): void {
    this.record++;
    countMalformed(this.stats);
  }

  /** End of input: an unfinished record (a start tag without its end tag) is malformed. */
  end(truncated = false): void {
    const rest = this.carry;
    this.carry = undefined;
    if (!this.refused && !this.discarding && rest !== undefined) {
      const start = lastStart(rest, 0, rest.length);
      if (this.refuse(rest, 0, rest.length)) return;
      if (start >= 0 || (truncated && rest.toString("latin1").trim() !== "")) this.malformed();
    }
    this.discarding = false;
    this.parser.end?.();
  }
}
