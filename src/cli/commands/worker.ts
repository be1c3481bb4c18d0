import { Command } from "commander";
import { SCHEDULER_DEFAULTS } from "../../bulk/defaults.js";
import { InvalidOptionError } from "../../errors.js";
import { SCALE_DEFAULTS } from "../../scale/defaults.js";
import { EXIT } from "../exit-codes.js";
import { integerFlag, SHARED_RANGES } from "../flags.js";
import { addLookupFlags, type LookupFlags } from "../lookup-flags.js";
import type { RegisterCommand } from "./index.js";

interface WorkerFlags extends LookupFlags {
  queue: string;
  queueName: string;
  store: string;
  concurrency: string;
  lockMs: string;
  metricsPort?: string;
  metricsHost: string;
  maxRetryWait: string;
  drainTimeout: string;
  logLevel: string;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export const registerWorker: RegisterCommand = (program, ctx) => {
  const command = new Command("worker")
    .description("process the lookup jobs `bulk FILE --queue URL` enqueued, paced per server across every worker, into a shared store; drains on SIGTERM")
    .requiredOption("--queue <url>", "the queue's Redis (redis://host:port/db or rediss://)")
    .requiredOption("--store <location>", "the shared store every worker writes to: postgres://… (or a SQLite path for workers on one machine)")
    .option("--queue-name <name>", "queue name (several jobs can share one Redis)", SCALE_DEFAULTS.queueName)
    .option("--concurrency <n>", "jobs in flight in this worker (each server's shared limit still applies)", String(SCALE_DEFAULTS.concurrency))
    .option("--lock-ms <ms>", "visibility timeout: a killed worker's jobs run elsewhere this long after its last lock renewal", String(SCALE_DEFAULTS.lockMs))
    .option("--metrics-port <port>", "serve Prometheus metrics on GET /metrics at this port (0: any free port, printed in the log)")
    .option("--metrics-host <address>", "address the metrics listen on", SCALE_DEFAULTS.metricsHost)
    .option("--max-retry-wait <seconds>", "longest wait for a server's Retry-After or backoff; past it the query is stored as throttled", String(SCHEDULER_DEFAULTS.maxRetryWaitMs / 1000))
    .option("--drain-timeout <seconds>", "on SIGTERM, longest wait for running jobs to commit before they are handed back", String(SCALE_DEFAULTS.drainMs / 1000))
    .option("--log-level <level>", `structured log (pino, JSON lines on stderr): ${LOG_LEVELS.join(", ")}`, "info");
  addLookupFlags(command, { hostFlag: false });
  command.action(async (flags: WorkerFlags) => {
    ctx.state.exitCode = await runWorker(flags, ctx);
  });
  program.addCommand(command);
};

async function runWorker(flags: WorkerFlags, ctx: Parameters<RegisterCommand>[1]): Promise<number> {
  const { io } = ctx;
  const concurrency = integerFlag("concurrency", flags.concurrency, SHARED_RANGES.lookupConcurrency);
  const lockMs = integerFlag("lock-ms", flags.lockMs, { min: 1000, max: 3_600_000 });
  const metricsPort = flags.metricsPort === undefined ? undefined : integerFlag("metrics-port", flags.metricsPort, { min: 0, max: 65_535 });
  const maxRetryWait = integerFlag("max-retry-wait", flags.maxRetryWait, SHARED_RANGES.maxRetryWait);
  const drainTimeout = integerFlag("drain-timeout", flags.drainTimeout, { min: 0, max: 86_400 });
  if (!LOG_LEVELS.includes(flags.logLevel)) throw new InvalidOptionError(`--log-level needs one of ${LOG_LEVELS.join(", ")}, got "${flags.logLevel}"`);
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(flags.queueName)) throw new InvalidOptionError(`--queue-name needs 1–64 letters, digits, '.', '_' or '-', got "${flags.queueName}"`);
  const [{ pino }, scale, { Store }, { lookupOptionsFromFlags }] = await Promise.all([import("pino"), import("../../scale/index.js"), import("../../store/index.js"), import("../lookup-options.js")]);
  const lookupOptions = await lookupOptionsFromFlags(flags, io);
  // Answers are not cached across workers' runs: the store is the record of what was asked.
  delete lookupOptions.cache;
  const logger = pino({ level: flags.logLevel, base: { pid: process.pid } }, { write: (line: string) => io.stderr.write(line) });
  const redis = await scale.connectRedis(flags.queue);
  let store: Awaited<ReturnType<typeof Store.open>> | undefined;
  let metricsServer: { port: number; close(): Promise<void> } | undefined;
  try {
    store = await Store.open(flags.store, io.env);
    const metrics = new scale.WorkerMetrics();
    if (metricsPort !== undefined) {
      metricsServer = await scale.serveMetrics(metrics, flags.metricsHost, metricsPort);
      logger.info({ metrics: `http://${flags.metricsHost.includes(":") ? `[${flags.metricsHost}]` : flags.metricsHost}:${metricsServer.port}/metrics` }, "metrics listening");
    }
    const worker = await scale.startWorker({
      redis,
      store,
      logger,
      metrics,
      queueName: flags.queueName,
      concurrency,
      lockMs,
      lookup: lookupOptions,
      scheduler: { maxRetryWaitMs: maxRetryWait * 1000 },
    });
    logger.info({ queue: scale.redactUrl(flags.queue), store: store.location, worker: worker.id }, "ready");
    await io.interrupted;
    await worker.drain(drainTimeout * 1000);
    await lookupOptions.discovery?.flush();
    return EXIT.OK;
  } finally {
    await metricsServer?.close();
    await store?.close();
    redis.disconnect();
  }
}
