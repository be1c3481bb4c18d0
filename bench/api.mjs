// npm run bench:api — the console API serving lookups from its recent answers (a warm hit: the same
// name asked again within --lookup-ttl; no server is asked) against a bare fastify route in the same
// run: POST with the same JSON body, answering a fixed small object (and, for context, a second bare
// route answering the console's own answer bytes). Load comes from a separate process
// (bench/api-load.mjs, undici Pool) over loopback. Rounds alternate bare / console so both see the
// same machine load; prints the median of BENCH_ROUNDS (default 3) rounds of BENCH_SECONDS (default 5)
// and the ratio console ÷ bare (target ≥ 0.5 for requests/s). Needs `npm run build` first.
import { spawn } from "node:child_process";
import Fastify from "fastify";
import { startConsole } from "../dist/console/index.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

const body = JSON.stringify({ query: "example.com" });
const running = await startConsole({ host: "127.0.0.1", port: 0, store: ":memory:", sandbox: true, limits: { rateLimitMax: 1e9 }, log: () => undefined });
const { token } = await running.tokens.add("bench");
const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
const warm = await fetch(`${running.url}/api/lookup`, { method: "POST", headers, body });
if (warm.status !== 200) throw new Error(`warm-up lookup failed: ${warm.status} ${await warm.text()}`);
const check = await (await fetch(`${running.url}/api/lookup`, { method: "POST", headers, body })).json();
if (check.cached !== true) throw new Error("the second lookup was not served from recent answers");
const sandboxQueries = () => Object.values(running.sandbox.stats()).reduce((a, b) => a + b, 0);

// The bare routes: a small answer (the target's yardstick) and the console's own answer bytes, so the
// framework's overhead can be told from the cost of moving 13 KB through both processes.
const answer = Buffer.from(await (await fetch(`${running.url}/api/lookup`, { method: "POST", headers, body })).arrayBuffer());
const bare = Fastify({ logger: false });
bare.post("/bare", async () => ({ ok: true }));
bare.post("/bare-same-bytes", async (_request, reply) => reply.type("application/json; charset=utf-8").send(answer));
await bare.listen({ host: "127.0.0.1", port: 0 });
const bareUrl = `http://127.0.0.1:${bare.server.address().port}`;

/** Runs the load generator; adds the CPU this process (the servers) spent per answered request. */
async function load(url, request) {
  const before = process.cpuUsage();
  const result = await loadOnce(url, request);
  const spent = process.cpuUsage(before);
  // Includes the warm-up second's requests' CPU over the measured count: the same bias for every route.
  return { ...result, cpuUs: (spent.user + spent.system) / result.requests };
}

function loadOnce(url, request) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL("./api-load.mjs", import.meta.url).pathname, url, String(SECONDS), String(CONNECTIONS)], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited ${code}`))));
    child.stdin.end(JSON.stringify(request));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { bare: [], same: [], console: [] };
const before = sandboxQueries();
for (let round = 0; round < ROUNDS; round += 1) {
  results.bare.push(await load(bareUrl, { method: "POST", path: "/bare", headers: { "content-type": "application/json" }, body }));
  results.same.push(await load(bareUrl, { method: "POST", path: "/bare-same-bytes", headers: { "content-type": "application/json" }, body }));
  results.console.push(await load(running.url, { method: "POST", path: "/api/lookup", headers, body }));
}
const asked = sandboxQueries() - before;
await bare.close();
await running.close();

const row = (name, rs) => {
  const rps = median(rs.map((r) => r.rps));
  const p99 = median(rs.map((r) => r.p99));
  const errors = rs.reduce((a, r) => a + r.errors, 0);
  const cpu = median(rs.map((r) => r.cpuUs));
  console.log(`${name.padEnd(34)} ${rps.toFixed(0).padStart(8)} req/s   p50 ${median(rs.map((r) => r.p50)).toFixed(2).padStart(6)} ms   p99 ${p99.toFixed(2).padStart(6)} ms   server CPU ${cpu.toFixed(0).padStart(4)} µs/req   errors ${errors}`);
  return { rps, p99, cpu };
};
console.log(`bench:api — ${ROUNDS} rounds × ${SECONDS} s, ${CONNECTIONS} connections, load from a separate process (undici Pool), medians`);
const b = row("bare fastify POST /bare", results.bare);
const s = row(`bare fastify, the same ${answer.length} bytes`, results.same);
const c = row("console POST /api/lookup (warm hit)", results.console);
console.log(`ratio console ÷ bare: ${(c.rps / b.rps).toFixed(2)}× requests/s (target ≥ 0.5×), p99 ${(c.p99 / b.p99).toFixed(2)}× the bare route's`);
console.log(`server CPU per request: console ${(c.cpu / b.cpu).toFixed(2)}× the bare route's, ${(c.cpu / s.cpu).toFixed(2)}× with the same bytes (steadier than req/s on a busy machine)`);
console.log(`ratio console ÷ bare with the same answer bytes: ${(c.rps / s.rps).toFixed(2)}× requests/s, p99 ${(c.p99 / s.p99).toFixed(2)}×`);
console.log(`sandbox servers asked during the load: ${asked} (0: every lookup was served from recent answers)`);
