import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { WhoisRecord } from "../../src/record/types.js";
import { enqueueQueries, prefixFor, startWorker, WorkerMetrics, type JobData } from "../../src/scale/index.js";
import { Store } from "../../src/store/index.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

const missing = skipReason("the worker drain test", redisMissing);

async function* list(items: string[]): AsyncGenerator<string> {
  yield* items;
}

describe.skipIf(missing !== undefined)("worker drain (SIGTERM's path): running jobs commit, the rest stay queued", () => {
  const { connect } = useRedis();

  it("commits the jobs in flight, takes no more, and another worker finishes the run exactly once", async () => {
    const name = `drain${process.pid}`;
    const producer = await connect();
    const queue = new Queue<JobData>(name, { connection: producer });
    const queries = Array.from({ length: 12 }, (_, i) => `d${i}.example`);
    await enqueueQueries(list(queries), { queue, redis: producer, prefix: prefixFor(name), runId: "drain", settings: { protocol: "whois", follow: false, input: "x" } });
    const store = await Store.open(join(mkdtempSync(join(tmpdir(), "wl-scale-drain-")), "s.db"));
    let started = 0;
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Lookups that wait on the test: the drain must wait for them, not cut them off.
    const slowLookup = async (query: string): Promise<WhoisRecord> => {
      started += 1;
      await gate;
      return { query, kind: "domain", status: "registered", domain: { name: query }, source: { protocol: "whois", server: "stub" } };
    };
    const logger = pino({ level: "silent" });
    const metrics = new WorkerMetrics();
    const first = await startWorker({ redis: await connect(), store, logger, metrics, queueName: name, concurrency: 4, lookup: {}, lookupFn: slowLookup, id: "first" });
    const deadline = Date.now() + 10_000;
    while (started < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toBe(4);
    const drained = first.drain(30_000);
    let done = false;
    void drained.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Still waiting for its four running lookups.
    expect(done).toBe(false);
    release();
    await drained;
    const stored = async (): Promise<string[]> => (await store.db.selectFrom("scale_results").select("query").where("run_id", "=", "drain").execute()).map((r) => r.query);
    expect((await stored()).length).toBe(4);
    expect(started).toBe(4);
    expect(await queue.getWaitingCount()).toBe(8);
    expect(await metrics.registry.getSingleMetricAsString("whoislens_worker_jobs_total")).toMatch(/outcome="done"\} 4/);
    // A second worker takes the rest; nothing is lost, nothing stored twice.
    const second = await startWorker({ redis: await connect(), store, logger, queueName: name, concurrency: 4, lookup: {}, lookupFn: slowLookup, id: "second" });
    const until = Date.now() + 20_000;
    while ((await stored()).length < 12 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    await second.drain(5000);
    expect((await stored()).sort()).toEqual([...queries].sort());
    expect((await store.db.selectFrom("records").select("query").execute()).length).toBe(12);
    await queue.close();
    await store.close();
  }, 60_000);
});
