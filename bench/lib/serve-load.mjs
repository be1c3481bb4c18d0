// The load process of `npm run bench:serve` (a separate process from the servers it drives).
// argv[2]: JSON {kind: "whois"|"http", port, query, mode: "closed"|"open", concurrency, seconds, rate}.
// Prints one JSON line: {count, errors, seconds, perSecond, p50, p99} (latencies in ms).
import net from "node:net";

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

// HTTP/1.1 keep-alive over raw sockets, one request at a time per socket (no pipelining): node's http
// client costs several times the CPU of the servers it drives, and on 2 cores its own queueing at half the
// peak rate is what a p99 would measure. Responses are read by their Content-Length (both servers send one).
const REQUEST = Buffer.from(`GET ${spec.query} HTTP/1.1\r\nHost: 127.0.0.1:${spec.port}\r\nAccept: application/rdap+json\r\n\r\n`);
const idle = [];
const waiting = [];
let open = 0;
const MAX_SOCKETS = spec.concurrency * 4;

function newSocket() {
  const socket = net.connect({ host: "127.0.0.1", port: spec.port });
  socket.setNoDelay(true);
  let buffer = Buffer.alloc(0);
  let current;
  const fail = (error) => {
    open -= 1;
    current?.reject(error);
    current = undefined;
    socket.destroy();
  };
  socket.on("error", fail);
  socket.on("close", () => current && fail(new Error("closed")));
  socket.on("data", (chunk) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    const headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) return;
    const head = buffer.subarray(0, headEnd).toString("latin1");
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? Number.NaN);
    if (!Number.isFinite(length)) return fail(new Error("no content-length"));
    if (buffer.length < headEnd + 4 + length) return;
    buffer = buffer.subarray(headEnd + 4 + length);
    const done = current;
    current = undefined;
    release(socket);
    if (head.startsWith("HTTP/1.1 200")) done?.resolve();
    else done?.reject(new Error(head.slice(0, 12)));
  });
  socket.assign = (job) => {
    current = job;
    socket.write(REQUEST);
  };
  return socket;
}

function release(socket) {
  const next = waiting.shift();
  if (next) socket.assign(next);
  else idle.push(socket);
}

function httpOnce() {
  return new Promise((resolve, reject) => {
    const job = { resolve, reject };
    const socket = idle.pop();
    if (socket) socket.assign(job);
    else if (open < MAX_SOCKETS) {
      open += 1;
      newSocket().assign(job);
    } else waiting.push(job);
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
for (const socket of idle) socket.destroy();
process.stdout.write(`${JSON.stringify({ count: latencies.length, errors, seconds, perSecond: latencies.length / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99) })}\n`);
