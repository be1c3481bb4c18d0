/**
 * An EVTX writer for the evaluation set and the tests, from libyal libevtx's documentation ("Windows XML Event Log (EVTX) format": file header,
 * chunk header and its CRC32s, event record, Binary XML tokens, template definitions and instance data, value
 * types), so detect's reader can be tested here where no Windows writes .evtx files. It writes the EVTX-to-JSON
 * objects of ../winxml/events.ts as Windows does: one template per event shape, defined inline in the first record
 * of each chunk that uses it and referenced by offset after; names stored once per chunk; System values and the
 * EventData items as typed substitutions (GUID, SID, FILETIME, UInt16/32/64, HexInt64, Boolean, strings, NULL for
 * empty). `nested` puts EventData in a Binary XML substitution (value type 0x21) holding its own template instance.
 * Checked at development time against williballenthin/python-evtx (scripts/evtx_dump.py), which reads these files.
 * Not a general writer: a record must fit a chunk (a value ≤ 64 KiB), names are not hashed (readers ignore the hash).
 */
import { crc32 } from "node:zlib";

type Obj = Record<string, unknown>;
export const CHUNK = 64 * 1024;
const EPOCH = 116444736000000000n;

export interface Value { type: number; write(w: ChunkWriter): void }

/** Writes one chunk's bytes at absolute chunk offsets (names and templates are found by them). Throws RangeError when full. */
export class ChunkWriter {
  buf = Buffer.alloc(CHUNK);
  pos = 512;
  names = new Map<string, number>();
  templates = new Map<string, number>();
  /** Element starts carry the dependency identifier (inside template definitions). */
  dep = false;

  private room(n: number): void {
    if (this.pos + n > CHUNK - 8) throw new RangeError("chunk full");
  }
  u8(v: number): void { this.room(1); this.buf[this.pos++] = v; }
  u16(v: number): void { this.room(2); this.buf.writeUInt16LE(v, this.pos); this.pos += 2; }
  u32(v: number): void { this.room(4); this.buf.writeUInt32LE(v >>> 0, this.pos); this.pos += 4; }
  u64(v: bigint): void { this.room(8); this.buf.writeBigUInt64LE(v, this.pos); this.pos += 8; }
  bytes(b: Buffer): void { this.room(b.length); b.copy(this.buf, this.pos); this.pos += b.length; }
  utf16(s: string): void { this.bytes(Buffer.from(s, "utf16le")); }
  patch32(at: number, v: number): void { this.buf.writeUInt32LE(v, at); }

  name(s: string): void {
    const known = this.names.get(s);
    if (known !== undefined) return this.u32(known);
    const at = this.pos + 4;
    this.u32(at);
    this.u32(0);
    this.u16(0);
    this.u16(s.length);
    this.utf16(s);
    this.u16(0);
    this.names.set(s, at);
  }

  /** `<name attrs…>content</name>`, or `<name attrs…/>` when content is null. */
  element(name: string, attrs: [string, () => void][], content: (() => void) | null): void {
    this.u8(attrs.length > 0 ? 0x41 : 0x01);
    if (this.dep) this.u16(0xffff);
    const size = this.pos;
    this.u32(0);
    this.name(name);
    if (attrs.length > 0) {
      const list = this.pos;
      this.u32(0);
      attrs.forEach(([n, value], i) => {
        this.u8(i < attrs.length - 1 ? 0x46 : 0x06);
        this.name(n);
        value();
      });
      this.patch32(list, this.pos - list - 4);
    }
    if (content === null) this.u8(0x03);
    else {
      this.u8(0x02);
      content();
      this.u8(0x04);
    }
    this.patch32(size, this.pos - size - 4);
  }

  text(s: string): void {
    this.u8(0x05);
    this.u8(0x01);
    this.u16(s.length);
    this.utf16(s);
  }

  sub(id: number, type: number, optional = true): void {
    this.u8(optional ? 0x0e : 0x0d);
    this.u16(id);
    this.u8(type);
  }

  /** A template instance: the definition inline the first time `key` is used in this chunk, then the values. */
  instance(key: string, body: () => void, values: Value[]): void {
    this.u8(0x0c);
    this.u8(0x01);
    this.u32(this.templates.size + 1);
    const known = this.templates.get(key);
    if (known !== undefined) this.u32(known);
    else {
      const def = this.pos + 4;
      this.u32(def);
      this.u32(0);
      this.bytes(Buffer.from(key.padEnd(16, "-").slice(0, 16), "latin1")); // template identifier (a GUID in Windows' files)
      const size = this.pos;
      this.u32(0);
      const dep = this.dep;
      this.dep = true;
      this.fragmentHeader();
      body();
      this.u8(0x00);
      this.dep = dep;
      this.patch32(size, this.pos - size - 4);
      this.templates.set(key, def);
    }
    this.u32(values.length);
    const desc = this.pos;
    this.bytes(Buffer.alloc(values.length * 4));
    values.forEach((v, i) => {
      const start = this.pos;
      v.write(this);
      this.buf.writeUInt16LE(this.pos - start, desc + i * 4);
      this.buf[desc + i * 4 + 2] = v.type;
    });
  }

