/** Splits Buffer chunks into lines for a LineParser, with a line-length cap and the ReadStats counters. */
import type { ReadStats } from "../types.js";
import { type LineParser, LineResult, SinkFailure } from "./common.js";

/** One line (or JSON record) through its parser, counted in `stats`; a parser that throws marks it malformed, a sink that throws stops the read. */
export function parseCounted(parser: LineParser, stats: ReadStats, buf: Buffer, start: number, end: number, lineNo: number): void {
  stats.lines++;
  let result: LineResult;
  try {
    result = parser.line(buf, start, end, lineNo);
  } catch (err) {
    if (err instanceof SinkFailure) throw err;
    result = LineResult.Malformed;
  }
  if (result === LineResult.Skipped) stats.skipped++;
  else if (result === LineResult.Malformed) stats.malformed++;
}

/** A line (or record) that never reached its parser: over-long, or cut off. */
export function countMalformed(stats: ReadStats): void {
  stats.lines++;
  stats.malformed++;
}

export class LineSplitter {
  private carry: Buffer | undefined;
  /** True while skipping the rest of an over-long line. */
  private discarding = false;
  private lineNo = 0;

  constructor(
    private readonly parser: LineParser,
    private readonly stats: ReadStats,
    private readonly maxLineBytes: number,
  ) {}

  private deliver(buf: Buffer, start: number, end: number): void {
    if (end > start && buf[end - 1] === 13) end--;
    parseCounted(this.parser, this.stats, buf, start, end, ++this.lineNo);
  }

  private overlong(): void {
    this.lineNo++;
    countMalformed(this.stats);
  }

  push(chunk: Buffer): void {
    const buf = chunk;
    let pos = 0;
    if (this.carry !== undefined) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        if (this.carry.length + chunk.length > this.maxLineBytes) {
          this.carry = undefined;
          this.discarding = true;
        } else this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      if (this.carry.length + nl > this.maxLineBytes) {
        this.overlong();
      } else {
        const line = Buffer.concat([this.carry, chunk.subarray(0, nl)]);
        this.deliver(line, 0, line.length);
      }
      this.carry = undefined;
      pos = nl + 1;
    } else if (this.discarding) {
      const nl = chunk.indexOf(10);
      if (nl < 0) return;
      this.discarding = false;
      this.overlong();
      pos = nl + 1;
    }
    for (;;) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0) break;
      if (nl - pos > this.maxLineBytes) this.overlong();
      else this.deliver(buf, pos, nl);
      pos = nl + 1;
    }
    if (pos < buf.length) {
      if (buf.length - pos > this.maxLineBytes) this.discarding = true;
      else this.carry = Buffer.from(buf.subarray(pos)); // copy: do not pin the whole chunk
    }
  }

  /** End of input: the last line without a newline; `truncated` counts it as malformed. */
  end(truncated = false): void {
    if (this.discarding) {
      this.discarding = false;
      this.overlong();
    } else if (this.carry !== undefined && this.carry.length > 0) {
      if (truncated) this.overlong();
      else this.deliver(this.carry, 0, this.carry.length);
    }
    this.carry = undefined;
    this.parser.end?.();
  }
}
