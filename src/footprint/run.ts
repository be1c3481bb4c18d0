import { PoliteScheduler } from "../bulk/index.js";
import { toWhoislensError, WhoislensError } from "../errors.js";
import { lookup, queryServer, type DirectAnswer, type HopScheduler, type LookupOptions } from "../lookup/index.js";
import type { WhoisRecord } from "../record/types.js";
import type { Store } from "../store/store.js";
import { fanOutSignal, whenAborted } from "../util/abort.js";
import { FOOTPRINT_DEFAULTS } from "./defaults.js";
import { CountingScheduler } from "./counting-scheduler.js";
import { DnsClient } from "./dns.js";
import { Graph } from "./graph.js";
import { Identity } from "./judge.js";
import { pivotsFor, type PivotContext } from "./pivots/index.js";
import { parseSeed } from "./seeds.js";
import { ReverseWhois, StoreReverseSource, type ReverseWhoisSource } from "./sources/index.js";
import { QueryMeter } from "./meter.js";
import type { FootprintGraph, GraphNode } from "./types.js";

export interface FootprintOptions {
  /** Pivot steps from a seed (default 3). */
  depth: number;
  /** Network queries allowed (WHOIS/RDAP hops, DNS questions, API calls; cache hits are free). Default 500. */
  budget: number;
  /** Nodes below this confidence are kept but not followed, nor counted as the organisation's (default 0.5). */
  minConfidence: number;
  /** An attribute shared by more domains than this is noted, not followed (default 200). */
  fanOut: number;
  /** Pivots running at once (each server's politeness still applies). Default 8. */
  concurrency: number;
  lookup: Partial<LookupOptions>;
  /** Paces every hop per server; a PoliteScheduler built from the --servers map when absent. */
  scheduler?: HopScheduler;
  /** Reverse index (and where looked-up records are kept for the next run). */
  store?: Store;
  /** Counts queries and enforces the budget; pass the one the API sources report to. */
  meter?: QueryMeter;
  /** Paid reverse-WHOIS APIs, asked after the store. */
  reverseSources: ReverseWhoisSource[];
  /** DNS pivots: `false` turns them off; `resolver` is `host:port`. */
  dns: false | { resolver?: string; timeoutMs?: number };
  onProgress?: (progress: { expanded: number; queued: number; nodes: number; spent: number }) => void;
  /** Cancels what is in flight (lookups are aborted) and stops the walk. */
  signal?: AbortSignal;
  /** Stops the walk (an interrupt): no new pivot starts, those running finish; the graph so far is returned, marked interrupted. */
  stop?: AbortSignal;
  now?: () => Date;
}

export { FOOTPRINT_DEFAULTS };

/** From seeds to the graph of what their registration data ties to them; best-first, within depth and budget. */
export async function footprint(seedTexts: string[], partial: Partial<FootprintOptions> = {}): Promise<FootprintGraph> {
  // Every lookup and DNS question in flight listens to the signal, every waiting hop to the stop: the
  // run's own copies take any number of listeners, and the caller's signals get one each, dropped at the end.
  const signal = fanOutSignal(partial.signal);
  const stop = fanOutSignal(partial.stop);
  try {
    return await explore(seedTexts, { ...FOOTPRINT_DEFAULTS, lookup: {}, reverseSources: [], dns: {}, ...partial, ...(signal.signal ? { signal: signal.signal } : {}), ...(stop.signal ? { stop: stop.signal } : {}) });
  } finally {
    signal.dispose();
    stop.dispose();
  }
}

