import { Command } from "commander";
import type { UpdateResult } from "../../servers/index.js";
import { UPDATE_DEFAULTS } from "../../servers/update-defaults.js";
import { sanitizeField } from "../../util/sanitize.js";
import { integerFlag } from "../flags.js";
import type { RegisterCommand } from "./index.js";

interface UpdateFlags {
  url?: string;
  ttl: string;
  force?: boolean;
  json?: boolean;
}

/** `whoislens update [--url BASE] [--force] [--ttl SECONDS] [--json]`: refresh the IANA RDAP bootstrap in the cache directory. */
export const registerUpdate: RegisterCommand = (program, ctx) => {
  program.addCommand(
    new Command("update")
      .description("refresh the IANA RDAP bootstrap into the cache directory (skipped while the cached copy is fresh)")
      .option("--url <base>", `where the five bootstrap files are published (default ${UPDATE_DEFAULTS.sourceUrl}; a local mirror is fine)`)
      .option("--ttl <seconds>", "how long a downloaded copy stays fresh", String(UPDATE_DEFAULTS.ttlSeconds))
      .option("--force", "download even if the cached copy is fresh")
      .option("--json", "print the result as one JSON object")
      .action(async (flags: UpdateFlags) => {
        const ttlSeconds = integerFlag("ttl", flags.ttl, { min: 0 });
        const { updateBootstrap } = await import("../../servers/update.js");
        const result = await updateBootstrap({
          ...(flags.url !== undefined ? { sourceUrl: flags.url } : {}),
          ttlSeconds,
          force: flags.force ?? false,
          env: ctx.io.env,
        });
        ctx.io.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : describe(result));
      }),
  );
};

function describe(result: UpdateResult): string {
  const summary = result.files
    .map((file) => `${file.kind} (${file.services} services${file.publication ? `, published ${sanitizeField(file.publication)}` : ""})`)
    .join(", ");
  const where = sanitizeField(result.directory);
  return result.updated
    ? `bootstrap updated in ${where} from ${sanitizeField(result.source)}: ${summary}\n`
    : `bootstrap in ${where} is fresh (fetched ${sanitizeField(result.fetchedAt)}); use --force to download anyway\n`;
}
