import { describe, expect, it } from "vitest";
import { bulkLookup, PoliteScheduler, type BulkResult } from "../../src/bulk/index.js";
import { WhoislensError, type ErrorCode } from "../../src/errors.js";
import { DiscoveryCache, discoveryScope, type HopOutcome, type HopScheduler } from "../../src/lookup/index.js";
import type { WhoisRecord } from "../../src/record/types.js";
import { loadServerMap } from "../../src/servers/index.js";
import { drive, ManualClock } from "../helpers/manual-clock.js";

/**
 * The bulk runner's pace judged on simulated time (a ManualClock drives the scheduler and every simulated
 * server), so what the wall-clock tests in second-world and discovery-bulk used to assert as rates holds on
 * a loaded machine: each healthy server gets its limit's worth of queries in every simulated second, never
 * more; a down, black-holed or refusing registry and a slow shared IANA hop set nobody else's pace.
 * The figures themselves (answers per second against the limits) stay in `npm run bench:bulk`.
 */
const IANA = "whois.iana.org";
const HOP_TIMEOUT_MS = 1000;

type Behaviour =
  | { kind: "answers"; answerMs: number }
  /** Nothing listens: each attempt fails at once with a connection error, and the server sees nothing. */
  | { kind: "refuses-connections" }
  /** Accepts and never answers: the hop's timeout ends each attempt. */
  | { kind: "black-hole" }
  /** Answers every query with a refusal asking for `retryAfterMs` (a throttling registry). */
  | { kind: "throttles"; retryAfterMs: number };

interface SimServer {
  host: string;
  qps: number;
  concurrency: number;
  behaviour: Behaviour;
  /** Simulated time of every query that reached it. */
  arrivals: number[];
  inFlight: number;
  maxInFlight: number;
}

type Answer = { ok: true } | { ok: false; code: ErrorCode } | { ok: false; retryAfterMs: number };

function world(specs: Omit<SimServer, "arrivals" | "inFlight" | "maxInFlight">[]) {
  const clock = new ManualClock();
  const servers = new Map(specs.map((spec) => [spec.host, { ...spec, arrivals: [] as number[], inFlight: 0, maxInFlight: 0 }]));
  const map = loadServerMap(Object.fromEntries(specs.map((s) => [s.host, { address: "127.0.0.1:1", qps: s.qps, concurrency: s.concurrency }])));
  const scheduler = new PoliteScheduler({ servers: map, useProfiles: false, clock, maxRetryWaitMs: 60_000 });
  const discovery = new DiscoveryCache();
  const scope = discoveryScope(map);

  /** One attempt at a simulated server, answered on the clock. */
  const ask = (host: string): Promise<Answer> => {
    const server = servers.get(host);
    if (!server) throw new Error(`no simulated server ${host}`);
    const behaviour = server.behaviour;
    if (behaviour.kind === "refuses-connections") return Promise.resolve({ ok: false, code: "WL_ERR_CONNECT" });
    server.arrivals.push(clock.now());
    server.inFlight += 1;
    server.maxInFlight = Math.max(server.maxInFlight, server.inFlight);
    const [afterMs, answer]: [number, Answer] =
      behaviour.kind === "answers" ? [behaviour.answerMs, { ok: true }] : behaviour.kind === "black-hole" ? [HOP_TIMEOUT_MS, { ok: false, code: "WL_ERR_TIMEOUT" }] : [20, { ok: false, retryAfterMs: behaviour.retryAfterMs }];
    return new Promise((resolve) =>
      clock.setTimer(() => {
        server.inFlight -= 1;
        resolve(answer);
      }, afterMs),
    );
  };
  /** What the engine passes too: the scheduler answers "throttled" itself for a server paused past the cap. */
  const notAsked = (retryAfterMs: number): Answer => ({ ok: false, retryAfterMs });
  const judge = (answer: Answer): HopOutcome => (answer.ok ? { kind: "ok" } : "code" in answer ? { kind: "error", code: answer.code } : { kind: "throttled", retryAfterMs: answer.retryAfterMs });

  /** A lookup as the engine makes it: IANA first while the TLD's server is unknown (then learned), then the registry. */
  const lookupFn = async (query: string, options: { scheduler?: HopScheduler }): Promise<WhoisRecord> => {
    const hops = options.scheduler as HopScheduler;
    const tld = query.split(".").pop() ?? "";
    let registry = discovery.tld(scope, tld)?.host;
    if (registry === undefined) {
      const referral = await hops.run(IANA, () => ask(IANA), judge, notAsked);
      if (!referral.ok) throw new WhoislensError("code" in referral ? referral.code : "WL_ERR_THROTTLED", `IANA failed for ${query}`);
      registry = `whois.nic.${tld}`;
      discovery.learnTld(scope, tld, { host: registry, from: IANA });
    }
    const answer = await hops.run(registry, () => ask(registry), judge, notAsked);
    if (!answer.ok) throw new WhoislensError("code" in answer ? answer.code : "WL_ERR_THROTTLED", `${registry} did not answer ${query}`);
    return { query, kind: "domain", status: "registered", source: { protocol: "whois", server: registry, fetchedAt: "2026-12-07T00:00:00Z" }, domain: { name: query } };
  };

  const run = async (names: string[]): Promise<Map<string, BulkResult>> => {
    async function* input(): AsyncGenerator<string> {
      yield* names;
    }
    const results = new Map<string, BulkResult>();
    const work = (async () => {
      for await (const result of bulkLookup(input(), { lookup: { protocol: "whois", servers: map, discovery }, scheduler, concurrency: 64, perServer: 8, lookahead: 1000, lookupFn })) {
        results.set(result.query, result);
      }
    })();
    // Nothing here is on the wire: the clock jumps to each timer, the event loop settling in between.
    await drive(clock, work, 10 * 60_000);
    return results;
  };
  return { clock, servers, scheduler, discovery, scope, run };
}

