import { readFile } from "node:fs/promises";
import { Command, Option } from "commander";
import { sanitizeDeep, sanitizedJson, sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import { formatRecordText } from "../format/record-text.js";
import type { CliIO } from "../io.js";
import { exitCodeFor } from "./lookup.js";
import type { RegisterCommand } from "./index.js";

interface ParseFlags {
  server?: string;
  query?: string;
  format: "auto" | "whois" | "rdap";
  json?: boolean;
  ndjson?: boolean;
  batch?: boolean;
}

/** One NDJSON line of --batch input: {"id", "server", "query", "text"} or {"id", "server", "rdap": {...}}. */
interface BatchLine {
  id?: unknown;
  server?: unknown;
  query?: unknown;
  text?: unknown;
  rdap?: unknown;
}

const MAX_BATCH_LINE = 4 * 1024 * 1024;

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
      .action(async (file: string | undefined, flags: ParseFlags) => {
        if (flags.batch) {
          ctx.state.exitCode = await parseBatch(ctx.io);
          return;
        }
        const [{ parseAnswer }, { decodeBytes }] = await Promise.all([import("../../parse/index.js"), import("../../parse/decode.js")]);
        if (file === undefined) {
          ctx.io.stderr.write("whoislens: WL_ERR_INVALID_OPTION: give a FILE (or - for standard input), or use --batch\n");
          ctx.state.exitCode = EXIT.USAGE;
          return;
        }
        let bytes: Buffer;
        try {
          bytes = file === "-" ? await readAll(ctx.io.stdin) : await readFile(file);
        } catch (error) {
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

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Streams the batch line by line: a bad line gives an error line, never stops the batch. Output goes out
 * in ~64 KiB chunks, waiting for the reader when the pipe is full, so memory stays bounded.
 */
async function parseBatch(io: CliIO): Promise<number> {
  const [{ parseAnswer }, { readLines, bufferedWriter }] = await Promise.all([import("../../parse/index.js"), import("../lines.js")]);
  const out = bufferedWriter(io.stdout);
  for await (const line of readLines(io.stdin, MAX_BATCH_LINE)) {
    const fail = (id: unknown, message: string): Promise<void> | undefined =>
      out.write(`${sanitizedJson({ id: id ?? null, error: { code: "WL_ERR_PARSE", message: sanitizeField(message) } })}\n`);
    if (line.tooLong) {
      await fail(null, `line ${line.number}: longer than ${MAX_BATCH_LINE} bytes (${line.bytes})`);
      continue;
    }
    if (line.text.trim() === "") continue;
    let input: BatchLine;
    try {
      input = JSON.parse(line.text) as BatchLine;
    } catch (error) {
      await fail(null, `line ${line.number}: not JSON: ${(error as Error).message}`);
      continue;
    }
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      await fail(null, `line ${line.number}: expected a JSON object`);
      continue;
    }
    const server = typeof input.server === "string" ? input.server : undefined;
    const query = typeof input.query === "string" ? input.query : undefined;
    const options = { ...(server ? { server } : {}), ...(query ? { query } : {}) };
    let record;
    if (typeof input.text === "string") record = parseAnswer(input.text, { ...options, format: "whois" });
    else if (input.rdap !== undefined && input.rdap !== null && typeof input.rdap === "object") record = parseAnswer(input.rdap, options);
    else {
      await fail(input.id, `line ${line.number}: needs "text" (WHOIS) or "rdap" (object)`);
      continue;
    }
    await out.write(`${sanitizedJson({ id: input.id ?? null, record })}\n`);
  }
  await out.flush();
  return EXIT.OK;
}
