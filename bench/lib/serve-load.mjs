// The load process of `npm run bench:serve` (a separate process from the servers it drives).
// argv[2]: JSON {kind: "whois"|"http", port, query, mode: "closed"|"open", concurrency, seconds, rate}.
// Prints one JSON line: {count, errors, seconds, perSecond, p50, p99} (latencies in ms).
import http from "node:http";
import net from "node:net";

const spec = JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency * 4 });

function whoisOnce() {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const socket = net.connect({ host: "127.0.0.1", port: spec.port }, () => socket.write(`${spec.query}\r\n`));
    socket.on("data", (chunk) => (bytes += chunk.length));
    socket.on("close", () => (bytes > 0 ? resolve() : reject(new Error("empty answer"))));
    socket.on("error", reject);
  });
}

function httpOnce() {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port: spec.port, path: spec.query, agent }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on("error", reject);
  });
}

const once = spec.kind === "whois" ? whoisOnce : httpOnce;
const latencies = [];
let errors = 0;

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function closedLoop() {
  const end = performance.now() + spec.seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      try {
        await once();
        latencies.push(performance.now() - started);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
}

// Open loop at a fixed rate; each latency counts from the request's scheduled time (no coordinated omission).
async function openLoop() {
  const total = Math.round(spec.rate * spec.seconds);
  const start = performance.now();
  const pending = [];
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * spec.rate));
      while (sent < due) {
        const scheduled = start + (sent / spec.rate) * 1000;
        sent += 1;
        pending.push(once().then(() => latencies.push(performance.now() - scheduled), () => (errors += 1)));
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1); // sleeps between batches: a setImmediate spin would take a core from the servers
    };
    tick();
  });
  await Promise.all(pending);
}

const started = performance.now();
await (spec.mode === "open" ? openLoop() : closedLoop());
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
agent.destroy();
process.stdout.write(`${JSON.stringify({ count: latencies.length, errors, seconds, perSecond: latencies.length / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99) })}\n`);
