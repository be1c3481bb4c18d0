import { Command } from "commander";
import { CONSOLE_DEFAULTS, LOOPBACK_HOST } from "../../console/api/defaults.js";
import { InvalidOptionError } from "../../errors.js";
import { sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import { integerFlag } from "../flags.js";
import { addLookupFlags, type LookupFlags } from "../lookup-flags.js";
import { withStore } from "../store.js";
import type { RegisterCommand } from "./index.js";

interface ConsoleFlags extends LookupFlags {
  host: string;
  port: string;
  store?: string;
  sandbox?: boolean;
  rateLimit: string;
  maxUploadBytes: string;
  maxStreams: string;
  maxJobs: string;
  lookupTtl: string;
  resolver?: string;
  dns: boolean;
}

/** `whoislens console [--host H] [--port N] [--store …] [--sandbox]` and `whoislens console token add|list|remove`. */
export const registerConsole: RegisterCommand = (program, ctx) => {
  const command = new Command("console")
    .description("start the web console: an HTTP API (token auth; OpenAPI at /openapi.json) and its page, on the same store")
    .option("--host <address>", "address to listen on (loopback unless you choose otherwise)", CONSOLE_DEFAULTS.host)
    .option("--port <n>", "port to listen on (0: any free port)", String(CONSOLE_DEFAULTS.port))
    .option("--store <path>", "SQLite path or postgres:// URL (default: the data directory's whoislens.db)")
    .option("--sandbox", "start the sandbox world in-process and ask only its servers (offline demo)")
    .option("--rate-limit <n>", "requests per minute allowed to each token", String(CONSOLE_DEFAULTS.rateLimitMax))
    .option("--max-upload-bytes <n>", "largest log a detect upload may send", String(CONSOLE_DEFAULTS.uploadLimitBytes))
    .option("--max-streams <n>", "live event streams open at once", String(CONSOLE_DEFAULTS.maxStreams))
    .option("--max-jobs <n>", "bulk and footprint jobs running at once", String(CONSOLE_DEFAULTS.maxRunningJobs))
    .option("--lookup-ttl <seconds>", "serve a lookup's answer again for this long without asking the servers (0: never)", String(CONSOLE_DEFAULTS.lookupTtlMs / 1000))
    .option("--resolver <host:port>", "DNS server for footprint's DNS pivots (default: the system's; the sandbox's with --sandbox)")
    .option("--no-dns", "skip footprint's DNS pivots");
  addLookupFlags(command, { hostFlag: false });
  command.action(async (flags: ConsoleFlags) => {
    const limits = {
      rateLimitMax: integerFlag("rate-limit", flags.rateLimit, { min: 1 }),
      uploadLimitBytes: integerFlag("max-upload-bytes", flags.maxUploadBytes, { min: 1 }),
      maxStreams: integerFlag("max-streams", flags.maxStreams, { min: 1, max: 100_000 }),
      maxRunningJobs: integerFlag("max-jobs", flags.maxJobs, { min: 1, max: 1000 }),
      lookupTtlMs: integerFlag("lookup-ttl", flags.lookupTtl, { min: 0, max: 86_400 * 365 }) * 1000,
    };
    const port = integerFlag("port", flags.port, { min: 0, max: 65_535 });
    const [{ startConsole }, { lookupOptionsFromFlags }] = await Promise.all([import("../../console/index.js"), import("../lookup-options.js")]);
    // --host and --port are where the console listens, not a WHOIS server to ask (lookup's -h/-p).
    const { host: _listenHost, port: _listenPort, ...lookupFlags } = flags;
    const lookup = await lookupOptionsFromFlags(lookupFlags, ctx.io);
    const running = await startConsole({
      host: flags.host,
      port,
      ...(flags.store !== undefined ? { store: flags.store } : {}),
      sandbox: flags.sandbox === true,
      lookup,
      ...(flags.dns === false ? { dns: false as const } : flags.resolver !== undefined ? { dns: { resolver: flags.resolver } } : {}),
      limits,
      env: ctx.io.env,
      log: (message) => void ctx.io.stderr.write(`whoislens console: ${sanitizeField(message)}\n`),
    });
    try {
      if (!LOOPBACK_HOST.test(flags.host)) ctx.io.stderr.write(`whoislens console: listening on ${sanitizeField(flags.host)}, not loopback: every holder of a token on that network can use it; put TLS in front\n`);
      if (running.interrupted > 0) ctx.io.stderr.write(`whoislens console: ${running.interrupted} job(s) of an earlier run were cut short (state interrupted; their stored results stay readable)\n`);
      const tokens = await running.tokens.list();
      ctx.io.stdout.write(`whoislens console on ${running.url}/ (store ${running.store.location}${running.sandbox ? ", sandbox world" : ""})\n`);
      if (tokens.length === 0) ctx.io.stderr.write("whoislens console: no token yet: create one with `whoislens console token add NAME` (same --store)\n");
      await ctx.io.interrupted;
    } finally {
      await running.close();
    }
    ctx.state.exitCode = EXIT.OK;
  });

  const token = new Command("token").description("API tokens: shown once when added, stored as SHA-256 digests");
  // `console --store` and `console token add --store` are one flag: commander hands it to whichever parsed it.
  const storeOf = (self: Command): string | undefined => self.optsWithGlobals<{ store?: string }>().store;
  const storeOption = (c: Command): Command => c.option("--store <path>", "SQLite path or postgres:// URL (default: the data directory's whoislens.db)");
  const withTokens = async <T>(store: string | undefined, work: (tokens: import("../../console/api/tokens.js").TokenStore) => Promise<T>): Promise<T> => {
    const { TokenStore } = await import("../../console/api/tokens.js");
    return withStore(store, ctx.io.env, (opened) => work(new TokenStore(opened.db)));
  };
  token.addCommand(
    storeOption(new Command("add").description("create a token (printed once: keep it)").argument("<name>", "a name for who uses it (letters, digits, . _ -)")).action(async (name: string, _flags: unknown, self: Command) => {
      const { token: secret, info } = await withTokens(storeOf(self), (tokens) => tokens.add(name));
      ctx.io.stdout.write(`${secret}\n`);
      ctx.io.stderr.write(`whoislens console: token ${info.name} (id ${info.id}) created; it is shown only now\n`);
    }),
  );
  token.addCommand(
    storeOption(new Command("list").description("list the tokens (names, ids, dates; never the secrets)")).action(async (_flags: unknown, self: Command) => {
      for (const t of await withTokens(storeOf(self), (tokens) => tokens.list())) ctx.io.stdout.write(`${t.id}\t${t.name}\t${t.createdAt}\n`);
    }),
  );
  token.addCommand(
    storeOption(new Command("remove").description("remove a token (a running console stops accepting it within seconds)").argument("<name>", "the token's name or id")).action(async (name: string, _flags: unknown, self: Command) => {
      const removed = await withTokens(storeOf(self), (tokens) => tokens.remove(name));
      if (!removed) throw new InvalidOptionError(`no token named "${name}"`);
      ctx.io.stderr.write(`whoislens console: token ${sanitizeField(name)} removed\n`);
    }),
  );
  command.addCommand(token);
  program.addCommand(command);
};
