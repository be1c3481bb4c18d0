import { writeFile } from "node:fs/promises";
import { Command, Option } from "commander";
import { InvalidOptionError } from "../../errors.js";
import type { LookupOptions } from "../../lookup/index.js";
import { CHECK_DEFAULTS, DNS_CONCURRENCY_RANGE, WHOIS_MODES, type WhoisMode } from "../../defend/lookalikes/defaults.js";
import { EXIT } from "../exit-codes.js";
import { addGraceFlag, graceMs, integerFlag, listFlag } from "../flags.js";
import { interruptExitCode, interruption, type CliIO } from "../io.js";
import { addLookupFlags, type LookupFlags } from "../lookup-flags.js";
import { sanitizeField } from "../../util/sanitize.js";
import type { RegisterCommand } from "./index.js";

// Names only here (no engine imports): `--help` must stay light (test/cli/startup-imports.test.ts).
const FORMATS = ["table", "json", "csv", "md"] as const;

interface LookalikesFlags extends LookupFlags {
  grace?: string;
  fuzzers?: string;
  dictionary?: string;
  tld?: string;
  resolver?: string;
  dns: boolean;
  whois: WhoisMode;
  registered?: boolean;
  format: (typeof FORMATS)[number];
  out?: string;
  dnsConcurrency: string;
  sandbox?: boolean;
}

export const registerLookalikes: RegisterCommand = (program, ctx) => {
  const command = new Command("lookalikes")
    .description("look-alike names of a domain (every dnstwist fuzzer plus IDN homographs), which are registered, by whom, and whether they take mail")
    .argument("<domain>", "the domain to imitate (Unicode or punycode)")
    .option("--fuzzers <list>", "comma-separated fuzzers to run (default: all); see docs/lookalikes.md")
    .option("--dictionary <file>", "words for the dictionary fuzzer, one a line")
    .option("--tld <file>", "suffixes for the tld-swap fuzzer, one a line")
    .option("--resolver <host:port>", "DNS server for the A/AAAA/NS/MX checks, as dig @server (default: the system's)")
    .option("--no-dns", "skip DNS (only RDAP/WHOIS, with --whois all, can say registered)")
    .addOption(new Option("--whois <which>", "look-alikes to ask by RDAP/WHOIS: those DNS found, all, or none").choices([...WHOIS_MODES]).default(CHECK_DEFAULTS.whois))
    .option("--registered", "show only registered look-alikes")
    .addOption(new Option("--format <format>", "output format").choices([...FORMATS]).default("table"))
    .option("--out <file>", "write the report here instead of standard output")
    .option("--dns-concurrency <n>", "names whose DNS is asked at once", String(CHECK_DEFAULTS.dnsConcurrency))
    .option("--sandbox", "run against the sandbox world started in-process (its DNS, RDAP and WHOIS servers on loopback)");
  addLookupFlags(command);
  addGraceFlag(command);
  command.action(async (domain: string, flags: LookalikesFlags) => {
    ctx.state.exitCode = await runLookalikes(domain, flags, ctx.io);
  });
  program.addCommand(command);
};

async function runLookalikes(domain: string, flags: LookalikesFlags, io: CliIO): Promise<number> {
  // Checked before any work starts: a bad --grace costs nothing.
  const grace = graceMs(flags.grace);
  const dnsConcurrency = integerFlag("dns-concurrency", flags.dnsConcurrency, DNS_CONCURRENCY_RANGE);
  const lib = await import("../../defend/lookalikes/index.js");
  const fuzzers = flags.fuzzers !== undefined ? listFlag(flags.fuzzers) : undefined;
  for (const name of fuzzers ?? []) {
    if (!(lib.FUZZER_NAMES as readonly string[]).includes(name)) throw new InvalidOptionError(`--fuzzers: unknown fuzzer "${name.slice(0, 40)}"; known: ${lib.FUZZER_NAMES.join(", ")}`);
  }
  const { readListFile } = await import("../../util/list-file.js");
  const dictionary = flags.dictionary !== undefined ? readListFile(flags.dictionary, "--dictionary") : undefined;
  const tlds = flags.tld !== undefined ? readListFile(flags.tld, "--tld") : undefined;
  const perms = lib.permutations(domain, {
    ...(fuzzers ? { fuzzers: fuzzers as import("../../defend/lookalikes/index.js").FuzzerName[] } : {}),
    ...(dictionary ? { dictionary } : {}),
    ...(tlds ? { tlds } : {}),
  });
  const original = lib.splitDomain(domain).unicode;

  const { lookupOptionsFromFlags } = await import("../lookup-options.js");
  let lookup: Partial<LookupOptions> = await lookupOptionsFromFlags(flags, io);
  let resolver = flags.resolver;
  let sandbox: { close(): Promise<void> } | undefined;
  if (flags.sandbox) {
    const [{ startSandbox }, { Bootstrap, loadServerMap }] = await Promise.all([import("../../server/index.js"), import("../../servers/index.js")]);
    const world = await startSandbox();
    sandbox = world;
    lookup = { ...lookup, servers: loadServerMap(world.serverMap), bootstrap: Bootstrap.load(world.bootstrapDir), mappedOnly: true };
    resolver = `${world.dns.host.includes(":") ? `[${world.dns.host}]` : world.dns.host}:${world.dns.port}`;
  }
  const stopping = interruption(io, grace);
  try {
    const progress = progressLine(io);
    // Ctrl-C: no new name is asked, those in flight finish (cancelled after a short grace, as in bulk); the
    // names checked so far are still reported. A second Ctrl-C exits at once.
    const findings = await lib.checkLookalikes(perms, {
      stop: stopping.stop,
      signal: stopping.cancel,
      dns: flags.dns === false ? false : resolver !== undefined ? { resolver } : {},
      dnsConcurrency,
      whois: flags.whois,
      lookup,
      onProgress: progress,
    });
    progress("done", 0, 0);
    const checked = findings.filter((finding) => finding.unchecked !== true);
    const shown = flags.registered ? checked.filter((finding) => finding.registered) : checked;
    const text = lib.renderLookalikes(shown, flags.format, original);
    if (flags.out) await writeFile(flags.out, text);
    else io.stdout.write(text);
    if (stopping.interrupted) {
      const where = flags.out ? `the report in ${sanitizeField(flags.out)} holds those` : "the report holds those";
      io.stderr.write(`lookalikes: interrupted: ${checked.length} of ${findings.length} names checked; ${where}; run the same command again to check them all\n`);
      return interruptExitCode(io);
    }
    return EXIT.OK;
  } finally {
    stopping.dispose();
    await sandbox?.close();
  }
}

/** Progress on stderr: a live line on a terminal, a line every few seconds otherwise. */
function progressLine(io: CliIO): (step: "dns" | "whois" | "done", done: number, total: number) => void {
  let last = 0;
  let shown = false;
  return (step, done, total) => {
    if (step === "done") {
      if (shown && io.stderrIsTTY) io.stderr.write("\n");
      return;
    }
    const now = Date.now();
    if (done < total && now - last < (io.stderrIsTTY ? 200 : 5000)) return;
    last = now;
    shown = true;
    const line = `lookalikes: ${step === "dns" ? "DNS" : "RDAP/WHOIS"} ${done}/${total}`;
    io.stderr.write(io.stderrIsTTY ? `\r${line}   ` : `${line}\n`);
  };
}
