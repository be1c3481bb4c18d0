import { Command, Option } from "commander";
import { InvalidOptionError, isWhoislensError } from "../../errors.js";
import type { ChannelSettings } from "../../defend/delivery/channels.js";
import type { CandidateGenerator, TermField, WatchEntry } from "../../defend/watch/types.js";
import { TERM_FIELDS } from "../../defend/watch/types.js";
import type { LockHolder } from "../../defend/watch/lock.js";
import { WATCH_DEFAULTS } from "../../defend/watch/kinds.js";
import { DNS_CONCURRENCY_RANGE } from "../../defend/lookalikes/defaults.js";
import { normalizeWatchValue } from "../../defend/watch/values.js";
import { sanitizeField } from "../../util/sanitize.js";
import { EXIT } from "../exit-codes.js";
import { SCHEDULER_DEFAULTS } from "../../bulk/defaults.js";
import { collectFlag, integerFlag, SHARED_RANGES } from "../flags.js";
import type { CliIO } from "../io.js";
import { addLookupFlags, type LookupFlags } from "../lookup-flags.js";
import { withStore } from "../store.js";
import type { RegisterCommand } from "./index.js";

interface AddFlags {
  store?: string;
  crownJewel?: boolean;
  lookalikes?: boolean;
  term?: TermField;
}

/** Commander's flags: the channel settings (but --smtp-ca is a file name here) plus the pass's own. */
interface RunFlags extends LookupFlags, Omit<ChannelSettings, "smtpCa" | "webhookTuning"> {
  store?: string;
  every?: string;
  nearDays: string;
  maxCandidates: string;
  concurrency: string;
  smtpCa?: string;
  resolver?: string;
  dns?: boolean;
  dnsConcurrency: string;
  maxRetryWait: string;
  /** `--wait-lock` alone is true (WATCH_DEFAULTS.lockWaitMs), `--wait-lock=N` N seconds. */
  waitLock?: string | true;
}

/** The lookalike generator `watch` uses (src/defend/watch/lookalike-candidates.ts), loaded when a pass needs it. */
export async function lookalikeGenerator(): Promise<CandidateGenerator> {
  return (await import("../../defend/watch/lookalike-candidates.js")).lookalikeCandidates;
}

/** --wait-lock SECONDS: a day at most (a pass that needs longer than a cron day is not a lock to wait for). */
const LOCK_WAIT_RANGE = { min: 0, max: 86_400 };

const isNetblock = (value: string): boolean => /^[0-9.]+(\/\d+)?$/.test(value) || value.includes(":");

/** "90s", "30m", "6h", "1d" → milliseconds (at least a minute: a watch is not a flood). */
export function parseEvery(text: string): number {
  const match = /^(\d{1,6})([smhd])$/.exec(text.trim());
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
  const ms = match ? Number(match[1]) * unit[match[2] as keyof typeof unit] : Number.NaN;
  if (!Number.isFinite(ms) || ms < 60_000 || ms > 30 * 86_400_000) throw new InvalidOptionError(`--every needs a duration from 1m to 30d such as 6h, 30m or 1d, got "${text}"`);
  return ms;
}

