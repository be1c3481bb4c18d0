/**
 * Binary XML (libyal libevtx, documentation/"Windows XML Event Log (EVTX).asciidoc", section "Binary XML"; Microsoft
 * [MS-EVEN6] 2.2.12 "BinXml") rendered as the event's XML text, so the record goes through the same reader as a
 * `wevtutil /f:xml` export (winxml.ts: one mapping). Offsets (names, template definitions) are relative to the
 * chunk, so a record is rendered against its whole 64 KiB chunk.
 *
 * Everything here is attacker-controlled: every read is bounds-checked against its region (the record, a template
 * definition, a substitution value), names must be XML names (a crafted name cannot inject markup), entity
 * references are the five predefined ones, and a record gets a budget — nesting depth (elements, template
 * instances, Binary XML in substitutions), tokens, values per template instance and output characters — so a
 * template that instantiates itself or a loop of offsets ends as a malformed record, never a hang.
 */
import { BINXML_TYPE, NULL_TYPE, STRING_TYPE, valueText } from "./values.js";

export const BINXML_LIMITS = { maxDepth: 32, maxTokens: 20_000, maxValues: 1024, maxOutput: 1 << 20 };

export class BinXmlError extends Error {}

interface Value { type: number; at: number; size: number }

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
const ENTITIES = new Set(["lt", "gt", "amp", "quot", "apos"]);
const ATTR_VALUE_TOKENS = new Set([0x05, 0x45, 0x0d, 0x0e, 0x08, 0x48, 0x09, 0x49]);

const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

export function escapeXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s; // most values: names, numbers, paths
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&apos;")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
}

class Renderer {
  private out: string[] = [];
  private outLength = 0;
  private tokens = 0;

  constructor(private readonly chunk: Buffer, private readonly names: Map<number, string>) {}

  text(): string {
    return this.out.join("");
  }

  private emit(s: string): void {
    this.outLength += s.length;
    if (this.outLength > BINXML_LIMITS.maxOutput) throw new BinXmlError("record renders to more than 1 MiB of XML");
    this.out.push(s);
  }

  private need(pos: number, n: number, end: number): void {
    if (pos < 0 || pos + n > end) throw new BinXmlError(`read past the end of its region at ${pos}`);
  }

  private u8(pos: number, end: number): number {
    this.need(pos, 1, end);
    return this.chunk[pos]!;
  }

  private u16(pos: number, end: number): number {
    this.need(pos, 2, end);
    return this.chunk.readUInt16LE(pos);
  }

  private u32(pos: number, end: number): number {
    this.need(pos, 4, end);
    return this.chunk.readUInt32LE(pos);
  }

  private token(pos: number, end: number): number {
    if (++this.tokens > BINXML_LIMITS.maxTokens) throw new BinXmlError("too many Binary XML tokens in one record");
    return this.u8(pos, end);
  }

  /** A counted UTF-16 string (u16 characters, then the characters) at pos: [text, position after]. */
  private counted(pos: number, end: number): [string, number] {
    const n = this.u16(pos, end);
    this.need(pos + 2, n * 2, end);
    return [this.chunk.toString("utf16le", pos + 2, pos + 2 + n * 2), pos + 2 + n * 2];
  }

  /** A name by its chunk offset, read inline when the offset is where the name field ends: [name, position after]. */
  private name(pos: number, end: number): [string, number] {
    const offset = this.u32(pos, end);
    const inline = offset === pos + 4;
    let name = this.names.get(offset);
    if (name === undefined) {
      this.need(offset, 8, this.chunk.length);
      const [text] = this.counted(offset + 6, this.chunk.length);
      if (!NAME.test(text) || text.length > 255) throw new BinXmlError("a name that is not an XML name");
      name = text;
      this.names.set(offset, name);
    }
    return [name, inline ? offset + 8 + name.length * 2 + 2 : pos + 4];
  }

