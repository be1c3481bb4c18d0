import { afterEach, describe, expect, it } from "vitest";
import { PoliteScheduler } from "../../src/bulk/index.js";
import { footprint, QueryMeter } from "../../src/footprint/index.js";
import { loadServerMap } from "../../src/servers/index.js";
import { ManualClock } from "../helpers/manual-clock.js";
import { onWhoisQuery, tcpServer, type TestServer } from "../helpers/servers.js";
import { settledSoon } from "../helpers/settled.js";
import { waitUntil } from "../helpers/wait.js";

/**
 * An interrupted footprint (its `stop`) ends at once the hops still waiting for their server's turn
 * (they were never sent; only sent queries get the grace), and the budget gets them back: the spend it
 * reports is what the servers were really asked.
 */

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe("footprint stopped while hops wait for their server's pace", () => {
  it("ends without waiting for the pace, and counts only the queries that were sent", async () => {
    const asked: string[] = [];
    const registry = await tcpServer(onWhoisQuery((query, socket) => (asked.push(query), socket.end(`Domain Name: ${query.toUpperCase()}\r\nRegistrar: Example Registrar\r\n`))));
    servers.push(registry);
    // One query per 20 s at .com's registry: the second seed's lookup waits for its turn, unsent.
    const map = loadServerMap({ "whois.verisign-grs.com": { address: `127.0.0.1:${registry.port}`, qps: 0.05, concurrency: 1 } });
    const stop = new AbortController();
    const meter = new QueryMeter(50);
    // The pace is kept on a clock the test never moves: the second seed's turn never comes, only the stop can end its wait.
    const clock = new ManualClock();
    const run = footprint(["first-seed.com", "second-seed.com"], {
      lookup: { protocol: "whois", servers: map, mappedOnly: true, followReferrals: false, allowPrivate: true },
      scheduler: new PoliteScheduler({ servers: map, useProfiles: false, clock }),
      meter,
      dns: false,
      stop: stop.signal,
    });
    await waitUntil(() => asked.length === 1, "the first query at the registry", 10_000);
    // Both seeds' lookups were counted when they asked for their turn; only one was sent.
    await waitUntil(() => meter.spend.total === 2, "the second lookup waiting for its turn", 10_000);
    stop.abort();
    expect(await settledSoon(run, 200)).toBe(true);
    const graph = await run;
    expect(clock.now()).toBe(0);
    expect(graph.interrupted).toBe(true);
    expect(asked).toHaveLength(1);
    expect(graph.spend.total).toBe(asked.length);
    expect(graph.spend.byServer).toEqual({ "whois.verisign-grs.com": 1 });
    // The interrupt is not written up as a failed pivot.
    expect(graph.nodes.flatMap((node) => node.notes).filter((note) => note.includes("WL_ERR_ABORTED"))).toEqual([]);
  }, 30_000);
});

describe("QueryMeter.refund", () => {
  it("gives back one unsent query, never below zero, own keys only", () => {
    const meter = new QueryMeter(3);
    meter.count("__proto__");
    meter.count("whois.x.test");
    meter.count("whois.x.test");
    expect(meter.exhausted).toBe(true);
    meter.refund("whois.x.test");
    meter.refund("__proto__");
    meter.refund("never-counted.test");
    expect(meter.spend).toMatchObject({ total: 1, byServer: { "whois.x.test": 1 } });
    expect(Object.keys(meter.spend.byServer)).toEqual(["whois.x.test"]);
    expect(meter.exhausted).toBe(false);
  });
});
