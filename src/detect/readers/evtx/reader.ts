/**
 * Streaming reader of binary Windows event logs (.evtx: Security.evtx, Sysmon's, PowerShell's and DNS Client's
 * Operational logs exported from Event Viewer or `wevtutil epl`). Layout from libyal libevtx's
 * documentation/"Windows XML Event Log (EVTX).asciidoc": a file header (`ElfFile\0`, its block size at offset 40,
 * 4096 bytes) then 64 KiB chunks (chunk.ts) holding records in Binary XML (binxml.ts). Each record is rendered to
 * its XML and read by the XML reader (winxml.ts emitXmlRecord): the same events and alerts as a `wevtutil /f:xml`
 * export of the same log. Hand-written: no EVTX library is a dependency, and the format is small.
 *
 * Memory: one chunk (64 KiB) pending at a time, whatever the file's size. A chunk whose checksums fail, or that
 * is not a chunk, counts as one malformed record and is skipped; an all-zero chunk (preallocated, never written)
 * is skipped silently. A dirty file (header flag 0x1: not closed cleanly) is read like any other.
 */
import type { ParseContext } from "../common.js";
import { parseCounted, countMalformed } from "../lines.js";
import { isEvtx } from "../sniff-winxml.js";
import { emitXmlRecord } from "../winxml.js";
import { recentKeys } from "../winevent-net.js";
import { renderBinXml } from "./binxml.js";
import type { Compiled } from "./template.js";
import { CHUNK_SIZE, checkChunk, chunkRecords } from "./chunk.js";

const FILE_HEADER_MIN = 128;

export class EvtxReader {
  private parts: Buffer[] = [];
  private pending = 0;
  /** Bytes of the file header still to skip; undefined until the header's first 128 bytes are in. */
  private headerLeft: number | undefined;
  private dead = false;
  private dirty = false;
  private readonly parser;

  constructor(private readonly ctx: ParseContext) {
    const recent = recentKeys();
    const names = new Map<number, string>();
    const templates = new Map<number, Compiled | string>();
    this.parser = {
      names,
      templates,
      line: (chunk: Buffer, from: number, to: number, record: number) => emitXmlRecord(ctx, renderBinXml(chunk, from, to, names, templates), record, recent),
    };
  }

  /** Bytes held until a whole chunk is in (never more than a chunk plus the last piece pushed). */
  get buffered(): number {
    return this.pending;
  }

  push(data: Buffer): void {
    if (this.dead) return;
    this.parts.push(data);
    this.pending += data.length;
    if (this.headerLeft === undefined) {
      if (this.pending < FILE_HEADER_MIN) return;
      const head = this.take(FILE_HEADER_MIN);
      if (!isEvtx(head)) {
        this.dead = true;
        this.ctx.stats.error = "not an EVTX file (no ElfFile signature)";
        return;
      }
      this.dirty = (head.readUInt32LE(120) & 0x1) !== 0;
      const block = head.readUInt16LE(40);
      this.headerLeft = Math.max(0, (block >= FILE_HEADER_MIN ? block : 4096) - FILE_HEADER_MIN);
    }
    if (this.headerLeft > 0) {
      const skip = Math.min(this.headerLeft, this.pending);
      this.take(skip);
      this.headerLeft -= skip;
    }
    while (this.pending >= CHUNK_SIZE) this.chunk(this.take(CHUNK_SIZE));
  }

  /** The next n pending bytes, as one buffer. */
  private take(n: number): Buffer {
    const all = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.parts = rest.length > 0 ? [rest] : [];
    this.pending = rest.length;
    return out;
  }

  private chunk(chunk: Buffer): void {
    const check = checkChunk(chunk, this.dirty);
    if (!check.ok) {
      if (!chunk.every((b) => b === 0)) countMalformed(this.ctx.stats);
      return;
    }
    this.parser.names.clear(); // names and template definitions are chunk offsets
    this.parser.templates.clear();
    for (const r of chunkRecords(chunk, check.freeSpace, () => countMalformed(this.ctx.stats))) {
      parseCounted(this.parser, this.ctx.stats, chunk, r.from, r.to, r.id);
    }
  }

  end(truncated: boolean): void {
    if (this.dead) return;
    if (this.headerLeft === undefined || this.headerLeft > 0) {
      if (this.pending > 0 || this.headerLeft !== undefined) this.ctx.stats.error ??= "EVTX file shorter than its header";
      return;
    }
    const rest = this.pending > 0 ? this.take(this.pending) : undefined;
    if (rest !== undefined && !rest.every((b) => b === 0)) {
      countMalformed(this.ctx.stats);
      this.ctx.stats.error ??= `EVTX file ends inside a chunk (${rest.length} of ${CHUNK_SIZE} bytes${truncated ? ", read broke off" : ""})`;
    }
  }
}
