// bench:bulk, issue #13: a bulk job whose TLDs no server table knows, so every route starts with an
// IANA referral. IANA (loopback, its table pace of 5 q/s, throttling anyone faster) and ten
// registries whose limits sum to 200 q/s and are given in the --servers map, in their own process.
// Cases: discovery cold (a fresh cache: ten IANA questions), warm (learned by the previous run),
// and 30% of the queries bound for an eleventh registry that is down — refusing connections, or
// accepting them and never answering (black hole).
import { closedPort } from "./closed-port.mjs";
import { bulkLookup, PoliteScheduler } from "../../dist/bulk/index.js";
import { DiscoveryCache } from "../../dist/lookup/index.js";
import { loadServerMap } from "../../dist/servers/index.js";
import { startFleet } from "./fleet.mjs";

const QUERIES = Number(process.env.BENCH_REFERRAL_QUERIES ?? 1500);
const IANA_QPS = 5;
const LIMITS = [10, 12, 14, 16, 18, 20, 22, 24, 30, 34];
const TLDS = LIMITS.map((_, i) => `zb${String.fromCharCode(97 + i)}`);
const SUM = LIMITS.reduce((a, b) => a + b, 0);
const HOP_TIMEOUT_MS = 2000;

function shuffled(items) {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** `count` queries spread over the registries in proportion to their limits (equal work per registry). */
function healthyQueries(count, prefix) {
  return TLDS.flatMap((tld, i) => Array.from({ length: Math.round((count * LIMITS[i]) / SUM) }, (_, n) => `${prefix}${n}.${tld}`));
}

async function* list(items) {
  yield* items;
}

export async function referralCases() {
  const specs = [
    { tld: "iana", host: "whois.iana.org", qps: IANA_QPS, latencyMs: 20, kind: "iana" },
    ...TLDS.map((tld, i) => ({ tld, host: `whois.nic.${tld}`, qps: LIMITS[i], latencyMs: 5 + ((i * 11) % 36) })),
    { tld: "zbz", host: "whois.nic.zbz", qps: 1000, latencyMs: 0, kind: "blackhole" },
  ];
  const fleet = await startFleet(specs);
  const { servers, ask } = fleet;
  const refusedAddress = `127.0.0.1:${await closedPort()}`;
  const entries = Object.fromEntries(servers.map((s) => [s.host, { address: `127.0.0.1:${s.port}`, qps: s.qps, concurrency: 4 }]));
  entries["whois.nic.zby"] = { address: refusedAddress, qps: 40, concurrency: 4 };
  const map = loadServerMap(entries);

  /** One bulk run; `healthy` names the queries whose rate is measured (their last answer stops the clock). */
  async function run(queries, healthy, discovery) {
    fleet.send("reset");
    const scheduler = new PoliteScheduler({ servers: map, useProfiles: false });
    const started = performance.now();
    let answered = 0;
    let failed = 0;
    let healthyLeft = healthy.size;
    let seconds = 0;
    const iterator = bulkLookup(list(queries), {
      lookup: { protocol: "whois", followReferrals: false, servers: map, mappedOnly: true, hopTimeoutMs: HOP_TIMEOUT_MS, totalTimeoutMs: 600_000, discovery },
      scheduler,
      concurrency: 256,
      perServer: 16,
      lookahead: 4000,
    });
    for await (const result of iterator) {
      const isHealthy = healthy.has(result.query);
      if (result.error) failed += isHealthy ? 1 : 0;
      else answered += 1;
      if (isHealthy && --healthyLeft === 0) {
        seconds = (performance.now() - started) / 1000;
        break;
      }
    }
    const { counters } = await ask("stats");
    const ianaAsked = counters[0].answered + counters[0].throttled;
    const throttled = counters.reduce((sum, c) => sum + c.throttled, 0);
    return { answered, failed, seconds, healthy: healthy.size, ratio: healthy.size / seconds / SUM, ianaAsked, throttled };
  }

  const all = shuffled(healthyQueries(QUERIES, "d"));
  const cold = new DiscoveryCache();
  const rows = [["every route via IANA, discovery cold", await run(all, new Set(all), cold)]];
  rows.push(["same, discovery learned (warm)", await run(shuffled(healthyQueries(QUERIES, "w")), new Set(healthyQueries(QUERIES, "w")), cold)]);
  const healthy = healthyQueries(Math.round(QUERIES * 0.7), "m");
  rows.push(["70% of it alone (cold)", await run(shuffled([...healthy]), new Set(healthy), new DiscoveryCache())]);
  const refused = Array.from({ length: QUERIES - healthy.length }, (_, i) => `down${i}.zby`);
  rows.push(["+ 30% to a refusing registry", await run(shuffled([...healthy, ...refused]), new Set(healthy), new DiscoveryCache())]);
  const holed = Array.from({ length: QUERIES - healthy.length }, (_, i) => `hole${i}.zbz`);
  rows.push(["+ 30% to a black-holed registry", await run(shuffled([...healthy, ...holed]), new Set(healthy), new DiscoveryCache())]);

  // Ten TLDs learned one after another at IANA's pace delay the last registry's start by 9 / 5 s:
  // with equal work per registry, no scheduler can end a cold run sooner than that.
  const work = QUERIES / SUM;
  const ceiling = work / (work + (TLDS.length - 1) / IANA_QPS);
  console.log(`\nbench:bulk referral world — IANA ${IANA_QPS} q/s, ${TLDS.length} registries ${Math.min(...LIMITS)}–${Math.max(...LIMITS)} q/s (sum ${SUM} q/s, in the --servers map), ${QUERIES} queries, hop timeout ${HOP_TIMEOUT_MS} ms`);
  console.log("case                                  measured  answered  seconds  ÷ sum of limits  IANA asked  throttled");
  for (const [name, r] of rows) {
    console.log(`${name.padEnd(37)} ${String(r.healthy).padStart(8)} ${String(r.answered).padStart(9)} ${r.seconds.toFixed(2).padStart(8)} ${r.ratio.toFixed(2).padStart(16)} ${String(r.ianaAsked).padStart(11)} ${String(r.throttled).padStart(10)}`);
  }
  const alone = rows[2][1];
  console.log(`down registry vs none (rate of the same 70%): refusing ${(rows[3][1].ratio / alone.ratio).toFixed(2)}, black-holed ${(rows[4][1].ratio / alone.ratio).toFixed(2)}`);
  console.log(`cold-discovery ceiling at this size: ${ceiling.toFixed(2)} of the sum (${work.toFixed(1)} s of registry work + ${((TLDS.length - 1) / IANA_QPS).toFixed(1)} s of IANA pace)`);
  console.log("targets: warm ≥ 0.90, cold at its ceiling (≥ 0.90 of it), a down registry ≥ 0.90 of the rate without it; 0 throttled; every measured query answered");
  // Black-holed lookups still in flight end at their hop timeout; then the fleet goes.
  await new Promise((resolve) => setTimeout(resolve, HOP_TIMEOUT_MS + 500));
  fleet.send("stop");
}
