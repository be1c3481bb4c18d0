import { Command } from "commander";
import { InvalidOptionError } from "../../errors.js";
import { SCALE_DEFAULTS } from "../../scale/defaults.js";
import { sanitizedJson, sanitizeField } from "../../util/sanitize.js";
import { bulkQueries, checkInputFile, runIdFor, skippedNote } from "../bulk-input.js";
import { EXIT } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import type { RegisterCommand } from "./index.js";

interface QueueFlags {
  queue: string;
  queueName: string;
  json?: boolean;
}

function checkQueueName(name: string): string {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new InvalidOptionError(`--queue-name needs 1–64 letters, digits, '.', '_' or '-', got "${name}"`);
  return name;
}

/** A server name as the limiter keys it: a host name or an address, no spaces or control characters. */
function checkHost(host: string): string {
  if (!/^[A-Za-z0-9_.:-]{1,255}$/.test(host)) throw new InvalidOptionError(`queue unblock needs server names (letters, digits, '.', '-', ':'), got "${sanitizeField(host)}"`);
  return host;
}

/** A BullMQ Queue handle on its own connection (BullMQ closes what it was given only when it made it). */
async function openQueue(url: string, name: string) {
  const [{ Queue }, { connectRedis }] = await Promise.all([import("bullmq"), import("../../scale/index.js")]);
  const redis = await connectRedis(url);
  const queue = new Queue<import("../../scale/index.js").JobData>(name, { connection: redis });
  return {
    redis,
    queue,
    close: async () => {
      await queue.close();
      redis.disconnect();
    },
  };
}

export const registerQueue: RegisterCommand = (program, ctx) => {
  const queue = new Command("queue").description("the distributed queue `bulk --queue` fills and `worker` processes");
  const status = new Command("status")
    .description("depth, per-server rates and throttles, failures and live workers of a queue")
    .requiredOption("--queue <url>", "the queue's Redis (redis://host:port/db)")
    .option("--queue-name <name>", "queue name", SCALE_DEFAULTS.queueName)
    .option("--json", "one JSON object instead of the text report")
    .action(async (flags: QueueFlags) => {
      const name = checkQueueName(flags.queueName);
      const { queueStatus } = await import("../../scale/index.js");
      const handle = await openQueue(flags.queue, name);
      try {
        const report = await queueStatus(handle.redis, handle.queue, name);
        if (flags.json) {
          ctx.io.stdout.write(`${sanitizedJson(report)}\n`);
        } else {
          printStatus(ctx.io, report);
        }
        ctx.state.exitCode = EXIT.OK;
      } finally {
        await handle.close();
      }
    });
  queue.addCommand(status);
  const unblock = new Command("unblock")
    .description("ask servers again: clears their block for good (every run's), pause and backoff in a queue's shared limiter")
    .argument("<host...>", "the servers, as `queue status` names them")
    .requiredOption("--queue <url>", "the queue's Redis (redis://host:port/db)")
    .option("--queue-name <name>", "queue name", SCALE_DEFAULTS.queueName)
    .action(async (hosts: string[], flags: QueueFlags) => {
      const name = checkQueueName(flags.queueName);
      for (const host of hosts) checkHost(host);
      const [{ RedisLimiter, prefixFor, connectRedis }] = await Promise.all([import("../../scale/index.js")]);
      const redis = await connectRedis(flags.queue);
      try {
        const limiter = new RedisLimiter(redis, prefixFor(name), "unblock");
        const unknown: string[] = [];
        for (const host of hosts) {
          const done = await limiter.unblock(host);
          if (!done.known) {
            unknown.push(done.host);
            continue;
          }
          const what = [
            ...(done.blockedRuns.length > 0 ? [`its block for good of run${done.blockedRuns.length > 1 ? "s" : ""} ${done.blockedRuns.map(sanitizeField).join(", ")}`] : []),
            ...(done.pausedMs > 0 ? [`a pause of ${Math.ceil(done.pausedMs / 1000)} s more`] : []),
            ...(done.blockedMs > 0 ? [`a backoff of ${Math.ceil(done.blockedMs / 1000)} s more`] : []),
            ...(done.downMs > 0 ? [`its down time of ${Math.ceil(done.downMs / 1000)} s more`] : []),
          ];
          ctx.io.stdout.write(what.length > 0 ? `queue ${name}: ${sanitizeField(done.host)} unblocked (cleared ${what.join("; ")}); workers ask it again now\n` : `queue ${name}: ${sanitizeField(done.host)} was neither blocked nor paused; nothing to clear\n`);
        }
        if (unknown.length > 0) {
          throw new InvalidOptionError(`queue ${name} has no server ${unknown.map((h) => `"${sanitizeField(h)}"`).join(", ")}: no worker has asked it (\`whoislens queue status\` lists the servers)`);
        }
        ctx.state.exitCode = EXIT.OK;
      } finally {
        redis.disconnect();
      }
    });
  queue.addCommand(unblock);
  program.addCommand(queue);
};

