/**
 * Streaming PCAP and PCAPNG reader (either byte order; pcap micro- or nanosecond stamps; pcapng
 * if_tsresol). Packets go through decodeFrame to the TCP flow table and the UDP DNS reader.
 * A capture that ends inside a record sets ReadStats.error; the events before it are kept.
 */
import type { ParseContext } from "../readers/common.js";
import { parseDns } from "./payload.js";
import { decodeFrame } from "./decode.js";
import { FlowTable, hostPort } from "./flows.js";

const MAX_PACKET = 256 * 1024;
const MAX_BLOCK = 16 * 1024 * 1024;

interface Iface { linkType: number; unitsPerMs: number }

export class PcapReader {
  private pending: Buffer = Buffer.alloc(0);
  private kind: "unknown" | "pcap" | "pcapng" = "unknown";
  private le = true;
  private nanos = false;
  private linkType = 1;
  private ifaces: Iface[] = [];
  private dead = false;
  private packetNo = 0;
  private readonly flows: FlowTable;

  constructor(private readonly ctx: ParseContext) {
    this.flows = new FlowTable(ctx);
  }

  private u32(b: Buffer, at: number): number {
    return this.le ? b.readUInt32LE(at) : b.readUInt32BE(at);
  }

  private u16(b: Buffer, at: number): number {
    return this.le ? b.readUInt16LE(at) : b.readUInt16BE(at);
  }

  private fail(message: string): void {
    this.dead = true;
    this.ctx.stats.error ??= message;
    this.pending = Buffer.alloc(0);
  }

  push(chunk: Buffer): void {
    if (this.dead) return;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let at = 0;
    const b = this.pending;
    for (;;) {
      const used = this.kind === "pcapng" || (this.kind === "unknown" && b.length - at >= 4 && b.readUInt32LE(at) === 0x0a0d0d0a)
        ? this.ngBlock(b, at) : this.pcapRecord(b, at);
      if (used <= 0 || this.dead) break;
      at += used;
    }
    if (!this.dead) this.pending = at >= b.length ? Buffer.alloc(0) : Buffer.from(b.subarray(at));
  }

