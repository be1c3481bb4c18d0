/**
 * One EVTX chunk (libyal libevtx, documentation/"Windows XML Event Log (EVTX).asciidoc", sections "Chunk" and "Event
 * record"): a 512-byte header (`ElfChnk\0`, CRC32 of bytes 0-120 and 128-512 at 124, CRC32 of the records'
 * data 512..free space offset at 52), then records (`**\0\0`, size, record identifier, written FILETIME, Binary
 * XML, the size again). A chunk whose checksums disagree is skipped whole (a chunk is also where its strings and
 * templates live, so none of its records can be trusted); a record that claims more than its chunk, or whose two
 * sizes differ, ends the chunk's records.
 *
 * Dirty files (file header flag 0x1: the log was copied while open, or Windows did not close it) are read: their
 * last written chunks carry a records checksum not yet updated (seen in real exports: every chunk-level mismatch in
 * omerbenamram/evtx's samples is in a dirty file), so there only the chunk header's checksum is required; each
 * record is still bounds-checked.
 */
import { crc32 } from "node:zlib";

export const CHUNK_SIZE = 64 * 1024;
const HEADER_SIZE = 512;
const RECORD_HEADER = 24;
const CHUNK_MAGIC = Buffer.from("ElfChnk\0", "latin1");
const RECORD_MAGIC = 0x00002a2a;

export interface EvtxRecord { id: number; from: number; to: number }

export type ChunkCheck = { ok: true; freeSpace: number } | { ok: false; why: string };

export function checkChunk(chunk: Buffer, dirty = false): ChunkCheck {
  if (!chunk.subarray(0, 8).equals(CHUNK_MAGIC)) return { ok: false, why: "no ElfChnk signature" };
  const header = crc32(chunk.subarray(128, HEADER_SIZE), crc32(chunk.subarray(0, 120)));
  if (header !== chunk.readUInt32LE(124)) return { ok: false, why: "chunk header checksum mismatch" };
  const freeSpace = chunk.readUInt32LE(48);
  if (freeSpace < HEADER_SIZE || freeSpace > chunk.length) return { ok: false, why: "free space offset outside the chunk" };
  if (!dirty && crc32(chunk.subarray(HEADER_SIZE, freeSpace)) !== chunk.readUInt32LE(52)) return { ok: false, why: "event records checksum mismatch" };
  return { ok: true, freeSpace };
}

/** The records of a checked chunk, in order; `bad` is called once when the records stop early on a broken one. */
export function* chunkRecords(chunk: Buffer, freeSpace: number, bad: (why: string) => void): Generator<EvtxRecord> {
  let pos = HEADER_SIZE;
  while (pos + RECORD_HEADER + 4 <= freeSpace) {
    if (chunk.readUInt32LE(pos) !== RECORD_MAGIC) {
      if (chunk.readUInt32LE(pos) !== 0) bad("no record signature where a record should start");
      return;
    }
    const size = chunk.readUInt32LE(pos + 4);
    if (size < RECORD_HEADER + 4 || pos + size > freeSpace) return bad("a record that claims more than its chunk");
    if (chunk.readUInt32LE(pos + size - 4) !== size) return bad("a record whose trailing size differs");
    const id = chunk.readBigUInt64LE(pos + 8);
    yield { id: id > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(id), from: pos + RECORD_HEADER, to: pos + size - 4 };
    pos += size;
  }
}
