import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WhoisRecord } from "../../src/record/types.js";
import { connectRedis } from "../../src/scale/connection.js";
import { enqueueQueries, jobIdFor } from "../../src/scale/enqueue.js";
import { prefixFor, runKeys, type JobData } from "../../src/scale/keys.js";
import { ScaleResults } from "../../src/scale/results.js";
import { Store } from "../../src/store/index.js";
import { postgresMissing, redisMissing, skipReason, usePostgres, useRedis } from "./services.js";

const record = (query: string): WhoisRecord => ({ query, kind: "domain", status: "registered", domain: { name: query }, source: { protocol: "whois", server: "whois.example" } });

async function* list(items: string[]): AsyncGenerator<string> {
  yield* items;
}

describe("ScaleResults: one result per (run, query), however often a job is delivered", () => {
  const check = async (store: Store): Promise<void> => {
    const results = new ScaleResults(store.db);
    await results.beginRun("r1", "in.txt", "{}", "2026-12-06T00:00:00Z");
    expect(await results.has("r1", "a.example")).toBe(false);
    expect(await results.save("r1", "a.example", record("a.example"), "done", "w1", "2026-12-06T00:00:01Z")).toBe("saved");
    // A second delivery (its first worker died after the commit) and a concurrent pair: nothing more stored.
    expect(await results.save("r1", "a.example", record("a.example"), "done", "w2", "2026-12-06T00:00:02Z")).toBe("duplicate");
    const pair = await Promise.all([results.save("r1", "b.example", record("b.example"), "done", "w1", "t"), results.save("r1", "b.example", record("b.example"), "done", "w2", "t")]);
    expect(pair.sort()).toEqual(["duplicate", "saved"]);
    // Another run may hold its own result for the same query.
    expect(await results.save("r2", "a.example", record("a.example"), "done", "w1", "t")).toBe("saved");
    const rows = await store.db.selectFrom("records").select(["query"]).execute();
    expect(rows.map((r) => r.query).sort()).toEqual(["a.example", "a.example", "b.example"]);
    expect(await results.has("r1", "a.example")).toBe(true);
    await results.markFailed("r1", "c.example", "failed", "no usable answer", "t");
    const states = await store.db.selectFrom("queries").select(["query", "state"]).where("run_id", "=", "r1").orderBy("query").execute();
    expect(states).toEqual([
      { query: "a.example", state: "done" },
      { query: "b.example", state: "done" },
      { query: "c.example", state: "failed" },
    ]);
    expect(await results.summary("r1")).toEqual({ done: 2 });
  };

  it("on SQLite", async () => {
    const store = await Store.open(join(mkdtempSync(join(tmpdir(), "wl-scale-sqlite-")), "s.db"));
    try {
      await check(store);
    } finally {
      await store.close();
    }
  });

  describe.skipIf(skipReason("the ScaleResults test on PostgreSQL", postgresMissing) !== undefined)("on PostgreSQL", () => {
    const url = usePostgres();
    it("the same, on its own database", async () => {
      const store = await Store.open(url());
      try {
        await check(store);
      } finally {
        await store.close();
      }
    }, 60_000);
  });
});

describe.skipIf(skipReason("the enqueueQueries tests", redisMissing) !== undefined)("enqueueQueries: streamed, de-duplicated, resumable", () => {
  const { redis } = useRedis();
  let queue: Queue<JobData>;
  const name = `enq${process.pid}${Math.random().toString(36).slice(2, 6)}`;
  beforeAll(() => {
    queue = new Queue<JobData>(name, { connection: redis() });
  });
  afterAll(async () => {
    await queue?.close();
  });

  it("adds each query once per run, a re-run adds only what is missing, a failed query is added again", async () => {
    const options = { queue, redis: redis(), prefix: prefixFor(name), runId: "run-a", settings: { protocol: "whois" as const, follow: false, input: "x" }, batch: 3 };
    const queries = Array.from({ length: 10 }, (_, i) => `q${i}.example`);
    expect(await enqueueQueries(list([...queries, "q1.example", "q2.example"]), options)).toEqual({ added: 10, skipped: 2, unblocked: [], rechecked: [] });
    expect(await queue.getWaitingCount()).toBe(10);
    expect(await enqueueQueries(list([...queries, "q10.example"]), options)).toEqual({ added: 1, skipped: 10, unblocked: [], rechecked: [] });
    // A worker stored q3 as failed and took it out of the run's set: the next enqueue asks it again.
    await queue.remove(jobIdFor("run-a", "q3.example"));
    await redis().srem(runKeys(prefixFor(name), "run-a").queued, "q3.example");
    expect(await enqueueQueries(list(queries), options)).toEqual({ added: 1, skipped: 9, unblocked: [], rechecked: [] });
    const job = await queue.getJob(jobIdFor("run-a", "q3.example"));
    expect(job?.data).toEqual({ run: "run-a", query: "q3.example" });
    // Another run of the same queries is its own set of jobs.
    expect(await enqueueQueries(list(queries.slice(0, 2)), { ...options, runId: "run-b" })).toEqual({ added: 2, skipped: 0, unblocked: [], rechecked: [] });
    expect(JSON.parse((await redis().hget(runKeys(prefixFor(name), "run-a").settings, "settings")) ?? "{}")).toEqual(options.settings);
  });

  it("names a bad queue URL and an unreachable Redis clearly", async () => {
    await expect(connectRedis("http://127.0.0.1:1/")).rejects.toMatchObject({ code: "WL_ERR_INVALID_OPTION" });
    await expect(connectRedis("redis://user:secret@127.0.0.1:1/0", "--queue", 1000)).rejects.toMatchObject({ code: "WL_ERR_CONFIG", message: expect.not.stringContaining("secret") });
  });
});
