import { Command } from "commander";
import { InvalidOptionError } from "../../errors.js";
import { INDEX_FIELDS, type IndexField } from "../../store/normalize.js";
import { sanitizeDeep, sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import { integerFlag } from "../flags.js";
import { withStore } from "../store.js";
import type { RegisterCommand } from "./index.js";

type SearchFlags = Partial<Record<IndexField, string>> & { store?: string; json?: boolean; limit: string };

export const registerDb: RegisterCommand = (program, ctx) => {
  const db = new Command("db").description("query the store of collected records");
  const search = new Command("search")
    .description("list stored domains and networks that share a contact, registrar or name server (reverse WHOIS over the store)")
    .option("--email <value>", "registrant/contact e-mail")
    .option("--org <value>", "organization")
    .option("--name <value>", "contact name")
    .option("--phone <value>", "phone number")
    .option("--nameserver <value>", "name server host")
    .option("--registrar <value>", "registrar name")
    .option("--store <path>", "SQLite store (default: the data directory's whoislens.db)")
    .option("--limit <n>", "most results", "1000")
    .option("--json", "one JSON line per match")
    .action(async (flags: SearchFlags) => {
      const given = INDEX_FIELDS.filter((field) => flags[field] !== undefined);
      if (given.length !== 1) throw new InvalidOptionError(`give exactly one of ${INDEX_FIELDS.map((f) => `--${f}`).join(", ")}`);
      const field = given[0] as IndexField;
      const limit = integerFlag("limit", flags.limit, { min: 1 });
      await withStore(flags.store, ctx.io.env, async (store) => {
        const matches = await store.search(field, flags[field] as string, limit);
        for (const match of matches) {
          ctx.io.stdout.write(flags.json ? `${JSON.stringify(sanitizeDeep(match))}\n` : `${sanitizeField(match.name)}\t${match.fetchedAt}\t${sanitizeField(match.server)}\n`);
        }
        // Said on stderr (stdout stays the matches alone): a bare exit 1 read as a failure.
        if (matches.length === 0) ctx.io.stderr.write(`db search: no stored record has ${field} "${sanitizeField(flags[field] as string).slice(0, 200)}"\n`);
        ctx.state.exitCode = matches.length > 0 ? EXIT.OK : EXIT.NOT_FOUND;
      }, { existing: true });
    });
  db.addCommand(search);
  program.addCommand(db);
};