function printStatus(io: CliIO, report: Awaited<ReturnType<typeof import("../../scale/index.js").queueStatus>>): void {
  const c = report.counts;
  const out = (line: string): unknown => io.stdout.write(`${line}\n`);
  out(`queue ${sanitizeField(report.queue)}: ${c.waiting ?? 0} waiting, ${c.active ?? 0} active, ${c.delayed ?? 0} delayed, ${c.prioritized ?? 0} prioritized, ${c.failed ?? 0} failed`);
  out(`workers alive: ${report.workers.length}${report.workers.length > 0 ? ` (${report.workers.map((w) => `${sanitizeField(w.id)} ×${w.concurrency}`).join(", ")})` : ""}`);
  if (report.servers.length > 0) {
    out("server                                   pace q/s  last min q/s  in flight  answered  throttles  waiting");
    for (const s of report.servers) {
      const wait = s.blockedForGood ? `blocked run${s.blockedRuns.length > 1 ? "s" : ""} ${s.blockedRuns.map(sanitizeField).join(", ")} for good${s.pausedMs > 0 ? `; paused ${Math.ceil(s.pausedMs / 1000)} s` : ""}` : s.downMs > 0 ? `down ${Math.ceil(s.downMs / 1000)} s` : s.pausedMs > 0 ? `paused ${Math.ceil(s.pausedMs / 1000)} s` : s.blockedMs > 0 ? `${Math.ceil(s.blockedMs / 1000)} s` : "-";
      out(
        `${sanitizeField(s.host).padEnd(40)} ${s.rate.toFixed(2).padStart(8)}${s.known ? "*" : " "} ${s.recentRate.toFixed(2).padStart(12)} ${`${s.active}/${s.concurrency}`.padStart(10)} ${String(s.answered).padStart(9)} ${String(s.throttles).padStart(10)}  ${wait}`,
      );
    }
    out("(* a known limit: paced at 97% of it; others probed by AIMD, shared by every worker)");
    if (report.servers.some((s) => s.blockedForGood || s.pausedMs > 0 || s.downMs > 0)) out("(`whoislens queue unblock HOST --queue URL` asks a blocked, paused or down server again)");
  }
  for (const f of report.failures) out(`failed job ${sanitizeField(f.id)} (${sanitizeField(f.query)}): ${sanitizeField(f.reason)}`);
}

/**
 * `bulk FILE --queue URL`: the input streamed into the queue (de-duplicated per run; a re-run adds only
 * what is missing) for `whoislens worker` processes. Called lazily from bulk.ts.
 */
export async function enqueueFromBulk(
  file: string,
  flags: { queue: string; queueName?: string; run?: string; protocol?: string; follow?: boolean },
  io: CliIO,
): Promise<number> {
  const name = checkQueueName(flags.queueName ?? SCALE_DEFAULTS.queueName);
  checkInputFile(file);
  const { enqueueQueries, prefixFor, redactUrl } = await import("../../scale/index.js");
  const protocol: "auto" | "rdap" | "whois" = flags.protocol === "rdap" || flags.protocol === "whois" ? flags.protocol : "auto";
  const shaping = { protocol, follow: flags.follow !== false };
  const runId = flags.run ?? (file === "-" ? `stdin-${new Date().toISOString().replace(/:/g, "")}` : await runIdFor(file, shaping));
  const handle = await openQueue(flags.queue, name);
  try {
    // The reader plain bulk uses: a line over the query cap is skipped, named on stderr, counted; exit 2.
    const counts = { skipped: 0 };
    const queries = await bulkQueries(file, io, counts);
    const result = await enqueueQueries(queries, { queue: handle.queue, redis: handle.redis, prefix: prefixFor(name), runId, settings: { ...shaping, input: file } });
    if (result.unblocked.length > 0) io.stderr.write(`bulk: run ${sanitizeField(runId)} resumed: asking again ${result.unblocked.map(sanitizeField).join(", ")}, which had blocked it for good\n`);
    if (result.rechecked.length > 0) io.stderr.write(`bulk: run ${sanitizeField(runId)} enqueued: asking again ${result.rechecked.map(sanitizeField).join(", ")}, which refused every connection (down): one job probes each\n`);
    io.stderr.write(`bulk: ${result.added} queries enqueued, ${result.skipped} already queued or answered in run ${sanitizeField(runId)}${skippedNote(counts.skipped)}; queue ${sanitizeField(name)} at ${sanitizeField(redactUrl(flags.queue))}; start \`whoislens worker\` to process them\n`);
    return counts.skipped > 0 ? EXIT.USAGE : EXIT.OK;
  } finally {
    await handle.close();
  }
}
