// npm run bench:lookup-split — where bench:lookup's time goes: the same 16-in-flight loop over the
// port-43 client alone, client + parser, and the full lookup(), next to the peers, in interleaved
// rounds (BENCH_ROUNDS, default 8); prints median client CPU µs per lookup and each variant's
// per-round CPU ratio to the `whois` package (the median of bench/lib/cold-process.mjs, as bench:lookup's:
// with an even number of rounds, the mean of the middle two). The last two variants name the server ("localhost", from
// /etc/hosts) instead of giving its address, as a lookup of a real registry does.
import { lookup } from "../dist/lookup/index.js";
import { queryWhois } from "../dist/net/index.js";
import { parseWhoisText } from "../dist/parse/whois/index.js";
import { median } from "./lib/cold-process.mjs";
import { DOMAIN, peerTasks, startAnswerServer } from "./lib/lookup-peers.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 8000);
const host = "127.0.0.1";
const server = await startAnswerServer();
const { port } = server;
const peers = peerTasks(port);

const variants = {
  whois: peers.whois,
  whoiser: peers.whoiser,
  "client only": () => queryWhois({ host, port, query: DOMAIN, allowPrivate: true }),
  "client + parse": async () => parseWhoisText((await queryWhois({ host, port, query: DOMAIN, allowPrivate: true })).text, { server: host, query: DOMAIN }),
  "lookup()": () => lookup(DOMAIN, { protocol: "whois", host, port, allowPrivate: true, followReferrals: false }),
  // The server by name, as every real registry is asked: whois (npm) leaves the name to net.connect, which
  // resolves it for every query; lookup() resolves through the system resolver, kept 30 s per name.
  "whois, by name": peerTasks(port, "localhost").whois,
  "lookup(), by name": () => lookup(DOMAIN, { protocol: "whois", host: "localhost", port, allowPrivate: true, followReferrals: false }),
};

const cpu = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, task] of Object.entries(variants)) {
    let next = 0;
    const worker = async () => {
      while (next < LOOKUPS) {
        next += 1;
        await task();
      }
    };
    const before = process.cpuUsage();
    await Promise.all(Array.from({ length: 16 }, worker));
    const used = process.cpuUsage(before);
    cpu[name].push((used.user + used.system) / LOOKUPS);
  }
}
server.stop();
console.log(`bench:lookup-split — ${LOOKUPS} lookups × ${ROUNDS} interleaved rounds, concurrency 16`);
console.log("variant           CPU µs/lookup (median)   ÷ whois (median of per-round ratios)");
for (const [name, values] of Object.entries(cpu)) {
  const ratio = median(values.map((value, round) => value / cpu.whois[round]));
  console.log(`${name.padEnd(16)} ${median(values).toFixed(1).padStart(22)}   ${ratio.toFixed(2).padStart(10)}`);
}
