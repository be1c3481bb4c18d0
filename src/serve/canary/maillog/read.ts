/**
 * Reads a mail log (a file, gzip too, or "-" for stdin) into MailSightings: the format is recognised
 * from the first lines (never the file name), lines are capped (longer ones counted as malformed),
 * control characters never reach the evidence.
 */
import { evidenceText, LineResult, SinkFailure } from "../../../detect/readers/common.js";
import { openInput, prepend, pumpChunks, takeHead } from "../../../detect/readers/input.js";
import { LineSplitter } from "../../../detect/readers/lines.js";
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

/** Bytes of a log's start that recognition reads. */
const SNIFF_BYTES = 16_384;
/** Longest line read by default; a longer one is counted as malformed. */
const MAX_LINE_BYTES = 64 * 1024;

/** The format of a log's first bytes, or undefined. */
export function sniffMailLog(head: string): Exclude<MailLogFormat, "imap"> | undefined {
  return FORMATS.find((f) => f.test.test(head.slice(0, SNIFF_BYTES)))?.format;
}

export interface MailReadOptions { format?: Exclude<MailLogFormat, "imap">; maxLineBytes?: number; signal?: AbortSignal }
export interface MailReadStats extends Omit<ReadStats, "format"> { format: MailLogFormat | "unknown" }

/**
 * Calls `sink` for every sighting in the log; resolves with the counters. Opening, gzip and line
 * splitting are detect's (readers/input.ts): the file is closed on every path, also when `sink`
 * throws (its error is the caller's, rethrown as it was) or the format is not recognised.
 */
export async function readMailLog(path: string, sink: (s: MailSighting) => void, options: MailReadOptions = {}): Promise<MailReadStats> {
  const stats: MailReadStats = { file: path, format: "unknown", lines: 0, events: 0, skipped: 0, malformed: 0 };
  const signal = options.signal ? { signal: options.signal } : {};
  let input: Awaited<ReturnType<typeof openInput>>;
  try {
    input = await openInput(path, signal);
  } catch (error) {
    throw new InvalidOptionError(`cannot read mail log ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
    const it = input.chunks[Symbol.asyncIterator]();
    let head: { head: Buffer; done: boolean };
    try {
      head = await takeHead(it, SNIFF_BYTES, Math.max(SNIFF_BYTES, maxLineBytes), false);
    } catch (error) {
      stats.error = `read error: ${(error as Error).message}`;
      return stats;
    }
    if (head.head.length === 0) return stats;
    const format = options.format ?? sniffMailLog(head.head.toString("utf8"));
    if (format === undefined) throw new InvalidOptionError(`${path}: not a Postfix, Exim or Exchange message-tracking log (name one with --mail-format)`);
    stats.format = format;
    const reader = FORMATS.find((f) => f.format === format)?.reader();
    if (reader === undefined) throw new InvalidOptionError(`${path}: no reader for mail log format ${format}`);
    const splitter = new LineSplitter({
      line(buf, start, end, lineNo) {
        const sighting = reader(buf.toString("utf8", start, end), { file: path, line: lineNo, text: evidenceText(buf, start, end) });
        if (sighting === undefined) return LineResult.Skipped;
        stats.events++;
        try {
          sink(sighting);
        } catch (cause) {
          throw new SinkFailure(cause); // the splitter would count any other throw as a malformed line
        }
        return LineResult.Event;
      },
    }, stats as ReadStats, maxLineBytes);
    await pumpChunks(prepend(head.head, it, head.done), splitter, { ...signal, onBreak: (error) => (stats.error = `read error: ${(error as Error).message}`) });
    return stats;
  } finally {
    await input.close();
  }
}