  private depth(depth: number): void {
    if (depth > BINXML_LIMITS.maxDepth) throw new BinXmlError("Binary XML nested too deep");
  }

  /** A fragment (header, then an element or a template instance) up to its end-of-file token or `end`. */
  fragment(pos: number, end: number, values: readonly Value[], depth: number, dep: boolean): number {
    this.depth(depth);
    while (pos < end) {
      const t = this.token(pos, end);
      if (t === 0x00) return pos + 1;
      if (t === 0x0f) pos += 4;
      else if (t === 0x0c) pos = this.template(pos, end, depth + 1);
      else if ((t & 0xbf) === 0x01) pos = this.element(pos, end, values, depth + 1, dep);
      else if (t === 0x0a) pos = this.name(pos + 1, end)[1];
      else if (t === 0x0b) pos = this.counted(pos + 1, end)[1];
      else throw new BinXmlError(`unexpected token 0x${t.toString(16)} in a fragment`);
    }
    return pos;
  }

  private element(pos: number, end: number, values: readonly Value[], depth: number, dep: boolean): number {
    this.depth(depth);
    const hasAttributes = (this.chunk[pos]! & 0x40) !== 0;
    // Token, dependency identifier (in template definitions only, not in a record's own elements nor in Binary XML
    // substitution values: MS-EVEN6; libyal's notes on element start), data size.
    const header = dep ? 7 : 5;
    this.need(pos, header, end);
    let name: string;
    [name, pos] = this.name(pos + header, end);
    this.emit(`<${name}`);
    if (hasAttributes) {
      pos += 4; // attribute list size
      for (;;) {
        const t = this.token(pos, end);
        if ((t & 0xbf) !== 0x06) break;
        pos = this.attribute(pos, end, values, depth);
      }
    }
    const close = this.token(pos, end);
    if (close === 0x03) {
      this.emit("/>");
      return pos + 1;
    }
    if (close !== 0x02) throw new BinXmlError(`unexpected token 0x${close.toString(16)} closing a start tag`);
    this.emit(">");
    pos = this.content(pos + 1, end, values, depth, dep);
    this.emit(`</${name}>`);
    return pos;
  }

  private attribute(pos: number, end: number, values: readonly Value[], depth: number): number {
    let name: string;
    [name, pos] = this.name(pos + 1, end);
    const parts: string[] = [];
    let present = false;
    while (pos < end && ATTR_VALUE_TOKENS.has(this.chunk[pos]!)) {
      const t = this.token(pos, end);
      if ((t & 0xbf) === 0x05) {
        pos = this.valueToken(pos, end, parts);
        present = true;
      } else if (t === 0x0d || t === 0x0e) {
        const v = this.value(pos, end, values);
        pos += 4;
        if (v === undefined) continue; // optional and null: the attribute is left out
        if (v.type === BINXML_TYPE) throw new BinXmlError("Binary XML in an attribute value");
        parts.push(escapeXml(this.scalar(v)));
        present = true;
      } else {
        pos = this.reference(pos, end, parts);
        present = true;
      }
    }
    if (present || parts.length > 0) this.emit(` ${name}="${parts.join("")}"`);
    return pos;
  }

  private content(pos: number, end: number, values: readonly Value[], depth: number, dep: boolean): number {
    for (;;) {
      const t = this.token(pos, end);
      if (t === 0x04) return pos + 1;
      if ((t & 0xbf) === 0x01) pos = this.element(pos, end, values, depth + 1, dep);
      else if ((t & 0xbf) === 0x05) {
        const parts: string[] = [];
        pos = this.valueToken(pos, end, parts);
        this.emit(parts.join(""));
      } else if (t === 0x0d || t === 0x0e) {
        const v = this.value(pos, end, values);
        pos += 4;
        if (v === undefined) continue;
        if (v.type === BINXML_TYPE) this.fragment(v.at, v.at + v.size, [], depth + 1, false);
        else this.emit(escapeXml(this.scalar(v)));
      } else if ((t & 0xbf) === 0x07) {
        const [text, next] = this.counted(pos + 1, end);
        this.emit(escapeXml(text));
        pos = next;
      } else if ((t & 0xbf) === 0x08 || (t & 0xbf) === 0x09) {
        const parts: string[] = [];
        pos = this.reference(pos, end, parts);
        this.emit(parts.join(""));
      } else if (t === 0x0a) pos = this.name(pos + 1, end)[1];
      else if (t === 0x0b) pos = this.counted(pos + 1, end)[1];
      else throw new BinXmlError(`unexpected token 0x${t.toString(16)} in element content`);
    }
  }

