// The load process of `npm run bench:serve` (a separate process from the servers it drives).
// argv[2]: JSON {kind: "whois"|"http", port, query, mode: "closed"|"open", concurrency, seconds, rate}.
// Prints one JSON line: {count, errors, seconds, perSecond, p50, p99} (latencies in ms), and for HTTP
// `retried` (requests sent again after a server closed their idle socket) and `sockets` (connections opened).
import net from "node:net";
import { keepAliveClient } from "./serve-load-client.mjs";

const spec = JSON.parse(process.argv[2]);

function whoisOnce() {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const socket = net.connect({ host: "127.0.0.1", port: spec.port }, () => socket.write(`${spec.query}\r\n`));
    socket.on("data", (chunk) => (bytes += chunk.length));
    socket.on("close", () => (bytes > 0 ? resolve() : reject(new Error("empty answer"))));
    socket.on("error", reject);
  });
}

// HTTP/1.1 keep-alive over raw sockets (serve-load-client.mjs: why not node's client, and how a server's
// closing of idle sockets is met).
const http = spec.kind === "whois" ? undefined : keepAliveClient({
  port: spec.port,
  request: Buffer.from(`GET ${spec.query} HTTP/1.1\r\nHost: 127.0.0.1:${spec.port}\r\nAccept: application/rdap+json\r\n\r\n`),
  maxSockets: spec.concurrency * 4,
});
const httpOnce = () => http.once();

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
      // request i is due at i / rate s (so the first at once): floor + 1 of them by now. Without the + 1 each
      // went out one interval after its scheduled time, and that interval counted in its latency.
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * spec.rate) + 1);
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
http?.close();
process.stdout.write(`${JSON.stringify({ count: latencies.length, errors, seconds, perSecond: latencies.length / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99), ...(http ? { retried: http.stats.retried, sockets: http.stats.opened } : {}) })}\n`);