  fragmentHeader(): void {
    this.bytes(Buffer.from([0x0f, 0x01, 0x01, 0x00]));
  }

  /** A record around Binary XML written by `event`. */
  record(id: bigint, written: bigint, event: () => void): void {
    const start = this.pos;
    this.u32(0x00002a2a);
    this.u32(0);
    this.u64(id);
    this.u64(written);
    event();
    this.u32(0);
    const size = this.pos - start;
    this.patch32(start + 4, size);
    this.patch32(this.pos - 4, size);
  }

  /** The finished chunk: header fields and both CRC32s. */
  seal(first: bigint, last: bigint, lastRecord: number): Buffer {
    const b = this.buf;
    b.write("ElfChnk\0", 0, "latin1");
    for (const [at, v] of [[8, first], [16, last], [24, first], [32, last]] as const) b.writeBigUInt64LE(v, at);
    b.writeUInt32LE(128, 40);
    b.writeUInt32LE(lastRecord, 44);
    b.writeUInt32LE(this.pos, 48);
    return resealChunk(b);
  }
}

/** Recomputes a chunk's two CRC32s (tests that craft a bad record keep the checksums right, to reach the record). */
export function resealChunk(b: Buffer): Buffer {
  b.writeUInt32LE(crc32(b.subarray(512, b.readUInt32LE(48))), 52);
  b.writeUInt32LE(crc32(b.subarray(128, 512), crc32(b.subarray(0, 120))), 124);
  return b;
}

export function fileHeader(chunks: number, nextRecord: bigint, dirty = false): Buffer {
  const h = Buffer.alloc(4096);
  h.write("ElfFile\0", 0, "latin1");
  h.writeBigUInt64LE(BigInt(Math.max(0, chunks - 1)), 16);
  h.writeBigUInt64LE(nextRecord, 24);
  h.writeUInt32LE(128, 32);
  h.writeUInt16LE(1, 36);
  h.writeUInt16LE(3, 38);
  h.writeUInt16LE(4096, 40);
  h.writeUInt16LE(chunks, 42);
  h.writeUInt32LE(dirty ? 1 : 0, 120);
  h.writeUInt32LE(crc32(h.subarray(0, 120)), 124);
  return h;
}

// ---- values ----
const v = (type: number, write: (w: ChunkWriter) => void): Value => ({ type, write });
export const str = (s: string): Value => (s === "" ? v(0x00, () => {}) : v(0x01, (w) => w.utf16(s)));
const u8 = (n: number) => v(0x04, (w) => w.u8(n));
const u16 = (n: number) => v(0x06, (w) => w.u16(n));
const u32 = (n: number) => v(0x08, (w) => w.u32(n));
const u64 = (n: bigint) => v(0x0a, (w) => w.u64(n));
const i32 = (n: number) => v(0x07, (w) => { w.u32(n); });
const hex64 = (n: bigint) => v(0x15, (w) => w.u64(n));
const bool = (b: boolean) => v(0x0d, (w) => w.u32(b ? 1 : 0));

export function fileTime(systemTime: string): bigint {
  const ms = BigInt(Date.parse(`${systemTime.slice(0, 19)}Z`));
  const frac = (systemTime.slice(20).replace(/Z$/, "") + "0000000").slice(0, 7);
  return EPOCH + ms * 10_000n + BigInt(frac);
}

function guidBytes(s: string): Buffer {
  const h = s.replace(/[{}-]/g, "");
  const b = Buffer.from(h, "hex");
  const out = Buffer.alloc(16);
  out.writeUInt32LE(b.readUInt32BE(0), 0);
  out.writeUInt16LE(b.readUInt16BE(4), 4);
  out.writeUInt16LE(b.readUInt16BE(6), 6);
  b.copy(out, 8, 8);
  return out;
}

function sidBytes(s: string): Buffer {
  const [, rev, auth, ...subs] = s.split("-");
  const b = Buffer.alloc(8 + subs.length * 4);
  b[0] = Number(rev);
  b[1] = subs.length;
  b.writeUIntBE(Number(auth), 2, 6);
  subs.forEach((x, i) => b.writeUInt32LE(Number(x), 8 + i * 4));
  return b;
}

