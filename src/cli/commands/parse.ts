import { Command, Option } from "commander";
import { isWhoislensError } from "../../errors.js";
import { INPUT_CAPS, linesCapped, readFileCappedSync, readStreamCapped, type CapOptions } from "../../util/read-capped.js";
import { sanitizeDeep, sanitizedJson, sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import { formatRecordText } from "../format/record-text.js";
import type { CliIO } from "../io.js";
import { integerFlag } from "../lookup-flags.js";
import { exitCodeFor } from "./lookup.js";
import type { RegisterCommand } from "./index.js";

interface ParseFlags {
  server?: string;
  query?: string;
  format: "auto" | "whois" | "rdap";
  json?: boolean;
  ndjson?: boolean;
  batch?: boolean;
  maxBytes?: string;
}

/** JSON nesting allowed in a --batch line: the RDAP transport's default (maxJsonDepth 64). */
const MAX_BATCH_DEPTH = 64;

/** One NDJSON line of --batch input: {"id", "server", "query", "text"} or {"id", "server", "rdap": {...}}. */
interface BatchLine {
  id?: unknown;
  server?: unknown;
  query?: unknown;
  text?: unknown;
  rdap?: unknown;
}

export const registerParse: RegisterCommand = (program, ctx) => {
  program.addCommand(
    new Command("parse")
      .description("parse a saved WHOIS text or RDAP JSON answer into the normalized record")
      .argument("[file]", "the answer file, or - for standard input")
      .option("--server <host>", "the server that gave the answer (selects its quirks; recorded as source.server)")
      .option("--query <q>", "what was asked")
      .addOption(new Option("--format <format>", "auto, whois or rdap").choices(["auto", "whois", "rdap"]).default("auto"))
      .option("--json", "print the record as JSON")
      .option("--ndjson", "print the record as one JSON line")
      .option("--batch", 'read NDJSON lines {"id","server","query","text"|"rdap"} from stdin, write {"id","record"|"error"} per line')
      .option("--max-bytes <n>", `answer size cap in bytes (default ${INPUT_CAPS.answer.bytes}); with --batch each line may hold ${INPUT_CAPS.batchLineFactor.bytes} times this`)
      .action(async (file: string | undefined, flags: ParseFlags) => {
        const maxBytes = integerFlag("max-bytes", flags.maxBytes) ?? INPUT_CAPS.answer.bytes;
        if (flags.batch) {
          ctx.state.exitCode = await parseBatch(ctx.io, maxBytes * INPUT_CAPS.batchLineFactor.bytes);
          return;
        }
        const [{ parseAnswer }, { decodeBytes }] = await Promise.all([import("../../parse/index.js"), import("../../parse/decode.js")]);
        if (file === undefined) {
          ctx.io.stderr.write("whoislens: WL_ERR_INVALID_OPTION: give a FILE (or - for standard input), or use --batch\n");
          ctx.state.exitCode = EXIT.USAGE;
          return;
        }
        let bytes: Buffer;
        const cap: CapOptions = { maxBytes, what: file === "-" ? "standard input" : `the answer file ${file}`, flag: INPUT_CAPS.answer.flag };
        try {
          bytes = file === "-" ? await readStreamCapped(ctx.io.stdin, cap) : readFileCappedSync(file, cap);
        } catch (error) {
          if (isWhoislensError(error)) throw error;
          ctx.io.stderr.write(`whoislens: WL_ERR_INVALID_OPTION: cannot read ${sanitizeField(file)}: ${sanitizeField((error as Error).message)}\n`);
          ctx.state.exitCode = EXIT.USAGE;
          return;
        }
        const record = sanitizeDeep(
          parseAnswer(decodeBytes(bytes), {
            format: flags.format,
            ...(flags.server !== undefined ? { server: flags.server } : {}),
            ...(flags.query !== undefined ? { query: flags.query } : {}),
          }),
        );
        if (flags.ndjson) ctx.io.stdout.write(`${JSON.stringify(record)}\n`);
        else if (flags.json) ctx.io.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
        else ctx.io.stdout.write(formatRecordText(record));
        ctx.state.exitCode = record.status === "unknown" ? EXIT.OK : exitCodeFor(record);
      }),
  );
};

/**
 * Streams the batch line by line: a bad line gives an error line, never stops the batch. A line over
 * the cap gives its error line as soon as it passes the cap, and the rest of it is skipped unread.
 * Output goes out in ~64 KiB chunks, waiting for the reader when the pipe is full, so memory stays bounded.
 */
async function parseBatch(io: CliIO, maxLineBytes: number): Promise<number> {
  const [{ parseAnswer }, { bufferedWriter }, { nestedDeeperThan }] = await Promise.all([
    import("../../parse/index.js"),
    import("../lines.js"),
    import("../../net/json-guard.js"),
  ]);
  const out = bufferedWriter(io.stdout);
  for await (const next of linesCapped(io.stdin, maxLineBytes)) {
    const number = next.number;
    const fail = (id: unknown, message: string, code = "WL_ERR_PARSE"): Promise<void> | undefined =>
      out.write(`${sanitizedJson({ id: id ?? null, error: { code, message: sanitizeField(message) } })}\n`);
    if (next.tooLong) {
      await fail(null, `line ${number}: longer than ${maxLineBytes} bytes (${INPUT_CAPS.batchLineFactor.bytes} × --max-bytes; raise it with --max-bytes); skipped`, "WL_ERR_INPUT_TOO_LARGE");
      continue;
    }
    const line = next.text;
    if (line.trim() === "") continue;
    let input: BatchLine;
    try {
      input = JSON.parse(line) as BatchLine;
    } catch (error) {
      await fail(null, `line ${number}: not JSON: ${(error as Error).message}`);
      continue;
    }
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      await fail(null, `line ${number}: expected a JSON object`);
      continue;
    }
    // A deeply nested line parses (V8's JSON.parse is iterative), but an "id" nested 100k deep would
    // overflow the stack when echoed back with JSON.stringify and stop the batch, and an "rdap" object
    // is held to the RDAP transport's depth limit. Checked on the parsed values, not by scanning every
    // line's text (a scan of each answer cost ~6% of a batch).
    const deep = nestedDeeperThan(input.id, MAX_BATCH_DEPTH - 1) ? "id" : nestedDeeperThan(input.rdap, MAX_BATCH_DEPTH - 1) ? "rdap" : undefined;
    if (deep !== undefined) {
      await fail(null, `line ${number}: "${deep}" nested more than ${MAX_BATCH_DEPTH} levels deep (limit ${MAX_BATCH_DEPTH})`);
      continue;
    }
    const server = typeof input.server === "string" ? input.server : undefined;
    const query = typeof input.query === "string" ? input.query : undefined;
    const options = { ...(server ? { server } : {}), ...(query ? { query } : {}) };
    let record;
    if (typeof input.text === "string") record = parseAnswer(input.text, { ...options, format: "whois" });
    else if (input.rdap !== undefined && input.rdap !== null && typeof input.rdap === "object") record = parseAnswer(input.rdap, options);
    else {
      await fail(input.id, `line ${number}: needs "text" (WHOIS) or "rdap" (object)`);
      continue;
    }
    await out.write(`${sanitizedJson({ id: input.id ?? null, record })}\n`);
  }
  await out.flush();
  return EXIT.OK;
}
