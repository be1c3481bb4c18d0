import { createReadStream, existsSync, statSync } from "node:fs";
import { InvalidOptionError, type WhoislensError } from "../errors.js";
import { INPUT_CAPS, linesCapped, tooLarge } from "../util/read-capped.js";
import { sanitizeField } from "../util/sanitize.js";
import { utf8Chunks } from "../util/text-encoding.js";
import type { CliIO } from "./io.js";

/**
 * The input of `bulk FILE` and `bulk FILE --queue URL`: one reader for both, so a query file reads the same
 * whether it is looked up here or enqueued for workers (issue #13: the --queue path once took its reader
 * through four injected helpers and missed the checks local bulk made).
 */

/** A run is named by its input's content and the options that shape its answers, so the same command resumes. */
export async function runIdFor(file: string, options: object): Promise<string> {
  const { createHash } = await import("node:crypto");
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  hash.update(JSON.stringify(options));
  return `file-${hash.digest("hex").slice(0, 16)}`;
}

/** Refuses an input file that cannot be read before any work starts (no store opened, no queue connected). */
export function checkInputFile(file: string): void {
  if (file !== "-" && (!existsSync(file) || !statSync(file).isFile())) throw new InvalidOptionError(`cannot read input file ${file}`);
}

/**
 * The queries of FILE (- for standard input): its lines through queryInput, comments and blank lines
 * dropped (bulk/run.ts queryLines); a skipped over-long line is told on stderr and counted in `counts`.
 */
export async function bulkQueries(file: string, io: CliIO, counts: { skipped: number }): Promise<AsyncGenerator<string>> {
  const { queryLines } = await import("../bulk/run.js");
  const input = file === "-" ? io.stdin : createReadStream(file);
  return queryLines(queryInput(input, file === "-" ? "standard input" : file, skippedLineReporter(io, counts)));
}

/**
 * The input's lines (UTF-8, or UTF-16 with its BOM as Windows PowerShell's `>` writes it: util/text-encoding.ts),
 * each capped (INPUT_CAPS.queryLine). A longer line is no query (no name, address or handle is that long): it is
 * skipped unread and told to `skipped` (WL_ERR_INPUT_TOO_LARGE naming its line), and the run goes on with the
 * rest; without `skipped` it stops the run. One pasted blob must not cost the hundreds of good lines around it.
 */
export async function* queryInput(input: AsyncIterable<Buffer | string>, what: string, skipped?: (error: WhoislensError) => void): AsyncGenerator<string> {
  const cap = INPUT_CAPS.queryLine.bytes;
  for await (const line of linesCapped(endedLines(utf8Chunks(input), what), cap)) {
    if (!line.tooLong) yield line.text;
    else if (skipped === undefined) throw tooLarge({ maxBytes: cap, what: `line ${line.number} of ${what}` });
    else skipped(tooLarge({ maxBytes: cap, what: `line ${line.number} of ${what}` }));
  }
}

/**
 * The chunks, until INPUT_CAPS.unendingLine bytes pass with no line end: a skipped line is read to its end,
 * so an input with none (`bulk - < /dev/zero`) would be read for ever; it stops the run instead.
 */
async function* endedLines(chunks: AsyncIterable<Buffer | string>, what: string): AsyncGenerator<Buffer | string> {
  const cap = INPUT_CAPS.unendingLine.bytes;
  let sinceLineEnd = 0;
  for await (const chunk of chunks) {
    const last = typeof chunk === "string" ? chunk.lastIndexOf("\n") : chunk.lastIndexOf(0x0a);
    sinceLineEnd = last === -1 ? sinceLineEnd + chunk.length : chunk.length - last - 1;
    if (sinceLineEnd > cap) throw tooLarge({ maxBytes: cap, what: `a line of ${what} (no line end)` });
    yield chunk;
  }
}

/** Told on stderr as it happens: the line, why, and that the run goes on (bulk and bulk --queue). */
export function skippedLineReporter(io: CliIO, counts: { skipped: number }): (error: WhoislensError) => void {
  return (error) => {
    counts.skipped += 1;
    io.stderr.write(`${io.stderrIsTTY ? "\r" : ""}bulk: ${error.code}: ${sanitizeField(error.message.replace(/; reading stopped at the cap$/, ""))}: skipped, the run goes on\n`);
  };
}

/** The summary's mention of skipped input lines, empty when none was. */
export function skippedNote(skipped: number): string {
  return skipped > 0 ? `, ${skipped} input line${skipped === 1 ? "" : "s"} skipped (over ${INPUT_CAPS.queryLine.bytes} bytes)` : "";
}