/** EventData items Windows' manifests type (Sysmon, Security 4688/5156, PowerShell 4104, DNS Client): typed only when the text round-trips. */
const DATA_TYPES: Record<string, (s: string) => Value | undefined> = {
  ProcessId: (s) => (/^\d+$/.test(s) ? u32(Number(s)) : undefined),
  SourcePort: (s) => (/^\d+$/.test(s) && Number(s) < 65536 ? u16(Number(s)) : undefined),
  DestinationPort: (s) => (/^\d+$/.test(s) && Number(s) < 65536 ? u16(Number(s)) : undefined),
  Initiated: (s) => (s === "true" || s === "false" ? bool(s === "true") : undefined),
  NewProcessId: (s) => (/^0x[0-9a-f]+$/.test(s) && !/^0x0./.test(s) ? hex64(BigInt(s)) : undefined),
  ProcessID: (s) => (/^[1-9]\d*$/.test(s) ? u64(BigInt(s)) : undefined),
  QueryOptions: (s) => (/^[1-9]\d*$/.test(s) ? u64(BigInt(s)) : undefined),
  QueryType: (s) => (/^\d+$/.test(s) ? u32(Number(s)) : undefined),
  Status: (s) => (/^\d+$/.test(s) ? u32(Number(s)) : undefined),
  MessageNumber: (s) => (/^\d+$/.test(s) ? i32(Number(s)) : undefined),
  MessageTotal: (s) => (/^\d+$/.test(s) ? i32(Number(s)) : undefined),
  RemoteUserID: (s) => (/^S-1-\d+(-\d+)+$/.test(s) ? v(0x13, (w) => w.bytes(sidBytes(s))) : undefined),
  RemoteMachineID: (s) => (/^S-1-\d+(-\d+)+$/.test(s) ? v(0x13, (w) => w.bytes(sidBytes(s))) : undefined),
};

function dataValue(name: string, text: string): Value {
  return DATA_TYPES[name]?.(text) ?? str(text);
}

export interface EvtxOptions {
  nested?: boolean;
  dirty?: boolean;
  /** An empty Data item as a template element without content (`<Data Name="X"/>`), not an empty substitution. */
  selfCloseEmpty?: boolean;
}

interface Shape { system: Obj; data: [string, string][] }

/** System and the EventData items; EventData written flat ({Image: "…"}) reads as its Data items (render-winxml.ts does the same). */
function shape(o: Obj): Shape {
  const ev = o.Event as Obj;
  const data = (ev.EventData ?? {}) as Obj;
  if (!("Data" in data)) return { system: ev.System as Obj, data: Object.entries(data).map(([k, x]) => [k, x === null ? "" : String(x)]) };
  const items = (Array.isArray(data.Data) ? data.Data : [data.Data]) as { "@Name": string; "#text": unknown }[];
  return { system: ev.System as Obj, data: items.map((d) => [d["@Name"], d["#text"] === null || d["#text"] === undefined ? "" : String(d["#text"])]) };
}

const attrs = (o: unknown) => ((o as Obj | undefined)?.["#attributes"] ?? {}) as Record<string, unknown>;

