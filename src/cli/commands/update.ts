import { Command } from "commander";
import { updateBootstrap } from "../../servers/index.js";
import { sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import type { RegisterCommand } from "./index.js";

export const registerUpdate: RegisterCommand = (program, ctx) => {
  program.addCommand(
    new Command("update")
      .description("refresh the IANA RDAP bootstrap into the cache directory (skipped while the copy is fresh)")
      .option("--url <base>", "where the five bootstrap files are published (default IANA; a local mirror is fine)")
      .option("--ttl <seconds>", "how long a copy stays fresh", "86400")
      .option("--force", "download even if the cached copy is fresh")
      .action(async (flags: { url?: string; ttl: string; force?: boolean }) => {
        const ttlSeconds = Number(flags.ttl);
        if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0) {
          ctx.io.stderr.write(`whoislens: WL_ERR_INVALID_OPTION: --ttl needs a whole number of seconds, got "${sanitizeField(flags.ttl)}"\n`);
          ctx.state.exitCode = EXIT.USAGE;
          return;
        }
        const result = await updateBootstrap({
          ...(flags.url !== undefined ? { sourceUrl: flags.url } : {}),
          ttlSeconds,
          force: flags.force ?? false,
          env: ctx.io.env,
        });
        const summary = result.files.map((file) => `${file.kind} (${file.services} services${file.publication ? `, published ${file.publication}` : ""})`).join(", ");
        ctx.io.stdout.write(
          result.updated
            ? `bootstrap updated in ${result.directory}: ${summary}\n`
            : `bootstrap in ${result.directory} is fresh (fetched ${result.fetchedAt}); use --force to download anyway\n`,
        );
      }),
  );
};
