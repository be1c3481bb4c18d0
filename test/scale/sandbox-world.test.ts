import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { closeRdapAgents } from "../../src/net/index.js";
import { enqueueQueries, prefixFor, RedisLimiter, startWorker, type JobData } from "../../src/scale/index.js";
import { Bootstrap, loadServerMap } from "../../src/servers/index.js";
import { Store } from "../../src/store/index.js";
import { useSandbox } from "../helpers/built-cli.js";
import { redisMissing, skipReason, useRedis } from "./services.js";

// The second world (beside test/scale/fleet-process.mjs): the sandbox's own WHOIS and RDAP servers
// (src/server/, written apart from these tests), with registry → registrar referrals, through two
// library-level workers (startWorker) sharing one Redis and one SQLite store. Each referral hop is paced
// against its own server's shared budget: the registrars appear in the limiter beside the registries.
const missing = skipReason("the sandbox-world workers test", redisMissing);

const QUERIES = ["example.com", "acme-widgets.com", "privacy-example.com", "example.org", "example.net", "acme-widgets.net", "globex-example.com", "initech-example.com"];

async function* list(items: string[]): AsyncGenerator<string> {
  yield* items;
}

describe.skipIf(missing !== undefined)("scale-out workers against the sandbox world (RDAP and port 43, referrals)", () => {
  const { connect } = useRedis();
  const sandbox = useSandbox();
  afterAll(() => closeRdapAgents());

  it.each(["rdap", "whois"] as const)("stores each query once over %s, referral hops paced against their own servers", async (protocol) => {
    const name = `sbx-${protocol}-${process.pid}`;
    const [producer, a, b] = await Promise.all([connect(), connect(), connect()]);
    const queue = new Queue<JobData>(name, { connection: producer });
    const runId = `sandbox-${protocol}`;
    expect(await enqueueQueries(list([...QUERIES, ...QUERIES]), { queue, redis: producer, prefix: prefixFor(name), runId, settings: { protocol, follow: true, input: "list" } })).toEqual({ added: QUERIES.length, skipped: QUERIES.length, unblocked: [], rechecked: [] });
    const store = await Store.open(join(mkdtempSync(join(tmpdir(), "wl-scale-sbx-")), "s.db"));
    const lookup = { servers: loadServerMap(sandbox().serverMap), bootstrap: Bootstrap.load(sandbox().bootstrapDir), mappedOnly: true, hopTimeoutMs: 5000 };
    const logger = pino({ level: "silent" });
    const workers = await Promise.all([a, b].map((redis, i) => startWorker({ redis, store, logger, queueName: name, concurrency: 4, lookup, id: `w${i}` })));
    try {
      const deadline = Date.now() + 60_000;
      let rows: { query: string; record_id: number | null; state: string }[] = [];
      while (Date.now() < deadline) {
        rows = await store.db.selectFrom("scale_results").select(["query", "record_id", "state"]).where("run_id", "=", runId).execute();
        const failed = await store.db.selectFrom("queries").select(["query", "error"]).where("run_id", "=", runId).where("state", "!=", "done").execute();
        expect(failed).toEqual([]);
        if (rows.length >= QUERIES.length) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(rows.map((r) => r.query).sort()).toEqual([...QUERIES].sort());
      expect(rows.every((r) => r.state === "done" && r.record_id !== null)).toBe(true);
      const records = await store.db.selectFrom("records").select(["query", "name", "protocol", "raw"]).execute();
      expect(records.length).toBe(QUERIES.length);
      expect(new Set(records.map((r) => r.name?.toLowerCase()))).toEqual(new Set(QUERIES));
      expect(records.every((r) => r.protocol === protocol && (r.raw ?? "").length > 0)).toBe(true);
      // Referral hops went through the shared limiter under their own names: the registrars' servers
      // have budgets of their own beside the registries'.
      const servers = (await new RedisLimiter(a, prefixFor(name), "probe").servers()).map((s) => s.host);
      expect(servers.filter((h) => h.includes("registrar-")).length).toBeGreaterThanOrEqual(2);
      expect(servers.filter((h) => !h.includes("registrar-")).length).toBeGreaterThanOrEqual(2);
    } finally {
      await Promise.all(workers.map((w) => w.drain(5000)));
      await queue.close();
      await store.close();
    }
  }, 90_000);
});
