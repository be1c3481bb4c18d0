// npm run bench:footprint — footprint of the sandbox organisation (Acme Widgets) from one seed domain.
// Reports queries spent (per server), wall time, and how much of Acme's known assets were found with how
// many unrelated ones, for whoislens and, in the same script, for a naive crawler that follows every
// registration attribute the way SpiderFoot-style pivoting does (no stop-lists, no identity checks, no
// fan-out limit). The store is first filled by a bulk run over the world's zone list (not counted).
// whoislens runs twice: RDAP first (auto, the default) and port 43 only (--protocol whois), which must find the same.
import { performance } from "node:perf_hooks";
import { bulkLookup, PoliteScheduler } from "../dist/bulk/index.js";
import { footprint } from "../dist/footprint/index.js";
import { lookup } from "../dist/lookup/index.js";
import { startSandbox } from "../dist/server/index.js";
import { Bootstrap, loadServerMap } from "../dist/servers/index.js";
import { Store } from "../dist/store/index.js";
import { Resolver } from "node:dns/promises";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TRUTH = new Set(["example.com", "acme-widgets.com", "example.net", "example.org", "acme-widgets.net", "acmewidgets-store.com", "acme-widgets.example", "beispiel.de", "example.jp",
  "198.51.100.0/24", "203.0.113.0/24", "2001:db8:1234::/48", "AS64500", "AS64501", "AS65550"]);

const sandbox = await startSandbox();
const servers = loadServerMap(sandbox.serverMap);
const lookupOptions = { servers, bootstrap: Bootstrap.load(sandbox.bootstrapDir), mappedOnly: true };
const resolver = `${sandbox.dns.host}:${sandbox.dns.port}`;
const store = await Store.open(":memory:");
const pass = await store.beginRun("zone", "zone", "{}", new Date().toISOString());
const zoneList = sandbox.describe().filter((n) => n.kind === "domain" && n.expect === "registered").map((n) => n.query);
async function* zone() { yield* zoneList; }
for await (const _ of bulkLookup(zone(), { lookup: { ...lookupOptions, raw: true }, scheduler: new PoliteScheduler({ servers }), concurrency: 8, perServer: 4, lookahead: 64, store: { store, runId: "zone", pass } }));

function score(values) {
  const found = values.filter((v) => TRUTH.has(v)).length;
  return { recall: found / TRUTH.size, unrelated: values.length === 0 ? 0 : (values.length - found) / values.length, assets: values.length };
}

async function whoislens(protocol = "auto") {
  sandbox.resetCounters();
  const started = performance.now();
  const graph = await footprint(["example.com"], { lookup: { ...lookupOptions, protocol }, store, dns: { resolver }, budget: 500 });
  const ms = performance.now() - started;
  const owned = graph.nodes.filter((n) => n.owned && ["domain", "network", "asn"].includes(n.type)).map((n) => n.value);
  return { ms, queries: graph.spend.total, byServer: graph.spend.byServer, served: Object.values(sandbox.stats()).reduce((a, b) => a + b, 0), ...score(owned) };
}

/** Follows every attribute of every record to depth 3: what a crawler without judgement does. */
async function naive() {
  sandbox.resetCounters();
  let queries = 0;
  const counting = { run: (server, task) => { queries += 1; return task(); } };
  const dns = new Resolver();
  dns.setServers([resolver]);
  const seen = new Set(["example.com"]);
  const assets = new Set(["example.com"]);
  let frontier = ["example.com"];
  const started = performance.now();
  for (let depth = 0; depth < 3 && frontier.length > 0; depth += 1) {
    const next = [];
    for (const item of frontier) {
      let record;
      try { record = await lookup(item, { ...lookupOptions, scheduler: counting }); } catch { continue; }
      if (record.network?.cidrs?.[0]) assets.add(record.network.cidrs[0]);
      if (record.asn?.handle) assets.add(record.asn.handle);
      const values = [];
      for (const c of record.contacts ?? []) for (const [field, value] of [["email", c.email], ["org", c.organization], ["name", c.name], ["phone", c.phone]]) if (value) values.push([field, value]);
      for (const ns of record.nameservers ?? []) values.push(["nameserver", ns.name]);
      if (record.registrar?.name) values.push(["registrar", record.registrar.name]);
      for (const [field, value] of values) for (const match of await store.search(field, value)) if (!seen.has(match.name)) { seen.add(match.name); next.push(match.name); if (match.kind === "domain") assets.add(match.name); }
      if (record.kind === "domain") {
        queries += 1;
        const addresses = await dns.resolve4(item).catch(() => []);
        for (const a of addresses) if (!seen.has(a)) { seen.add(a); next.push(a); }
      }
    }
    frontier = next;
  }
  return { ms: performance.now() - started, queries, served: Object.values(sandbox.stats()).reduce((a, b) => a + b, 0), ...score([...assets]) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ours = [];
const port43 = [];
const theirs = [];
for (let i = 0; i < RUNS; i += 1) {
  ours.push(await whoislens());
  port43.push(await whoislens("whois"));
  theirs.push(await naive());
}
const w = port43[port43.length - 1];
const a = ours[ours.length - 1];
const b = theirs[theirs.length - 1];
const pct = (x) => `${(x * 100).toFixed(1)}%`;
console.log(`footprint of the sandbox organisation from example.com (${RUNS} runs, median wall time)`);
console.log(`  whoislens: ${a.queries} queries (${a.served} answered by the sandbox), ${median(ours.map((r) => r.ms)).toFixed(0)} ms, found ${pct(a.recall)} of Acme's ${TRUTH.size} assets, unrelated ${pct(a.unrelated)} of ${a.assets}`);
console.log(`  per server: ${Object.entries(a.byServer).map(([s, n]) => `${s} ${n}`).join(", ")}`);
console.log(`  whoislens --protocol whois: ${w.queries} queries (${w.served} answered by the sandbox), ${median(port43.map((r) => r.ms)).toFixed(0)} ms, found ${pct(w.recall)}, unrelated ${pct(w.unrelated)} of ${w.assets}`);
console.log(`  per server (port 43): ${Object.entries(w.byServer).map(([s, n]) => `${s} ${n}`).join(", ")}`);
console.log(`  naive crawler: ${b.queries} queries, ${median(theirs.map((r) => r.ms)).toFixed(0)} ms, found ${pct(b.recall)}, unrelated ${pct(b.unrelated)} of ${b.assets}`);
console.log(`  ratio: queries ${(a.queries / b.queries).toFixed(2)}×, unrelated assets ${b.unrelated === 0 ? "n/a" : (a.unrelated / b.unrelated).toFixed(2) + "×"}, recall ${(a.recall / Math.max(b.recall, 0.001)).toFixed(2)}× the naive crawler's; port 43 ${(w.queries / a.queries).toFixed(2)}× the queries of RDAP first`);
await store.close();
await sandbox.close();
