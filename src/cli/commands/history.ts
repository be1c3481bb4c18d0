import { Command } from "commander";
import { hostName } from "../../defend/watch/values.js";
import { sanitizedJson, sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import { withStore } from "../store.js";
import type { RegisterCommand } from "./index.js";

export const registerHistory: RegisterCommand = (program, ctx) => {
  program.addCommand(
    new Command("history")
      .description("print a domain's timeline of changes from the store (every lookup, bulk and watch fetch, diffed in order)")
      .argument("<domain>", "the domain")
      .option("--store <path>", "store (SQLite path or postgres:// URL; default: the data directory's whoislens.db)")
      .option("--json", "one JSON line per event")
      .action(async (domain: string, flags: { store?: string; json?: boolean }) => {
        const name = hostName(domain, "history");
        const { domainHistory } = await import("../../defend/watch/history.js");
        await withStore(flags.store, ctx.io.env, async (store) => {
          const events = await domainHistory(store, name);
          if (events.length === 0) {
            ctx.io.stderr.write(`history: nothing stored for ${name}\n`);
            ctx.state.exitCode = EXIT.NOT_FOUND;
            return;
          }
          for (const e of events) {
            if (flags.json) {
              ctx.io.stdout.write(`${sanitizedJson(e)}\n`);
              continue;
            }
            const change = e.before === null ? (e.after ?? "") : `${e.before} → ${e.after ?? "(none)"}`;
            ctx.io.stdout.write(`${e.at}  ${e.kind.padEnd(19)} ${e.severity.padEnd(8)} ${sanitizeField(change)}  (${e.protocol} ${sanitizeField(e.server)})${e.alert ? ` alert ${e.alert}` : ""}\n`);
          }
          ctx.state.exitCode = EXIT.OK;
        }, { existing: true });
      }),
  );
};
