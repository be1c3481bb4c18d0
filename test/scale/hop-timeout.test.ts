import { afterEach, describe, expect, it } from "vitest";
import { lookup } from "../../src/lookup/index.js";
import { queryWhois } from "../../src/net/whois-client.js";
import { RedisLimiter } from "../../src/scale/limiter.js";
import { SharedScheduler } from "../../src/scale/scheduler.js";
import { loadServerMap, TLD_WHOIS } from "../../src/servers/index.js";
import { onWhoisQuery, tcpServer, type TestServer } from "../helpers/servers.js";
import { redisMissing, skipReason, useRedisConnection } from "./services.js";

/**
 * A port-43 hop under the scale scheduler connects first and holds its query until its slot (the
 * beforeSend hold). Its time limit is for the server, so it starts counting again only when the query
 * is written: a hop held behind a slow server's slots must not time out without ever being sent.
 */

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A port-43 server that answers each query after `delayMs`. */
async function slowServer(delayMs: number): Promise<TestServer & { asked: string[] }> {
  const asked: string[] = [];
  const server = await tcpServer(
    onWhoisQuery((query, socket) => {
      asked.push(query);
      setTimeout(() => socket.end(`Domain: ${query.split(" ").pop() ?? ""}\r\nStatus: connect\r\n`), delayMs);
    }),
  );
  servers.push(server);
  return Object.assign(server, { asked });
}

describe("queryWhois: the hop's clock stops while the query is held", () => {
  it("held 700 ms, answered 200 ms after the write, with a 500 ms limit: answered, not timed out", async () => {
    const server = await slowServer(200);
    const answer = await queryWhois({ host: "127.0.0.1", port: server.port, query: "held.example", allowPrivate: true, timeoutMs: 500, beforeSend: () => new Promise((done) => setTimeout(() => done(true), 700)) });
    expect(answer.text).toContain("held.example");
  });

  it("after the write the limit still holds: a server that never answers times out ~500 ms after the write, not after the hold", async () => {
    const asked: string[] = [];
    const silent = await tcpServer(onWhoisQuery((query) => asked.push(query)));
    servers.push(silent);
    const started = performance.now();
    let written = Number.NaN;
    const failure = await queryWhois({
      host: "127.0.0.1",
      port: silent.port,
      query: "silent.example",
      allowPrivate: true,
      timeoutMs: 500,
      beforeSend: () => new Promise((done) => setTimeout(() => ((written = performance.now()), done(true)), 300)),
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "WL_ERR_TIMEOUT" });
    expect(asked).toEqual(["silent.example"]);
    const ended = performance.now();
    expect(ended - written).toBeGreaterThanOrEqual(450);
    // A generous upper bound (a loaded machine): it did time out, and not on a clock that forgot the limit.
    expect(ended - started).toBeLessThan(5000);
  });

  it("a server that drops the idle connection while the query is held: WL_ERR_CONNECT, not an empty answer", async () => {
    const dropping = await tcpServer((socket) => setTimeout(() => socket.end(), 50));
    servers.push(dropping);
    const failure = await queryWhois({ host: "127.0.0.1", port: dropping.port, query: "dropped.example", allowPrivate: true, timeoutMs: 2000, beforeSend: () => new Promise((done) => setTimeout(() => done(true), 300)) }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "WL_ERR_CONNECT" });
    expect((failure as Error).message).toMatch(/closed the connection before the query was sent/);
  });
});

const missing = skipReason("the scale hop-timeout test", redisMissing);

describe.skipIf(missing !== undefined)("SharedScheduler: hops queued behind a slow server's slots", () => {
  const redis = useRedisConnection();

  it("2 q/s, answers 300 ms after the query, a 600 ms hop limit: every queued hop is answered (none times out unsent)", async () => {
    const server = await slowServer(300);
    const host = TLD_WHOIS.de as string;
    const map = loadServerMap({ [host]: { address: `127.0.0.1:${server.port}`, qps: 2, concurrency: 8 } });
    const limiter = new RedisLimiter(redis(), `whoislens:hop-timeout-${process.pid}-${Math.random().toString(36).slice(2, 8)}`, "w");
    const scheduler = new SharedScheduler(limiter, { servers: map });
    const names = ["q1.de", "q2.de", "q3.de", "q4.de", "q5.de"];
    const settled = await Promise.allSettled(names.map((name) => lookup(name, { protocol: "whois", followReferrals: false, servers: map, scheduler, allowPrivate: true, hopTimeoutMs: 600, totalTimeoutMs: 30_000 })));
    const failures = settled.flatMap((s) => (s.status === "rejected" ? [String((s.reason as Error).message)] : []));
    expect(failures).toEqual([]);
    for (const s of settled) if (s.status === "fulfilled") expect((s.value.chain ?? []).every((hop) => hop.error === undefined), JSON.stringify(s.value.chain)).toBe(true);
    expect(server.asked).toHaveLength(names.length);
  }, 30_000);
});