export const registerWatch: RegisterCommand = (program, ctx) => {
  const watch = new Command("watch").description("watch our domains, their lookalikes, names that name us and our netblocks; alert on what changes");
  watch
    .command("add")
    .description("add domains (or netblocks) to the watch list; with --term, add reverse-WHOIS terms")
    .argument("<values...>", "domains, netblocks (CIDR or address), or the terms' values with --term")
    .option("--store <path>", "store (SQLite path or postgres:// URL; default: the data directory's whoislens.db)")
    .option("--crown-jewel", "mark the domains as crown jewels (their alerts one severity higher; the audit checks their registry lock)")
    .option("--lookalikes", "also watch the lookalikes of each domain (registrations that imitate it)")
    .addOption(new Option("--term <field>", "the values are reverse-WHOIS terms: new domains naming this organisation, e-mail or name server").choices([...TERM_FIELDS]))
    .action(async (values: string[], flags: AddFlags) => {
      ctx.state.exitCode = await addEntries(values, flags, ctx.io);
    });
  watch
    .command("list")
    .description("print the watch list")
    .option("--store <path>", "store (default: the data directory's whoislens.db)")
    .option("--json", "one JSON line per entry")
    .action(async (flags: { store?: string; json?: boolean }) => {
      await withWatchStore(flags.store, ctx.io, async (store) => {
        const entries = await store.list();
        for (const e of entries) ctx.io.stdout.write(flags.json ? `${JSON.stringify(e)}\n` : `${sanitizeField(e.id)}${e.crownJewel ? "\tcrown-jewel" : ""}\tadded ${e.addedAt}${e.lastRun ? `\tlast run ${e.lastRun}` : ""}\n`);
        ctx.state.exitCode = entries.length > 0 ? EXIT.OK : EXIT.NOT_FOUND;
      });
    });
  watch
    .command("remove")
    .description("remove entries, by id (as `watch list` prints it) or by value (every entry of that value)")
    .argument("<ids...>", "entry ids or values")
    .option("--store <path>", "store (default: the data directory's whoislens.db)")
    .action(async (ids: string[], flags: { store?: string }) => {
      await withWatchStore(flags.store, ctx.io, async (store) => {
        const entries = await store.list();
        let removed = 0;
        for (const wanted of ids) {
          const matches = entries.filter((e) => e.id === wanted || e.value === wanted.trim().toLowerCase() || e.value === wanted.trim());
          if (matches.length === 0) ctx.io.stderr.write(`watch: no entry ${sanitizeField(wanted)}\n`);
          for (const e of matches) if (await store.remove(e.id)) removed += 1;
        }
        ctx.io.stderr.write(`watch: ${removed} entr${removed === 1 ? "y" : "ies"} removed\n`);
        ctx.state.exitCode = removed > 0 ? EXIT.OK : EXIT.NOT_FOUND;
      });
    });
  const run = new Command("run")
    .description("re-fetch everything watched, diff against the stored history, raise and deliver alerts (cron-friendly)")
    .option("--store <path>", "store (default: the data directory's whoislens.db)")
    .option("--every <duration>", "keep running, one pass every DURATION (e.g. 6h); SIGTERM/SIGINT stop after the pass")
    .option("--near-days <n>", "expiry-near when a registration expires within N days", String(WATCH_DEFAULTS.nearDays))
    .option("--max-candidates <n>", "lookalike candidates fetched per watched domain at most (after the DNS check)", String(WATCH_DEFAULTS.maxCandidates))
    .option("--resolver <host:port>", "DNS server for the lookalike check, as dig @server (default: the system's); only candidates that resolve are looked up")
    .option("--no-dns", "skip the lookalike DNS check: look up the closest --max-candidates candidates directly")
    .option("--dns-concurrency <n>", "lookalike candidates whose DNS is asked at once", String(WATCH_DEFAULTS.dnsConcurrency))
    .option("--concurrency <n>", "lookups in flight at once (each server's own pace still applies)", String(WATCH_DEFAULTS.concurrency))
    .option(
      "--max-retry-wait <seconds>",
      "longest wait for a server's Retry-After or backoff; a server asking for more is paused and its objects are diffed next pass (their baselines kept)",
      String(SCHEDULER_DEFAULTS.maxRetryWaitMs / 1000),
    )
    .option(
      "--wait-lock [seconds]",
      `when another pass holds the store's watch lock, wait for it (polling with backoff) up to SECONDS (default ${WATCH_DEFAULTS.lockWaitMs / 1000}), then run; WL_ERR_WATCH_BUSY if it is still held`,
    )
    .option("--stdout", "also print alerts as NDJSON when other channels are given (the default when none is)")
    .option("--webhook <url>", "POST each alert as JSON to URL (repeatable)", collectFlag)
    .option("--webhook-secret <secret>", "HMAC-SHA256 key for X-Whoislens-Signature (else $WHOISLENS_WEBHOOK_SECRET)")
    .option("--smtp <url>", "send alerts by e-mail through smtp://[user:pass@]host:port (STARTTLS when offered) or smtps:// (else $WHOISLENS_SMTP_URL, which keeps a password off the command line)")
    .option("--mail-to <address>", "recipient (repeatable)", collectFlag)
    .option("--mail-from <address>", "sender address")
    .option("--smtp-ca <file>", "PEM file of CA certificates to trust for the SMTP server")
    .option("--smtp-require-tls", "refuse to send when the SMTP server does not offer STARTTLS")
    .option("--syslog <url>", "RFC 5424 syslog to udp://host:port or tcp://host:port (repeatable)", collectFlag);
  addLookupFlags(run, { hostFlag: false });
  run.action(async (flags: RunFlags) => {
    ctx.state.exitCode = await runCommand(flags, ctx.io);
  });
  watch.addCommand(run);
  program.addCommand(watch);
};

async function withWatchStore<T>(location: string | undefined, io: CliIO, use: (store: import("../../defend/watch/watch-store.js").WatchStore) => Promise<T>): Promise<T> {
  const { WatchStore } = await import("../../defend/watch/watch-store.js");
  return withStore(location, io.env, (store) => use(new WatchStore(store.db)));
}

