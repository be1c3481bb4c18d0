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

const END = Buffer.from("</Event>");
const START = Buffer.from("<Event");
const DTD = [Buffer.from("<!DOCTYPE"), Buffer.from("<!ENTITY")];
const DTD_MIN = 8;

/** `<Event` followed by white space, `>` or `/` (not `<Events>`, `<EventData>`, `<EventID>`). */
function isStart(buf: Buffer, at: number): boolean {
  const c = buf[at + START.length];
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3e || c === 0x2f;
}

/** The last `<Event` start tag in buf[from, to), or -1. */
function lastStart(buf: Buffer, from: number, to: number): number {
  // Never a negative offset: Buffer.lastIndexOf would count it from the end of the buffer.
  if (to - START.length < from) return -1;
  let at = buf.lastIndexOf(START, to - START.length);
  while (at >= from && !isStart(buf, at)) at = at === 0 ? -1 : buf.lastIndexOf(START, at - 1);
  return at >= from ? at : -1;
}

function hasStart(buf: Buffer, from: number, to: number): boolean {
  return lastStart(buf, from, to) >= 0;
}

export class XmlEventSplitter {
  private carry: Buffer | undefined;
  private discarding = false;
  private refused = false;
  private record = 0;

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
      const end = buf.indexOf(END, pos);
      if (end < 0) break;
      const stop = end + END.length;
      if (this.discarding) this.discarding = false; // the end of an over-long record, already counted
      else {
        const start = lastStart(buf, pos, end);
        if (this.refuse(buf, pos, start < 0 ? end : start)) return;
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
      this.carry = Buffer.from(buf.subarray(Math.max(pos, buf.length - END.length + 1)));
    } else if (rest > this.maxBytes + 64) {
      this.malformed();
      this.discarding = true;
      this.carry = Buffer.from(buf.subarray(buf.length - END.length + 1));
    } else if (rest > 0) this.carry = Buffer.from(buf.subarray(pos)); // copy: do not pin the whole chunk
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