/** One record: the System/EventData template (Provider, Channel and the Data names literal, the rest substituted). */
function writeEvent(w: ChunkWriter, s: Shape, options: EvtxOptions): void {
  const sys = s.system;
  const provider = attrs(sys.Provider), exec = attrs(sys.Execution);
  const values: Value[] = [
    provider.Guid === undefined ? v(0x00, () => {}) : v(0x0f, (x) => x.bytes(guidBytes(String(provider.Guid)))),
    u16(Number(sys.EventID)), u8(Number(sys.Version ?? 0)), u8(Number(sys.Level ?? 0)), u16(Number(sys.Task ?? 0)), u8(Number(sys.Opcode ?? 0)),
    hex64(BigInt(String(sys.Keywords ?? "0x0"))),
    v(0x11, (x) => x.u64(fileTime(String(attrs(sys.TimeCreated).SystemTime)))),
    u64(BigInt(Number(sys.EventRecordID ?? 0))),
    v(0x00, () => {}),
    u32(Number(exec.ProcessID ?? 0)), u32(Number(exec.ThreadID ?? 0)),
    str(String(sys.Computer)),
    attrs(sys.Security).UserID === undefined ? v(0x00, () => {}) : v(0x13, (x) => x.bytes(sidBytes(String(attrs(sys.Security).UserID)))),
  ];
  const dataValues = s.data.map(([n, t]) => dataValue(n, t));
  // Data values are normal substitutions (0x0d): an empty one keeps its element, as the XML twin's `<Data Name="Path"></Data>`;
  // an optional one (0x0e) that is NULL would take its element away (MS-EVEN6 3.1.4.7.2).
  const dataBody = (first: number) => () => w.element("EventData", [], () => {
    s.data.forEach(([n, t], i) => w.element("Data", [["Name", () => w.text(n)]], options.selfCloseEmpty === true && t === "" ? null : () => w.sub(first + i, dataValues[i]!.type, false)));
  });
  const nested = options.nested === true && s.data.length > 0;
  const selfClosed = (t: string) => (options.selfCloseEmpty === true && t === "" ? "/" : "");
  const key = `${String(provider.Name)}|${String(sys.Channel)}|${s.data.map(([n, t], i) => `${n}:${dataValues[i]!.type}${selfClosed(t)}`).join(",")}|${nested ? "n" : "f"}`;
  const sysBody = () => w.element("Event", [["xmlns", () => w.text("http://schemas.microsoft.com/win/2004/08/events/event")]], () => {
    w.element("System", [], () => {
      w.element("Provider", [["Name", () => w.text(String(provider.Name))], ["Guid", () => w.sub(0, 0x0f)]], null);
      w.element("EventID", [["Qualifiers", () => w.sub(9, 0x06)]], () => w.sub(1, 0x06, false));
      w.element("Version", [], () => w.sub(2, 0x04));
      w.element("Level", [], () => w.sub(3, 0x04));
      w.element("Task", [], () => w.sub(4, 0x06));
      w.element("Opcode", [], () => w.sub(5, 0x04));
      w.element("Keywords", [], () => w.sub(6, 0x15));
      w.element("TimeCreated", [["SystemTime", () => w.sub(7, 0x11)]], null);
      w.element("EventRecordID", [], () => w.sub(8, 0x0a));
      w.element("Correlation", [["ActivityID", () => w.sub(9, 0x0f)]], null);
      w.element("Execution", [["ProcessID", () => w.sub(10, 0x08)], ["ThreadID", () => w.sub(11, 0x08)]], null);
      w.element("Channel", [], () => w.text(String(sys.Channel)));
      w.element("Computer", [], () => w.sub(12, 0x01));
      w.element("Security", [["UserID", () => w.sub(13, 0x13)]], null);
    });
    if (nested) w.sub(14, 0x21);
    else if (s.data.length > 0) dataBody(14)();
  });
  const all = nested
    ? [...values, v(0x21, (x) => { x.fragmentHeader(); x.instance(`${key}|data`, dataBody(0), dataValues); x.u8(0x00); })]
    : [...values, ...dataValues];
  w.fragmentHeader();
  w.instance(key, sysBody, all);
  w.u8(0x00);
}

/** One event's Binary XML (no record around it). */
export function eventBinXml(w: ChunkWriter, o: Obj, options: EvtxOptions = {}): void {
  writeEvent(w, shape(o), options);
}

/** One event (an EVTX-to-JSON object) as record `id` at the writer's position. */
export function appendEvent(w: ChunkWriter, o: Obj, id: bigint, options: EvtxOptions = {}): void {
  const s = shape(o);
  w.record(id, fileTime(String(attrs(s.system.TimeCreated).SystemTime)), () => writeEvent(w, s, options));
}

/** Lines of EVTX-to-JSON (one object per line, the JSON renderings) → the .evtx file they come from. */
export function jsonLinesToEvtx(jsonl: string, options: EvtxOptions = {}): Buffer {
  return writeEvtx(jsonl.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Obj), options);
}

/** The events (EVTX-to-JSON objects) as an .evtx file. */
export function writeEvtx(events: Obj[], options: EvtxOptions = {}): Buffer {
  const chunks: Buffer[] = [];
  let w = new ChunkWriter();
  let first = 1n, id = 1n, lastRecord = 0;
  for (const o of events) {
    const s = shape(o);
    const written = fileTime(String(attrs(s.system.TimeCreated).SystemTime));
    for (let attempt = 0; ; attempt++) {
      const at = w.pos, names = new Map(w.names), templates = new Map(w.templates);
      try {
        w.record(id, written, () => writeEvent(w, s, options));
        lastRecord = at;
        break;
      } catch (err) {
        if (!(err instanceof RangeError) || attempt > 0) throw err;
        w.pos = at;
        w.names = names;
        w.templates = templates;
        w.buf.fill(0, at);
        chunks.push(w.seal(first, id - 1n, lastRecord));
        w = new ChunkWriter();
        first = id;
      }
    }
    id++;
  }
  if (w.pos > 512) chunks.push(w.seal(first, id - 1n, lastRecord));
  return Buffer.concat([fileHeader(chunks.length, id, options.dirty), ...chunks]);
}
