import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createServer } from "node:net";
import { QUEUE_DEFAULTS } from "../../src/bulk/index.js";
import { lookup } from "../../src/lookup/index.js";
import { SharedScheduler } from "../../src/scale/scheduler.js";
import { drive, ManualClock } from "../helpers/manual-clock.js";
import { enqueueQueries, prefixFor, RedisLimiter, startWorker, WorkerMetrics, type JobData } from "../../src/scale/index.js";
import { loadServerMap, TLD_WHOIS } from "../../src/servers/index.js";
import { Store } from "../../src/store/index.js";
import { useTcpServers, whoisResponder } from "../helpers/servers.js";
import { freePort, redisMissing, skipReason, useRedis } from "./services.js";

// End to end through two library-level workers (startWorker) on one Redis and one store: three live port-43
// servers and a registry whose port is closed (nothing listens: every connect is refused, ECONNREFUSED), its
// queries 40% of the run. The fleet's down rule (src/scale/limiter.ts, judged by src/lookup/down-rule.ts as
// bulk's): the dead registry is connected to its 3 refused connects (plus the ones already on their way when
// the third came back), its other jobs fail at once as WL_ERR_CONNECT "… is down", and every other query is
// answered. Without the rule each of its jobs connects (and, in a refusal streak, is backed off and retried).
// The answers are in the shape of the RDDS output of the ICANN 2013 RAA's Registration Data Directory
// Services specification (https://www.icann.org/resources/pages/approved-with-specs-2013-09-17-en, §1.4).
const missing = skipReason("the workers' down-server test", redisMissing);

const LIVE = ["de", "fr", "nl"] as const;
const DEAD = "se";

function answer(query: string): string {
  return [`Domain Name: ${query.toUpperCase()}`, "Registry Domain ID: 1234_DOMAIN-TEST", "Registrar: Example Registrar, Inc.", "Creation Date: 2001-02-03T04:05:06Z", "Name Server: NS1.EXAMPLE.NET", ">>> Last update of WHOIS database: 2026-01-01T00:00:00Z <<<", ""].join("\r\n");
}

async function* list(items: string[]): AsyncGenerator<string> {
  yield* items;
}

