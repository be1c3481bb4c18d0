// Load generator for bench/api.mjs, run as its own process so the server under test keeps its core:
// `node bench/api-load.mjs URL SECONDS CONNECTIONS` with the request (method, path, headers, body) as
// JSON on stdin. Keeps CONNECTIONS requests in flight through an undici Pool (no pipelining), for
// SECONDS after a one-second warm-up; prints { requests, errors, seconds, rps, p50, p99 } (ms).
import { Pool } from "undici";

const [url, seconds, connections] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
let input = "";
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);
const pool = new Pool(url, { connections, pipelining: 1 });

async function once() {
  const started = performance.now();
  const { statusCode, body } = await pool.request({ method: request.method, path: request.path, headers: request.headers, body: request.body });
  await body.dump();
  return { ok: statusCode === 200, ms: performance.now() - started };
}

async function phase(ms, record) {
  const end = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < end) {
      try {
        const r = await once();
        record?.(r);
      } catch {
        record?.({ ok: false, ms: 0 });
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
}

await phase(1000); // warm-up: connections opened, JIT warm
const latencies = [];
let errors = 0;
const t0 = performance.now();
await phase(seconds * 1000, (r) => (r.ok ? latencies.push(r.ms) : (errors += 1)));
const elapsed = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
await pool.close();
process.stdout.write(`${JSON.stringify({ requests: latencies.length, errors, seconds: elapsed, rps: latencies.length / elapsed, p50: pick(0.5), p99: pick(0.99) })}\n`);
