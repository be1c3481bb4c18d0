import { Queue } from "bullmq";
import { describe, expect, it } from "vitest";
import { enqueueQueries, prefixFor, type JobData } from "../../src/scale/index.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

const missing = skipReason("the concurrent enqueue test", redisMissing);

async function* slowList(items: string[]): AsyncGenerator<string> {
  for (const item of items) {
    await new Promise((resolve) => setImmediate(resolve));
    yield item;
  }
}

/**
 * Two teammates run `bulk FILE --queue` on the same file at the same moment (the run is named by the file's
 * content, so it is one run). Both found every query missing from the run's set before either recorded it, and
 * each reported all of them added: "300 queries enqueued" twice for 300 jobs. BullMQ keeps one job per query
 * (the job id is the query's hash); the counts must say so too.
 */
describe.skipIf(missing !== undefined)("bulk --queue of the same file twice at once", () => {
  const { connect } = useRedis();

  it("one job per query, and the two enqueues' added counts sum to the queries", async () => {
    const name = `twice${process.pid}`;
    const producer = await connect();
    const queue = new Queue<JobData>(name, { connection: producer });
    try {
      const queries = Array.from({ length: 40 }, (_, i) => `t${i}.example`);
      const options = { queue, redis: producer, prefix: prefixFor(name), runId: "twice", settings: { protocol: "whois", follow: false, input: "x" }, batch: 10 } as const;
      const [a, b] = await Promise.all([enqueueQueries(slowList(queries), options), enqueueQueries(slowList(queries), options)]);
      expect(await queue.getWaitingCount()).toBe(40);
      expect(a.added + b.added).toBe(40);
      expect(a.skipped + b.skipped).toBe(40);
      expect(await producer.hget(`${prefixFor(name)}:run:twice`, "enqueued")).toBe("40");
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }, 30_000);
});