async function addEntries(values: string[], flags: AddFlags, io: CliIO): Promise<number> {
  if (flags.term !== undefined && (flags.lookalikes || flags.crownJewel)) throw new InvalidOptionError("--term adds reverse-WHOIS terms: --lookalikes and --crown-jewel are for domains");
  const wanted: Omit<WatchEntry, "id" | "addedAt">[] = [];
  for (const raw of values) {
    if (flags.term !== undefined) {
      wanted.push({ kind: "term", field: flags.term, value: normalizeWatchValue("term", raw, flags.term), crownJewel: false });
    } else if (isNetblock(raw.trim())) {
      if (flags.lookalikes || flags.crownJewel) throw new InvalidOptionError(`--lookalikes and --crown-jewel are for domains, not netblock ${raw}`);
      wanted.push({ kind: "netblock", value: normalizeWatchValue("netblock", raw), crownJewel: false });
    } else {
      const domain = normalizeWatchValue("domain", raw);
      wanted.push({ kind: "domain", value: domain, crownJewel: flags.crownJewel ?? false });
      if (flags.lookalikes) wanted.push({ kind: "lookalikes", value: domain, crownJewel: false });
    }
  }
  const now = new Date().toISOString();
  return withWatchStore(flags.store, io, async (store) => {
    for (const entry of wanted) {
      const { entry: stored, added } = await store.add(entry, now);
      io.stderr.write(`watch: ${added ? "added" : "already watched"} ${sanitizeField(stored.id)}${stored.crownJewel ? " (crown jewel)" : ""}\n`);
    }
    return EXIT.OK;
  });
}

async function runCommand(flags: RunFlags, io: CliIO): Promise<number> {
  const every = flags.every === undefined ? undefined : parseEvery(flags.every);
  const settings = {
    nearDays: integerFlag("near-days", flags.nearDays, { min: 0 }),
    maxCandidates: integerFlag("max-candidates", flags.maxCandidates, { min: 0 }),
    concurrency: integerFlag("concurrency", flags.concurrency, { min: 1 }),
    dnsConcurrency: integerFlag("dns-concurrency", flags.dnsConcurrency, DNS_CONCURRENCY_RANGE),
    dns: flags.dns === false ? (false as const) : flags.resolver !== undefined ? { resolver: flags.resolver } : {},
    maxRetryWaitMs: integerFlag("max-retry-wait", flags.maxRetryWait, SHARED_RANGES.maxRetryWait) * 1000,
    lockWaitMs: flags.waitLock === undefined ? 0 : flags.waitLock === true ? WATCH_DEFAULTS.lockWaitMs : integerFlag("wait-lock", flags.waitLock, LOCK_WAIT_RANGE) * 1000,
  };
  const [{ readNamedFileSync, INPUT_CAPS }, { sinksFor }] = await Promise.all([import("../../util/read-capped.js"), import("../../defend/delivery/index.js")]);
  const smtpCa = flags.smtpCa === undefined ? undefined : readNamedFileSync(flags.smtpCa, { maxBytes: INPUT_CAPS.configFile.bytes, what: `--smtp-ca file ${flags.smtpCa}` }, "option").toString("utf8");
  const secret = flags.webhookSecret ?? io.env.WHOISLENS_WEBHOOK_SECRET;
  const smtp = flags.smtp ?? (io.env.WHOISLENS_SMTP_URL || undefined);
  const { smtpCa: _file, webhookSecret: _flag, smtp: _url, ...channelFlags } = flags;
  const channelSettings: ChannelSettings = {
    ...channelFlags,
    ...(smtp !== undefined ? { smtp } : {}),
    ...(smtpCa !== undefined ? { smtpCa } : {}),
    ...(secret !== undefined && secret !== "" ? { webhookSecret: secret } : {}),
  };
  const sinks = () => sinksFor(channelSettings, (text) => io.stdout.write(text));
  const channels = sinks().map((s) => s.channel);
  let stop = false;
  // Only a kept-running watch (--every) handles Ctrl-C (it ends after the pass); one pass keeps node's default.
  if (every !== undefined) void io.interrupted.then(() => (stop = true));
  let code: number = EXIT.OK;
  for (;;) {
    try {
      code = await onePass(flags, io, settings, sinks(), channels);
    } catch (error) {
      // One pass: the error is the command's. Kept running: a pass that failed (a store or network
      // blip) is reported and the next one tried; bad settings still stop it.
      if (every === undefined || !isWhoislensError(error) || ["WL_ERR_INVALID_OPTION", "WL_ERR_CONFIG"].includes(error.code)) throw error;
      io.stderr.write(`watch: pass failed: ${error.code}: ${sanitizeField(error.message)}\n`);
      code = EXIT.NETWORK;
    }
    if (every === undefined) return code;
    if (stop) {
      io.stderr.write("watch: stopped\n");
      return code;
    }
    io.stderr.write(`watch: next pass in ${flags.every}\n`);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([io.interrupted, new Promise<void>((resolve) => (timer = setTimeout(resolve, every)))]);
    clearTimeout(timer);
    if (stop) {
      io.stderr.write("watch: stopped\n");
      return code;
    }
  }
}

