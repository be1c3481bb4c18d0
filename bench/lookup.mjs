// npm run bench:lookup — lookups per second and client CPU per lookup at the same concurrency
// (BENCH_CONCURRENCY, default 16), for whoislens (full normalized record), whoiser (query + its parser)
// and whois (raw text), against one loopback port-43 server in a child process, in BENCH_ROUNDS rounds
// (default 8) with the tools' order rotating. The figures quoted are medians of per-round ratios, with
// their spread (min–max) beside them.
//
// Round length: a round is sized so that the fastest tool's round lasts about BENCH_ROUND_SECONDS
// (default 2 s; never fewer than 8,000 lookups), from the rates seen in the warm-up; BENCH_LOOKUPS sets
// the count outright. Each round's GC pauses are recorded (PerformanceObserver "gc"): the report prints
// the longest pause beside the shortest round, so a round that one collection or one slow spell of the
// machine could decide shows as such.
import { PerformanceObserver } from "node:perf_hooks";
import { lookup } from "../dist/lookup/index.js";
import { median } from "./lib/cold-process.mjs";
import { DOMAIN, peerTasks, startAnswerServer } from "./lib/lookup-peers.mjs";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 2);
const MIN_LOOKUPS = 8_000;
const WARM_UP = 3_000;

const server = await startAnswerServer();
const { port } = server;
const serverStats = server.stats;

const tools = {
  // Each task is the tool's own promise (or callback) plus a check of its answer, no async wrapper.
  whoislens: () =>
    lookup(DOMAIN, { protocol: "whois", host: "127.0.0.1", port, allowPrivate: true, followReferrals: false }).then((record) => {
      if (record.status !== "registered" || record.dates?.created === undefined) throw new Error("whoislens: bad record");
    }),
  ...peerTasks(port),
};

// GC pauses of this process (the client), collected while a round runs.
let gcPauses = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push(entry.duration);
});
gcObserver.observe({ entryTypes: ["gc"] });

async function run(task, count) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      await task();
    }
  };
  const serverBefore = await serverStats();
  gcPauses = [];
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  // (Observer callbacks are queued: let them run before the round's pauses are read.)
  await new Promise((resolve) => setImmediate(resolve));
  const pauses = gcPauses;
  const serverAfter = await serverStats();
  const serverCpu = (serverAfter.cpu.user + serverAfter.cpu.system - serverBefore.cpu.user - serverBefore.cpu.system) / 1e6;
  return {
    perSecond: count / seconds,
    seconds,
    cpuMicrosPerLookup: (cpu.user + cpu.system) / count,
    serverBusy: serverCpu / seconds,
    gcLongestMs: pauses.length === 0 ? 0 : Math.max(...pauses),
    gcTotalMs: pauses.reduce((sum, pause) => sum + pause, 0),
  };
}

const entries = Object.entries(tools);
const warmRates = [];
for (const [, task] of entries) warmRates.push((await run(task, WARM_UP)).perSecond);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? Math.max(MIN_LOOKUPS, Math.ceil((Math.max(...warmRates) * ROUND_SECONDS) / 1000) * 1000));

const perRound = {};
for (let round = 0; round < ROUNDS; round += 1) {
  // The order rotates each round, so no tool always runs first (after the others' garbage and
  // closed connections) or last.
  for (let turn = 0; turn < entries.length; turn += 1) {
    const [name, task] = entries[(round + turn) % entries.length];
    (perRound[name] ??= []).push(await run(task, LOOKUPS));
  }
}
server.stop();
gcObserver.disconnect();

const spread = (values, digits) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
const field = (name, key) => perRound[name].map((round) => round[key]);
const allRounds = Object.values(perRound).flat();

console.log(`bench:lookup — ${LOOKUPS} lookups × ${ROUNDS} rounds (order rotating), concurrency ${CONCURRENCY}, loopback port-43 server in a child process`);
console.log(
  `rounds ${spread(allRounds.map((r) => r.seconds), 2)} s; client GC: longest pause ${Math.max(...allRounds.map((r) => r.gcLongestMs)).toFixed(1)} ms, ` +
    `at most ${(100 * Math.max(...allRounds.map((r) => r.gcTotalMs / 1000 / r.seconds))).toFixed(1)}% of a round in GC`,
);
console.log("tool        lookups/s median (min–max of rounds)   client CPU µs/lookup median (min–max)   in GC   server CPU busy");
for (const name of Object.keys(perRound)) {
  const rates = field(name, "perSecond");
  const cpu = field(name, "cpuMicrosPerLookup");
  const inGc = perRound[name].map((r) => r.gcTotalMs / 1000 / r.seconds);
  console.log(
    `${name.padEnd(10)} ${median(rates).toFixed(0).padStart(8)} (${spread(rates, 0)})`.padEnd(49) +
      `${median(cpu).toFixed(1).padStart(8)} (${spread(cpu, 1)})`.padEnd(40) +
      `${(100 * median(inGc)).toFixed(1).padStart(4)}%   ` +
      `${(100 * median(field(name, "serverBusy"))).toFixed(0).padStart(3)}%`,
  );
}
// Per round, whoislens against each peer measured in the same round; the median of those ratios is the
// figure to quote (target ≥ 1.00 against both), min and max show the spread.
for (const peer of ["whois", "whoiser"]) {
  const ratios = perRound.whoislens.map((r, round) => r.perSecond / perRound[peer][round].perSecond);
  const cpuRatios = perRound.whoislens.map((r, round) => r.cpuMicrosPerLookup / perRound[peer][round].cpuMicrosPerLookup);
  const m = median(ratios);
  console.log(
    `throughput whoislens / ${peer}: median of ${ROUNDS} per-round ratios ${m.toFixed(2)} (spread ${spread(ratios, 2)}; target ≥ 1.00) ${m >= 1 ? "ok" : "MISSED"}; ` +
      `client CPU per lookup ${median(cpuRatios).toFixed(2)}× (${spread(cpuRatios, 2)})`,
  );
}
console.log("CPU target: whoislens / whoiser ≤ 1.00 (line above); server CPU busy < 100% of one core means the server was not the bottleneck");
await import("../dist/net/index.js").then((net) => net.closeRdapAgents?.()).catch(() => {});
