import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { bulkLookup, PoliteScheduler } from "../../src/bulk/index.js";
import { loadServerMap } from "../../src/servers/index.js";
import { fanOutSignal } from "../../src/util/abort.js";
import { tcpServer, whoisResponder, type TestServer } from "../helpers/servers.js";

/**
 * A run of more than 10 lookups at once has more than 10 listeners on its stop and cancel signals (each
 * connection and each wait for a server's turn listens): Node printed "MaxListenersExceededWarning:
 * Possible EventTarget memory leak detected. 11 abort listeners" on every such bulk, footprint or audit
 * run. The run listens through its own copies; the caller's signals get one listener each, dropped at the end.
 */

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** The process warnings emitted while `work` runs. */
async function warningsDuring(work: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (warning: Error): void => void seen.push(`${warning.name}: ${warning.message}`);
  process.on("warning", listener);
  try {
    await work();
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", listener);
  }
  return seen;
}

describe("signals shared by a run's lookups", () => {
  it("a bulk run of 24 lookups at once: no listener warning, nothing left on the caller's signals", async () => {
    // A server that answers after 100 ms, so all 24 exchanges are open (and listening) at once.
    const responder = whoisResponder((query) => `Domain Name: ${query.toUpperCase()}\r\nRegistrar: Example Registrar\r\nCreation Date: 2001-02-03T00:00:00Z\r\n`);
    const whois = await tcpServer((socket) => setTimeout(() => responder(socket), 100));
    servers.push(whois);
    const stop = new AbortController();
    const cancel = new AbortController();
    const names = Array.from({ length: 24 }, (_, i) => `name${i}.com`);
    const answered: string[] = [];
    let mostOnCaller = 0;
    const warnings = await warningsDuring(async () => {
      for await (const result of bulkLookup((async function* () {
        yield* names;
      })(), {
        lookup: { protocol: "whois", host: "127.0.0.1", port: whois.port, followReferrals: false, signal: cancel.signal, allowPrivate: true },
        scheduler: new PoliteScheduler({ useProfiles: false, servers: loadServerMap({ "127.0.0.1": { address: `127.0.0.1:${whois.port}`, qps: 1000, concurrency: 24 } }) }),
        concurrency: 24,
        perServer: 24,
        lookahead: 48,
        stop: stop.signal,
      })) {
        answered.push(result.query);
        mostOnCaller = Math.max(mostOnCaller, getEventListeners(stop.signal, "abort").length, getEventListeners(cancel.signal, "abort").length);
      }
    });
    expect(answered.sort()).toEqual([...names].sort());
    expect(warnings.filter((w) => w.startsWith("MaxListenersExceededWarning"))).toEqual([]);
    expect(mostOnCaller).toBeLessThanOrEqual(1);
    expect(getEventListeners(stop.signal, "abort")).toHaveLength(0);
    expect(getEventListeners(cancel.signal, "abort")).toHaveLength(0);
  });

  it("fanOutSignal: aborts with its source and its reason, takes many listeners, and lets go of the source", async () => {
    const source = new AbortController();
    const copy = fanOutSignal(source.signal);
    const heard: unknown[] = [];
    const warnings = await warningsDuring(async () => {
      for (let i = 0; i < 50; i += 1) copy.signal?.addEventListener("abort", () => heard.push(copy.signal?.reason));
    });
    expect(warnings).toEqual([]);
    expect(getEventListeners(source.signal, "abort")).toHaveLength(1);
    source.abort(new Error("stop now"));
    expect(heard).toHaveLength(50);
    expect((heard[0] as Error).message).toBe("stop now");
    copy.dispose();
    const other = new AbortController();
    fanOutSignal(other.signal).dispose();
    expect(getEventListeners(other.signal, "abort")).toHaveLength(0);
    const already = fanOutSignal(AbortSignal.abort("gone"));
    expect(already.signal?.aborted).toBe(true);
    expect(fanOutSignal(undefined).signal).toBeUndefined();
  });
});
