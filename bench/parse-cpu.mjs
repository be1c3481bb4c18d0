// The WHOIS parser's steady CPU per answer (issue #13), two ways, each on the bench:lookup answer and on the corpus's
// WHOIS answers (../shared/corpus, as bench/lib/corpus-ndjson.mjs reads it):
//   node bench/parse-cpu.mjs ab BASE_DIST [ROUNDS]
//     this checkout's dist/ against another build's dist/ in one process, interleaved, process.cpuUsage per round
//     (20,000 parses of the bench answer, 3 corpus passes), medians of ROUNDS (default 11) after 3 warm-up rounds;
//   node --single-threaded bench/parse-cpu.mjs loop DIST bench|corpus N
//     only the parse loop (N parses of the bench answer, or N corpus passes), to run under
//     `valgrind --tool=callgrind` at two values of N: the difference of the instruction counts over the difference of N
//     is the steady cost, without process start. (--single-threaded: V8 compiles on the main thread, so the count does
//     not depend on when a background compile was scheduled, which under valgrind varies by ±25%.)
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { BENCH_ANSWER } from "./lib/bench-answer.mjs";

const OWN_DIST = new URL("../dist/", import.meta.url);
const BENCH_OPTIONS = { server: "whois.verisign-grs.com", query: "example-bench.com" };
const [mode, distArg, ...rest] = process.argv.slice(2);

const parserOf = async (dist) => (await import(new URL("parse/whois/index.js", dist).href)).parseWhoisText;
const distUrl = (path) => pathToFileURL(`${resolve(path)}/`);
const { loadCorpus } = await import(new URL("eval/corpus.js", OWN_DIST).href);
const corpus = loadCorpus(undefined, ["whois"]).map((c) => ({ text: c.raw, options: { server: c.server ?? undefined, query: c.query ?? undefined } }));

let sink = 0;
function benchParses(parse, count) {
  for (let index = 0; index < count; index += 1) sink += parse(BENCH_ANSWER, BENCH_OPTIONS).statuses?.length ?? 0;
}
function corpusPasses(parse, count) {
  for (let pass = 0; pass < count; pass += 1) for (const { text, options } of corpus) sink += parse(text, options).statuses?.length ?? 0;
}

if (mode === "loop") {
  const parse = await parserOf(distUrl(distArg));
  const count = Number(rest[1]);
  if (rest[0] === "bench") benchParses(parse, count);
  else corpusPasses(parse, count);
  console.log(`${rest[0]} x${count}: ${sink}`);
} else if (mode === "ab") {
  const rounds = Number(rest[0] ?? 11);
  const builds = [["base", await parserOf(distUrl(distArg))], ["this", await parserOf(OWN_DIST)]];
  const cpu = () => { const usage = process.cpuUsage(); return usage.user + usage.system; };
  const timed = (work) => { const start = cpu(); work(); return cpu() - start; };
  const results = { base: { bench: [], corpus: [] }, this: { bench: [], corpus: [] } };
  const BENCH_N = 20_000;
  const CORPUS_N = 3;
  for (let round = -3; round < rounds; round += 1) {
    for (const [name, parse] of round % 2 === 0 ? builds : [...builds].reverse()) {
      const bench = timed(() => benchParses(parse, BENCH_N)) / BENCH_N;
      const perAnswer = timed(() => corpusPasses(parse, CORPUS_N)) / (CORPUS_N * corpus.length);
      if (round >= 0) { results[name].bench.push(bench); results[name].corpus.push(perAnswer); }
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  for (const key of ["bench", "corpus"]) {
    const ratio = median(results.this[key].map((value, index) => value / results.base[key][index]));
    console.log(`${key === "bench" ? "bench answer" : "corpus"}: base ${median(results.base[key]).toFixed(2)} µs, this ${median(results.this[key]).toFixed(2)} µs a parse (median of ${rounds} rounds; median round ratio this/base ${ratio.toFixed(3)})`);
  }
  if (sink === 0) console.log("(nothing parsed)");
} else {
  console.error("usage: node bench/parse-cpu.mjs ab BASE_DIST [ROUNDS] | node --single-threaded bench/parse-cpu.mjs loop DIST bench|corpus N");
  process.exitCode = 2;
}
