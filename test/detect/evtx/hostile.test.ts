/**
 * Crafted and corrupt .evtx files (all attacker-controlled): each bad record or chunk is counted malformed and
 * the reader goes on; nothing hangs, throws or grows without bound. Checksums are recomputed after each edit
 * (resealChunk) so the crafted record itself is what the reader meets, unless the checksum is the test.
 */
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { renderBinXml } from "../../../src/detect/readers/evtx/binxml.js";
import { EvtxReader } from "../../../src/detect/readers/evtx/reader.js";
import { localClock } from "../../../src/detect/readers/index.js";
import type { ReadStats } from "../../../src/detect/types.js";
import { readAll, tempFile } from "../readers/helpers.js";
import { sysmonLookups } from "../winxml/events.js";
import { CHUNK, ChunkWriter, type Value, appendEvent, eventBinXml, fileHeader, resealChunk, str, writeEvtx } from "../../../src/detect/eval/render-evtx.js";

const EVENTS = sysmonLookups();

/** Chunk 1: a good record, the crafted one, a good record; chunk 2: one good record. */
function fileWith(craft: (w: ChunkWriter) => void, options: { dirty?: boolean; edit?: (chunk: Buffer, crafted: number) => void } = {}): Buffer {
  const w = new ChunkWriter();
  appendEvent(w, EVENTS[0]!, 1n);
  const crafted = w.pos;
  w.record(2n, 0n, () => craft(w));
  appendEvent(w, EVENTS[1]!, 3n);
  const chunk = w.seal(1n, 3n, crafted);
  options.edit?.(chunk, crafted);
  const w2 = new ChunkWriter();
  appendEvent(w2, EVENTS[2]!, 4n);
  return Buffer.concat([fileHeader(2, 5n, options.dirty), chunk, w2.seal(4n, 4n, 512)]);
}

async function read(file: Buffer, name: string) {
  return readAll(tempFile(`${name}.evtx`, file));
}

/** The good records around the crafted one read; the crafted one is the one malformed record. */
async function expectOneMalformed(file: Buffer, name: string): Promise<void> {
  const { events, stats } = await read(file, name);
  expect(stats.format).toBe("windows-evtx");
  expect([stats.lines, stats.malformed]).toEqual([4, 1]);
  expect(events.length).toBe(3);
  expect(stats.error).toBeUndefined();
}

/** Why the reader refuses a crafted record (the guard that stopped it, not a failure further on). */
function refusal(craft: (w: ChunkWriter) => void): string {
  const w = new ChunkWriter();
  const at = w.pos;
  w.record(1n, 0n, () => craft(w));
  try {
    return `rendered: ${renderBinXml(w.buf, at + 24, w.pos - 4, new Map())}`;
  } catch (e) {
    return (e as Error).message;
  }
}

/** A record-level element (no dependency identifier) whose name is at `nameOffset`. */
function element(w: ChunkWriter, nameOffset: number): void {
  w.fragmentHeader();
  w.u8(0x01);
  w.u32(0);
  w.u32(nameOffset);
  w.u8(0x03);
  w.u8(0x00);
}

/** A template whose body instantiates the template itself `copies` times. */
function selfTemplate(w: ChunkWriter, copies: number): void {
  w.fragmentHeader();
  w.u8(0x0c);
  w.u8(1);
  w.u32(1);
  const def = w.pos + 4;
  w.u32(def);
  w.u32(0);
  w.bytes(Buffer.alloc(16));
  const size = w.pos;
  w.u32(0);
  w.fragmentHeader();
  for (let i = 0; i < copies; i++) {
    w.u8(0x0c);
    w.u8(1);
    w.u32(1);
    w.u32(def);
    w.u32(0);
  }
  w.u8(0x00);
  w.patch32(size, w.pos - size - 4);
  w.u32(0);
}

/** Binary XML in a substitution, `levels` deep: each level a template `<a>` whose content is the next level. */
function nest(w: ChunkWriter, levels: number): Value {
  if (levels === 0) return str("whois.exe example.com");
  return {
    type: 0x21,
    write: (x) => {
      x.fragmentHeader();
      x.instance("nest", () => x.element("a", [], () => x.sub(0, 0x21)), [nest(w, levels - 1)]);
      x.u8(0x00);
    },
  };
}

