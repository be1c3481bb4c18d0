import { Command, CommanderError, Help } from "commander";
import { isWhoislensError } from "../errors.js";
import { sanitizeField } from "../util/sanitize.js";
import { COMMANDS, type CommandContext, type CommandEntry } from "./commands/index.js";
import { EXIT } from "./exit-codes.js";
import { processIO, type CliIO } from "./io.js";

const rowNamed = (name: string): CommandEntry | undefined => COMMANDS.find((row) => row.name === name || (row.aliases ?? []).includes(name));

/**
 * The commands these arguments run, found as commander 14 scans the root's arguments (Command.parseOptions
 * and _parseCommand): operands are the arguments before the first option the root does not know (its only
 * option is -V/--version; `--help` is not one of its options, so `--help lookup` prints the root help),
 * everything after `--` included. The first operand names the command; after `help`, the second does.
 * Loading one command too many is harmless (the -V case); loading too few is caught by the
 * preSubcommand guard in buildProgram.
 */
export function invokedCommands(argv: readonly string[]): CommandEntry[] {
  const operands: string[] = [];
  for (let i = 0; i < argv.length && operands.length < 2; i += 1) {
    const arg = argv[i] as string;
    if (arg === "--") {
      operands.push(...argv.slice(i + 1));
      break;
    }
    const isOption = arg.length > 1 && arg.startsWith("-");
    if (isOption && arg !== "--version" && !/^-V/.test(arg)) break;
    if (!isOption) operands.push(arg);
  }
  const [first, second] = operands;
  const row = first === undefined ? undefined : rowNamed(first);
  if (row) return [row];
  // `help CMD` prints CMD's help (commander's implicit help command, which no row shadows).
  const helped = first === "help" && second !== undefined ? rowNamed(second) : undefined;
  return helped ? [helped] : [];
}

/**
 * The program with every command of the table: the ones named in `load` (all of them when `load` is
 * "all") built by their modules; the others stand as placeholders holding only the table's name, usage
 * and summary, which is all the root help, `help` and an unknown command's suggestion read.
 */
export async function buildProgram(ctx: CommandContext, load: readonly CommandEntry[] | "all" = "all"): Promise<Command> {
  const wanted = load === "all" ? COMMANDS : load;
  // Imported together: each is its own chunk in the bundle.
  const registers = new Map(await Promise.all(wanted.map(async (row) => [row, await row.load()] as const)));
  const placeholders = new Map<Command, CommandEntry>();
  const program = new Command("whoislens")
    .description("WHOIS and RDAP intelligence: lookups, bulk collection, footprinting, detection")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    })
    // A placeholder has none of its command's options and arguments: its line comes from the table.
    .configureHelp({
      subcommandTerm(this: Help, command: Command): string {
        const row = placeholders.get(command);
        return row ? row.usage : Help.prototype.subcommandTerm.call(this, command);
      },
    })
    .hook("preSubcommand", (_program, command) => {
      const row = placeholders.get(command);
      if (row) throw new Error(`internal error: command "${row.name}" ran without being loaded (invokedCommands missed it)`);
    });
  for (const row of COMMANDS) {
    const register = registers.get(row);
    if (register) {
      register(program, ctx);
      continue;
    }
    const placeholder = new Command(row.name).description(row.summary);
    if (row.aliases) placeholder.aliases(row.aliases);
    placeholders.set(placeholder, row);
    program.addCommand(placeholder);
  }
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
  try {
    // Only the command being run is loaded (issue #13); a module that fails to load is reported like any error.
    const program = await buildProgram(ctx, invokedCommands(argv));
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