async function onePass(flags: RunFlags, io: CliIO, settings: { nearDays: number; maxCandidates: number; concurrency: number; dnsConcurrency: number; dns: false | { resolver?: string }; maxRetryWaitMs: number; lockWaitMs: number }, sinks: import("../../defend/delivery/sink.js").Sink[], channels: string[]): Promise<number> {
  const [{ mkdtemp, rm }, { tmpdir }, { join }, { runWatch, WatchStore, withWatchLock }, { deliverQueued }, { loadConfig, lookupOptionsFromFlags }, { paidSources }] = await Promise.all([
    import("node:fs/promises"),
    import("node:os"),
    import("node:path"),
    import("../../defend/watch/index.js"),
    import("../../defend/delivery/index.js"),
    import("../lookup-options.js"),
    import("./footprint.js"),
  ]);
  // A watch compares fresh answers: never the answer cache. The store keeps each raw answer.
  const { cache: _cache, ...lookup } = { ...(await lookupOptionsFromFlags(flags, io)), raw: true };
  const config = await loadConfig(flags, io);
  // Paid reverse-WHOIS answers are asked afresh each pass (their cache folder lives for the pass only).
  const apiCache = await mkdtemp(join(tmpdir(), "whoislens-watch-api-"));
  // The temporary folder goes on every path, also when the store cannot be opened.
  try {
    return await withStore(flags.store, io.env, async (store) => {
      const reverseSources = await paidSources(config, io.env, {
        cacheDir: apiCache,
        allowPrivate: lookup.allowPrivate ?? false,
        ...(lookup.servers ? { servers: lookup.servers } : {}),
        ...(lookup.mappedOnly ? { mappedOnly: true } : {}),
        ...(lookup.proxy ? { proxy: lookup.proxy } : {}),
      });
      const watchStore = new WatchStore(store.db);
      if ((await watchStore.list()).length === 0) io.stderr.write("watch: the watch list is empty (whoislens watch add DOMAIN…)\n");
      const candidates = await lookalikeGenerator();
      // The pass and its delivery hold the store's lock: a second `watch run` at once (a cron overlap) is skipped
      // (WL_ERR_WATCH_BUSY), or with --wait-lock waits for it.
      const { lockWaitMs, ...passSettings } = settings;
      const wait = { waitMs: lockWaitMs, onWait: (holder: LockHolder, waitMs: number) => io.stderr.write(`watch: the store's watch lock is held by ${sanitizeField(holder.owner)}; waiting up to ${waitMs / 1000} s\n`) };
      return withWatchLock(store.db, async () => {
        const result = await runWatch(store, { ...passSettings, lookup, reverseSources, channels, candidates, lockHeld: true });
        await lookup.discovery?.flush();
        for (const note of result.notes) io.stderr.write(`watch: ${sanitizeField(note)}\n`);
        for (const failure of result.failed) io.stderr.write(`watch: ${sanitizeField(failure.query)}: ${failure.code}: ${sanitizeField(failure.message)} (diffed again next pass)\n`);
        const reports = await deliverQueued(watchStore, sinks);
        const elsewhere = await watchStore.pendingElsewhere(channels);
        const undelivered = reports.filter((r) => r.queued > 0);
        for (const r of undelivered) io.stderr.write(`watch: ${sanitizeField(r.channel)}: ${r.queued} alert(s) stay queued for the next pass: ${sanitizeField(r.error ?? "")}\n`);
        for (const [channel, n] of Object.entries(elsewhere)) io.stderr.write(`watch: ${n} alert(s) queued for ${sanitizeField(channel)}, not a channel of this run\n`);
        io.stderr.write(`watch: ${result.checked} checked, ${result.failed.length} failed, ${result.alerts.length} new alert(s); ${reports.map((r) => `${sanitizeField(r.channel)} ${r.delivered} delivered`).join(", ")}\n`);
        return undelivered.length > 0 || result.failed.length > 0 ? EXIT.NETWORK : EXIT.OK;
      }, undefined, wait);
    });
  } finally {
    await rm(apiCache, { recursive: true, force: true });
  }
}