/** The scheduler paces a known limit at this share of it (QUEUE_DEFAULTS.knownLimitShare: headroom for clock skew). */
const SHARE = new PoliteScheduler().tuningInUse.knownLimitShare;
/** Every whole second at a server's limit holds this many of its queries, or one more: never fewer, never over the limit. */
/** From the first to the last of `count` queries sent at the paced share of `qps`, in ms. */
const paceSpan = (count: number, qps: number): number => ((count - 1) * 1000) / (qps * SHARE);
const atFullPace = (counts: number[], qps: number): boolean => counts.length > 0 && counts.every((n) => n >= Math.floor(qps * SHARE) && n <= qps);

/**
 * Queries a server got in each whole simulated second from its first query on (the last, partial second
 * left out): a server kept busy at its limit gets `qps` in each one.
 */
function perSecond(server: SimServer): number[] {
  const first = server.arrivals[0] ?? 0;
  const last = server.arrivals.at(-1) ?? 0;
  const seconds = Math.floor((last - first) / 1000);
  return Array.from({ length: seconds }, (_, k) => server.arrivals.filter((at) => at >= first + k * 1000 && at < first + (k + 1) * 1000).length);
}

/** The most queries in any 1000 ms window starting at one of its queries: never over its limit. */
function busiestSecond(server: SimServer): number {
  return Math.max(0, ...server.arrivals.map((from) => server.arrivals.filter((at) => at >= from && at < from + 1000).length));
}

