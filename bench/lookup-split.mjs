// npm run bench:lookup-split — where bench:lookup's time goes: the same 16-in-flight loop over the
// port-43 client alone, client + parser, and the full lookup(), next to the peers, in interleaved
// rounds (BENCH_ROUNDS, default 8); prints median client CPU µs per lookup and each variant's
// per-round CPU ratio to the `whois` package.
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { lookup } from "../dist/lookup/index.js";
import { queryWhois } from "../dist/net/index.js";
import { parseWhoisText } from "../dist/parse/whois/index.js";

const require = createRequire(import.meta.url);
const whoiser = require("whoiser");
const whoisPackage = require("whois");
const { parseDomainWhois } = require("whoiser/src/parsers.js");

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 8000);
const DOMAIN = "example-bench.com";
const host = "127.0.0.1";
const server = fork(fileURLToPath(new URL("./lib/whois-answer-server.mjs", import.meta.url)));
const { port } = await new Promise((resolve) => server.once("message", resolve));

const variants = {
  whois: () => new Promise((resolve, reject) => whoisPackage.lookup(DOMAIN, { server: `${host}:${port}`, follow: 0 }, (error, text) => (error ? reject(error) : resolve(text)))),
  whoiser: async () => parseDomainWhois(DOMAIN, await whoiser.query({ host, port, query: DOMAIN })),
  "client only": () => queryWhois({ host, port, query: DOMAIN, allowPrivate: true }),
  "client + parse": async () => parseWhoisText((await queryWhois({ host, port, query: DOMAIN, allowPrivate: true })).text, { server: host, query: DOMAIN }),
  "lookup()": () => lookup(DOMAIN, { protocol: "whois", host, port, allowPrivate: true, followReferrals: false }),
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
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
server.send("stop");
console.log(`bench:lookup-split — ${LOOKUPS} lookups × ${ROUNDS} interleaved rounds, concurrency 16`);
console.log("variant           CPU µs/lookup (median)   ÷ whois (median of per-round ratios)");
for (const [name, values] of Object.entries(cpu)) {
  const ratio = median(values.map((value, round) => value / cpu.whois[round]));
  console.log(`${name.padEnd(16)} ${median(values).toFixed(1).padStart(22)}   ${ratio.toFixed(2).padStart(10)}`);
}
