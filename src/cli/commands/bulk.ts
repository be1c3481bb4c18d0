import { existsSync, statSync } from "node:fs";
import { appendFile, writeFile } from "node:fs/promises";
import { Command, Option } from "commander";
import type { BulkResult, PoliteScheduler, WaitEvent } from "../../bulk/index.js";
import { SCHEDULER_DEFAULTS } from "../../bulk/defaults.js";
import { csvCell } from "../../util/export-text.js";
import { sanitizedJson, sanitizeField } from "../../util/sanitize.js";
import { bulkQueries, checkInputFile, runIdFor, skippedNote } from "../bulk-input.js";
import { EXIT } from "../exit-codes.js";
import { addGraceFlag, graceMs, integerFlag, SHARED_RANGES } from "../flags.js";
import { interruptExitCode, interruption, type CliIO } from "../io.js";
import { addLookupFlags, type LookupFlags } from "../lookup-flags.js";
import type { RegisterCommand } from "./index.js";

interface BulkFlags extends LookupFlags {
  grace?: string;
  out?: string;
  format?: "ndjson" | "csv";
  store?: string;
  concurrency: string;
  run?: string;
  resume: boolean;
  maxRetryWait: string;
  queue?: string;
  queueName?: string;
}

const CSV_COLUMNS = ["query", "status", "kind", "name", "registrar", "created", "expires", "nameservers", "registrant_org", "registrant_email", "server", "error"] as const;

/** One CSV line of a bulk result; every cell controls-stripped and formula-guarded (exported for the hostile-text tests). */
export function csvRow(result: BulkResult): string {
  const r = result.record;
  const registrant = r?.contacts?.find((c) => c.roles.includes("registrant"));
  const cells: Record<(typeof CSV_COLUMNS)[number], string | undefined> = {
    query: result.query,
    status: r?.status ?? "error",
    kind: r?.kind,
    name: r?.domain?.name ?? r?.network?.cidrs?.[0] ?? r?.asn?.handle,
    registrar: r?.registrar?.name,
    created: r?.dates?.created,
    expires: r?.dates?.expires,
    nameservers: r?.nameservers?.map((n) => n.name).join(" "),
    registrant_org: registrant?.organization,
    registrant_email: registrant?.email,
    server: r?.source.server,
    error: result.error ? `${result.error.code}: ${result.error.message}` : undefined,
  };
  return `${CSV_COLUMNS.map((column) => csvCell(cells[column] ?? "")).join(",")}\n`;
}

export const registerBulk: RegisterCommand = (program, ctx) => {
  const command = new Command("bulk")
    .description("look up every query in FILE (one per line, - for stdin), paced per server, stored and resumable")
    .argument("<file>", "input file, or - for standard input")
    .option("--out <file>", "append results to this file (.csv or .ndjson)")
    .addOption(new Option("--format <format>", "output format (default: from --out's extension, else ndjson)").choices(["ndjson", "csv"]))
    .option("--store <path>", "SQLite store (default: the data directory's whoislens.db)")
    .option("--concurrency <n>", "lookups in flight at once, across servers (each server's own connection cap still applies)", "256")
    .option("--run <name>", "name of the run to resume (default: derived from the input file and options)")
    .option("--no-resume", "ask every query again, even those finished by an earlier run")
    .option(
      "--max-retry-wait <seconds>",
      "longest wait for a server's Retry-After or backoff; a server asking for more is paused and its queries reported as throttled (the run goes on)",
      String(SCHEDULER_DEFAULTS.maxRetryWaitMs / 1000),
    )
    .option("--raw", "include each answer's raw text in the output (the store always keeps it)")
    .option("--queue <url>", "enqueue the queries to this Redis (redis://…) for `whoislens worker` processes instead of looking them up here")
    .option("--queue-name <name>", "with --queue: the queue's name (default whoislens)");
  addLookupFlags(command, { hostFlag: false });
  addGraceFlag(command);
  command.action(async (file: string, flags: BulkFlags) => {
    // Scale-out (issue #17): only enqueue; the queue code loads only on this branch.
    if (flags.queue !== undefined) ctx.state.exitCode = await (await import("./queue.js")).enqueueFromBulk(file, { ...flags, queue: flags.queue }, ctx.io);
    else ctx.state.exitCode = await runBulk(file, flags, ctx.io);
  });
  program.addCommand(command);
};

