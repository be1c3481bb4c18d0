// A fleet for the scale-out tests (see test/scale/fleet.ts, which forks this file with the specs).
import { createServer as createHttpServer } from "node:http";
import { createServer as createTcpServer } from "node:net";

// Burst: one second of the limit (servers count queries per second or per minute; the bench fleet's
// burst of 2 at any rate refused a client paced exactly at the limit whenever this loaded, shared
// machine held one query back 100 ms and sent it beside the next). A client running past the limit
// for longer than a second is refused all the same: three workers each pacing alone would be refused
// within the first second. The limiter's strict spacing is proven apart, in test/scale/limiter.test.ts.
// A spec's `burst` overrides it: 2 is the strict fleet of bench:scale (one interval of tolerance).
class Bucket {
  constructor(qps, burst) {
    this.qps = qps;
    this.capacity = burst ?? Math.max(2, qps);
    this.tokens = this.capacity;
    this.last = performance.now();
  }
  take() {
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

function whoisAnswer(query, index) {
  const name = query.toUpperCase();
  return [
    `Domain Name: ${name}`,
    `Registry Domain ID: D${index}${name.length}-FLEET`,
    "Registrar WHOIS Server: whois.fleet-registrar.test",
    "Updated Date: 2025-03-01T10:00:00Z",
    "Creation Date: 2003-07-14T04:00:00Z",
    "Registry Expiry Date: 2027-07-14T04:00:00Z",
    `Registrar: Fleet Registrar ${index}`,
    "Registrar IANA ID: 9999",
    "Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited",
    `Registrant Organization: Holder of ${query}`,
    "Name Server: NS1.FLEET.TEST",
    "Name Server: NS2.FLEET.TEST",
    "DNSSEC: unsigned",
    ">>> Last update of whois database: 2025-03-02T00:00:00Z <<<",
    "",
  ].join("\r\n");
}

function rdapAnswer(name, index) {
  return JSON.stringify({
    rdapConformance: ["rdap_level_0"],
    objectClassName: "domain",
    handle: `D${index}-${name.length}-FLEET`,
    ldhName: name,
    status: ["active"],
    events: [
      { eventAction: "registration", eventDate: "2004-02-01T00:00:00Z" },
      { eventAction: "expiration", eventDate: "2028-02-01T00:00:00Z" },
    ],
    nameservers: [{ objectClassName: "nameserver", ldhName: "ns1.fleet.test" }],
    entities: [{ objectClassName: "entity", handle: `R${index}`, roles: ["registrar"], vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", `Fleet RDAP Registrar ${index}`]]] }],
  });
}

const listen = (server) => new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));


// The fleet runs in its own process (test/scale/fleet.ts forks it): in the test's process, a busy
// moment of the test itself delayed the servers' reading of queries, so they saw bursts no client sent.
const specs = JSON.parse(process.argv[2]);
const counters = specs.map(() => ({ answered: 0, throttled: 0, queries: {}, throttledAt: [] }));
const servers = [];
const ports = [];
for (const [index, spec] of specs.entries()) {
  const bucket = new Bucket(spec.qps, spec.burst);
  const counter = counters[index];
  const answered = (query) => {
    counter.answered += 1;
    const now = Date.now();
    counter.firstAt ??= now;
    counter.lastAt = now;
    counter.queries[query] = (counter.queries[query] ?? 0) + 1;
  };
  const refused = () => {
    counter.throttled += 1;
    counter.throttledAt.push(Date.now());
  };
  let server;
  if (spec.protocol === "whois") {
    server = createTcpServer((socket) => {
      socket.on("error", () => {});
      socket.once("data", (chunk) => {
        const query = chunk.toString().trim().toLowerCase();
        if (!bucket.take()) {
          refused();
          socket.end("% Query rate limit exceeded. Please wait and try again later.\r\n");
          return;
        }
        answered(query);
        setTimeout(() => socket.end(whoisAnswer(query, index)), spec.latencyMs);
      });
    });
  } else {
    server = createHttpServer((request, response) => {
      const match = /^\/domain\/([^/?]+)$/.exec(request.url ?? "");
      if (!match) return void response.writeHead(404).end();
      const name = decodeURIComponent(match[1]).toLowerCase();
      if (!bucket.take()) {
        refused();
        return void response.writeHead(429, { "retry-after": "1", "content-type": "application/rdap+json" }).end(JSON.stringify({ errorCode: 429, title: "Too Many Requests" }));
      }
      answered(name);
      setTimeout(() => response.writeHead(200, { "content-type": "application/rdap+json" }).end(rdapAnswer(name, index)), spec.latencyMs);
    });
    server.keepAliveTimeout = 5000;
  }
  servers.push(server);
  ports.push(await listen(server));
}
process.send({ ports });
process.on("message", (message) => {
  if (message === "stats") process.send({ counters });
  if (message === "stop") {
    for (const server of servers) server.closeAllConnections?.();
    process.exit(0);
  }
});
