import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { enqueueQueries, prefixFor, startWorker, type JobData } from "../../src/scale/index.js";
import { loadServerMap } from "../../src/servers/server-map.js";
import { Store } from "../../src/store/index.js";
import { closedPort, tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

const missing = skipReason("the worker fallback pacing test", redisMissing);
const NAMES = Array.from({ length: 12 }, (_, i) => `fleetfall${String(i).padStart(2, "0")}.de`);
const QPS = 4;

async function* list(items: string[]): AsyncGenerator<string> {
  yield* items;
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/**
 * Issue #13 on the fleet: test/bulk/fallback-pace.test.ts's world (the .de RDAP base refuses every connect;
 * DENIC's port 43, the fallback, paced at 4 q/s; DENIC's documented "Status: free" layout) under a worker.
 * The worker started every job it was given (up to --concurrency), so all 12 fell back to port 43 at once
 * and the back of DENIC's pace queue failed "lookup ran past 1500 ms before asking whois.denic.de", unsent.
 * It now starts a job only while the planned server's fallback has room, as local bulk (src/bulk/fallback-room.ts).
 */
describe.skipIf(missing !== undefined)("worker: a paced port-43 fallback behind a down RDAP server", () => {
  const { connect } = useRedis();

  it("every query answered, none failed unsent past --total-timeout", async () => {
    const asked: string[] = [];
    const denic = await tcpServer(whoisResponder((query) => {
      asked.push(query);
      return `Domain: ${query.replace(/^-T dn,ace /, "")}\nStatus: free\n`;
    }));
    servers.push(denic);
    const map = loadServerMap({
      "rdap.denic.de": `http://127.0.0.1:${await closedPort()}/`,
      "whois.denic.de": { address: `127.0.0.1:${denic.port}`, qps: QPS, concurrency: 1 },
    });
    const name = `fallpace${process.pid}`;
    const producer = await connect();
    const queue = new Queue<JobData>(name, { connection: producer });
    await enqueueQueries(list(NAMES), { queue, redis: producer, prefix: prefixFor(name), runId: "fallpace", settings: { protocol: "auto", follow: true, input: "x" } });
    const store = await Store.open(join(mkdtempSync(join(tmpdir(), "wl-scale-fallpace-")), "s.db"));
    const worker = await startWorker({ redis: await connect(), store, logger: pino({ level: "silent" }), queueName: name, concurrency: 16, lookup: { servers: map, mappedOnly: true, totalTimeoutMs: 1500 }, id: "fallpace" });
    try {
      const states = async (): Promise<{ query: string; state: string; error: string | null }[]> =>
        store.db.selectFrom("queries").select(["query", "state", "error"]).where("run_id", "=", "fallpace").orderBy("query").execute();
      const until = Date.now() + 25_000;
      while ((await states()).length < NAMES.length && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await states()).map((s) => `${s.query} ${s.state}${s.error ? `: ${s.error}` : ""}`)).toEqual(NAMES.map((query) => `${query} done`));
      expect(asked.sort()).toEqual(NAMES.map((n) => `-T dn,ace ${n}`).sort());
    } finally {
      await worker.drain(5000);
      await queue.obliterate({ force: true });
      await queue.close();
      await store.close();
    }
  }, 40_000);
});