const interleave = (groups: string[][]): string[] => {
  const out: string[] = [];
  for (let i = 0; i < Math.max(...groups.map((g) => g.length)); i += 1) for (const group of groups) if (group[i] !== undefined) out.push(group[i] as string);
  return out;
};
const names = (tld: string, count: number, prefix = "d"): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}.${tld}`);

describe("bulk's pace on the scheduler's clock (no wall-clock rates)", () => {
  it("a down, a black-holed and a throttling registry do not slow the rest: each healthy server gets its limit every simulated second, every query ends", async () => {
    const w = world([
      { host: "whois.nic.fasta", qps: 10, concurrency: 4, behaviour: { kind: "answers", answerMs: 50 } },
      { host: "whois.nic.fastb", qps: 10, concurrency: 4, behaviour: { kind: "answers", answerMs: 150 } },
      { host: "whois.nic.down", qps: 10, concurrency: 4, behaviour: { kind: "refuses-connections" } },
      { host: "whois.nic.hole", qps: 10, concurrency: 4, behaviour: { kind: "black-hole" } },
      { host: "whois.nic.busy", qps: 10, concurrency: 2, behaviour: { kind: "throttles", retryAfterMs: 2000 } },
      { host: IANA, qps: 1, concurrency: 1, behaviour: { kind: "answers", answerMs: 100 } },
    ]);
    // The routes are known (learned on an earlier run): this case is about the registries alone.
    for (const tld of ["fasta", "fastb", "down", "hole", "busy"]) w.discovery.learnTld(w.scope, tld, { host: `whois.nic.${tld}`, from: IANA });
    const fast = [...names("fasta", 60), ...names("fastb", 60)];
    const input = interleave([names("fasta", 60), names("down", 20), names("fastb", 60), names("hole", 8), names("busy", 6)]);
    const results = await w.run(input);

    // Nothing lost: every query ends, answered or failed with the reason its server gave.
    expect([...results.keys()].sort()).toEqual([...input].sort());
    expect(fast.filter((q) => results.get(q)?.record?.status !== "registered")).toEqual([]);
    expect(new Set(names("down", 20).map((q) => results.get(q)?.error?.code))).toEqual(new Set(["WL_ERR_CONNECT"]));
    expect(new Set(names("hole", 8).map((q) => results.get(q)?.error?.code))).toEqual(new Set(["WL_ERR_TIMEOUT"]));
    expect(new Set(names("busy", 6).map((q) => results.get(q)?.error?.code))).toEqual(new Set(["WL_ERR_THROTTLED"]));

    // The healthy ones keep their full pace meanwhile, and never go past their limits.
    for (const host of ["whois.nic.fasta", "whois.nic.fastb"]) {
      const server = w.servers.get(host) as SimServer;
      expect(server.arrivals, host).toHaveLength(60);
      expect(server.arrivals[0], `${host} asked from the start`).toBe(0);
      expect(atFullPace(perSecond(server), 10), `${host}: ${perSecond(server).join(",")} a second`).toBe(true);
      // Its last query leaves when its pace says so: 60 queries at 9.7 a second, less than one slot lost over the run.
      expect(server.arrivals.at(-1)).toBeLessThan(paceSpan(60, 10) + 1000 / 10);
      expect(busiestSecond(server), host).toBeLessThanOrEqual(10);
      expect(server.maxInFlight, host).toBeLessThanOrEqual(4);
    }
    const stats = Object.fromEntries(w.scheduler.stats().map((s) => [s.host, s]));
    expect(stats["whois.nic.fasta"]).toMatchObject({ answered: 60, throttles: 0 });
    expect(stats["whois.nic.fastb"]).toMatchObject({ answered: 60, throttles: 0 });
    expect(stats["whois.nic.busy"]?.throttles).toBeGreaterThan(0);
    // The refusing registry was waited out, not hammered: no second query inside its Retry-After.
    const busy = w.servers.get("whois.nic.busy") as SimServer;
    expect(busiestSecond(busy)).toBeLessThanOrEqual(2);
  });

  it("a shared IANA hop never sets the pace: while the referral hop waits, queries whose route is known keep every other server busy", async () => {
    const tlds = ["zqa", "zqb", "zqc", "zqd"];
    const w = world([
      // IANA: one query a second, one at a time, slow to answer — 200 domains through it would take minutes.
      { host: IANA, qps: 1, concurrency: 1, behaviour: { kind: "answers", answerMs: 400 } },
      ...tlds.map((tld) => ({ host: `whois.nic.${tld}`, qps: 10, concurrency: 4, behaviour: { kind: "answers" as const, answerMs: 80 } })),
      { host: "whois.nic.known", qps: 10, concurrency: 4, behaviour: { kind: "answers", answerMs: 80 } },
    ]);
    w.discovery.learnTld(w.scope, "known", { host: "whois.nic.known", from: IANA });
    const input = interleave([...tlds.map((tld) => names(tld, 50)), names("known", 50)]);
    const results = await w.run(input);

    expect([...results.values()].filter((r) => r.record?.status !== "registered").map((r) => r.query)).toEqual([]);
    expect(results.size).toBe(250);
    // IANA asked once per TLD, at its own pace: the other queries of a TLD were held, not sent to IANA too.
    const iana = w.servers.get(IANA) as SimServer;
    const ianaGap = 1000 / (1 * SHARE);
    expect(iana.arrivals).toEqual([0, 1, 2, 3].map((k) => k * ianaGap));
    // The known route's queries did not wait behind the referral hops: asked from 0, at its full pace throughout.
    const known = w.servers.get("whois.nic.known") as SimServer;
    expect(known.arrivals[0]).toBe(0);
    expect(atFullPace(perSecond(known), 10), perSecond(known).join(",")).toBe(true);
    expect(known.arrivals.at(-1)).toBeLessThan(paceSpan(50, 10) + 1000 / 10);
    // Each registry is asked as soon as IANA has named it, then kept at its full pace: its queries do not wait
    // on the IANA hops still to come (those end at 3.4 s; a registry paced by IANA would get one a second).
    tlds.forEach((tld, i) => {
      const registry = w.servers.get(`whois.nic.${tld}`) as SimServer;
      expect(registry.arrivals, tld).toHaveLength(50);
      expect(registry.arrivals[0], `${tld} asked once IANA answered`).toBeCloseTo(i * ianaGap + 400, 6);
      expect(atFullPace(perSecond(registry), 10), `${tld}: ${perSecond(registry).join(",")} a second`).toBe(true);
      expect((registry.arrivals.at(-1) ?? 0) - (registry.arrivals[0] ?? 0)).toBeLessThan(paceSpan(50, 10) + 1000 / 10);
      expect(busiestSecond(registry), tld).toBeLessThanOrEqual(10);
    });
    for (const s of w.scheduler.stats()) expect(s.throttles, s.host).toBe(0);
  });
});
