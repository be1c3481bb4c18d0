/**
 * Binary XML walked once into ops (template.ts): a template definition on its first use in a chunk, or an element
 * outside any template. Tokens as binxml.ts's header describes them; its own token budget and depth bound, so a
 * definition fails the same way for every record that uses it.
 */
import { ATTR_VALUE_TOKENS, BINXML_LIMITS, BinXmlError, ENTITIES, type GROUP, INSTANCE, LITERAL, type Op, OpList, SLOT, escapeXml } from "./template.js";
import { STRING_TYPE } from "./values.js";

type Group = Extract<Op, { k: typeof GROUP }>;

/** The renderer's bounds-checked reads of the chunk (names cached per chunk). */
export interface ChunkReads {
  u8(pos: number, end: number): number;
  u16(pos: number, end: number): number;
  counted(pos: number, end: number): [string, number];
  name(pos: number, end: number): [string, number];
  instanceEnd(pos: number, end: number): number;
}

/** Walks Binary XML once (a template definition, or an element outside templates) into ops; its own token budget and depth bound. */
export class Compiler {
  readonly list = new OpList();
  tokens = 0;
  deepest = 0;

  constructor(private readonly r: { read: ChunkReads }, private readonly end: number) {}

  private token(pos: number): number {
    if (++this.tokens > BINXML_LIMITS.maxTokens) throw new BinXmlError("too many Binary XML tokens in one record");
    return this.r.read.u8(pos, this.end);
  }

  private depth(depth: number): void {
    if (depth > BINXML_LIMITS.maxDepth) throw new BinXmlError("Binary XML nested too deep");
    if (depth > this.deepest) this.deepest = depth;
  }

  /** A template definition's fragment: elements carry dependency identifiers. */
  fragment(pos: number, depth: number): number {
    this.depth(depth);
    const end = this.end;
    while (pos < end) {
      const t = this.token(pos);
      if (t === 0x00) return pos + 1;
      if (t === 0x0f) pos += 4;
      else if (t === 0x0c) {
        this.list.push({ k: INSTANCE, pos, end, depth: depth + 1 });
        pos = this.r.read.instanceEnd(pos, end);
      } else if ((t & 0xbf) === 0x01) pos = this.element(pos, depth + 1, true);
      else if (t === 0x0a) pos = this.r.read.name(pos + 1, end)[1];
      else if (t === 0x0b) pos = this.r.read.counted(pos + 1, end)[1];
      else throw new BinXmlError(`unexpected token 0x${t.toString(16)} in a fragment`);
    }
    return pos;
  }

  element(pos: number, depth: number, dep: boolean): number {
    this.depth(depth);
    const end = this.end;
    const hasAttributes = (this.r.read.u8(pos, end) & 0x40) !== 0;
    // Token, dependency identifier (in template definitions only, not in a record's own elements nor in Binary XML
    // substitution values: MS-EVEN6; libyal's notes on element start), data size.
    const header = dep ? 7 : 5;
    this.r.read.u8(pos + header - 1, end);
    let name: string;
    [name, pos] = this.r.read.name(pos + header, end);
    const g = this.list.group(true);
    this.list.literal(`<${name}`);
    if (hasAttributes) {
      pos += 4; // attribute list size
      for (;;) {
        const t = this.token(pos);
        if ((t & 0xbf) !== 0x06) break;
        pos = this.attribute(pos, g, depth);
      }
    }
    const close = this.token(pos);
    if (close === 0x03) {
      this.list.literal("/>");
      pos += 1;
    } else if (close === 0x02) {
      this.list.literal(">");
      pos = this.content(pos + 1, g, depth, dep);
      this.list.literal(`</${name}>`);
    } else throw new BinXmlError(`unexpected token 0x${close.toString(16)} closing a start tag`);
    this.list.close(g);
    return pos;
  }

  private attribute(pos: number, element: Group, depth: number): number {
    const end = this.end;
    let name: string;
    [name, pos] = this.r.read.name(pos + 1, end);
    const parts: Op[] = [];
    const optionals: number[] = [];
    while (pos < end && ATTR_VALUE_TOKENS.has(this.r.read.u8(pos, end))) {
      const t = this.token(pos);
      if ((t & 0xbf) === 0x05) {
        let text: string;
        [text, pos] = this.valueToken(pos);
        parts.push({ k: LITERAL, text });
      } else if (t === 0x0d || t === 0x0e) {
        const index = this.r.read.u16(pos + 1, end);
        this.r.read.u8(pos + 3, end);
        pos += 4;
        parts.push({ k: SLOT, index, attr: true, depth });
        element.slots.push(index);
        if (t === 0x0e) optionals.push(index);
      } else {
        let text: string;
        [text, pos] = this.reference(pos);
        parts.push({ k: LITERAL, text });
      }
    }
    if (parts.length === 0) return pos; // no value: no attribute
    const g = optionals.length > 0 ? this.list.group(false) : undefined;
    g?.optionals.push(...optionals);
    this.list.literal(` ${name}="`);
    for (const p of parts) {
      if (p.k === LITERAL) this.list.literal(p.text);
      else this.list.push(p);
    }
    this.list.literal('"');
    if (g !== undefined) this.list.close(g);
    return pos;
  }

  private content(pos: number, element: Group, depth: number, dep: boolean): number {
    const end = this.end;
    for (;;) {
      const t = this.token(pos);
      if (t === 0x04) return pos + 1;
      if ((t & 0xbf) === 0x01) pos = this.element(pos, depth + 1, dep);
      else if ((t & 0xbf) === 0x05) {
        let text: string;
        [text, pos] = this.valueToken(pos);
        this.list.literal(text);
      } else if (t === 0x0d || t === 0x0e) {
        const index = this.r.read.u16(pos + 1, end);
        this.r.read.u8(pos + 3, end);
        pos += 4;
        this.list.push({ k: SLOT, index, attr: false, depth });
        element.slots.push(index);
        if (t === 0x0e) element.optionals.push(index);
      } else if ((t & 0xbf) === 0x07) {
        const [text, next] = this.r.read.counted(pos + 1, end);
        this.list.literal(escapeXml(text));
        pos = next;
      } else if ((t & 0xbf) === 0x08 || (t & 0xbf) === 0x09) {
        let text: string;
        [text, pos] = this.reference(pos);
        this.list.literal(text);
      } else if (t === 0x0a) pos = this.r.read.name(pos + 1, end)[1];
      else if (t === 0x0b) pos = this.r.read.counted(pos + 1, end)[1];
      else throw new BinXmlError(`unexpected token 0x${t.toString(16)} in element content`);
    }
  }

  /** A value text token (type string only), escaped: [text, position after]. */
  private valueToken(pos: number): [string, number] {
    if (this.r.read.u8(pos + 1, this.end) !== STRING_TYPE) throw new BinXmlError("a value token that is not a string");
    const [text, next] = this.r.read.counted(pos + 2, this.end);
    return [escapeXml(text), next];
  }

  /** A character or entity reference: [markup, position after]. */
  private reference(pos: number): [string, number] {
    if ((this.r.read.u8(pos, this.end) & 0xbf) === 0x08) return [`&#${this.r.read.u16(pos + 1, this.end)};`, pos + 3];
    const [name, next] = this.r.read.name(pos + 1, this.end);
    if (!ENTITIES.has(name)) throw new BinXmlError(`entity &${name.slice(0, 20)}; is not one of the five XML defines`);
    return [`&${name};`, next];
  }
}