async function runBulk(file: string, flags: BulkFlags, io: CliIO): Promise<number> {
  // Checked before any work starts: a bad --grace costs nothing.
  const grace = graceMs(flags.grace);
  // Checked with the other flags, before the store is opened (a throw after Store.open left it unclosed).
  const concurrency = integerFlag("concurrency", flags.concurrency, SHARED_RANGES.lookupConcurrency);
  const maxRetryWait = integerFlag("max-retry-wait", flags.maxRetryWait, SHARED_RANGES.maxRetryWait);
  checkInputFile(file);
  const [{ bulkLookup, PoliteScheduler }, { Store, withoutRaw }, { lookupOptionsFromFlags }] = await Promise.all([
    import("../../bulk/index.js"),
    import("../../store/index.js"),
    import("../lookup-options.js"),
  ]);
  // The store always keeps each answer's raw text; output carries it only with --raw.
  const lookupOptions = { ...(await lookupOptionsFromFlags(flags, io)), raw: true };
  const withRaw = flags.raw ?? false;
  const format = flags.format ?? (flags.out?.endsWith(".csv") ? "csv" : "ndjson");
  const shaping = { protocol: lookupOptions.protocol ?? "auto", follow: lookupOptions.followReferrals };
  const started = new Date().toISOString();
  const runId = flags.run ?? (file === "-" ? `stdin-${started}` : await runIdFor(file, shaping));
  const store = await Store.open(flags.store, io.env);
  // Ctrl-C: take no new query, let those in flight finish (cancelled after a short grace), keep what is done.
  const stopping = interruption(io, grace);
  const scheduler = new PoliteScheduler({
    ...(lookupOptions.servers ? { servers: lookupOptions.servers } : {}),
    maxRetryWaitMs: maxRetryWait * 1000,
    onWait: waitReporter(io, maxRetryWait),
  });
  const counts = { done: 0, truncated: 0, failed: 0, throttled: 0, skipped: 0 };
  try {
    const id = flags.resume ? runId : `${runId}-${started}`;
    const pass = await store.beginRun(id, file, JSON.stringify(shaping), started);
    if (pass > 1) io.stderr.write(`resuming run ${id} (pass ${pass}): finished queries are not asked again\n`);
    if (flags.out && format === "csv" && (!existsSync(flags.out) || statSync(flags.out).size === 0)) await writeFile(flags.out, `${CSV_COLUMNS.join(",")}\n`);
    const queries = await bulkQueries(file, io, counts);
    const progress = io.stderrIsTTY ? startProgress(io, counts, scheduler) : undefined;
    for await (const result of bulkLookup(queries, {
      lookup: { ...lookupOptions, signal: stopping.cancel },
      stop: stopping.stop,
      scheduler,
      concurrency,
      perServer: 16,
      lookahead: Math.max(1000, concurrency * 8),
      store: { store, runId: id, pass },
    })) {
      if (result.error?.code === "WL_ERR_THROTTLED") counts.throttled += 1;
      else if (result.error) counts.failed += 1;
      else if (result.truncated) counts.truncated += 1;
      else counts.done += 1;
      const shown = withRaw || !result.record ? result : { ...result, record: withoutRaw(result.record) };
      const line = format === "csv" ? csvRow(result) : `${sanitizedJson(shown)}\n`;
      if (flags.out) await appendFile(flags.out, line);
      else io.stdout.write(line);
    }
    progress?.stop();
    await lookupOptions.discovery?.flush();
    const summary = await store.runSummary(id);
    if (stopping.interrupted) {
      io.stderr.write(`${interruptedLine(id, file, counts, summary, [store.location, ...(flags.out ? [flags.out] : [])])}\n`);
      return interruptExitCode(io);
    }
    io.stderr.write(
      `bulk: ${counts.done} answered, ${counts.truncated} truncated, ${counts.failed} failed, ${counts.throttled} throttled this pass${skippedNote(counts.skipped)}; run ${id}: ${Object.entries(summary).map(([k, v]) => `${v} ${k}`).join(", ")}; store ${store.location}\n`,
    );
    return bulkExitCode(counts);
  } finally {
    stopping.dispose();
    // Standard input kept open (`tail -f names | whoislens bulk -`) and left unread by a stop: let it go,
    // or its open pipe alone would keep the process alive after the summary line.
    if (file === "-") io.stdin.destroy();
    await store.close();
  }
}

