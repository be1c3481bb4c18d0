import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Distinct server labels kept; the rest count as "other" (server names come from referrals: attacker-chosen). */
const MAX_SERVER_LABELS = 200;

export type JobOutcome = "done" | "truncated" | "failed" | "throttled" | "duplicate" | "skipped";

/** A worker's Prometheus metrics (prom-client), on their own registry so two workers in one process never clash. */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly jobs: Counter<"outcome">;
  private readonly hops: Counter<"server" | "outcome">;
  /** Slots given back because this worker reached them too late (docs/scale.md "Late slots"). */
  readonly lateSlots: Counter;
  readonly active: Gauge;
  readonly seconds: Histogram;
  private readonly labels = new Set<string>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "whoislens_worker_" });
    this.jobs = new Counter({ name: "whoislens_worker_jobs_total", help: "Jobs finished, by outcome (duplicate: already stored by another delivery)", labelNames: ["outcome"], registers: [this.registry] });
    this.hops = new Counter({ name: "whoislens_worker_hops_total", help: "Hops asked, by server and outcome (ok, throttled, error)", labelNames: ["server", "outcome"], registers: [this.registry] });
    this.lateSlots = new Counter({ name: "whoislens_worker_late_slots_total", help: "Server slots given back unused because the query was ready too late for them (a new slot was taken)", registers: [this.registry] });
    this.active = new Gauge({ name: "whoislens_worker_jobs_active", help: "Jobs running now", registers: [this.registry] });
    this.seconds = new Histogram({ name: "whoislens_worker_job_seconds", help: "Time from a job's start to its commit", buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120], registers: [this.registry] });
  }

  job(outcome: JobOutcome): void {
    this.jobs.inc({ outcome });
  }

  hop(server: string, outcome: string): void {
    let label = server.toLowerCase();
    if (!this.labels.has(label)) {
      if (this.labels.size >= MAX_SERVER_LABELS) label = "other";
      else this.labels.add(label);
    }
    this.hops.inc({ server: label, outcome });
  }
}

/** Serves GET /metrics (and nothing else) on host:port; port 0 lets the OS choose. */
export async function serveMetrics(metrics: WorkerMetrics, host: string, port: number): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.method !== "GET" || (request.url ?? "").split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