  /** Classic pcap: the 24-byte header once, then 16-byte record headers. Returns the bytes consumed (0 = need more). */
  private pcapRecord(b: Buffer, at: number): number {
    if (this.kind === "unknown") {
      if (b.length - at < 24) return 0;
      const magic = b.readUInt32LE(at);
      if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) this.le = true;
      else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) this.le = false;
      else {
        this.fail("not a pcap file: bad magic number");
        return 0;
      }
      this.nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
      this.linkType = this.u32(b, at + 20) & 0xffff;
      this.kind = "pcap";
      return 24;
    }
    if (b.length - at < 16) return 0;
    const incl = this.u32(b, at + 8);
    if (incl > MAX_PACKET) {
      this.fail(`corrupt pcap: record ${this.packetNo + 1} claims ${incl} bytes`);
      return 0;
    }
    if (b.length - at < 16 + incl) return 0;
    const ts = this.u32(b, at) * 1000 + Math.floor(this.u32(b, at + 4) / (this.nanos ? 1_000_000 : 1000));
    this.packet(this.linkType, ts, b.subarray(at + 16, at + 16 + incl));
    return 16 + incl;
  }

  /** PCAPNG blocks: SHB (byte order), IDB (link type, if_tsresol), EPB/SPB/PB (packets); others skipped. */
  private ngBlock(b: Buffer, at: number): number {
    if (b.length - at < 12) return 0;
    const type = b.readUInt32LE(at);
    if (type === 0x0a0d0d0a) {
      const bom = b.readUInt32LE(at + 8);
      if (bom === 0x1a2b3c4d) this.le = true;
      else if (bom === 0x4d3c2b1a) this.le = false;
      else {
        this.fail("corrupt pcapng: bad byte-order magic");
        return 0;
      }
      this.kind = "pcapng";
      this.ifaces = [];
    }
    const len = this.u32(b, at + 4);
    if (len < 12 || len % 4 !== 0 || len > MAX_BLOCK) {
      this.fail(`corrupt pcapng: block of ${len} bytes after packet ${this.packetNo}`);
      return 0;
    }
    if (b.length - at < len) return 0;
    const t = this.u32(b, at);
    const body = at + 8;
    const end = at + len - 4;
    if (t === 1 && end - body >= 8) {
      this.ifaces.push({ linkType: this.u16(b, body), unitsPerMs: this.tsresol(b, body + 8, end) });
    } else if ((t === 6 || t === 2) && end - body >= 20) {
      const iface = this.ifaces[t === 6 ? this.u32(b, body) : this.u16(b, body)];
      const units = this.u32(b, body + 4) * 4294967296 + this.u32(b, body + 8);
      const cap = this.u32(b, body + 12);
      if (iface !== undefined && cap <= end - body - 20) {
        this.packet(iface.linkType, Math.floor(units / iface.unitsPerMs), b.subarray(body + 20, body + 20 + cap));
      } else this.badPacket();
    } else if (t === 3 && end - body >= 4) {
      const iface = this.ifaces[0];
      const orig = this.u32(b, body);
      if (iface !== undefined) this.packet(iface.linkType, 0, b.subarray(body + 4, body + 4 + Math.min(orig, end - body - 4)));
      else this.badPacket();
    }
    return len;
  }

  /** Timestamp units per millisecond from the IDB options (if_tsresol, code 9; default microseconds). */
  private tsresol(b: Buffer, at: number, end: number): number {
    let p = at;
    for (let n = 0; n < 64 && p + 4 <= end; n++) {
      const code = this.u16(b, p), len = this.u16(b, p + 2);
      if (code === 0) break;
      if (code === 9 && len >= 1 && p + 5 <= end) {
        const r = b[p + 4] ?? 6;
        const perSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
        return perSecond / 1000;
      }
      p += 4 + Math.ceil(len / 4) * 4;
    }
    return 1000;
  }

  private badPacket(): void {
    this.packetNo++;
    this.ctx.stats.lines++;
    this.ctx.stats.malformed++;
  }

  private packet(linkType: number, ts: number, frame: Buffer): void {
    this.packetNo++;
    const stats = this.ctx.stats;
    stats.lines++;
    const d = decodeFrame(linkType, frame);
    if (d === "bad") {
      stats.malformed++;
      return;
    }
    if (d === "skip") {
      stats.skipped++;
      return;
    }
    this.flows.expire(ts);
    let produced = false;
    if (d.proto === "tcp") produced = this.flows.tcp(d, this.packetNo, ts);
    else produced = this.flows.udpFlow(d, this.packetNo, ts);
    if (d.proto === "udp" && (d.dstPort === 53 || d.srcPort === 53)) {
      const m = parseDns(d.payload);
      if (m === undefined) {
        if (!produced) stats.malformed++;
        return;
      }
      const failedAnswer = m.response && d.srcPort === 53 && m.rcode !== "NOERROR";
      if ((!m.response && d.dstPort === 53) || failedAnswer) {
        const client = failedAnswer ? d.dst : d.src;
        const server = failedAnswer ? d.src : d.dst;
        this.ctx.emit({ kind: "dns", ts, src: client, dst: server, query: m.query, qtype: m.qtype, rcode: m.response ? m.rcode : undefined,
          format: "pcap", evidence: { file: this.ctx.file, line: this.packetNo,
            text: `UDP ${hostPort(d.src, d.srcPort)} -> ${hostPort(d.dst, d.dstPort)} DNS ${m.response ? `answer ${m.rcode}` : "query"} ${m.qtype} ${m.query}`.slice(0, 512) } });
        produced = true;
      }
    }
    if (!produced) stats.skipped++;
  }

  /** End of input: a partial record means a truncated capture. Pending flows are decided. */
  end(truncated: boolean): void {
    if (!this.dead && this.pending.length > 0) {
      this.ctx.stats.error ??= this.kind === "unknown"
        ? `truncated pcap: the file header is incomplete (${this.pending.length} bytes)`
        : `truncated ${this.kind}: packet ${this.packetNo + 1} is incomplete (${this.pending.length} bytes left over)`;
    } else if (truncated) this.ctx.stats.error ??= "truncated capture";
    this.pending = Buffer.alloc(0);
    this.flows.flush();
  }
}
