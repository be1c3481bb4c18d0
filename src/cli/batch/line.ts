import { NET_DEFAULTS } from "../../net/defaults.js";
import { nestedDeeperThan } from "../../net/json-guard.js";
import { parseAnswer, parseWhoisText } from "../../parse/index.js";
import { INPUT_CAPS } from "../../util/read-capped.js";
import { sanitizedJson, sanitizeField } from "../../util/sanitize.js";
import { utf8Builder } from "../lines.js";

/**
 * One `parse --batch` input line turned into its output line: the work shared by the main thread and
 * the batch's worker threads (batch/pool.ts), so both give the same bytes for the same line.
 */

/** JSON nesting allowed in a --batch line: the RDAP transport's own default, so both refuse the same answers. */
const MAX_BATCH_DEPTH = NET_DEFAULTS.maxJsonDepth;

/** One NDJSON line of --batch input: {"id", "server", "query", "text"} or {"id", "server", "rdap": {...}}. */
interface BatchLine {
  id?: unknown;
  server?: unknown;
  query?: unknown;
  text?: unknown;
  rdap?: unknown;
}

/** A line as `linesCapped` gives it: its text, or `text` absent when it passed the line cap. */
export interface NumberedLine {
  number: number;
  text?: string;
}

const errorLine = (id: unknown, message: string, code = "WL_ERR_PARSE"): string =>
  `${sanitizedJson({ id: id ?? null, error: { code, message: sanitizeField(message) } })}\n`;

/** The output line (newline included) for one input line; "" for a blank line, which gives none. */
export function batchLineOutput(next: NumberedLine, maxLineBytes: number): string {
  const number = next.number;
  const line = next.text;
  if (line === undefined) {
    return errorLine(null, `line ${number}: longer than ${maxLineBytes} bytes (${INPUT_CAPS.batchLineFactor.bytes} × --max-bytes; raise it with --max-bytes); skipped`, "WL_ERR_INPUT_TOO_LARGE");
  }
  if (line.trim() === "") return "";
  let input: BatchLine;
  try {
    input = JSON.parse(line) as BatchLine;
  } catch (error) {
    return errorLine(null, `line ${number}: not JSON: ${(error as Error).message}`);
  }
  if (input === null || typeof input !== "object" || Array.isArray(input)) return errorLine(null, `line ${number}: expected a JSON object`);
  // A deeply nested line parses (V8's JSON.parse is iterative), but an "id" nested 100k deep would
  // overflow the stack when echoed back with JSON.stringify and stop the batch, and an "rdap" object
  // is held to the RDAP transport's depth limit. Checked on the parsed values, not by scanning every
  // line's text (a scan of each answer cost ~6% of a batch).
  const deep = nestedDeeperThan(input.id, MAX_BATCH_DEPTH - 1) ? "id" : nestedDeeperThan(input.rdap, MAX_BATCH_DEPTH - 1) ? "rdap" : undefined;
  if (deep !== undefined) return errorLine(null, `line ${number}: "${deep}" nested more than ${MAX_BATCH_DEPTH} levels deep (limit ${MAX_BATCH_DEPTH})`);
  // (An empty server or query counts as none.)
  const server = typeof input.server === "string" && input.server !== "" ? input.server : undefined;
  const query = typeof input.query === "string" && input.query !== "" ? input.query : undefined;
  const options = { server, query };
  let record;
  // WHOIS text straight to its parser: parseAnswer's format dispatch and option copies are per-line work the batch does not need.
  if (typeof input.text === "string") record = parseWhoisText(input.text, options);
  else if (input.rdap !== undefined && input.rdap !== null && typeof input.rdap === "object") record = parseAnswer(input.rdap, options);
  else return errorLine(input.id, `line ${number}: needs "text" (WHOIS) or "rdap" (object)`);
  return `${sanitizedJson({ id: input.id ?? null, record })}\n`;
}

/**
 * The output of consecutive lines, in order, as UTF-8 bytes in a buffer of their own (what a worker thread sends
 * back: one message, its buffer transferred). Each line is encoded as it is made: the main thread then writes the
 * bytes as they are, where a chunk-sized string had to be flattened and encoded there (issue #13).
 */
export function batchChunkBytes(lines: readonly NumberedLine[], maxLineBytes: number): Uint8Array {
  const bytes = utf8Builder();
  for (const line of lines) bytes.add(batchLineOutput(line, maxLineBytes));
  return bytes.take();
}

/**
 * The output lines of consecutive lines, in order, one string each (blank lines give none): the main thread
 * writes them one by one, so that no chunk-sized string is built, flattened and encoded as a whole (lines.ts).
 */
export function batchChunkOutputLines(lines: readonly NumberedLine[], maxLineBytes: number): string[] {
  const outputs: string[] = [];
  for (const line of lines) {
    const output = batchLineOutput(line, maxLineBytes);
    if (output !== "") outputs.push(output);
  }
  return outputs;
}