describe.skipIf(missing !== undefined)("scale-out workers: a registry refusing every connect among live ones", () => {
  const { connect } = useRedis();
  const tcp = useTcpServers();

  it("every live query answered; the dead registry's jobs fail as WL_ERR_CONNECT after at most 3 + in-flight connects, for both workers; a re-enqueue asks it again", async () => {
    const name = `down-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const [producer, a, b] = await Promise.all([connect(), connect(), connect()]);
    const ports = await Promise.all(LIVE.map(() => tcp.start(whoisResponder(answer))));
    const deadPort = await freePort();
    const deadConcurrency = 2;
    const map: Record<string, { address: string; qps: number; concurrency: number }> = {};
    LIVE.forEach((tld, i) => (map[TLD_WHOIS[tld] as string] = { address: `127.0.0.1:${ports[i] as number}`, qps: 50, concurrency: 4 }));
    const deadHost = TLD_WHOIS[DEAD] as string;
    map[deadHost] = { address: `127.0.0.1:${deadPort}`, qps: 50, concurrency: deadConcurrency };
    const live = LIVE.flatMap((tld) => Array.from({ length: 6 }, (_, i) => `live${i}.${tld}`));
    const dead = Array.from({ length: 12 }, (_, i) => `dead${i}.${DEAD}`);
    const queries = [...live, ...dead].sort((x, y) => (x.length === y.length ? x.localeCompare(y) : x.length - y.length));
    const queue = new Queue<JobData>(name, { connection: producer });
    const runId = "down";
    await enqueueQueries(list(queries), { queue, redis: producer, prefix: prefixFor(name), runId, settings: { protocol: "whois", follow: false, input: "list" } });
    const dir = mkdtempSync(join(tmpdir(), "wl-scale-down-"));
    const store = await Store.open(join(dir, "s.db"));
    const lookup = { servers: loadServerMap(map), mappedOnly: true, hopTimeoutMs: 5000, maxRetryWaitMs: 30_000 };
    const logged: { server?: string; reason?: string; refusals?: number; msg: string }[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) });
    const metrics = [new WorkerMetrics(), new WorkerMetrics()];
    const workers = await Promise.all([a, b].map((redis, i) => startWorker({ redis, store, logger, queueName: name, concurrency: 4, lookup, id: `w${i}`, metrics: metrics[i] as WorkerMetrics })));
    try {
      // Bounded by the test's own timeout: the outcome is asserted, not how long it took.
      let rows: { query: string; state: string; error: string | null }[] = [];
      for (;;) {
        rows = await store.db.selectFrom("queries").select(["query", "state", "error"]).where("run_id", "=", runId).execute();
        if (rows.length >= queries.length && rows.every((r) => r.state !== "pending")) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const state = (query: string) => rows.find((r) => r.query === query);
      for (const query of live) expect(state(query)?.state, query).toBe("done");
      for (const query of dead) expect(state(query)?.state, query).toBe("failed");
      const down = dead.filter((query) => /is down: it refused every connection/.test(state(query)?.error ?? ""));
      // Connects made to the dead port: every hop the workers settled for it (a refused connect is one hop).
      const hops = async (m: WorkerMetrics): Promise<number> => {
        const counter = (await m.registry.getMetricsAsJSON()).find((x) => x.name === "whoislens_worker_hops_total");
        return (counter?.values ?? []).filter((v) => v.labels.server === deadHost).reduce((sum, v) => sum + v.value, 0);
      };
      const connects = (await hops(metrics[0] as WorkerMetrics)) + (await hops(metrics[1] as WorkerMetrics));
      expect(connects).toBeGreaterThanOrEqual(QUEUE_DEFAULTS.downAfterRefusedConnects);
      expect(connects).toBeLessThanOrEqual(QUEUE_DEFAULTS.downAfterRefusedConnects + deadConcurrency - 1);
      expect(down.length).toBe(dead.length - connects);
      // The jobs that did connect fail with the refusal itself: WL_ERR_CONNECT too (ECONNREFUSED).
      for (const query of dead.filter((q) => !down.includes(q))) expect(state(query)?.error ?? "").toMatch(/ECONNREFUSED/);
      // One line for the fleet, as bulk prints one.
      expect(logged.filter((line) => line.reason === "down")).toEqual([expect.objectContaining({ server: deadHost, reason: "down", refusals: QUEUE_DEFAULTS.downAfterRefusedConnects, msg: expect.stringContaining("down for every worker") })]);
      const servers = await new RedisLimiter(a, prefixFor(name), "probe").servers();
      expect(servers.find((s) => s.host === deadHost)?.downMs).toBeGreaterThan(0);
      expect(servers.filter((s) => s.host !== deadHost).every((s) => s.downMs === 0 && s.throttles === 0)).toBe(true);

      // The registry comes back on its port and the run is enqueued again (its resume, as a re-run of bulk):
      // the down server is asked again at once, not after its 60 s — its next job probes it — and the failed
      // queries are answered.
      let heard = 0;
      const revived = createServer(whoisResponder((query) => ((heard += 1), answer(query))));
      await new Promise<void>((resolve) => revived.listen(deadPort, "127.0.0.1", () => resolve()));
      try {
        const resumed = await enqueueQueries(list(queries), { queue, redis: producer, prefix: prefixFor(name), runId, settings: { protocol: "whois", follow: false, input: "list" } });
        expect(resumed.rechecked).toEqual([deadHost]);
        expect(resumed.added).toBe(dead.length);
        for (;;) {
          rows = await store.db.selectFrom("queries").select(["query", "state", "error"]).where("run_id", "=", runId).execute();
          if (rows.every((r) => r.state === "done")) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(heard).toBe(dead.length);
      } finally {
        await new Promise<void>((resolve) => revived.close(() => resolve()));
      }
    } finally {
      await Promise.all(workers.map((w) => w.drain(5000)));
      await queue.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("recovery: the closed port starts listening; after the down time one lookup probes it, and the server's queries are answered again", async () => {
    const clock = new ManualClock();
    const prefix = `whoislens:down-recovery-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const port = await freePort();
    const host = TLD_WHOIS[DEAD] as string;
    const servers = loadServerMap({ [host]: { address: `127.0.0.1:${port}`, qps: 50, concurrency: 2 } });
    // Two workers' schedulers on the test clock: lookups are real (port 43 over loopback), the limiter's time is moved by the test.
    const [one, two] = await Promise.all(["a", "b"].map(async (id) => new SharedScheduler(new RedisLimiter(await connect(), prefix, id, {}, clock), { servers, clock, maxRetries: 0 })));
    let heard = 0;
    const ask = (scheduler: SharedScheduler | undefined, query: string) =>
      drive(clock, lookup(query, { servers, mappedOnly: true, protocol: "whois", followReferrals: false, hopTimeoutMs: 5000, scheduler: (scheduler as SharedScheduler).forRun("r") }).then((record) => ({ ok: record.status, code: undefined as string | undefined, message: "" }), (error: { code?: string; message: string }) => ({ ok: undefined, code: error.code, message: error.message })));
    const before = [];
    for (let i = 0; i < 5; i += 1) before.push(await ask(i % 2 === 0 ? one : two, `gone${i}.${DEAD}`));
    expect(before.map((r) => r.code)).toEqual(Array(5).fill("WL_ERR_CONNECT"));
    expect(before.slice(0, QUEUE_DEFAULTS.downAfterRefusedConnects).every((r) => /ECONNREFUSED/.test(r.message))).toBe(true);
    expect(before.slice(QUEUE_DEFAULTS.downAfterRefusedConnects).every((r) => /is down/.test(r.message))).toBe(true);
    // The port comes back up: still down until the recheck, then one lookup probes it and it is back for both workers.
    const revived = createServer(whoisResponder((query) => ((heard += 1), answer(query))));
    await new Promise<void>((resolve) => revived.listen(port, "127.0.0.1", () => resolve()));
    try {
      expect((await ask(two, `early.${DEAD}`)).code).toBe("WL_ERR_CONNECT");
      expect(heard).toBe(0);
      await clock.advance(QUEUE_DEFAULTS.downRecheckMs);
      const after = [];
      for (let i = 0; i < 4; i += 1) after.push(await ask(i % 2 === 0 ? one : two, `back${i}.${DEAD}`));
      expect(after.map((r) => r.ok)).toEqual(["registered", "registered", "registered", "registered"]);
      expect(heard).toBe(4);
    } finally {
      await new Promise<void>((resolve) => revived.close(() => resolve()));
    }
  }, 60_000);
});

