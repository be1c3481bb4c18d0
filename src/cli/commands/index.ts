import type { Command } from "commander";
import type { CliIO } from "../io.js";
import { registerBulk } from "./bulk.js";
import { registerCanary } from "./canary.js";
import { registerDb } from "./db.js";
import { registerDemo } from "./demo.js";
import { registerDetect } from "./detect.js";
import { registerFootprint } from "./footprint.js";
import { registerLookup } from "./lookup.js";
import { registerParse } from "./parse.js";
import { registerRules } from "./rules.js";
import { registerSandbox } from "./sandbox.js";
import { registerUpdate } from "./update.js";

/**
 * A command module adds its subcommand to the program. The action sets
 * `state.exitCode` instead of calling process.exit, so tests can drive it.
 */
export interface CommandContext {
  io: CliIO;
  state: { exitCode: number };
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

// One entry per command module, alphabetical; each module owns its file.
export const COMMANDS: RegisterCommand[] = [registerBulk, registerCanary, registerDb, registerDemo, registerDetect, registerFootprint, registerLookup, registerParse, registerRules, registerSandbox, registerUpdate];