describe("hostile .evtx files", () => {
  it("a name offset outside the chunk", async () => {
    await expectOneMalformed(fileWith((w) => element(w, 0xfffffff0)), "name-outside");
  });

  it("a name that is not an XML name (markup injection: `a><!DOCTYPE x>`)", async () => {
    const inject = (w: ChunkWriter) => {
      const at = w.pos + 4 + 1 + 4 + 4;
      w.fragmentHeader();
      w.u8(0x01);
      w.u32(0);
      w.u32(at);
      w.u32(0);
      w.u16(0);
      w.u16("a><!DOCTYPE x>".length);
      w.utf16("a><!DOCTYPE x>");
      w.u16(0);
      w.u8(0x03);
    };
    expect(refusal(inject)).toBe("a name that is not an XML name");
    await expectOneMalformed(fileWith(inject), "name-injection");
  });

  it("an entity reference other than the five XML ones", async () => {
    const entity = (w: ChunkWriter) => {
      w.fragmentHeader();
      w.u8(0x01);
      w.u32(0);
      w.name("Event");
      w.u8(0x02);
      w.u8(0x09);
      w.name("xxe");
      w.u8(0x04);
    };
    expect(refusal(entity)).toMatch(/^entity &xxe; is not one of the five/);
    await expectOneMalformed(fileWith(entity), "entity");
  });

  it("a template definition offset outside the chunk", async () => {
    await expectOneMalformed(fileWith((w) => {
      w.fragmentHeader();
      w.u8(0x0c);
      w.u8(1);
      w.u32(1);
      w.u32(0x7ffffff0);
      w.u32(0);
    }), "template-outside");
  });

  it("a template that instantiates itself (a loop of offsets) ends at the depth limit", async () => {
    expect(refusal((w) => selfTemplate(w, 1))).toBe("Binary XML nested too deep");
    await expectOneMalformed(fileWith((w) => selfTemplate(w, 1)), "template-loop");
  });

  it("a template that instantiates itself twice per level (2^depth expansions) ends at the depth limit", async () => {
    expect(refusal((w) => selfTemplate(w, 2))).toBe("Binary XML nested too deep");
    await expectOneMalformed(fileWith((w) => selfTemplate(w, 2)), "template-bomb");
  });

  it("a shallow amplification (200 instances of a 200-element template) ends at the token budget", async () => {
    const amplify = (w: ChunkWriter) => {
      const wide = () => { for (let i = 0; i < 200; i++) w.element("a", [], null); };
      w.fragmentHeader();
      w.instance("T2", () => { for (let i = 0; i < 200; i++) w.instance("T1", wide, []); }, []);
    };
    expect(refusal(amplify)).toBe("too many Binary XML tokens in one record");
    await expectOneMalformed(fileWith(amplify), "amplify");
  });

  it("Binary XML nested in substitutions 40 deep is malformed; 5 deep renders", async () => {
    const deep = (w: ChunkWriter) => { w.fragmentHeader(); w.instance("outer", () => w.element("Event", [], () => w.sub(0, 0x21)), [nest(w, 40)]); };
    expect(refusal(deep)).toBe("Binary XML nested too deep");
    await expectOneMalformed(fileWith(deep), "nest-deep");
    const w = new ChunkWriter();
    const at = w.pos;
    w.record(1n, 0n, () => { w.fragmentHeader(); w.instance("outer", () => w.element("Event", [], () => w.sub(0, 0x21)), [nest(w, 5)]); });
    expect(renderBinXml(w.buf, at + 24, w.pos - 4, new Map())).toBe("<Event><a><a><a><a><a>whois.exe example.com</a></a></a></a></a></Event>");
  });

  it("Binary XML in a substitution that holds an element directly has no dependency identifier (as CAPI2's UserData)", () => {
    const direct: Value = { type: 0x21, write: (x) => { x.fragmentHeader(); x.element("Data", [["Name", () => x.text("Image")]], () => x.text("C:\\whois.exe")); x.u8(0x00); } };
    expect(refusal((w) => { w.fragmentHeader(); w.instance("outer", () => w.element("Event", [], () => w.sub(0, 0x21)), [direct]); }))
      .toBe('rendered: <Event><Data Name="Image">C:\\whois.exe</Data></Event>');
  });

  it("a substitution count of 16 million, and a value that claims more than its record", async () => {
    const header = (w: ChunkWriter) => {
      w.fragmentHeader();
      w.instance("t", () => w.element("Event", [], () => w.sub(0, 0x01)), []);
      w.pos -= 4; // rewrite the value count
    };
    expect(refusal((w) => { header(w); w.u32(0xffffff); })).toBe("16777215 substitution values");
    await expectOneMalformed(fileWith((w) => { header(w); w.u32(0xffffff); }), "many-values");
    await expectOneMalformed(fileWith((w) => { header(w); w.u32(1); w.u16(0xffff); w.u8(0x01); w.u8(0); w.utf16("abc"); }), "value-too-big");
  });

  it("a substitution naming a value the instance does not have", async () => {
    await expectOneMalformed(fileWith((w) => { w.fragmentHeader(); w.instance("t", () => w.element("Event", [], () => w.sub(7, 0x01)), [str("x")]); }), "missing-value");
  });

  it("a record that claims more than its chunk ends the chunk's records; the next chunk is read", async () => {
    const file = fileWith((w) => element(w, 0), { edit: (chunk, at) => { chunk.writeUInt32LE(70_000, at + 4); resealChunk(chunk); } });
    const { events, stats } = await read(file, "record-too-big");
    expect([stats.lines, stats.malformed, events.length]).toEqual([3, 1, 2]);
  });

  it("a record whose trailing size differs from its size", async () => {
    const file = fileWith((w) => element(w, 0), { edit: (chunk, at) => { chunk.writeUInt32LE(chunk.readUInt32LE(at + 4) + 8, at + 4); resealChunk(chunk); } });
    const { stats } = await read(file, "record-sizes");
    expect(stats.malformed).toBe(1);
  });

  it("a chunk header checksum mismatch skips the chunk (one malformed); the next chunk is read", async () => {
    const file = fileWith(() => {}, { edit: (chunk) => { chunk.writeUInt8(chunk.readUInt8(200) ^ 0xff, 200); } });
    const { events, stats } = await read(file, "header-crc");
    expect([stats.lines, stats.malformed, events.length]).toEqual([2, 1, 1]);
  });

  it("a records checksum mismatch skips the chunk, but not in a dirty file (Windows updates it late)", async () => {
    const good = (w: ChunkWriter) => eventBinXml(w, EVENTS[3]!);
    const bad = (chunk: Buffer) => { chunk.writeUInt32LE((chunk.readUInt32LE(52) ^ 1) >>> 0, 52); chunk.writeUInt32LE(crc32(chunk.subarray(128, 512), crc32(chunk.subarray(0, 120))), 124); };
    const clean = await read(fileWith(() => {}, { edit: bad }), "records-crc");
    expect([clean.stats.malformed, clean.events.length]).toEqual([1, 1]);
    const dirty = await read(Buffer.concat([fileHeader(2, 5n, true), fileWith(good, { edit: bad }).subarray(4096)]), "records-crc-dirty");
    expect(dirty.stats.malformed).toBe(0);
    expect(dirty.events.length).toBe(4);
  });

  it("a file cut inside a chunk, garbage in place of a chunk, and an all-zero (preallocated) chunk", async () => {
    const whole = writeEvtx(EVENTS.slice(0, 6));
    const cut = await read(whole.subarray(0, 4096 + 30_000), "cut");
    expect(cut.stats.malformed).toBe(1);
    expect(cut.stats.error).toMatch(/ends inside a chunk/);
    const garbage = Buffer.alloc(CHUNK, 0x41);
    const tail = await read(Buffer.concat([whole, Buffer.alloc(CHUNK), garbage]), "tail");
    expect([tail.stats.lines, tail.stats.malformed, tail.stats.error]).toEqual([7, 1, undefined]);
    expect(tail.events.length).toBe(6);
  });

  it("a file cut inside its 4 KiB header", async () => {
    for (const size of [100, 2000]) {
      const { stats, events } = await read(writeEvtx(EVENTS.slice(0, 2)).subarray(0, size), `cut-header-${size}`);
      expect([stats.format, stats.error, events.length]).toEqual(["windows-evtx", "EVTX file shorter than its header", 0]);
    }
  });

  it("a file named with --log-format windows-evtx that is not one", async () => {
    const { stats } = await readAll(tempFile("not.evtx", "x".repeat(5000)), { format: "windows-evtx" });
    expect(stats.error).toMatch(/not an EVTX file/);
  });

  it("holds at most one chunk plus the piece pushed, however long the file (streamed chunk by chunk)", () => {
    const stats: ReadStats = { file: "big.evtx", format: "windows-evtx", lines: 0, events: 0, skipped: 0, malformed: 0 };
    let events = 0;
    const reader = new EvtxReader({ file: "big.evtx", stats, columnMap: undefined, local: localClock(undefined), emit: () => { events++; } });
    const one = writeEvtx(EVENTS.slice(0, 3));
    const chunk = one.subarray(4096, 4096 + CHUNK);
    reader.push(one.subarray(0, 4096));
    const piece = 10_007;
    let max = 0;
    const stream = (function* () { for (let i = 0; i < 300; i++) yield chunk; })();
    let carry = Buffer.alloc(0);
    for (const c of stream) {
      carry = Buffer.concat([carry, c]);
      while (carry.length >= piece) {
        reader.push(carry.subarray(0, piece));
        carry = carry.subarray(piece);
        max = Math.max(max, reader.buffered);
      }
    }
    reader.push(carry);
    reader.end(false);
    expect(max).toBeLessThan(CHUNK + piece);
    expect([stats.lines, stats.malformed]).toEqual([900, 0]);
  });

  it("random corruption of a chunk (checksums recomputed) never throws out of the reader", async () => {
    const base = writeEvtx(EVENTS.slice(0, 12), { nested: true }).subarray(4096, 4096 + CHUNK);
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    let rendered = 0, refused = 0;
    for (let i = 0; i < 300; i++) {
      const chunk = Buffer.from(base);
      for (let k = 0; k < 4; k++) chunk[512 + Math.floor(rand() * 6000)] = Math.floor(rand() * 256);
      const names = new Map<number, string>();
      for (let at = 512; at < 512 + 3000; at += 97) {
        try { renderBinXml(chunk, at, chunk.readUInt32LE(48), names); rendered++; } catch (e) { expect((e as Error).constructor.name).toBe("BinXmlError"); refused++; }
      }
    }
    expect(rendered + refused).toBeGreaterThan(0);
  });
});

