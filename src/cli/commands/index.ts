import type { Command } from "commander";
import type { CliIO } from "../io.js";

/**
 * A command module adds its subcommand to the program. The action sets
 * `state.exitCode` instead of calling process.exit, so tests can drive it.
 */
export interface CommandContext {
  io: CliIO;
  state: { exitCode: number };
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

/**
 * One row per command: what the root help lists without loading the command, and how to load it.
 * `whoislens CMD …`, `whoislens help CMD` and `CMD --help` load only CMD's module (its options, its
 * help, its action); `whoislens --help`, `help`, no arguments and an unknown command's suggestion
 * read this table alone (issue #13: start-up cost must not grow with the number of commands).
 */
export interface CommandEntry {
  /** The command's name, as typed. */
  name: string;
  /**
   * Its line in the root help, as commander writes it for the loaded command: name, `|alias`,
   * ` [options]` when it has options, then its arguments. test/cli/command-table.test.ts checks each
   * row against the loaded command.
   */
  usage: string;
  /** Its description, exactly as the command module sets it (checked by the same test). */
  summary: string;
  aliases?: readonly string[];
  /** Imports the command's module and returns its register function. */
  load: () => Promise<RegisterCommand>;
}

// One row per command module, alphabetical; each module owns its file and its registerX(program, ctx).
// To add a command: its file in this folder, then a row here (usage and summary as its --help shows them).
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "audit",
    usage: "audit [options] [domains...]",
    summary: "audit the organisation's own domains: personal data, phishable emails, expiry, locks, DNSSEC, name servers, dangling delegations",
    load: async () => (await import("./audit.js")).registerAudit,
  },
  {
    name: "bulk",
    usage: "bulk [options] <file>",
    summary: "look up every query in FILE (one per line, - for stdin), paced per server, stored and resumable",
    load: async () => (await import("./bulk.js")).registerBulk,
  },
  {
    name: "canary",
    usage: "canary",
    summary: "canary contacts for decoy WHOIS/RDAP records: issue them, find them in mail logs or a mailbox, export honeypot hits as STIX",
    load: async () => (await import("./canary.js")).registerCanary,
  },
  {
    name: "console",
    usage: "console [options]",
    summary: "start the web console: an HTTP API (token auth; OpenAPI at /openapi.json) and its page, on the same store",
    load: async () => (await import("./console.js")).registerConsole,
  },
  {
    name: "db",
    usage: "db",
    summary: "query the store of collected records",
    load: async () => (await import("./db.js")).registerDb,
  },
  {
    name: "demo",
    usage: "demo [options]",
    summary: "start the sandbox world in-process and run a lookup tour against it (offline)",
    load: async () => (await import("./demo.js")).registerDemo,
  },
  {
    name: "detect",
    usage: "detect [options] <logs...>",
    summary: "detect WHOIS reconnaissance (T1596.002) in Zeek, Suricata EVE, Sysmon, firewall and Squid logs and pcaps; exit 0 none, 1 alerts, 2 usage or input error",
    load: async () => (await import("./detect.js")).registerDetect,
  },
  {
    name: "footprint",
    usage: "footprint [options] <seeds...>",
    summary: "map what registration data ties to the seeds: domains, contacts, netblocks, ASNs, registrars, name servers",
    load: async () => (await import("./footprint.js")).registerFootprint,
  },
  {
    name: "history",
    usage: "history [options] <domain>",
    summary: "print a domain's timeline of changes from the store (every lookup, bulk and watch fetch, diffed in order)",
    load: async () => (await import("./history.js")).registerHistory,
  },
  {
    name: "lookalikes",
    usage: "lookalikes [options] <domain>",
    summary: "look-alike names of a domain (every dnstwist fuzzer plus IDN homographs), which are registered, by whom, and whether they take mail",
    load: async () => (await import("./lookalikes.js")).registerLookalikes,
  },
  {
    name: "lookup",
    usage: "lookup [options] <query...>",
    summary: "look up a domain (IDN too), IPv4/IPv6 address, CIDR, AS number or handle: RDAP first, WHOIS fallback",
    load: async () => (await import("./lookup.js")).registerLookup,
  },
  {
    name: "parse",
    usage: "parse [options] [file]",
    summary: "parse a saved WHOIS text or RDAP JSON answer into the normalized record",
    load: async () => (await import("./parse.js")).registerParse,
  },
  {
    name: "queue",
    usage: "queue",
    summary: "the distributed queue `bulk --queue` fills and `worker` processes",
    load: async () => (await import("./queue.js")).registerQueue,
  },
  {
    name: "rules",
    usage: "rules",
    summary: "the WHOIS-reconnaissance rule table: list it, export it as Sigma or Suricata rules",
    load: async () => (await import("./rules.js")).registerRules,
  },
  {
    name: "sandbox",
    usage: "sandbox [options]",
    summary: "start the sandbox world (WHOIS, RDAP and DNS servers on loopback) and run until interrupted",
    load: async () => (await import("./sandbox.js")).registerSandbox,
  },
  {
    name: "serve",
    usage: "serve [options]",
    summary: "answer WHOIS (port 43) and RDAP from a dataset, the store or a decoy set, with per-source accounting and a query log; runs until interrupted",
    load: async () => (await import("./serve.js")).registerServe,
  },
  {
    name: "update",
    usage: "update [options]",
    summary: "refresh the IANA RDAP bootstrap into the cache directory (skipped while the cached copy is fresh)",
    load: async () => (await import("./update.js")).registerUpdate,
  },
  {
    name: "watch",
    usage: "watch",
    summary: "watch our domains, their lookalikes, names that name us and our netblocks; alert on what changes",
    load: async () => (await import("./watch.js")).registerWatch,
  },
  {
    name: "worker",
    usage: "worker [options]",
    summary: "process the lookup jobs `bulk FILE --queue URL` enqueued, paced per server across every worker, into a shared store; drains on SIGTERM",
    load: async () => (await import("./worker.js")).registerWorker,
  },
];
