// npm run bench:serve — `whoislens serve` (port 43 and RDAP, accounting and the query log on) against a
// bare node:net server answering a fixed text and a bare node:http server answering a fixed JSON, in the
// same run, driven by a separate load process (bench/lib/serve-load.mjs) on loopback.
// For each server: the peak (closed loop, BENCH_CONCURRENCY clients, BENCH_SECONDS s), then the latency
// at half of that server's peak (open loop at a fixed rate). BENCH_ROUNDS rounds, interleaved; medians,
// and for the ratio the median of per-round ratios (serve and its bare peer run back to back).
// The bare servers answer the very bytes `serve` answers, so only the serving differs.
// Targets (issue #15): throughput ≥ 0.7× the bare server's; p99 < 20 ms at half the measured peak.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startServe, validateDataset } from "../dist/serve/index.js";

const run = promisify(execFile);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DOMAIN = "bench-widgets.example";

const dataset = validateDataset({
  service: "bench registry",
  contacts: [{ handle: "BENCH-1", name: "Bench Person", email: "bench@widgets.example", phone: "+1.5555550100", street: ["1 Bench Way"], city: "Springfield", countryCode: "US" }],
  domains: [{ name: DOMAIN, registrar: { name: "Bench Registrar", ianaId: "9999" }, created: "2020-01-01T00:00:00Z", expires: "2030-01-01T00:00:00Z", nameservers: ["ns1.widgets.example"], registrant: "BENCH-1", admin: "BENCH-1", tech: "BENCH-1" }],
});

const work = mkdtempSync(join(tmpdir(), "wl-bench-serve-"));
// Accounting on, with the limits raised for the bench source (127.0.0.1): every query is still counted.
const serve = await startServe({
  dataset,
  host: "127.0.0.1",
  whoisPort: 0,
  rdapPort: 0,
  queryLog: join(work, "queries.ndjson"),
  limits: { personalPerDay: 0, queriesPerWindow: 0, queriesPerDay: 0, maxConnections: 100_000 },
  whoisLimits: { maxConnections: 100_000 },
  rdapLimits: { maxConnections: 100_000 },
});

// The bytes serve answers, for the bare servers to answer.
const whoisText = await new Promise((resolve, reject) => {
  const chunks = [];
  const socket = net.connect({ host: "127.0.0.1", port: serve.whois.port }, () => socket.write(`${DOMAIN}\r\n`));
  socket.on("data", (c) => chunks.push(c));
  socket.on("close", () => resolve(Buffer.concat(chunks)));
  socket.on("error", reject);
});
const rdapJson = Buffer.from(await (await fetch(`${serve.rdap.base}domain/${DOMAIN}`)).arrayBuffer());

const bareNet = net.createServer((socket) => {
  socket.on("error", () => undefined);
  socket.once("data", () => socket.end(whoisText));
});
const bareHttp = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/rdap+json", "content-length": rdapJson.length });
  res.end(rdapJson);
});
bareHttp.keepAliveTimeout = 5000;
await Promise.all([new Promise((r) => bareNet.listen(0, "127.0.0.1", r)), new Promise((r) => bareHttp.listen(0, "127.0.0.1", r))]);

const TARGETS = [
  { name: "serve port 43", peer: "bare net", kind: "whois", port: serve.whois.port, query: DOMAIN },
  { name: "bare net", kind: "whois", port: bareNet.address().port, query: DOMAIN },
  { name: "serve RDAP", peer: "bare http", kind: "http", port: serve.rdap.port, query: `/domain/${DOMAIN}` },
  { name: "bare http", kind: "http", port: bareHttp.address().port, query: `/domain/${DOMAIN}` },
];

// Server CPU per query (this process holds only the servers; the load runs elsewhere): a figure a busy
// shared machine disturbs much less than throughput.
async function load(target, mode, rate) {
  const spec = { kind: target.kind, port: target.port, query: target.query, mode, concurrency: CONCURRENCY, seconds: SECONDS, rate };
  const cpu = process.cpuUsage();
  const { stdout } = await run(process.execPath, [new URL("./lib/serve-load.mjs", import.meta.url).pathname, JSON.stringify(spec)], { maxBuffer: 1 << 20 });
  const used = process.cpuUsage(cpu);
  const result = JSON.parse(stdout);
  return { ...result, cpuMicros: (used.user + used.system) / Math.max(1, result.count) };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const results = Object.fromEntries(TARGETS.map((t) => [t.name, { peak: [], p50: [], p99: [], halfP50: [], halfP99: [], cpu: [], errors: 0 }]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const target of TARGETS) {
    const peak = await load(target, "closed");
    const half = await load(target, "open", Math.max(1, Math.floor(peak.perSecond / 2)));
    const r = results[target.name];
    r.peak.push(peak.perSecond);
    r.cpu.push(peak.cpuMicros);
    r.p50.push(peak.p50);
    r.p99.push(peak.p99);
    r.halfP50.push(half.p50);
    r.halfP99.push(half.p99);
    r.errors += peak.errors + half.errors;
  }
}

await serve.close();
await new Promise((r) => bareNet.close(r));
await new Promise((r) => bareHttp.close(r));
rmSync(work, { recursive: true, force: true });

const fmt = (n, d = 1) => n.toFixed(d);
console.log(`bench:serve — ${CONCURRENCY} clients, ${SECONDS} s per run, ${ROUNDS} rounds (medians); load from a separate process`);
console.log("server            peak q/s   p50 ms  p99 ms | at half peak: p50 ms  p99 ms | CPU µs/q | errors | vs bare (peak q/s; CPU/q)");
for (const target of TARGETS) {
  const r = results[target.name];
  // The median of per-round ratios: a round's two runs are seconds apart, so a slow spell of a shared machine hits both.
  const peer = target.peer ? results[target.peer] : undefined;
  const ratio = peer ? `${fmt(median(r.peak.map((q, i) => q / peer.peak[i])), 2)}× (rounds ${r.peak.map((q, i) => fmt(q / peer.peak[i], 2)).join(" ")}); CPU ${fmt(median(r.cpu.map((c, i) => c / peer.cpu[i])), 2)}×` : "";
  console.log(`${target.name.padEnd(16)} ${fmt(median(r.peak), 0).padStart(9)} ${fmt(median(r.p50), 2).padStart(8)} ${fmt(median(r.p99), 2).padStart(7)} |               ${fmt(median(r.halfP50), 2).padStart(6)} ${fmt(median(r.halfP99), 2).padStart(7)} | ${fmt(median(r.cpu), 0).padStart(8)} | ${String(r.errors).padStart(6)} | ${ratio}`);
}
console.log("targets: serve ≥ 0.7× its bare peer's peak; p99 at half peak < 20 ms");
