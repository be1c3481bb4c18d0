/**
 * What a substitution does to the markup around it, beyond its text (MS-EVEN6 3.1.4.7.2 "Optional Substitutions",
 * 3.1.4.7.5 "Array Types"): an optional substitution (0x0e) whose value is NULL takes its element or attribute away;
 * a normal one (0x0d) leaves an empty element; an array value repeats the element holding it, once per item. Each case
 * is rendered twice in one chunk: the second record meets the template already prepared.
 */
import { describe, expect, it } from "vitest";
import { renderBinXml } from "../../../src/detect/readers/evtx/binxml.js";
import { ChunkWriter, type Value, str } from "../../../src/detect/eval/render-evtx.js";

const NULL: Value = { type: 0x00, write: () => {} };
const strings = (...items: string[]): Value => ({ type: 0x81, write: (w) => w.utf16(items.map((s) => `${s}\0`).join("")) });
const u32s = (...items: number[]): Value => ({ type: 0x88, write: (w) => items.forEach((n) => w.u32(n)) });
const u8s = (n: number): Value => ({ type: 0x84, write: (w) => w.bytes(Buffer.alloc(n, 7)) });

/** Renders one template (`key`, `body`) instantiated by two records with `first` then `second` values. */
function twice(key: string, body: (w: ChunkWriter) => void, first: Value[], second: Value[] = first): [string, string] {
  const w = new ChunkWriter();
  const names = new Map<number, string>();
  const templates = new Map();
  const out: string[] = [];
  for (const values of [first, second]) {
    const at = w.pos;
    w.record(BigInt(out.length + 1), 0n, () => { w.fragmentHeader(); w.instance(key, () => body(w), values); w.u8(0x00); });
    out.push(renderBinXml(w.buf, at + 24, w.pos - 4, names, templates));
  }
  expect(templates.size).toBe(1); // prepared once, used by both records
  return [out[0]!, out[1]!];
}

/** `<EventData><Data Name="A">%0</Data><Data Name="B">%1</Data></EventData>`, %0 optional or not. */
const eventData = (optional: boolean) => (w: ChunkWriter) => w.element("EventData", [], () => {
  w.element("Data", [["Name", () => w.text("A")]], () => w.sub(0, 0x01, optional));
  w.element("Data", [["Name", () => w.text("B")]], () => w.sub(1, 0x01, false));
});

describe("optional substitutions", () => {
  it("an optional NULL takes its element away, attributes and all; a present value renders", () => {
    const [absent, present] = twice("opt", eventData(true), [NULL, str("b")], [str("a"), str("b")]);
    expect(absent).toBe('<EventData><Data Name="B">b</Data></EventData>');
    expect(present).toBe('<EventData><Data Name="A">a</Data><Data Name="B">b</Data></EventData>');
  });

  it("a normal substitution of NULL leaves its element, empty", () => {
    const [absent] = twice("normal", eventData(false), [NULL, str("b")]);
    expect(absent).toBe('<EventData><Data Name="A"></Data><Data Name="B">b</Data></EventData>');
  });

  it("an optional NULL in an attribute takes the attribute away, not its element (`<Correlation/>`)", () => {
    const body = (w: ChunkWriter) => w.element("Correlation", [["ActivityID", () => w.sub(0, 0x0f)], ["Kind", () => w.text("x")]], null);
    const guid: Value = { type: 0x0f, write: (w) => w.bytes(Buffer.from("00112233445566778899aabbccddeeff", "hex")) };
    expect(twice("corr", body, [NULL], [guid])).toEqual(['<Correlation Kind="x"/>', '<Correlation ActivityID="{33221100-5544-7766-8899-AABBCCDDEEFF}" Kind="x"/>']);
  });

  it("only the element immediately around the optional substitution goes, not its parent", () => {
    const body = (w: ChunkWriter) => w.element("UserData", [], () => w.element("Outer", [], () => { w.element("In", [], () => w.sub(0, 0x01)); w.text("kept"); }));
    expect(twice("nest", body, [NULL])[0]).toBe("<UserData><Outer>kept</Outer></UserData>");
  });
});

describe("array values", () => {
  it("a string array repeats its Data element once per item (escaped), not joined with commas", () => {
    const [a, b] = twice("arr", eventData(false), [strings("whois.exe", "-v", "a&b.com"), str("x")], [strings("one"), str("x")]);
    expect(a).toBe('<EventData><Data Name="A">whois.exe</Data><Data Name="A">-v</Data><Data Name="A">a&amp;b.com</Data><Data Name="B">x</Data></EventData>');
    expect(b).toBe('<EventData><Data Name="A">one</Data><Data Name="B">x</Data></EventData>');
  });

  it("an integer array the same way; an empty string item gives an empty element", () => {
    expect(twice("ints", eventData(false), [u32s(43, 4343), str("x")])[0]).toBe('<EventData><Data Name="A">43</Data><Data Name="A">4343</Data><Data Name="B">x</Data></EventData>');
    expect(twice("empty-item", eventData(false), [strings("a", "", "c"), str("x")])[0]).toBe('<EventData><Data Name="A">a</Data><Data Name="A"></Data><Data Name="A">c</Data><Data Name="B">x</Data></EventData>');
  });

  it("an array whose size does not fit its items is malformed", () => {
    const odd: Value = { type: 0x88, write: (w) => w.bytes(Buffer.alloc(6)) };
    expect(() => twice("odd", eventData(false), [odd, str("x")])).toThrow("an array of type 0x88 and 6 bytes");
  });

  it("a 60,000-item array (each a repeat of its element) ends at the token budget, not in 60,000 elements", () => {
    expect(() => twice("bomb", eventData(false), [u8s(60_000), str("x")])).toThrow("too many Binary XML tokens in one record");
  });
});
