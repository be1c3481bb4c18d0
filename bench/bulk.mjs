// npm run bench:bulk — a bulk job across a fleet of 20 loopback WHOIS servers, each with its own rate
// limit and latency (throttling anyone faster). Prints achieved throughput ÷ the theoretical maximum
// (the sum of the limits), throttled answers and peak RSS, for limits known (given in the --servers map)
// and unknown (found by AIMD), and the same job as a plain concurrency-limited loop over whoiser.
// Then the referral world of issue #13 (bench/lib/referral-cases.mjs): every query's route starts at
// IANA (5 q/s), ten registries summing 200 q/s, with and without a registry that is down.
// BENCH_ONLY=fleet, referral or memory runs only that part.
import { createRequire } from "node:module";
import { bulkLookup, PoliteScheduler } from "../dist/bulk/index.js";
import { startFleet } from "./lib/fleet.mjs";
import { referralCases } from "./lib/referral-cases.mjs";
import { loadServerMap, TLD_WHOIS } from "../dist/servers/index.js";

const require = createRequire(import.meta.url);
const whoiser = require("whoiser");

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const tlds = ["de", "fr", "it", "nl", "be", "at", "ch", "se", "no", "fi", "pl", "cz", "pt", "es", "ie", "dk", "ro", "hu", "sk", "si"];
const specs = tlds.map((tld, i) => ({ tld, host: TLD_WHOIS[tld], qps: 5 + ((i * 7) % 40), latencyMs: 5 + ((i * 11) % 36) }));
const fleetProcess = await startFleet(specs);
const { servers, ask } = fleetProcess;
const maxRate = servers.reduce((sum, s) => sum + s.qps, 0);
const queries = servers.flatMap((s) => Array.from({ length: Math.round(s.qps * SECONDS) }, (_, i) => `bulk${i}.${s.tld}`));
queries.sort(() => Math.random() - 0.5);

function mapFor(known) {
  return loadServerMap(
    Object.fromEntries(servers.map((s) => [s.host, known ? { address: `127.0.0.1:${s.port}`, qps: s.qps, concurrency: 4 } : { address: `127.0.0.1:${s.port}` }])),
  );
}

async function* list(items) {
  yield* items;
}

async function whoislensCase(known) {
  fleetProcess.send("reset");
  const servers = mapFor(known);
  const scheduler = new PoliteScheduler({ servers, useProfiles: false, maxRetries: 8 });
  const started = performance.now();
  let answered = 0;
  let failed = 0;
  for await (const result of bulkLookup(list(queries), {
    lookup: { protocol: "whois", followReferrals: false, servers, mappedOnly: true, hopTimeoutMs: 5000, totalTimeoutMs: 600_000 },
    scheduler,
    concurrency: 256,
    perServer: 8,
    lookahead: 4000,
  })) {
    if (result.error) failed += 1;
    else answered += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const { counters } = await ask("stats");
  const throttled = counters.reduce((sum, c) => sum + c.throttled, 0);
  return { answered, failed, seconds, ratio: answered / seconds / maxRate, throttled, throttledShare: throttled / (answered + throttled) };
}

async function whoiserCase() {
  fleetProcess.send("reset");
  const byTld = new Map(servers.map((s) => [s.tld, s]));
  const started = performance.now();
  let next = 0;
  let answered = 0;
  let throttled = 0;
  const worker = async () => {
    while (next < queries.length) {
      const query = queries[next++];
      const server = byTld.get(query.split(".").pop());
      const text = await whoiser.query({ host: "127.0.0.1", port: server.port, query });
      if (/rate limit exceeded/i.test(text)) throttled += 1;
      else answered += 1;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { answered, failed: throttled, seconds, ratio: answered / seconds / maxRate, throttled, throttledShare: throttled / queries.length };
}

/**
 * Peak RSS while `count` queries stream through the runner. The stub lookups settle in microtasks, so
 * a timer-based sampler alone would never fire until the end (it reported the final RSS): the loop
 * samples every 1,000 results itself, and yields to the timers every 20,000.
 */
async function peakRssWithQueuedQueries(count) {
  const startMb = process.memoryUsage.rss() / 1024 / 1024;
  let peak = process.memoryUsage.rss();
  let samples = 0;
  const sample = () => {
    samples += 1;
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const sampler = setInterval(sample, 50);
  async function* generated() {
    for (let i = 0; i < count; i += 1) yield `queued${i}.example.de`;
  }
  const scheduler = new PoliteScheduler({ useProfiles: false });
  const started = performance.now();
  let seen = 0;
  for await (const _ of bulkLookup(generated(), {
    lookup: { protocol: "whois", host: "whois.denic.de" },
    scheduler,
    concurrency: 256,
    perServer: 256,
    lookahead: 10_000,
    lookupFn: async (query) => ({ query, kind: "domain", status: "registered", source: { protocol: "whois", server: "x" } }),
  })) {
    seen += 1;
    if (seen % 1000 === 0) sample();
    if (seen % 20_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  clearInterval(sampler);
  sample();
  return { seen, seconds: (performance.now() - started) / 1000, samples, startMb, peakMb: peak / 1024 / 1024, finalMb: process.memoryUsage.rss() / 1024 / 1024 };
}

const only = process.env.BENCH_ONLY;
if (only !== "referral" && only !== "memory") {
  console.log(`bench:bulk — ${servers.length} servers, limits ${Math.min(...servers.map((s) => s.qps))}–${Math.max(...servers.map((s) => s.qps))} q/s (sum ${maxRate} q/s), latency 5–40 ms, ${queries.length} queries`);
  const rows = [
    ["whoislens, limits known", await whoislensCase(true)],
    ["whoislens, limits unknown", await whoislensCase(false)],
    ["whoiser loop (16 parallel)", await whoiserCase()],
  ];
  console.log("case                          answered  failed   seconds  ÷ max   throttled answers");
  for (const [name, r] of rows) {
    console.log(`${name.padEnd(29)} ${String(r.answered).padStart(8)} ${String(r.failed).padStart(7)} ${r.seconds.toFixed(1).padStart(9)} ${r.ratio.toFixed(2).padStart(6)}   ${r.throttled} (${(100 * r.throttledShare).toFixed(2)}%)`);
  }
  console.log("targets: known ≥ 0.90 and 0 throttled; unknown ≥ 0.70 and ≤ 1% throttled; every query answered");
}
fleetProcess.send("stop");
if (only !== "fleet" && only !== "memory") await referralCases();
if (only === undefined || only === "memory") {
  const memory = await peakRssWithQueuedQueries(Number(process.env.BENCH_QUEUED ?? 1_000_000));
  console.log(
    `peak RSS with ${memory.seen.toLocaleString("en")} queued queries streamed through the runner in ${memory.seconds.toFixed(1)} s: ${memory.peakMb.toFixed(0)} MB (${memory.samples} samples; ${memory.startMb.toFixed(0)} MB before the run, final ${memory.finalMb.toFixed(0)} MB; target ≤ 256 MB)`,
  );
}