/** The one line an interrupted run ends with: what this pass finished, where it is, how to go on. */
export function interruptedLine(id: string, file: string, counts: { done: number; truncated: number; failed: number; throttled: number }, summary: Record<string, number>, savedTo: string[]): string {
  const thisPass = counts.done + counts.truncated + counts.failed + counts.throttled;
  const done = summary.done ?? 0;
  const total = Object.values(summary).reduce((sum, n) => sum + n, 0);
  const again = file === "-" ? `run it again with --run ${id} and the same input to resume` : "run the same command again to resume";
  return `bulk: interrupted: run ${id}: ${done} done (${thisPass} finished this pass), ${total - done} read but not done; saved to ${savedTo.map(sanitizeField).join(" and ")}; ${again} (done queries are not asked again)`;
}

/**
 * 3 when a query got no usable answer (failed or throttled: nothing stored for it), else 2 when an input
 * line was skipped (over the line cap: no query at all), else 5 when a record was kept from a cut-off
 * answer (stored, asked again by the next run), else 0 — the worst wins, as for `lookup` with several
 * queries (README "Exit codes").
 */
export function bulkExitCode(counts: { truncated: number; failed: number; throttled: number; skipped?: number }): number {
  if (counts.failed + counts.throttled > 0) return EXIT.NETWORK;
  if ((counts.skipped ?? 0) > 0) return EXIT.USAGE;
  return counts.truncated > 0 ? EXIT.TRUNCATED : EXIT.OK;
}

function startProgress(io: CliIO, counts: { done: number; truncated: number; failed: number; throttled: number }, scheduler: PoliteScheduler): { stop(): void } {
  const begun = Date.now();
  const timer = setInterval(() => {
    const total = counts.done + counts.truncated + counts.failed + counts.throttled;
    const rate = total / Math.max(0.001, (Date.now() - begun) / 1000);
    const stats = scheduler.stats();
    const throttles = stats.reduce((sum, s) => sum + s.throttles, 0);
    io.stderr.write(`\r${total} done  ${rate.toFixed(1)}/s  ${counts.failed} errors  ${throttles} server throttles${waitsOf(stats)}   `);
  }, 250);
  return {
    stop: () => {
      clearInterval(timer);
      io.stderr.write("\n");
    },
  };
}

/** The servers waiting out a throttle, longest first (two at most, so the line stays one line). */
function waitsOf(stats: ReturnType<PoliteScheduler["stats"]>): string {
  const waiting = stats.filter((s) => s.waitMs >= 1000 || s.pausedMs > 0).sort((a, b) => Math.max(b.waitMs, b.pausedMs) - Math.max(a.waitMs, a.pausedMs));
  const shown = waiting.slice(0, 2).map((s) => (s.blockedForGood ? `${sanitizeField(s.host)} blocked us for the run` : s.pausedMs > 0 ? `${sanitizeField(s.host)} paused ${duration(s.pausedMs)}` : `${sanitizeField(s.host)} waits ${duration(s.waitMs)}`));
  return shown.length === 0 ? "" : `  ${shown.join(", ")}${waiting.length > 2 ? ` +${waiting.length - 2}` : ""}`;
}

function duration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

/**
 * A wait is never silent: a pause (the server asked for more than --max-retry-wait) is told once per
 * pause on its own line, and long waits once per server until they end, terminal or not.
 */
function waitReporter(io: CliIO, capSeconds: number): (event: WaitEvent) => void {
  const toldUntil = new Map<string, number>();
  return (event) => {
    const now = Date.now();
    if (!event.paused && event.waitMs < 5000) return;
    if ((toldUntil.get(event.server) ?? 0) > now) return;
    toldUntil.set(event.server, now + event.waitMs);
    const server = sanitizeField(event.server);
    const asked = event.requestedMs === undefined ? "" : ` (it asked for ${duration(event.requestedMs)})`;
    const line = !event.paused
      ? `bulk: ${server} throttled; waiting ${duration(event.waitMs)}${asked}`
      : event.reason === "down"
        ? `bulk: ${server} refused ${event.refusals ?? 0} connections in a row: down; its queries fail at once (a re-run asks them again), one is let through in ${duration(event.waitMs)} to see if it is back; the run goes on`
        : event.reason === "permanent"
        ? `bulk: ${server} refused us permanently: it is not asked again in this run; its queries are reported as throttled; the run goes on`
        : event.reason === "refusals"
          ? `bulk: ${server} refused ${event.refusals ?? 0} times in a row: paused for ${duration(event.waitMs)}, its queries are reported as throttled meanwhile; the run goes on`
          : `bulk: ${server} asked to wait ${duration(event.requestedMs ?? event.waitMs)}, over --max-retry-wait ${capSeconds} s: its queries are reported as throttled meanwhile; the run goes on`;
    io.stderr.write(`${io.stderrIsTTY ? "\r" : ""}${line}\n`);
  };
}
