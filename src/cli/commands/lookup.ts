import { Command } from "commander";
import { isWhoislensError } from "../../errors.js";
import type { WhoisRecord } from "../../record/types.js";
import { sanitizeDeep } from "../../util/sanitize.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { formatRecordText } from "../format/record-text.js";
import { addLookupFlags, type LookupFlags } from "../lookup-flags.js";
import { reportError } from "../main.js";
import type { RegisterCommand } from "./index.js";

interface LookupCommandFlags extends LookupFlags {
  json?: boolean;
  ndjson?: boolean;
}

/** Exit code for one record; several queries exit with the worst. A truncated answer outranks the status. */
export function exitCodeFor(record: WhoisRecord): ExitCode {
  if (record.warnings?.some((warning) => warning.code === "WL_WARN_TRUNCATED")) return EXIT.TRUNCATED;
  switch (record.status) {
    case "registered":
      return EXIT.OK;
    case "available":
    case "reserved":
      return EXIT.NOT_FOUND;
    case "throttled":
      return EXIT.THROTTLED;
    case "invalid":
      return EXIT.USAGE;
    case "unknown":
      return EXIT.NETWORK;
  }
}

export const registerLookup: RegisterCommand = (program, ctx) => {
  const command = new Command("lookup")
    .description("look up a domain (IDN too), IPv4/IPv6 address, CIDR, AS number or handle: RDAP first, WHOIS fallback")
    .argument("<query...>", "what to look up (several allowed)")
    .helpOption("--help", "display help for command")
    .option("--json", "print the normalized record as JSON")
    .option("--ndjson", "print one JSON record per line")
    .option("--raw", "include each hop's answer (sanitized)");
  addLookupFlags(command);
  command.action(async (queries: string[], flags: LookupCommandFlags) => {
    const { io } = ctx;
    // Loaded here, not at the top: `--help` and the other commands need none of the engine.
    const [{ lookup }, { lookupOptionsFromFlags }] = await Promise.all([import("../../lookup/index.js"), import("../lookup-options.js")]);
    const options = await lookupOptionsFromFlags(flags, io);
    let worst: number = EXIT.OK;
    for (const [index, query] of queries.entries()) {
      let code: number;
      try {
        const record = sanitizeDeep(await lookup(query, options));
        code = exitCodeFor(record);
        if (flags.ndjson) io.stdout.write(`${JSON.stringify(record)}\n`);
        else if (flags.json) io.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
        else io.stdout.write(`${index > 0 ? "\n" : ""}${formatRecordText(record)}`);
      } catch (error) {
        if (flags.ndjson && isWhoislensError(error)) {
          io.stdout.write(`${JSON.stringify({ query, error: sanitizeDeep(error.toJSON()) })}\n`);
        }
        code = reportError(error, io);
      }
      worst = Math.max(worst, code);
    }
    await options.discovery?.flush();
    ctx.state.exitCode = worst;
  });
  program.addCommand(command);
};
