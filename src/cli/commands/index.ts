import type { Command } from "commander";
import type { CliIO } from "../io.js";
import { registerAudit } from "./audit.js";
import { registerBulk } from "./bulk.js";
import { registerCanary } from "./canary.js";
import { registerConsole } from "./console.js";
import { registerDb } from "./db.js";
import { registerDemo } from "./demo.js";
import { registerDetect } from "./detect.js";
import { registerFootprint } from "./footprint.js";
import { registerHistory } from "./history.js";
import { registerLookalikes } from "./lookalikes.js";
import { registerLookup } from "./lookup.js";
import { registerParse } from "./parse.js";
import { registerQueue } from "./queue.js";
import { registerRules } from "./rules.js";
import { registerSandbox } from "./sandbox.js";
import { registerServe } from "./serve.js";
import { registerUpdate } from "./update.js";
import { registerWatch } from "./watch.js";
import { registerWorker } from "./worker.js";

/**
 * A command module adds its subcommand to the program. The action sets
 * `state.exitCode` instead of calling process.exit, so tests can drive it.
 */
export interface CommandContext {
  io: CliIO;
  state: { exitCode: number };
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

// One entry per command module, alphabetical, one per line; each module owns its file.
export const COMMANDS: RegisterCommand[] = [
  registerAudit,
  registerBulk,
  registerCanary,
  registerConsole,
  registerDb,
  registerDemo,
  registerDetect,
  registerFootprint,
  registerHistory,
  registerLookalikes,
  registerLookup,
  registerParse,
  registerQueue,
  registerRules,
  registerSandbox,
  registerServe,
  registerUpdate,
  registerWatch,
  registerWorker,
];
