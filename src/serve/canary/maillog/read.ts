/**
 * Reads a mail log (a file, gzip too, or "-" for stdin) into MailSightings: the format is recognised
 * from the first lines (never the file name), lines are capped (longer ones counted as malformed),
 * control characters never reach the evidence.
 */
import { createGunzip } from "node:zlib";
import { Readable } from "node:stream";
import { evidenceText, LineResult } from "../../../detect/readers/common.js";
import { LineSplitter } from "../../../detect/readers/lines.js";
import { isGzip } from "../../../detect/readers/sniff.js";
import { fileChunks, streamChunks } from "../../../detect/readers/source.js";
import type { Evidence, ReadStats } from "../../../detect/types.js";
import { InvalidOptionError } from "../../../errors.js";
import { eximReader } from "./exim.js";
import { exchangeReader } from "./exchange.js";
import { postfixReader } from "./postfix.js";
import type { MailLogFormat, MailSighting } from "./types.js";

type LineReader = (line: string, evidence: Evidence) => MailSighting | undefined;

/** Recognition, most specific first: one row per format, with what gives it away. */
const FORMATS: readonly { format: Exclude<MailLogFormat, "imap">; test: RegExp; reader: () => LineReader }[] = [
  // Exchange: the W3C-style header of every tracking log file
  { format: "exchange-tracking", test: /^#(?:Software: Microsoft Exchange|Log-type: Message Tracking Log|Fields: date-time,)/m, reader: exchangeReader },
  // Exim: "YYYY-MM-DD hh:mm:ss [zone] [pid] MSGID flag"
  { format: "exim", test: /^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{3})?(?: [+-][0-9]{4})?(?: \[[0-9]{1,10}\])? [0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} (?:<=|=>|->|\*\*|==|Completed)/m, reader: eximReader },
  // Postfix: its syslog program tag
  { format: "postfix", test: / postfix[a-z0-9._-]{0,32}\/[a-z0-9/._-]{1,64}\[[0-9]{1,10}\]: /im, reader: postfixReader },
];

/** The format of a log's first bytes, or undefined. */
export function sniffMailLog(head: string): Exclude<MailLogFormat, "imap"> | undefined {
  return FORMATS.find((f) => f.test.test(head.slice(0, 16_384)))?.format;
}

export interface MailReadOptions { format?: Exclude<MailLogFormat, "imap">; maxLineBytes?: number; signal?: AbortSignal }
export interface MailReadStats extends Omit<ReadStats, "format"> { format: MailLogFormat | "unknown" }

/** Calls `sink` for every sighting in the log; resolves with the counters. */
export async function readMailLog(path: string, sink: (s: MailSighting) => void, options: MailReadOptions = {}): Promise<MailReadStats> {
  const stats: MailReadStats = { file: path, format: "unknown", lines: 0, events: 0, skipped: 0, malformed: 0 };
  let source: AsyncIterable<Buffer> = path === "-" ? streamChunks(process.stdin, options.signal) : fileChunks(path, false, options.signal);
  const it = source[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer>;
  try {
    first = await it.next();
  } catch (error) {
    throw new InvalidOptionError(`cannot read mail log ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (first.done === true) return stats;
  async function* rest(): AsyncGenerator<Buffer> {
    yield first.value as Buffer;
    for (;;) {
      const r = await it.next();
      if (r.done === true) return;
      yield r.value;
    }
  }
  source = rest();
  if (isGzip(first.value)) {
    const gunzip = createGunzip();
    Readable.from(source).on("error", (e) => gunzip.destroy(e)).pipe(gunzip);
    source = streamChunks(gunzip, options.signal);
  }
  let reader: LineReader | undefined;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const maxLineBytes = options.maxLineBytes ?? 64 * 1024;
  const splitter = new LineSplitter({
    line(buf, start, end, lineNo) {
      if (reader === undefined) return LineResult.Skipped;
      const text = buf.toString("utf8", start, end);
      const sighting = reader(text, { file: path, line: lineNo, text: evidenceText(buf, start, end) });
      if (sighting === undefined) return LineResult.Skipped;
      stats.events++;
      sink(sighting);
      return LineResult.Event;
    },
  }, stats as ReadStats, maxLineBytes);
  const choose = (): void => {
    const head = Buffer.concat(pending).toString("utf8");
    const format = options.format ?? sniffMailLog(head);
    if (format === undefined) throw new InvalidOptionError(`${path}: not a Postfix, Exim or Exchange message-tracking log (name one with --mail-format)`);
    stats.format = format;
    const row = FORMATS.find((f) => f.format === format);
    reader = row?.reader();
    for (const b of pending) splitter.push(b);
    pending = [];
  };
  try {
    for await (const chunk of source) {
      if (reader !== undefined) { splitter.push(chunk); continue; }
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= 16_384) choose();
    }
  } catch (error) {
    if (error instanceof InvalidOptionError) throw error;
    stats.error = `read error: ${(error as Error).message}`;
  }
  if (reader === undefined && pendingBytes > 0) choose();
  splitter.end(stats.error !== undefined);
  return stats;
}
