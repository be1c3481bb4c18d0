// A fleet of loopback port-43 servers for bench:bulk, in its own process. Each server has its own
// rate limit (token bucket per source address, burst 2) and latency, and answers a realistic
// throttle text to anyone who goes faster. Prints the fleet as JSON, then counts on "stats".
// A spec's `kind`: "registry" (default: a domain record), "iana" (IANA's TLD object naming
// whois.nic.<tld> in its refer: line) or "blackhole" (accepts the connection, never answers).
import net from "node:net";

const fleet = JSON.parse(process.argv[2]);
const counters = fleet.map(() => ({ answered: 0, throttled: 0 }));
const servers = [];
for (const [index, spec] of fleet.entries()) {
  const buckets = new Map();
  const server = net.createServer((socket) => {
    socket.on("error", () => {});
    if (spec.kind === "blackhole") return;
    socket.once("data", (chunk) => {
      const now = performance.now();
      const key = socket.remoteAddress;
      const bucket = buckets.get(key) ?? { tokens: 2, last: now };
      bucket.tokens = Math.min(2, bucket.tokens + ((now - bucket.last) / 1000) * spec.qps);
      bucket.last = now;
      buckets.set(key, bucket);
      const query = chunk.toString().trim();
      if (bucket.tokens < 1) {
        counters[index].throttled += 1;
        socket.end("% Query rate limit exceeded. Please wait and try again later.\r\n");
        return;
      }
      bucket.tokens -= 1;
      counters[index].answered += 1;
      const answer =
        spec.kind === "iana"
          ? `% IANA WHOIS server\r\n\r\nrefer:        whois.nic.${query.toLowerCase()}\r\n\r\ndomain:       ${query.toUpperCase()}\r\n\r\nwhois:        whois.nic.${query.toLowerCase()}\r\n\r\nsource:       IANA\r\n`
          : `Domain Name: ${query.toUpperCase()}\r\nCreation Date: 2001-01-01T00:00:00Z\r\nRegistrar: Fleet Registrar ${index}\r\nName Server: ns1.fleet.test\r\n`;
      setTimeout(() => socket.end(answer), spec.latencyMs);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push({ ...spec, port: server.address().port });
}
process.send({ servers });
process.on("message", (message) => {
  if (message === "stats") process.send({ counters });
  if (message === "reset") for (const c of counters) Object.assign(c, { answered: 0, throttled: 0 });
  if (message === "stop") process.exit(0);
});
