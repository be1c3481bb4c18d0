import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueQueries, prefixFor, RedisLimiter, startWorker, type JobData } from "../../src/scale/index.js";
import { loadServerMap } from "../../src/servers/index.js";
import { Store } from "../../src/store/index.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

// End to end through two library-level workers (startWorker) sharing one Redis: a port-43 server written
// here, apart from the sandbox, that answers every query with RIPE's permanent block (RIPE Database Query
// Reference Manual, "Limits on querying": "%ERROR:201: access denied", "access from your host has been
// permanently denied"). The first refusal, whichever worker saw it, stops both: the server hears one query.
const missing = skipReason("the workers' permanent-block test", redisMissing);

const DENIED = "%ERROR:201: access denied for 127.0.0.1\n%\n% Sorry, access from your host has been permanently\n% denied because of a repeated excessive querying.\n";

async function* list(items: string[]): AsyncGenerator<string> {
  yield* items;
}

describe.skipIf(missing !== undefined)("scale-out workers obey a permanent block", () => {
  const { connect } = useRedis();
  let server: Server;
  let port = 0;
  let heard = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      heard += 1;
      socket.once("data", () => socket.end(DENIED));
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("one worker's permanent refusal ends every job for that server as throttled, with the reason, unasked", async () => {
    const name = `forgood-${process.pid}`;
    const [producer, a, b] = await Promise.all([connect(), connect(), connect()]);
    const queue = new Queue<JobData>(name, { connection: producer });
    const runId = "forgood";
    const queries = ["one.com", "two.com", "three.com", "four.com", "five.com", "six.com"];
    await enqueueQueries(list(queries), { queue, redis: producer, prefix: prefixFor(name), runId, settings: { protocol: "whois", follow: false, input: "list" } });
    const dir = mkdtempSync(join(tmpdir(), "wl-scale-forgood-"));
    const store = await Store.open(join(dir, "s.db"));
    const lookup = { servers: loadServerMap({ "whois.verisign-grs.com": { address: `127.0.0.1:${port}`, qps: 5, concurrency: 1 } }), mappedOnly: true, hopTimeoutMs: 5000, maxRetryWaitMs: 30_000 };
    const logged: { level: number; server?: string; reason?: string; run?: string; msg: string }[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) });
    const workers = await Promise.all([a, b].map((redis, i) => startWorker({ redis, store, logger, queueName: name, concurrency: 3, lookup, id: `w${i}` })));
    try {
      const deadline = Date.now() + 30_000;
      let rows: { query: string; state: string; error: string | null }[] = [];
      while (Date.now() < deadline) {
        rows = await store.db.selectFrom("queries").select(["query", "state", "error"]).where("run_id", "=", runId).execute();
        if (rows.length >= queries.length && rows.every((r) => r.state !== "pending")) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(rows.map((r) => r.query).sort()).toEqual([...queries].sort());
      expect(rows.every((r) => r.state === "throttled")).toBe(true);
      // Five of them were never asked: their record says why.
      expect(rows.filter((r) => /refused us permanently/.test(r.error ?? "")).length).toBeGreaterThanOrEqual(queries.length - 1);
      expect(heard).toBe(1);
      const state = (await new RedisLimiter(a, prefixFor(name), "probe").servers()).find((s) => s.host === "whois.verisign-grs.com");
      expect(state?.blockedForGood).toBe(true);
      expect(state?.blockedRuns).toEqual([runId]);
      // The worker says so, once for the fleet (bulk prints one line too): not once per job.
      const pauses = logged.filter((line) => line.reason !== undefined);
      expect(pauses).toEqual([expect.objectContaining({ level: 40, server: "whois.verisign-grs.com", reason: "permanent", run: runId, msg: expect.stringContaining("refused us permanently") })]);

      // The block is the run's: a later run on the same queue asks the server again (it used to find it
      // blocked until whoislens:<name>:srv:<host> was deleted by hand), and draws its own block.
      const waitFor = async (run: string, count: number): Promise<{ state: string; error: string | null }[]> => {
        const until = Date.now() + 30_000;
        let found: { state: string; error: string | null }[] = [];
        while (Date.now() < until) {
          found = await store.db.selectFrom("queries").select(["state", "error"]).where("run_id", "=", run).execute();
          if (found.length >= count && found.every((r) => r.state !== "pending")) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return found;
      };
      await enqueueQueries(list(["seven.com", "eight.com"]), { queue, redis: producer, prefix: prefixFor(name), runId: "later", settings: { protocol: "whois", follow: false, input: "list2" } });
      expect((await waitFor("later", 2)).every((r) => r.state === "throttled")).toBe(true);
      expect(heard).toBe(2);
      // The run's resume (its failed queries enqueued again) asks it again too, once.
      const resumed = await enqueueQueries(list(queries), { queue, redis: producer, prefix: prefixFor(name), runId, settings: { protocol: "whois", follow: false, input: "list" } });
      expect(resumed.unblocked).toEqual(["whois.verisign-grs.com"]);
      expect(resumed.added).toBe(queries.length);
      const until = Date.now() + 30_000;
      while (heard < 3 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(heard).toBe(3);
      expect(logged.filter((line) => line.reason === "permanent").map((line) => line.run)).toEqual([runId, "later", runId]);
    } finally {
      await Promise.all(workers.map((w) => w.drain(5000)));
      await queue.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
