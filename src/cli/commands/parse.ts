import { Command, Option } from "commander";
import { isWhoislensError } from "../../errors.js";
import { INPUT_CAPS, readFileCappedSync, readStreamCapped, type CapOptions } from "../../util/read-capped.js";
import { sanitizeDeep, sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import { formatRecordText } from "../format/record-text.js";
import { integerFlag } from "../flags.js";
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
  threads?: string;
}

/** At most this many --threads: each is a V8 isolate of its own (~30 MB, and its own JIT warm-up). */
const MAX_THREADS = 16;

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
      .option("--batch", 'read NDJSON lines {"id","server","query","text"|"rdap"} from FILE (or stdin), write {"id","record"|"error"} per line')
      .option("--max-bytes <n>", `answer size cap in bytes (default ${INPUT_CAPS.answer.bytes}); with --batch each line may hold ${INPUT_CAPS.batchLineFactor.bytes} times this`)
      .option("--threads <n>", "with --batch: worker threads that parse beside the main thread once the input passes 256 KiB (default 0: main thread only; helps only with idle cores)")
      .action(async (file: string | undefined, flags: ParseFlags) => {
        const maxBytes = integerFlag("max-bytes", flags.maxBytes, { min: 1 }) ?? INPUT_CAPS.answer.bytes;
        if (flags.batch) {
          const threads = integerFlag("threads", flags.threads, { min: 0, max: MAX_THREADS }) ?? 0;
          const { runBatch, openBatchFile } = await import("../batch/run.js");
          // A FILE that cannot be opened is a usage error (WL_ERR_INVALID_OPTION, exit 2) before any output.
          const input = file !== undefined && file !== "-" ? openBatchFile(file) : undefined;
          await runBatch(ctx.io, maxBytes * INPUT_CAPS.batchLineFactor.bytes, threads, input);
          ctx.state.exitCode = EXIT.OK;
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