async function explore(seedTexts: string[], options: FootprintOptions): Promise<FootprintGraph> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const meter = options.meter ?? new QueryMeter(options.budget);
  const spend = meter.spend;
  const count = meter.count;
  const servers = options.lookup.servers;
  const inner = options.scheduler ?? new PoliteScheduler(servers ? { servers } : {});
  // raw: the holder's handles of a port-43 answer are read from its text (see port43-holder.ts).
  const lookupOptions: Partial<LookupOptions> = { ...options.lookup, raw: true, scheduler: new CountingScheduler(inner, meter, options.stop), ...(options.signal ? { signal: options.signal } : {}) };
  const graph = new Graph();
  const identity = new Identity();
  const saved = options.store ? recordSaver(options.store, startedAt) : undefined;
  const memo = new Map<string, Promise<WhoisRecord>>();

  const ctx: PivotContext = {
    lookup: (query, via) => {
      const key = via?.rdapUrl === undefined ? query.toLowerCase() : `${query.toLowerCase()} ${via.rdapUrl}`;
      let pending = memo.get(key);
      if (!pending) {
        pending = lookup(query, via?.rdapUrl === undefined ? lookupOptions : { ...lookupOptions, rdapUrl: via.rdapUrl }).then(async (record) => {
          await saved?.(query, record);
          // A refusal (%ERROR:201, ARIN's query-limit text, HTTP 429) holds nothing: read as a record, it would pass
          // for "no holder". Thrown, the pivot's note on the node says which server refused.
          if (record.status === "throttled") throw new WhoislensError("WL_ERR_THROTTLED", `${record.source.server} refused ${query}: rate limited`);
          return record;
        });
        memo.set(key, pending);
      }
      return pending;
    },
    queryServer: (server, request): Promise<DirectAnswer> =>
      queryServer(server, request, lookupOptions).then((answer) => {
        if (answer.record.status === "throttled") throw new WhoislensError("WL_ERR_THROTTLED", `${server} refused "${request}": rate limited`);
        return answer;
      }),
    protocol: options.lookup.protocol ?? "auto",
    ...(options.dns === false ? {} : { dns: new DnsClient({ ...options.dns, onQuery: (server) => count(server), ...(options.signal ? { signal: options.signal } : {}) }) }),
    reverse: new ReverseWhois([...(options.store ? [new StoreReverseSource(options.store)] : []), ...options.reverseSources]),
    identity,
    graph,
    fanOut: options.fanOut,
    rejudge: (node, confidence, note) => graph.rejudge(node, confidence, note),
  };

  const seeds = seedTexts.map((text) => {
    const seed = parseSeed(text);
    const node = graph.addSeed(seed.type, seed.value);
    if (seed.type === "organization") identity.addOrganization(seed.value);
    if (seed.type === "email") identity.addEmail(seed.value);
    return node;
  });

  const followable = (node: GraphNode): boolean =>
    !node.expanded && node.depth < options.depth && node.confidence >= options.minConfidence && node.attributes.shared !== "yes" && pivotsFor(node.type).length > 0;
  const ready = new Set<GraphNode>(seeds);
  const running = new Set<Promise<void>>();
  let expanded = 0;
  const signal = options.signal;
  // With `stop` (the CLI's interrupt), a cancel also ends the wait for pivots that do not heed it.
  const cancelled = signal && options.stop ? whenAborted(signal) : undefined;
  const stopped = (): boolean => options.signal?.aborted === true || options.stop?.aborted === true;

  const expand = async (node: GraphNode): Promise<void> => {
    node.expanded = true;
    for (const pivot of pivotsFor(node.type)) {
      if (stopped()) return;
      if (meter.exhausted) {
        spend.skipped += 1;
        if (!node.notes.includes("query budget spent: not followed further")) node.notes.push("query budget spent: not followed further");
        continue;
      }
      // A node rejected by its own record (another registrant, a hosting provider) stops here.
      if (node.confidence < options.minConfidence || node.attributes.shared === "yes") break;
      try {
        for (const found of await pivot.run(node, ctx)) {
          const { node: target, improved } = graph.link(node, found, pivot.name);
          if (improved && followable(target)) ready.add(target);
        }
      } catch (error) {
        const failure = toWhoislensError(error);
        // Ended by the interrupt (a hop's wait for its turn, or a query cut after the grace): not the pivot failing.
        if (stopped() && failure.code === "WL_ERR_ABORTED") return;
        node.notes.push(`${pivot.name}: ${failure.code}: ${failure.message}`);
      }
    }
    expanded += 1;
    options.onProgress?.({ expanded, queued: ready.size, nodes: graph.size, spent: spend.total });
  };

  while (ready.size > 0 || running.size > 0) {
    while (ready.size > 0 && running.size < options.concurrency && !stopped()) {
      const next = best(ready);
      ready.delete(next);
      if (!followable(next) && !next.seed) continue;
      const task: Promise<void> = expand(next).finally(() => running.delete(task));
      running.add(task);
    }
    if (running.size === 0) break;
    await Promise.race(cancelled ? [...running, cancelled] : running);
    // Interrupted and past its grace: pivots that do not heed the signal (a backoff wait) are left behind.
    if (options.stop?.aborted && options.signal?.aborted) break;
  }

  judgeOwnership(graph, options.minConfidence);
  return {
    seeds: seeds.map((node) => node.id),
    nodes: graph.allNodes(),
    edges: graph.allEdges(),
    spend,
    startedAt,
    finishedAt: now().toISOString(),
    settings: { depth: options.depth, budget: options.budget, minConfidence: options.minConfidence, fanOut: options.fanOut },
    ...(options.stop?.aborted ? { interrupted: true as const } : {}),
  };
}

/** Types that are providers' infrastructure unless shown otherwise. */
const INFRASTRUCTURE = new Set(["nameserver", "mailserver"]);

/**
 * A node is the organisation's when it is tied strongly enough and not shared.
 * Name and mail servers must also have been checked (their reverse pivot ran
 * and found no other owners) or sit under one of the organisation's domains.
 */
function judgeOwnership(graph: Graph, minConfidence: number): void {
  const nodes = graph.allNodes();
  for (const node of nodes) node.owned = node.confidence >= minConfidence && node.attributes.shared !== "yes" && node.type !== "registrar";
  const ownedDomains = new Set(nodes.filter((n) => n.type === "domain" && n.owned).map((n) => n.value));
  for (const node of nodes) {
    if (!INFRASTRUCTURE.has(node.type) || !node.owned || node.expanded) continue;
    const labels = node.value.split(".");
    node.owned = labels.some((_, i) => i > 0 && ownedDomains.has(labels.slice(i).join(".")));
    if (!node.owned) node.notes.push("not checked for other users (depth or budget): listed as a provider, not an asset");
  }
}

/** Highest confidence first, then nearest the seed. */
function best(nodes: Set<GraphNode>): GraphNode {
  let winner: GraphNode | undefined;
  for (const node of nodes) {
    if (!winner || node.confidence > winner.confidence || (node.confidence === winner.confidence && node.depth < winner.depth)) winner = node;
  }
  return winner as GraphNode;
}

/** Keeps every record a footprint fetched in the store, so its reverse index grows run by run. */
function recordSaver(store: Store, startedAt: string): (query: string, record: WhoisRecord) => Promise<void> {
  const runId = `footprint-${startedAt}`;
  let begun: Promise<number> | undefined;
  return async (query, record) => {
    if (record.status !== "registered") return;
    const pass = await (begun ??= store.beginRun(runId, "footprint", "{}", startedAt));
    if ((await store.claim(runId, query, pass, startedAt)) === "skip") return;
    await store.saveRecord(runId, query, record, record.raw, record.source.fetchedAt ?? startedAt);
  };
}
