import { Command, CommanderError } from "commander";
import { isWhoislensError } from "../errors.js";
import { sanitizeField } from "../util/sanitize.js";
import { COMMANDS, type CommandContext } from "./commands/index.js";
import { EXIT } from "./exit-codes.js";
import { processIO, type CliIO } from "./io.js";

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command("whoislens")
    .description("WHOIS and RDAP intelligence: lookups, bulk collection, footprinting, detection")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    });
  for (const register of COMMANDS) register(program, ctx);
  // addCommand() does not pass these settings down; every command must throw, not exit.
  const settle = (commands: readonly Command[]): void => {
    for (const command of commands) {
      command.exitOverride().configureOutput({
        writeOut: (text) => ctx.io.stdout.write(text),
        writeErr: (text) => ctx.io.stderr.write(text),
      });
      settle(command.commands);
    }
  };
  settle(program.commands);
  return program;
}

/** Runs the CLI and returns the exit code; never calls process.exit. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const ctx: CommandContext = { io, state: { exitCode: EXIT.OK } };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: "user" });
    return ctx.state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    return reportError(error, io);
  }
}

/** Prints a thrown error as one clean line and maps it to an exit code. */
export function reportError(error: unknown, io: CliIO): number {
  if (isWhoislensError(error)) {
    io.stderr.write(`whoislens: ${error.code}: ${sanitizeField(error.message)}\n`);
    switch (error.code) {
      case "WL_ERR_INVALID_QUERY":
      case "WL_ERR_INVALID_OPTION":
      case "WL_ERR_CONFIG":
      case "WL_ERR_INPUT_TOO_LARGE":
        return EXIT.USAGE;
      case "WL_ERR_THROTTLED":
        return EXIT.THROTTLED;
      default:
        return EXIT.NETWORK;
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`whoislens: ${sanitizeField(message)}\n`);
  return EXIT.NETWORK;
}