  /** A value text token (type string only), escaped into parts. */
  private valueToken(pos: number, end: number, parts: string[]): number {
    if (this.u8(pos + 1, end) !== STRING_TYPE) throw new BinXmlError("a value token that is not a string");
    const [text, next] = this.counted(pos + 2, end);
    parts.push(escapeXml(text));
    return next;
  }

  /** A character or entity reference. */
  private reference(pos: number, end: number, parts: string[]): number {
    if ((this.chunk[pos]! & 0xbf) === 0x08) {
      parts.push(`&#${this.u16(pos + 1, end)};`);
      return pos + 3;
    }
    const [name, next] = this.name(pos + 1, end);
    if (!ENTITIES.has(name)) throw new BinXmlError(`entity &${name.slice(0, 20)}; is not one of the five XML defines`);
    parts.push(`&${name};`);
    return next;
  }

  /** The value a substitution token names; undefined for an optional substitution of a null value. */
  private value(pos: number, end: number, values: readonly Value[]): Value | undefined {
    const optional = this.chunk[pos] === 0x0e;
    const id = this.u16(pos + 1, end);
    this.u8(pos + 3, end);
    const v = values[id];
    if (v === undefined) throw new BinXmlError(`substitution ${id} of ${values.length} values`);
    return optional && (v.type === NULL_TYPE || v.size === 0) ? undefined : v;
  }

  private scalar(v: Value): string {
    const text = valueText(v.type, this.chunk, v.at, v.size);
    if (text === undefined) throw new BinXmlError(`a value of type 0x${v.type.toString(16)} and ${v.size} bytes`);
    return text;
  }

  /** A template instance: its definition (inline or by offset), then its values; renders the definition with them. */
  private template(pos: number, end: number, depth: number): number {
    this.depth(depth);
    const offset = this.u32(pos + 6, end);
    let next = pos + 10;
    const chunkEnd = this.chunk.length;
    const size = this.u32(offset + 20, chunkEnd);
    const body = offset + 24;
    this.need(body, size, chunkEnd);
    if (offset === next) {
      this.need(body, size, end); // inline: the definition is part of this record
      next = body + size;
    }
    const count = this.u32(next, end);
    if (count > BINXML_LIMITS.maxValues) throw new BinXmlError(`${count} substitution values`);
    this.need(next + 4, count * 4, end);
    const values: Value[] = [];
    let at = next + 4 + count * 4;
    for (let i = 0; i < count; i++) {
      const d = next + 4 + i * 4;
      const v = { size: this.chunk.readUInt16LE(d), type: this.chunk[d + 2]!, at };
      this.need(at, v.size, end);
      values.push(v);
      at += v.size;
    }
    this.fragment(body, body + size, values, depth + 1, true);
    return at;
  }
}

/**
 * The XML of one record's Binary XML, chunk[from, to) (the record's event data). `names` caches the chunk's names by
 * offset across its records. Throws BinXmlError for a record that breaks the format or its budget.
 */
export function renderBinXml(chunk: Buffer, from: number, to: number, names: Map<number, string>): string {
  const r = new Renderer(chunk, names);
  r.fragment(from, to, [], 0, false);
  return r.text();
}
