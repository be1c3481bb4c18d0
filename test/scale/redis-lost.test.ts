import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { WhoisRecord } from "../../src/record/types.js";
import { enqueueQueries, prefixFor, startWorker, WorkerMetrics, type JobData } from "../../src/scale/index.js";
import { runKeys } from "../../src/scale/keys.js";
import { Store } from "../../src/store/index.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

const missing = skipReason("the Redis-lost resume test", redisMissing);

async function* list(items: string[]): AsyncGenerator<string> {
  yield* items;
}

/**
 * Redis restarted without persistence (scripts/ci-redis.sh runs it so: `--save "" --appendonly no`) under a
 * running fleet forgets the run's queued set; the team re-runs `bulk FILE --queue` as docs/scale.md says, and
 * every query is enqueued again. Found with the CLI (300 queries, a paced port-43 server, Redis shut down
 * NOSAVE after 103 answers): the re-run asked the server 300 more times, 103 of them for queries already
 * stored. Local bulk's re-run skips every query already done (docs/bulk.md, Resume); the fleet must too.
 */
describe.skipIf(missing !== undefined)("a run re-enqueued after Redis lost its data: answered queries are not asked again", () => {
  const { connect } = useRedis();

  it("the worker skips the queries the store already answered for the run, and asks only the rest", async () => {
    const name = `lost${process.pid}`;
    const prefix = prefixFor(name);
    const producer = await connect();
    const queue = new Queue<JobData>(name, { connection: producer });
    const settings = { protocol: "whois", follow: false, input: "x" } as const;
    const first = Array.from({ length: 6 }, (_, i) => `l${i}.example`);
    const asked: string[] = [];
    const lookupFn = async (query: string): Promise<WhoisRecord> => {
      asked.push(query);
      return { query, kind: "domain", status: "registered", domain: { name: query }, source: { protocol: "whois", server: "stub" } };
    };
    const store = await Store.open(join(mkdtempSync(join(tmpdir(), "wl-scale-lost-")), "s.db"));
    const metrics = new WorkerMetrics();
    const worker = await startWorker({ redis: await connect(), store, logger: pino({ level: "silent" }), metrics, queueName: name, concurrency: 2, lookup: {}, lookupFn, id: "w" });
    const jobsEnded = async (outcome: string, count: number): Promise<void> => {
      const until = Date.now() + 20_000;
      const pattern = new RegExp(`outcome="${outcome}"\\} ${count}\\b`);
      while (!pattern.test(await metrics.registry.getSingleMetricAsString("whoislens_worker_jobs_total")) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    try {
      await enqueueQueries(list(first), { queue, redis: producer, prefix, runId: "lost", settings });
      await jobsEnded("done", 6);
      expect(asked.sort()).toEqual([...first].sort());

      // Redis restarted empty: the run's keys are gone (only this queue's, the test Redis may be shared).
      const keys = runKeys(prefix, "lost");
      await producer.del(keys.queued, keys.settings);
      const more = ["l6.example", "l7.example"];
      const again = await enqueueQueries(list([...first, ...more]), { queue, redis: producer, prefix, runId: "lost", settings });
      expect(again.added).toBe(8);
      await jobsEnded("done", 8);
      await jobsEnded("skipped", 6);
      expect(asked.sort()).toEqual([...first, ...more].sort());
      expect((await store.db.selectFrom("records").select("query").execute()).length).toBe(8);
    } finally {
      await worker.drain(5000);
      await queue.close();
      await store.close();
    }
  }, 60_000);
});
