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
import { Compiler } from "./compile.js";
import { BINXML_LIMITS, BinXmlError, type Compiled, GROUP, LITERAL, NAME, type Op, SLOT, type Value, escapeXml } from "./template.js";
import { BINXML_TYPE, NULL_TYPE, arrayItems, isArrayType, valueText } from "./values.js";

export { BINXML_LIMITS, BinXmlError, escapeXml } from "./template.js";

type Group = Extract<Op, { k: typeof GROUP }>;

class Renderer {
  private out: string[] = [];
  private outLength = 0;
  private tokens = 0;
  /** While an element holding an array is repeated: the slot and the item it stands for. */
  private item: { index: number; text: string } | undefined;

  constructor(private readonly chunk: Buffer, private readonly names: Map<number, string>, private readonly templates: Map<number, Compiled | string>) {}

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

  private charge(n: number): void {
    this.tokens += n;
    if (this.tokens > BINXML_LIMITS.maxTokens) throw new BinXmlError("too many Binary XML tokens in one record");
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
  fragment(pos: number, end: number, depth: number): number {
    this.depth(depth);
    while (pos < end) {
      this.charge(1);
      const t = this.u8(pos, end);
      if (t === 0x00) return pos + 1;
      if (t === 0x0f) pos += 4;
      else if (t === 0x0c) pos = this.template(pos, end, depth + 1);
      else if ((t & 0xbf) === 0x01) {
        // An element outside any template (a record's own, or Binary XML in a substitution): prepared and rendered once.
        const c = new Compiler(this, end);
        pos = c.element(pos, depth + 1, false);
        this.charge(c.tokens);
        this.run(c.list.ops, 0, c.list.ops.length, [], 0);
      } else if (t === 0x0a) pos = this.name(pos + 1, end)[1];
      else if (t === 0x0b) pos = this.counted(pos + 1, end)[1];
      else throw new BinXmlError(`unexpected token 0x${t.toString(16)} in a fragment`);
    }
    return pos;
  }

  /** A template instance: its definition (inline or by offset, prepared once per chunk), then its values; renders the one with the other. */
  template(pos: number, end: number, depth: number): number {
    this.depth(depth);
    const { offset, body, size, values, next } = this.instance(pos, end);
    let compiled = this.templates.get(offset);
    if (compiled === undefined) {
      try {
        const c = new Compiler(this, body + size);
        c.fragment(body, 1);
        compiled = { ops: c.list.ops, tokens: c.tokens, depth: c.deepest };
      } catch (e) {
        if (!(e instanceof BinXmlError)) throw e;
        compiled = e.message; // the same bytes fail the same way for every record of the chunk
      }
      this.templates.set(offset, compiled);
    }
    if (typeof compiled === "string") throw new BinXmlError(compiled);
    this.depth(depth + compiled.depth);
    this.charge(compiled.tokens);
    this.run(compiled.ops, 0, compiled.ops.length, values, depth);
    return next;
  }

  /** A template instance's header and values, bounds-checked (the definition within the chunk, values within `end`). */
  instance(pos: number, end: number): { offset: number; body: number; size: number; values: Value[]; next: number } {
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
    return { offset, body, size, values, next: at };
  }

  /** Renders ops[from, to) with the instance's values; `depth` is the instance's. */
  private run(ops: readonly Op[], from: number, to: number, values: readonly Value[], depth: number): void {
    for (let i = from; i < to; i++) {
      const op = ops[i]!;
      if (op.k === LITERAL) this.emit(op.text);
      else if (op.k === SLOT) this.slot(op.index, op.attr, values, depth + op.depth);
      else if (op.k === GROUP) {
        this.group(op, ops, i, values, depth);
        i = op.end - 1;
      } else this.template(op.pos, op.end, depth + op.depth);
    }
  }

  /** An element or attribute: left out for an optional NULL, repeated per item of an array value, else rendered once. */
  private group(g: Group, ops: readonly Op[], at: number, values: readonly Value[], depth: number): void {
    for (const index of g.optionals) if (this.value(index, values).type === NULL_TYPE) return;
    if (g.element) {
      for (const index of g.slots) {
        const v = this.value(index, values);
        if (!isArrayType(v.type) || this.item?.index === index) continue;
        const items = arrayItems(v.type, this.chunk, v.at, v.size);
        if (items === undefined) throw new BinXmlError(`an array of type 0x${v.type.toString(16)} and ${v.size} bytes`);
        const outer = this.item;
        for (const text of items) {
          this.charge(g.end - at);
          this.item = { index, text };
          this.run(ops, at + 1, g.end, values, depth);
        }
        this.item = outer;
        return;
      }
    }
    this.run(ops, at + 1, g.end, values, depth);
  }

  private value(index: number, values: readonly Value[]): Value {
    const v = values[index];
    if (v === undefined) throw new BinXmlError(`substitution ${index} of ${values.length} values`);
    return v;
  }

  private slot(index: number, attr: boolean, values: readonly Value[], depth: number): void {
    const v = this.value(index, values);
    if (this.item?.index === index) this.emit(escapeXml(this.item.text));
    else if (v.type === BINXML_TYPE) {
      if (attr) throw new BinXmlError("Binary XML in an attribute value");
      this.fragment(v.at, v.at + v.size, depth + 1);
    } else {
      const text = valueText(v.type, this.chunk, v.at, v.size);
      if (text === undefined) throw new BinXmlError(`a value of type 0x${v.type.toString(16)} and ${v.size} bytes`);
      this.emit(escapeXml(text));
    }
  }

  /** Reads for the compiler (bounds-checked against `end`). */
  read = {
    u8: (pos: number, end: number) => this.u8(pos, end),
    u16: (pos: number, end: number) => this.u16(pos, end),
    counted: (pos: number, end: number) => this.counted(pos, end),
    name: (pos: number, end: number) => this.name(pos, end),
    instanceEnd: (pos: number, end: number) => this.instance(pos, end).next,
  };
}

/**
 * The XML of one record's Binary XML, chunk[from, to) (the record's event data). `names` caches the chunk's names by
 * offset across its records, `templates` its prepared template definitions (or why one failed) by offset. Throws
 * BinXmlError for a record that breaks the format or its budget.
 */
export function renderBinXml(chunk: Buffer, from: number, to: number, names: Map<number, string>, templates: Map<number, Compiled | string> = new Map()): string {
  const r = new Renderer(chunk, names, templates);
  r.fragment(from, to, 0);
  return r.text();
}
