/**
 * One direction of a TCP connection, reassembled: contiguous bytes not yet consumed, plus out-of-order
 * segments waiting for the gap before them. Bounded: at most `maxBuffered` bytes kept and 64 segments
 * pending; bytes consumed are dropped (keep-alive HTTP, several DNS messages per connection).
 */

const MAX_PENDING = 64;
/** Segments further ahead than this from the next expected byte are ignored. */
const WINDOW = 256 * 1024;
const EMPTY = Buffer.alloc(0);

export class TcpStream {
  /** Offset (from the stream's first byte) of the next byte expected. */
  private next = 0;
  private buf: Buffer = EMPTY;
  private pending: { off: number; data: Buffer }[] = [];
  /** Bytes still to drop as they arrive (the rest of a message body already consumed). */
  private skip = 0;
  /** Packet number and time of the first byte now in `bytes`. */
  firstPacket = 0;
  firstTs = 0;

  constructor(private readonly maxBuffered: number) {}

  get bytes(): Buffer {
    return this.buf;
  }

  /** Bytes held (contiguous and pending). */
  get held(): number {
    let n = this.buf.length;
    for (const p of this.pending) n += p.data.length;
    return n;
  }

  /** Adds a segment at `off`; returns true when the contiguous bytes grew. */
  add(off: number, data: Buffer, packet: number, ts: number): boolean {
    if (data.length === 0 || off - this.next > WINDOW || off + data.length <= this.next) return false;
    if (this.buf.length === 0 && this.pending.length === 0) {
      this.firstPacket = packet;
      this.firstTs = ts;
    }
    if (off > this.next) {
      if (this.pending.length < MAX_PENDING && this.held + data.length <= this.maxBuffered
        && !this.pending.some((p) => p.off === off && p.data.length >= data.length)) {
        this.pending.push({ off, data: Buffer.from(data) });
      }
      return false;
    }
    const before = this.buf.length;
    this.append(data.subarray(this.next - off));
    for (let again = true; again; ) {
      again = false;
      for (let i = 0; i < this.pending.length; i++) {
        const p = this.pending[i];
        if (p === undefined || p.off > this.next) continue;
        this.pending.splice(i, 1);
        if (p.off + p.data.length > this.next) this.append(p.data.subarray(this.next - p.off));
        again = true;
        break;
      }
    }
    return this.buf.length > before;
  }

  private append(data: Buffer): void {
    this.next += data.length;
    let d = data;
    if (this.skip > 0) {
      const drop = Math.min(this.skip, d.length);
      this.skip -= drop;
      d = d.subarray(drop);
    }
    if (d.length === 0) return;
    const room = this.maxBuffered - this.buf.length;
    if (room <= 0) return;
    const part = d.length > room ? d.subarray(0, room) : d;
    this.buf = this.buf.length === 0 ? Buffer.from(part) : Buffer.concat([this.buf, part]);
  }

  /** Drops `n` bytes from the front; bytes beyond what is held are dropped as they arrive. */
  consume(n: number): void {
    if (n >= this.buf.length) {
      this.skip += n - this.buf.length;
      this.buf = EMPTY;
    } else this.buf = this.buf.subarray(n); // at most maxBuffered bytes stay pinned
  }

  clear(): void {
    this.buf = EMPTY;
    this.pending = [];
  }
}
