import { Command, Option } from "commander";
import { InvalidOptionError } from "../../errors.js";
import type { Alert } from "../../detect/types.js";
import { sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import { integerFlag, listFlag } from "../flags.js";
import { inputErrorLine } from "../io.js";
import { withStore } from "../store.js";
import type { CommandContext, RegisterCommand } from "./index.js";

interface IssueFlags { domain?: string; count: string; objects?: string; perSource?: boolean; sources?: string; phonePrefix?: string; phoneDigits?: string; store?: string }
interface CheckFlags { imap?: string; imapPasswordFile?: string; imapInsecure?: boolean; imapMax: string; mailFormat?: "postfix" | "exim" | "exchange-tracking"; format: "ndjson" | "cef" | "markdown"; syslog?: boolean; store?: string }
interface SightingsFlags { created?: string; sensor?: string }

/** `whoislens canary issue|check|sightings` */
export const registerCanary: RegisterCommand = (program, ctx) => {
  const canary = new Command("canary").description("canary contacts for decoy WHOIS/RDAP records: issue them, find them in mail logs or a mailbox, export honeypot hits as STIX");
  canary.addCommand(
    new Command("issue")
      .description("issue unique canary contacts (name, e-mail, fictional phone number) per decoy object or per (object, source); one JSON line per set")
      .option("--domain <domain>", "mail domain of the canary addresses, one whose mail you read (default: $WHOISLENS_CANARY_DOMAIN)")
      .option("--count <n>", "decoy objects to issue for when --objects is not given (named decoy-0001…)", "1")
      .option("--objects <keys>", "comma-separated decoy object keys (example.test,ORG-EX1-TEST…)")
      .option("--per-source", "one set per (object, source) so a harvested contact names the harvester; needs --sources")
      .option("--sources <keys>", "comma-separated source keys (IPv4, IPv6 /64, token:ID) for --per-source")
      .option("--phone-prefix <e164>", "your own fictional phone range instead of data/canary/phone-ranges.yaml, e.g. +447700900")
      .option("--phone-digits <n>", "random digits after --phone-prefix", "3")
      .option("--store <path>", "SQLite store or postgres:// URL (default: the data directory's whoislens.db)")
      .action(async (flags: IssueFlags) => issue(flags, ctx)),
  );
  canary.addCommand(
    new Command("check")
      .description("match mail logs (Postfix, Exim, Exchange message tracking; format recognised) or an IMAP mailbox against issued canaries; alert naming the source served each one; exit 0 none, 1 alerts, 2 usage or input error")
      .argument("[logs...]", "mail logs (gzip too), - for standard input")
      .option("--imap <url>", "also read a mailbox: imaps://user@host[:port]/MAILBOX (password from $WHOISLENS_IMAP_PASSWORD or --imap-password-file, never the command line)")
      .option("--imap-password-file <file>", "file holding the IMAP password (first line)")
      .option("--imap-insecure", "accept an IMAP server certificate that does not verify (self-signed test servers)")
      .option("--imap-max <n>", "newest messages read from the mailbox", "10000")
      .addOption(new Option("--mail-format <format>", "read every log as this format instead of recognising it").choices(["postfix", "exim", "exchange-tracking"]))
      .addOption(new Option("--format <format>", "alert output").choices(["ndjson", "cef", "markdown"]).default("ndjson"))
      .option("--syslog", "with --format cef: prefix each line with an RFC 5424 syslog header")
      .option("--store <path>", "SQLite store or postgres:// URL (default: the data directory's whoislens.db)")
      .action(async (logs: string[], flags: CheckFlags) => check(logs, flags, ctx)),
  );
  canary.addCommand(
    new Command("sightings")
      .description("export the honeypot hits of serve query logs (queries answered with a decoy) as a STIX 2.1 bundle of sightings, indicators and observed-data")
      .argument("<logs...>", "serve query logs (NDJSON, gzip too), - for standard input")
      .option("--created <iso>", "the bundle's created/modified time (default: now); fixed for reproducible output")
      .option("--sensor <name>", "name of the decoy server's identity", "whoislens decoy WHOIS/RDAP server")
      .action(async (logs: string[], flags: SightingsFlags) => sightings(logs, flags, ctx)),
  );
  program.addCommand(canary);
};

async function issue(flags: IssueFlags, ctx: CommandContext): Promise<void> {
  // Numbers are checked before the store and canary modules load: a typo costs nothing.
  const count = integerFlag("count", flags.count, { min: 1, max: 100_000 });
  const phoneDigits = integerFlag("phone-digits", flags.phoneDigits ?? "3", { min: 1, max: 8 });
  const c = await import("../../serve/canary/index.js");
  const domain = c.mailDomainOption(flags.domain ?? ctx.io.env.WHOISLENS_CANARY_DOMAIN);
  const objects = flags.objects !== undefined ? listFlag(flags.objects) : Array.from({ length: count }, (_, i) => `decoy-${String(i + 1).padStart(4, "0")}`);
  if (objects.length === 0) throw new InvalidOptionError("--objects: give at least one object key");
  const sources = listFlag(flags.sources);
  if (flags.perSource === true && sources.length === 0) throw new InvalidOptionError("--per-source needs --sources (the source keys to issue for)");
  if (flags.perSource !== true && sources.length > 0) throw new InvalidOptionError("--sources goes with --per-source");
  const base = c.loadCanaryTables();
  const tables = flags.phonePrefix !== undefined ? { ...base, phones: [c.phoneRangeOption(flags.phonePrefix, phoneDigits)] } : base;
  await withStore(flags.store, ctx.io.env, async (store) => {
    const canaries = new c.CanaryStore(store.db);
    const at = new Date().toISOString();
    for (const object of objects) {
      for (const source of flags.perSource === true ? sources : [null]) {
        const row = (await canaries.find(object, source)) ?? (await c.issueSet(canaries, object, source, at, { mailDomain: domain, tables }));
        ctx.io.stdout.write(`${JSON.stringify({ token: row.token, object: sanitizeField(row.objectKey), source: row.sourceKey === null ? null : sanitizeField(row.sourceKey), name: row.name, email: row.email, phone: row.phone, ids: c.canaryIds(row.token), issuedAt: row.issuedAt })}\n`);
      }
    }
    ctx.state.exitCode = EXIT.OK;
  });
}

async function imapPassword(flags: CheckFlags, ctx: CommandContext): Promise<string> {
  if (flags.imapPasswordFile !== undefined) {
    const { readNamedFileSync } = await import("../../util/read-capped.js");
    return readNamedFileSync(flags.imapPasswordFile, { maxBytes: 4096, what: `--imap-password-file ${flags.imapPasswordFile}` }, "option").toString("utf8").split(/\r?\n/, 1)[0] ?? "";
  }
  const env = ctx.io.env.WHOISLENS_IMAP_PASSWORD;
  if (env === undefined || env === "") throw new InvalidOptionError("--imap needs a password: set WHOISLENS_IMAP_PASSWORD or give --imap-password-file");
  return env;
}

async function check(logs: string[], flags: CheckFlags, ctx: CommandContext): Promise<void> {
  if (logs.length === 0 && flags.imap === undefined) throw new InvalidOptionError("canary check: give mail logs, --imap URL, or both");
  if (flags.syslog && flags.format !== "cef") throw new InvalidOptionError("--syslog goes with --format cef");
  const imapMax = integerFlag("imap-max", flags.imapMax, { min: 1, max: 1_000_000 });
  const [c, fmt] = await Promise.all([import("../../serve/canary/index.js"), import("../../detect/format/index.js")]);
  const target = flags.imap !== undefined ? c.parseImapUrl(flags.imap) : undefined;
  const password = target !== undefined ? await imapPassword(flags, ctx) : "";
  await withStore(flags.store, ctx.io.env, async (store) => {
    const canaries = new c.CanaryStore(store.db);
    // Matched in batches as they are read; a store failure ends the check with WL_ERR_STORE (exit 3), never an unhandled rejection.
    const matcher = new c.SightingMatcher(canaries, store.location);
    const push = (s: import("../../serve/canary/index.js").MailSighting): void => matcher.push(s);
    const broken = await readEach(logs, ctx, async (log) => {
      const stats = await c.readMailLog(log, push, flags.mailFormat !== undefined ? { format: flags.mailFormat } : {});
      return { stats, summary: `${stats.format}, ${stats.lines} lines, ${stats.events} with recipients, ${stats.malformed} malformed` };
    });
    if (target !== undefined) {
      const n = await c.readImapMailbox(target, { password, maxMessages: imapMax, ...(flags.imapInsecure === true ? { insecure: true } : {}) }, push);
      ctx.io.stderr.write(`whoislens: ${sanitizeField(target.display)}: ${n} messages with recipients\n`);
    }
    const alerts = await c.canaryAlerts(canaries, await matcher.done());
    const one = fmt.alertFormatter(flags.format, { descriptions: new Map([[c.CANARY_RULE.id, c.CANARY_RULE.description]]), syslog: flags.syslog === true, hostname: sanitizeField(ctx.io.env.HOSTNAME ?? "-") });
    alerts.forEach((a: Alert, i: number) => ctx.io.stdout.write(one(a, i + 1)));
    ctx.state.exitCode = broken > 0 ? EXIT.USAGE : alerts.length > 0 ? EXIT.NOT_FOUND : EXIT.OK;
  }, { existing: true });
}

async function sightings(logs: string[], flags: SightingsFlags, ctx: CommandContext): Promise<void> {
  const [{ readLog }, c] = await Promise.all([import("../../detect/readers/index.js"), import("../../serve/canary/index.js")]);
  if (flags.created !== undefined && Number.isNaN(Date.parse(flags.created))) throw new InvalidOptionError(`--created: not an ISO 8601 time: ${flags.created.slice(0, 40)}`);
  const book = new c.DecoyHitBook();
  const broken = await readEach(logs, ctx, async (log) => {
    const stats = await readLog(log, (e) => {
      if (e.kind === "served") book.push(e);
    }, { format: "serve-queries" });
    return { stats, summary: `${stats.lines} lines, ${stats.events} queries, ${stats.malformed} malformed` };
  });
  ctx.io.stdout.write(c.sightingsBundle(book.bySource.values(), { ...(flags.created !== undefined ? { created: new Date(flags.created).toISOString() } : {}), ...(flags.sensor !== undefined ? { sensorName: flags.sensor } : {}) }));
  ctx.state.exitCode = broken > 0 ? EXIT.USAGE : EXIT.OK;
}

/**
 * Reads each log in turn, printing its summary line and, when it broke off, the WL_ERR_INPUT line (what
 * was read before the damage still counts). Resolves with how many broke off (exit 2 when any did).
 */
async function readEach(logs: readonly string[], ctx: CommandContext, read: (log: string) => Promise<{ stats: { error?: string }; summary: string }>): Promise<number> {
  let broken = 0;
  for (const log of logs) {
    const { stats, summary } = await read(log);
    ctx.io.stderr.write(`whoislens: ${sanitizeField(log)}: ${summary}\n`);
    if (stats.error !== undefined) {
      broken++;
      ctx.io.stderr.write(inputErrorLine(log, stats.error));
    }
  }
  return broken;
}
