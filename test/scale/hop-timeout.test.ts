import { afterEach, describe, expect, it } from "vitest";
import { lookup } from "../../src/lookup/index.js";
import { queryWhois } from "../../src/net/whois-client.js";
import { RedisLimiter } from "../../src/scale/limiter.js";
import { SharedScheduler } from "../../src/scale/scheduler.js";
import { loadServerMap, TLD_WHOIS } from "../../src/servers/index.js";
import { ManualClock } from "../helpers/manual-clock.js";
import { onWhoisQuery, tcpServer, type TestServer } from "../helpers/servers.js";
import { settledSoon } from "../helpers/settled.js";
import { waitUntil } from "../helpers/wait.js";
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

/** A hold the test releases itself: `holding` once the client asked for its slot. */
function manualHold(): { beforeSend: () => Promise<boolean>; holding: () => boolean; release: (send: boolean) => void } {
  let asked = false;
  let release: (send: boolean) => void = () => {};
  const held = new Promise<boolean>((resolve) => (release = resolve));
  return { beforeSend: () => ((asked = true), held), holding: () => asked, release: (send) => release(send) };
}

/** A port-43 server that answers the queries it holds when the test calls `answer()`. */
async function heldServer(): Promise<TestServer & { asked: string[]; answer: () => void }> {
  const asked: string[] = [];
  const waiting: (() => void)[] = [];
  const server = await tcpServer(onWhoisQuery((query, socket) => (asked.push(query), waiting.push(() => socket.end(`Domain: ${query}\r\nStatus: connect\r\n`)))));
  servers.push(server);
  return Object.assign(server, { asked, answer: () => waiting.splice(0).forEach((send) => send()) });
}

describe("queryWhois: the hop's clock stops while the query is held (on a manual clock: the hold and the server's delay are moves of it)", () => {
  it("held 700 ms, answered 200 ms after the write, with a 500 ms limit: answered, not timed out", async () => {
    const server = await heldServer();
    const clock = new ManualClock();
    const hold = manualHold();
    const answering = queryWhois({ host: "127.0.0.1", port: server.port, query: "held.example", allowPrivate: true, timeoutMs: 500, clock, beforeSend: hold.beforeSend });
    await waitUntil(hold.holding, "the query held for its slot");
    await clock.advance(700);
    expect(await settledSoon(answering)).toBe(false);
    hold.release(true);
    await waitUntil(() => server.asked.length === 1, "the query at the server");
    await clock.advance(200);
    server.answer();
    expect((await answering).text).toContain("held.example");
  });

  it("after the write the limit still holds: a server that never answers times out 500 ms after the write, not after the hold", async () => {
    const server = await heldServer();
    const clock = new ManualClock();
    const hold = manualHold();
    const failure = queryWhois({ host: "127.0.0.1", port: server.port, query: "silent.example", allowPrivate: true, timeoutMs: 500, clock, beforeSend: hold.beforeSend }).catch((error: unknown) => error);
    await waitUntil(hold.holding, "the query held for its slot");
    await clock.advance(300);
    hold.release(true);
    await waitUntil(() => server.asked.length === 1, "the query at the server");
    await clock.advance(499);
    expect(await settledSoon(failure)).toBe(false);
    await clock.advance(1);
    expect(await failure).toMatchObject({ code: "WL_ERR_TIMEOUT" });
  });

  it("a server that drops the idle connection while the query is held: WL_ERR_CONNECT, not an empty answer", async () => {
    let dropped = false;
    const dropping = await tcpServer((socket) => (socket.on("close", () => (dropped = true)), socket.end()));
    servers.push(dropping);
    const hold = manualHold();
    const failing = queryWhois({ host: "127.0.0.1", port: dropping.port, query: "dropped.example", allowPrivate: true, timeoutMs: 2000, clock: new ManualClock(), beforeSend: hold.beforeSend }).catch((error: unknown) => error);
    // Released only once the server has closed its side and the client has had turns to read the close.
    await waitUntil(() => hold.holding() && dropped, "the server to drop the held connection");
    await settledSoon(failing, 20);
    hold.release(true);
    const failure = await failing;
    expect(failure).toMatchObject({ code: "WL_ERR_CONNECT" });
    expect((failure as Error).message).toMatch(/closed the connection before the query was sent/);
  });
});

const missing = skipReason("the scale hop-timeout test", redisMissing);

describe.skipIf(missing !== undefined)("SharedScheduler: hops queued behind a slow server's slots", () => {
  const redis = useRedisConnection();

  // The last of eight hops is held ~3.5 s for its slot, past the 2 s limit; each answer takes 100 ms of it,
  // leaving 1.9 s for a loaded machine (it was 300 ms of a 600 ms limit).
  it("2 q/s, answers 100 ms after the query, a 2 s hop limit: every queued hop is answered (none times out unsent)", async () => {
    const server = await slowServer(100);
    const host = TLD_WHOIS.de as string;
    const map = loadServerMap({ [host]: { address: `127.0.0.1:${server.port}`, qps: 2, concurrency: 8 } });
    const limiter = new RedisLimiter(redis(), `whoislens:hop-timeout-${process.pid}-${Math.random().toString(36).slice(2, 8)}`, "w");
    const scheduler = new SharedScheduler(limiter, { servers: map });
    const names = ["q1.de", "q2.de", "q3.de", "q4.de", "q5.de", "q6.de", "q7.de", "q8.de"];
    const settled = await Promise.allSettled(names.map((name) => lookup(name, { protocol: "whois", followReferrals: false, servers: map, scheduler, allowPrivate: true, hopTimeoutMs: 2000, totalTimeoutMs: 30_000 })));
    const failures = settled.flatMap((s) => (s.status === "rejected" ? [String((s.reason as Error).message)] : []));
    expect(failures).toEqual([]);
    for (const s of settled) if (s.status === "fulfilled") expect((s.value.chain ?? []).every((hop) => hop.error === undefined), JSON.stringify(s.value.chain)).toBe(true);
    expect(server.asked).toHaveLength(names.length);
  }, 30_000);
});
