/** A 32-bit hash of a string's UTF-16 code units (FNV-1a); replaceable so tests can force collisions. */
export type QueryHash = (query: string) => number;

export const fnv1a: QueryHash = (query) => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < query.length; i += 1) hash = Math.imul(hash ^ query.charCodeAt(i), 0x01000193);
  return hash >>> 0;
};

/** Arena chunk size: one query's bytes never span two chunks; a longer query goes to `long`. */
const CHUNK = 1 << 20;
/** Bytes before each stored query: its length. */
const PREFIX = 4;
const INITIAL_SLOTS = 1 << 12;

/**
 * The queries a bulk run has seen, for de-duplication without a store (issue #4 follow-up). A
 * `Set<string>` of a million queries took ≈ 81 MB of heap and ≈ 177 MB of RSS (V8 string headers,
 * the Set's table, the garbage of growing it). Here each query is kept once as UTF-8 bytes in 1 MiB
 * Buffer chunks (4-byte length + the bytes), found through an open-addressing table of two
 * Uint32Arrays (hash, arena position + 1): ≈ 4 + length bytes per query plus 16 bytes per slot at
 * ≤ 50% load. Equal hashes are compared byte for byte, so a collision never makes two different
 * queries one (exact, not probabilistic: a weak hash only costs time). No library offers this: the
 * npm "compact set" packages are Bloom/cuckoo filters, which would drop distinct queries.
 */
export class QuerySet {
  private hashes = new Uint32Array(INITIAL_SLOTS);
  /** Arena position + 1 of each slot's query; 0 is an empty slot. */
  private positions = new Uint32Array(INITIAL_SLOTS);
  private readonly chunks: Buffer[] = [];
  private used = CHUNK;
  private scratch = Buffer.allocUnsafe(256);
  /** Queries longer than a chunk (library callers only: the CLI caps a line at 4 KiB). */
  private readonly long = new Set<string>();
  private count = 0;

  constructor(private readonly hash: QueryHash = fnv1a) {}

  get size(): number {
    return this.count + this.long.size;
  }

  /** Adds the query; false when it was already there. */
  add(query: string): boolean {
    const length = Buffer.byteLength(query, "utf8");
    if (length + PREFIX > CHUNK) {
      if (this.long.has(query)) return false;
      this.long.add(query);
      return true;
    }
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(Math.max(length, this.scratch.length * 2));
    this.scratch.write(query, 0, "utf8");
    const hash = this.hash(query) >>> 0;
    const mask = this.hashes.length - 1;
    let slot = hash & mask;
    for (;;) {
      const position = this.positions[slot] as number;
      if (position === 0) break;
      if (this.hashes[slot] === hash && this.equals(position - 1, length)) return false;
      slot = (slot + 1) & mask;
    }
    this.hashes[slot] = hash;
    this.positions[slot] = this.store(length) + 1;
    this.count += 1;
    if (this.count * 2 > this.hashes.length) this.grow();
    return true;
  }

  private equals(position: number, length: number): boolean {
    const chunk = this.chunks[Math.floor(position / CHUNK)] as Buffer;
    const at = position % CHUNK;
    if (chunk.readUInt32LE(at) !== length) return false;
    return chunk.compare(this.scratch, 0, length, at + PREFIX, at + PREFIX + length) === 0;
  }

  /** Copies the scratch bytes into the arena; returns their position. */
  private store(length: number): number {
    if (this.used + PREFIX + length > CHUNK) {
      if (this.chunks.length * CHUNK + CHUNK >= 0xffff_ffff) throw new RangeError("QuerySet: more than 4 GiB of queries");
      this.chunks.push(Buffer.allocUnsafe(CHUNK));
      this.used = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1] as Buffer;
    const at = this.used;
    chunk.writeUInt32LE(length, at);
    this.scratch.copy(chunk, at + PREFIX, 0, length);
    this.used += PREFIX + length;
    return (this.chunks.length - 1) * CHUNK + at;
  }

  /** Doubles the table, re-placing each slot by its kept hash (the strings are not re-hashed). */
  private grow(): void {
    const { hashes, positions } = this;
    this.hashes = new Uint32Array(hashes.length * 2);
    this.positions = new Uint32Array(hashes.length * 2);
    const mask = this.hashes.length - 1;
    for (let i = 0; i < hashes.length; i += 1) {
      const position = positions[i] as number;
      if (position === 0) continue;
      const hash = hashes[i] as number;
      let slot = hash & mask;
      while (this.positions[slot] !== 0) slot = (slot + 1) & mask;
      this.hashes[slot] = hash;
      this.positions[slot] = position;
    }
  }
}
