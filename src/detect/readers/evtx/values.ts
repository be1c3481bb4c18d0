/**
 * EVTX substitution values as the text Windows puts in the event's XML (wevtutil, Event Viewer), by value type
 * (libyal libevtx, documentation/"Windows XML Event Log (EVTX).asciidoc", section "Value types"; MS-EVEN6 2.2.18):
 * integers in decimal, HexInt32/64 as `0x…` in lower case, GUIDs in braces in upper case, SIDs as `S-1-…`,
 * FILETIME/SYSTEMTIME as ISO 8601 UTC (FILETIME with its 7 digits of 100 ns), binary as upper-case hex.
 * Arrays (type | 0x80) are items (arrayItems): the element holding one is repeated per item (binxml.ts); where no element can
 * be repeated, they read joined with ", ". A value whose bytes do not fit its type is undefined (malformed).
 * Binary XML (0x21) is not here: binxml.ts renders it as markup.
 */
export const BINXML_TYPE = 0x21;
export const NULL_TYPE = 0x00;
export const STRING_TYPE = 0x01;

const FILETIME_EPOCH = 116444736000000000n; // 100 ns intervals from 1601-01-01 to 1970-01-01

const hex = (n: bigint) => `0x${n.toString(16)}`;
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** A FILETIME as Windows writes SystemTime: `2026-12-06T14:00:00.2504517Z`. */
export function fileTimeText(ticks: bigint): string | undefined {
  const since = ticks - FILETIME_EPOCH;
  const ms = Number(since / 10_000n);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return undefined;
  const frac = ((since % 10_000_000n) + 10_000_000n) % 10_000_000n;
  return `${date.toISOString().slice(0, 19)}.${frac.toString().padStart(7, "0")}Z`;
}

export function guidText(b: Buffer, at: number): string {
  const h = (from: number, to: number) => b.subarray(at + from, at + to).toString("hex");
  const d1 = b.readUInt32LE(at).toString(16).padStart(8, "0");
  const d2 = b.readUInt16LE(at + 4).toString(16).padStart(4, "0");
  const d3 = b.readUInt16LE(at + 6).toString(16).padStart(4, "0");
  return `{${d1}-${d2}-${d3}-${h(8, 10)}-${h(10, 16)}}`.toUpperCase();
}

/** A SID (revision, sub-authority count, 48-bit big-endian authority, 32-bit little-endian sub-authorities). */
function sidText(b: Buffer, at: number, size: number): string | undefined {
  if (size < 8) return undefined;
  const count = b[at + 1]!;
  if (size < 8 + count * 4) return undefined;
  const authority = b.readUIntBE(at + 2, 6);
  const subs = Array.from({ length: count }, (_, i) => b.readUInt32LE(at + 8 + i * 4));
  return `S-${b[at]}-${authority}${subs.map((s) => `-${s}`).join("")}`;
}

function systemTimeText(b: Buffer, at: number): string {
  const u = (i: number) => b.readUInt16LE(at + i * 2);
  return `${pad(u(0), 4)}-${pad(u(1))}-${pad(u(3))}T${pad(u(4))}:${pad(u(5))}:${pad(u(6))}.${pad(u(7), 3)}Z`;
}

/** One scalar of a fixed size: [byte size, text]. */
const FIXED: Record<number, [number, (b: Buffer, at: number) => string]> = {
  0x03: [1, (b, at) => String(b.readInt8(at))],
  0x04: [1, (b, at) => String(b[at])],
  0x05: [2, (b, at) => String(b.readInt16LE(at))],
  0x06: [2, (b, at) => String(b.readUInt16LE(at))],
  0x07: [4, (b, at) => String(b.readInt32LE(at))],
  0x08: [4, (b, at) => String(b.readUInt32LE(at))],
  0x09: [8, (b, at) => String(b.readBigInt64LE(at))],
  0x0a: [8, (b, at) => String(b.readBigUInt64LE(at))],
  0x0b: [4, (b, at) => String(b.readFloatLE(at))],
  0x0c: [8, (b, at) => String(b.readDoubleLE(at))],
  0x0d: [4, (b, at) => (b.readUInt32LE(at) !== 0 ? "true" : "false")],
  0x0f: [16, guidText],
  0x11: [8, (b, at) => fileTimeText(b.readBigUInt64LE(at)) ?? ""],
  0x12: [16, systemTimeText],
  0x14: [4, (b, at) => hex(BigInt(b.readUInt32LE(at)))],
  0x15: [8, (b, at) => hex(b.readBigUInt64LE(at))],
};

function utf16(b: Buffer, at: number, size: number): string {
  return b.toString("utf16le", at, at + (size & ~1));
}

/** The text of a value of `type` held in b[at, at + size). */
export function valueText(type: number, b: Buffer, at: number, size: number): string | undefined {
  if (type === NULL_TYPE) return "";
  if (type === STRING_TYPE) return utf16(b, at, size).replace(/\0+$/, "");
  if (type === 0x02) return b.toString("latin1", at, at + size).replace(/\0+$/, "");
  if (type === 0x0e) return b.toString("hex", at, at + size).toUpperCase();
  if (type === 0x13) return sidText(b, at, size);
  if (type === 0x10) return size === 4 || size === 8 ? FIXED[size === 4 ? 0x14 : 0x15]![1](b, at) : undefined;
  const fixed = FIXED[type];
  if (fixed !== undefined) return size === fixed[0] ? fixed[1](b, at) : undefined;
  if ((type & 0x80) !== 0) return arrayText(type & 0x7f, b, at, size);
  return undefined;
}

/** Whether values of `type` are arrays (the 0x80 flag): binxml.ts repeats the element holding one, one per item. */
export function isArrayType(type: number): boolean {
  return (type & 0x80) !== 0;
}

/** The items of an array value (type | 0x80): strings split at their end-of-string characters, fixed-size items every `size` bytes. */
export function arrayItems(type: number, b: Buffer, at: number, size: number): string[] | undefined {
  const item = type & 0x7f;
  if (item === STRING_TYPE || item === 0x02) {
    const all = (item === STRING_TYPE ? utf16(b, at, size) : b.toString("latin1", at, at + size)).split("\0");
    if (all.length > 1 && all[all.length - 1] === "") all.pop(); // the last string's end-of-string character
    return all;
  }
  const fixed = FIXED[item === 0x10 ? (size % 8 === 0 ? 0x15 : 0x14) : item];
  if (fixed === undefined || size % fixed[0] !== 0) return undefined;
  const out: string[] = [];
  for (let i = 0; i < size; i += fixed[0]) out.push(fixed[1](b, at + i));
  return out;
}

function arrayText(item: number, b: Buffer, at: number, size: number): string | undefined {
  return arrayItems(item | 0x80, b, at, size)?.join(", ");
}
