import { createReadStream, existsSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { isAbsolute, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { Command, Option } from "commander";
import { InvalidOptionError } from "../../errors.js";
import { INPUT_CAPS, linesCapped, tooLarge } from "../../util/read-capped.js";
import { utf8Chunks } from "../../util/text-encoding.js";
import { sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import { addGraceFlag, collectFlag, graceMs, integerFlag } from "../flags.js";
import { interruptExitCode, interruption, type CliIO } from "../io.js";
import { addLookupFlags, type LookupFlags } from "../lookup-flags.js";
import { withStore } from "../store.js";
import type { RegisterCommand } from "./index.js";

// Only commander and light modules here: the audit library, the lookup engine and the sandbox load in the action.
const FORMATS = ["text", "md", "html", "json", "sarif"] as const;
type Format = (typeof FORMATS)[number];
const SEVERITY_CHOICES = ["info", "low", "medium", "high", "critical"] as const;
type FailOn = (typeof SEVERITY_CHOICES)[number];

/** --out's extension picks the format when --format is not given. */
const EXTENSION_FORMAT: [RegExp, Format][] = [[/\.sarif(\.json)?$/i, "sarif"], [/\.json$/i, "json"], [/\.html?$/i, "html"], [/\.md$/i, "md"]];

/** Domains in one --file (the library caps a run at the same number). */
const MAX_FILE_DOMAINS = 10_000;

interface AuditFlags extends LookupFlags {
  grace?: string;
  file?: string;
  crownJewel: string[];
  format?: Format;
  out?: string;
  failOn?: FailOn;
  asOf?: string;
  nsCheck: boolean;
  concurrency: string;
  sandbox?: boolean;
  watched?: boolean;
  store?: string;
}


export const registerAudit: RegisterCommand = (program, ctx) => {
  const command = new Command("audit")
    .description("audit the organisation's own domains: personal data, phishable emails, expiry, locks, DNSSEC, name servers, dangling delegations")
    .argument("[domains...]", "the organisation's domains")
    .option("--file <file>", "read domains from FILE too (one per line, # comments; - for standard input)")
    .option("--crown-jewel <domain>", "a domain that must carry a registry lock (server*Prohibited); repeatable", collectFlag, [])
    .option("--watched", "audit the watch list's domains too, with its --crown-jewel marks (`whoislens watch add`)")
    .option("--store <path>", "with --watched: the store holding the watch list (default: the data directory's whoislens.db)")
    .addOption(new Option("--format <format>", "output format (default: from --out's extension, else text)").choices([...FORMATS]))
    .option("-o, --out <file>", "write the report here instead of standard output")
    .addOption(new Option("--fail-on <severity>", "exit 1 when a finding at or above this severity exists").choices([...SEVERITY_CHOICES]))
    .option("--as-of <date>", "measure expiry windows from this date (ISO 8601; default: now)")
    .option("--no-ns-check", "do not look up the name servers' own domains (dangling-delegation checks)")
    .option("--concurrency <n>", "lookups in flight at once, across servers (each server's pace still applies)", "16")
    .option("--sandbox", "run against the built-in sandbox world, started in-process (offline)");
  addLookupFlags(command, { hostFlag: false });
  addGraceFlag(command);
  command.action(async (domains: string[], flags: AuditFlags) => {
    ctx.state.exitCode = await runAudit(domains, flags, ctx.io);
  });
  program.addCommand(command);
};

/** The --file's domains with their line numbers (for SARIF's physical locations). */
async function readDomainFile(file: string, io: CliIO): Promise<{ name: string; line: number }[]> {
  if (file !== "-" && (!existsSync(file) || !statSync(file).isFile())) throw new InvalidOptionError(`cannot read --file ${file}`);
  const what = file === "-" ? "standard input" : file;
  const out: { name: string; line: number }[] = [];
  for await (const line of linesCapped(utf8Chunks(file === "-" ? io.stdin : createReadStream(file)), INPUT_CAPS.queryLine.bytes)) {
    if (line.tooLong) throw tooLarge({ maxBytes: INPUT_CAPS.queryLine.bytes, what: `line ${line.number} of ${what}` });
    const name = line.text.replace(/#.*$/, "").trim();
    if (name === "") continue;
    if (out.length >= MAX_FILE_DOMAINS) throw new InvalidOptionError(`${what} holds more than ${MAX_FILE_DOMAINS} domains: split it`);
    out.push({ name, line: line.number });
  }
  return out;
}

async function runAudit(args: string[], flags: AuditFlags, io: CliIO): Promise<number> {
  // Checked before any work starts: a bad --grace costs nothing.
  const grace = graceMs(flags.grace);
  const concurrency = integerFlag("concurrency", flags.concurrency, { min: 1, max: 256 });
  const [{ audit, renderAudit, atOrAbove, normalizeDomain, parseAsOf }, { lookupOptionsFromFlags }] = await Promise.all([import("../../defend/audit/index.js"), import("../lookup-options.js")]);
  const asOf = parseAsOf(flags.asOf, "--as-of");
  const format = flags.format ?? EXTENSION_FORMAT.find(([pattern]) => flags.out !== undefined && pattern.test(flags.out))?.[1] ?? "text";
  const listed = flags.file !== undefined ? await readDomainFile(flags.file, io) : [];
  const watched = flags.watched ? await watchedDomains(flags.store, io) : { domains: [], crownJewels: [] };
  const domains = [...new Set([...args, ...listed.map((entry) => entry.name), ...watched.domains])];
  // Every name is checked before the first query leaves, so a typo costs no lookups.
  const names = domains.map(normalizeDomain);
  const jewels = [...flags.crownJewel, ...watched.crownJewels].map(normalizeDomain);
  if (names.length === 0) throw new InvalidOptionError(`no domain to audit: name at least one (arguments, --file${flags.watched ? ", or `watch add` before --watched" : " or --watched"})`);
  const lookup = await lookupOptionsFromFlags(flags, io);
  const sandbox = flags.sandbox ? await sandboxLookup(lookup) : undefined;
  // Ctrl-C: no new lookup, those in flight finish (cancelled after a short grace, as in bulk); the report of
  // what was looked up is still written (the rest listed as not checked). A second Ctrl-C exits at once.
  const stopping = interruption(io, grace);
  try {
    const report = await audit(names, {
      lookup,
      crownJewels: jewels,
      nameserverDomains: flags.nsCheck,
      concurrency,
      stop: stopping.stop,
      signal: stopping.cancel,
      ...(asOf ? { asOf } : {}),
      ...(io.stderrIsTTY ? { onProgress: (done: number, total: number) => io.stderr.write(`\raudit: ${done}/${total} looked up   `) } : {}),
    });
    if (io.stderrIsTTY) io.stderr.write("\n");
    await lookup.discovery?.flush();
    // SARIF results point at the --file line naming their domain (repository-relative when the path is relative).
    const source = flags.file !== undefined && flags.file !== "-" ? { uri: isAbsolute(flags.file) ? pathToFileURL(flags.file).href : flags.file.split(sep).join("/"), lines: new Map(listed.map((entry) => [normalizeDomain(entry.name), entry.line])) } : undefined;
    const text = renderAudit(report, format, source ? { source } : {});
    if (flags.out !== undefined) {
      await writeFile(flags.out, text);
      io.stderr.write(`audit: ${report.findings.length} finding(s) written to ${sanitizeField(flags.out)}\n`);
    } else io.stdout.write(text);
    if (stopping.interrupted) {
      const unchecked = report.domains.filter((d) => d.error?.code === "WL_ERR_ABORTED").length;
      io.stderr.write(`audit: interrupted: ${report.domains.length - unchecked} of ${report.domains.length} domains looked up; the report lists the rest as not checked; run the same command again to check them all\n`);
      return interruptExitCode(io);
    }
    // The worst wins (README "Exit codes"): a domain that could not be checked (3) over findings (1).
    // "unknown": an answer came back but nothing in it says whether the domain is registered, so it was not checked either.
    if (report.domains.some((d) => d.status === "error" || d.status === "throttled" || d.status === "unknown")) return EXIT.NETWORK;
    return flags.failOn !== undefined && atOrAbove(report, flags.failOn).length > 0 ? EXIT.NOT_FOUND : EXIT.OK;
  } finally {
    stopping.dispose();
    await sandbox?.close();
  }
}

/** --watched: the watch list's domain entries and which of them are crown jewels. */
async function watchedDomains(location: string | undefined, io: CliIO): Promise<{ domains: string[]; crownJewels: string[] }> {
  const watch = await import("../../defend/watch/crown-jewels.js");
  return withStore(location, io.env, (store) => watch.watchedDomains(store), { existing: true });
}

/** --sandbox: the built-in world, in-process; its server map and bootstrap replace the ones from flags. */
async function sandboxLookup(lookup: Awaited<ReturnType<typeof import("../lookup-options.js")["lookupOptionsFromFlags"]>>): Promise<{ close(): Promise<void> }> {
  const [{ startSandbox }, { Bootstrap, loadServerMap }] = await Promise.all([import("../../server/index.js"), import("../../servers/index.js")]);
  const sandbox = await startSandbox();
  Object.assign(lookup, { servers: loadServerMap(sandbox.serverMap), bootstrap: Bootstrap.load(sandbox.bootstrapDir), mappedOnly: true });
  // The world's answers must not land in (or come from) the real answer cache.
  delete lookup.cache;
  delete lookup.discovery;
  return sandbox;
}
