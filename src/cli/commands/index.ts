import type { Command } from "commander";
import type { CliIO } from "../io.js";

/**
 * A command module adds its subcommand to the program. The action sets
 * `state.exitCode` instead of calling process.exit, so tests can drive it.
 */
export interface CommandContext {
  io: CliIO;
  state: { exitCode: number };
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

// One line per command module; keep alphabetical.
export const COMMANDS: RegisterCommand[] = [];
