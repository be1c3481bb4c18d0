import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Command, Option } from "commander";
import { FOOTPRINT_DEFAULTS, FOOTPRINT_FORMATS, type FootprintFormat } from "../../footprint/defaults.js";
import type { ApiContext, ReverseWhoisSource } from "../../footprint/index.js";
import type { LookupOptions } from "../../lookup/index.js";
import { sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import { addGraceFlag, graceMs, integerFlag, numberFlag } from "../flags.js";
import { interruptExitCode, interruption, type CliIO } from "../io.js";
import { addLookupFlags, type LookupFlags } from "../lookup-flags.js";
import type { FileConfig } from "../lookup-options.js";
import type { RegisterCommand } from "./index.js";

interface FootprintFlags extends LookupFlags {
  grace?: string;
  depth: string;
  budget: string;
  minConfidence: string;
  fanOut: string;
  concurrency: string;
  format?: FootprintFormat;
  out?: string;
  store?: string | false;
  resolver?: string;
  dns: boolean;
}

/** --out's extension picks the format when --format is not given. */
const EXTENSION_FORMAT: [RegExp, FootprintFormat][] = [[/\.graphml$/i, "graphml"], [/\.csv$/i, "csv"], [/\.stix(\.json)?$/i, "stix"], [/\.json$/i, "json"], [/\.html?$/i, "html"], [/\.md$/i, "md"]];

export const registerFootprint: RegisterCommand = (program, ctx) => {
  const command = new Command("footprint")
    .description("map what registration data ties to the seeds: domains, contacts, netblocks, ASNs, registrars, name servers")
    .argument("<seeds...>", "domains, emails, IPs, CIDRs, ASNs, handles; org:NAME person:NAME phone:NUMBER ns:HOST for the rest")
    .option("--depth <n>", "pivot steps from a seed", String(FOOTPRINT_DEFAULTS.depth))
    .option("--budget <n>", "network queries allowed (WHOIS/RDAP hops, DNS, reverse-WHOIS APIs; cache hits are free)", String(FOOTPRINT_DEFAULTS.budget))
    .option("--min-confidence <x>", "follow and report as the organisation's only links at least this strong (0–1)", String(FOOTPRINT_DEFAULTS.minConfidence))
    .option("--fan-out <n>", "an attribute shared by more domains than this is noted, not followed", String(FOOTPRINT_DEFAULTS.fanOut))
    .option("--concurrency <n>", "pivots in flight at once (each server's politeness still applies)", String(FOOTPRINT_DEFAULTS.concurrency))
    .addOption(new Option("--format <format>", "output format (default: from --out's extension; on a terminal a text summary, else md)").choices([...FOOTPRINT_FORMATS]))
    .option("--out <file>", "write the result here instead of standard output")
    .option("--store <path>", "reverse-WHOIS store (SQLite path or postgres:// URL; default: the data directory's whoislens.db)")
    .option("--no-store", "use no store: no local reverse-WHOIS, nothing kept")
    .option("--resolver <host:port>", "DNS server for the A/AAAA/MX/NS pivots, as dig @server (default: the system's)")
    .option("--no-dns", "skip the DNS pivots");
  addLookupFlags(command);
  addGraceFlag(command);
  command.action(async (seeds: string[], flags: FootprintFlags) => {
    ctx.state.exitCode = await runFootprint(seeds, flags, ctx.io);
  });
  program.addCommand(command);
};

/** Paid reverse-WHOIS APIs configured by environment or config file (keys never come from flags). */
export async function paidSources(config: FileConfig, env: CliIO["env"], api: ApiContext): Promise<ReverseWhoisSource[]> {
  const { WhoisXmlSource, WhoxySource } = await import("../../footprint/index.js");
  const sources: ReverseWhoisSource[] = [];
  const whoisxmlKey = env.WHOISLENS_WHOISXML_KEY ?? config.reverseWhois?.whoisxml?.apiKey;
  if (whoisxmlKey) sources.push(new WhoisXmlSource(whoisxmlKey, api, config.reverseWhois?.whoisxml?.url));
  const whoxyKey = env.WHOISLENS_WHOXY_KEY ?? config.reverseWhois?.whoxy?.apiKey;
  if (whoxyKey) sources.push(new WhoxySource(whoxyKey, api, config.reverseWhois?.whoxy?.url));
  return sources;
}

async function runFootprint(seeds: string[], flags: FootprintFlags, io: CliIO): Promise<number> {
  // Checked before any work starts: a bad --grace costs nothing.
  const grace = graceMs(flags.grace);
  // The Markdown report is for files and pipes; a person at a terminal gets the text summary.
  const byDefault: FootprintFormat = flags.out === undefined && io.stdoutIsTTY ? "text" : "md";
  const format = flags.format ?? EXTENSION_FORMAT.find(([pattern]) => flags.out !== undefined && pattern.test(flags.out))?.[1] ?? byDefault;
  const settings = {
    depth: integerFlag("depth", flags.depth, { min: 0, max: 10 }),
    budget: integerFlag("budget", flags.budget, { min: 1 }),
    minConfidence: numberFlag("min-confidence", flags.minConfidence, { min: 0, max: 1 }),
    fanOut: integerFlag("fan-out", flags.fanOut, { min: 1 }),
    concurrency: integerFlag("concurrency", flags.concurrency, { min: 1, max: 256 }),
  };
  const [{ footprint, QueryMeter }, { renderFootprint }, { cacheDir }, { Store }, { loadConfig, lookupOptionsFromFlags }] = await Promise.all([
    import("../../footprint/index.js"),
    import("../../footprint/export/index.js"),
    import("../../servers/paths.js"),
    import("../../store/index.js"),
    import("../lookup-options.js"),
  ]);
  const lookupOptions: Partial<LookupOptions> = await lookupOptionsFromFlags(flags, io);
  const config = await loadConfig(flags, io);
  const meter = new QueryMeter(settings.budget);
  const store = flags.store === false ? undefined : await Store.open(flags.store, io.env);
  // Ctrl-C: no new pivot, those running finish (cancelled after a short grace, paid API calls too); the partial graph is written.
  const stopping = interruption(io, grace);
  const api: ApiContext = {
    signal: stopping.cancel,
    onQuery: meter.count,
    cacheDir: join(cacheDir(io.env), "reverse-whois"),
    allowPrivate: lookupOptions.allowPrivate ?? false,
    ...(lookupOptions.servers ? { servers: lookupOptions.servers } : {}),
    ...(lookupOptions.mappedOnly ? { mappedOnly: true } : {}),
    ...(lookupOptions.proxy ? { proxy: lookupOptions.proxy } : {}),
  };
  const progress = progressWriter(io);
  try {
    const graph = await footprint(seeds, {
      ...settings,
      meter,
      lookup: lookupOptions,
      reverseSources: await paidSources(config, io.env, api),
      dns: flags.dns === false ? false : flags.resolver !== undefined ? { resolver: flags.resolver } : {},
      ...(store ? { store } : {}),
      onProgress: progress.update,
      stop: stopping.stop,
      signal: stopping.cancel,
    });
    if (!graph.interrupted) progress.done(graph.spend.total, graph.nodes.filter((n) => n.owned).length);
    const text = renderFootprint(graph, format);
    if (flags.out) await writeFile(flags.out, text);
    else io.stdout.write(text);
    if (graph.interrupted) {
      const kept = [flags.out ? `partial report in ${sanitizeField(flags.out)}` : "partial report on standard output", ...(lookupOptions.cache ? ["answers cached"] : []), ...(store ? [`records in ${sanitizeField(store.location)}`] : [])];
      const again = lookupOptions.cache ? "run the same command again to finish (cached answers are not asked again)" : "run the same command again to finish (with --no-cache every query is asked again)";
      io.stderr.write(`${io.stderrIsTTY ? "\r" : ""}footprint: interrupted: ${graph.nodes.filter((n) => n.expanded).length} nodes expanded, ${graph.nodes.length} found, ${graph.spend.total} queries spent; ${kept.join(", ")}; ${again}\n`);
      return interruptExitCode(io);
    }
    return EXIT.OK;
  } finally {
    stopping.dispose();
    await store?.close();
  }
}

/** Progress on stderr: a live line on a terminal, a line a second otherwise. */
function progressWriter(io: CliIO): { update: (p: { expanded: number; queued: number; nodes: number; spent: number }) => void; done: (spent: number, owned: number) => void } {
  let last = 0;
  return {
    update: (p) => {
      const now = Date.now();
      if (now - last < (io.stderrIsTTY ? 200 : 1000)) return;
      last = now;
      const line = `footprint: ${p.expanded} expanded, ${p.queued} queued, ${p.nodes} nodes, ${p.spent} queries`;
      io.stderr.write(io.stderrIsTTY ? `\r${line}   ` : `${line}\n`);
    },
    done: (spent, owned) => {
      io.stderr.write(`${io.stderrIsTTY ? "\r" : ""}footprint: done, ${owned} assets, ${spent} queries spent\n`);
    },
  };
}
