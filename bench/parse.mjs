// npm run bench:parse — records/s and MB/s over the shared corpus's WHOIS answers for whoislens and,
// in the same run, the parsers of whoiser and whois-json, each scored by the same scorer.
// BENCH_WARMUP (default 3) passes per parser first, then BENCH_ROUNDS (default 15) interleaved rounds.
// rdapper is left out: it exposes network lookups only, no parser function.
// Then a cold-process section: `whoislens parse --batch` over the corpus ×BENCH_COLD_TIMES (default 20)
// as NDJSON on stdin, as a user runs it, against bench/lib/whoiser-batch.mjs fed the same file, each a
// fresh process, BENCH_COLD_RUNS (default 5) interleaved runs; median records/s (target ≥ 1.5× whoiser).
// It runs ours twice: as a user runs it (the main thread only) and with --threads 1 (one worker
// thread beside it).
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseWhoisText } from "../dist/parse/whois/index.js";
import { corpusAvailable, loadCorpus, percent, scoreCorpus } from "../dist/eval/corpus.js";
import { interleave, median, runCold } from "./lib/cold-process.mjs";
import { writeCorpusNdjson } from "./lib/corpus-ndjson.mjs";
import { fromWhoiser, fromWhoisJson } from "./lib/peer-adapters.mjs";
import { worstCaseSection } from "./parse-worst.mjs";

const require = createRequire(import.meta.url);
const { parseDomainWhois } = require("whoiser/src/parsers.js");
const parseRawData = require("whois-json/parse-raw-data.js");

if (!corpusAvailable()) {
  console.error("bench:parse needs ../shared/corpus beside the project; it is absent here");
  process.exit(2);
}
const cases = loadCorpus(undefined, ["whois"]);
const bytes = cases.reduce((sum, c) => sum + Buffer.byteLength(c.raw), 0);
// Every parser gets the same treatment: WARMUP passes over the corpus (so each runs JIT-compiled code,
// not its first interpreted passes), then ROUNDS rounds that time one pass of each parser in turn
// (interleaved, so a noisy moment on the machine does not fall on one parser only); best round counts.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);

const safe = (fn) => (item) => {
  try {
    return fn(item);
  } catch {
    return undefined;
  }
};
const tools = {
  whoislens: (item) => parseWhoisText(item.raw, { server: item.server, query: item.query }),
  whoiser: safe((item) => fromWhoiser(parseDomainWhois(item.query ?? "", item.raw), item.server, item.query)),
  "whois-json": safe((item) => fromWhoisJson(parseRawData(item.raw), item.server, item.query)),
};

const best = Object.fromEntries(Object.keys(tools).map((name) => [name, Infinity]));
for (const parse of Object.values(tools)) for (let pass = 0; pass < WARMUP; pass += 1) for (const item of cases) parse(item);
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, parse] of Object.entries(tools)) {
    const started = process.hrtime.bigint();
    for (const item of cases) parse(item);
    best[name] = Math.min(best[name], Number(process.hrtime.bigint() - started) / 1e9);
  }
}
const rows = [];
for (const [name, parse] of Object.entries(tools)) {
  const report = scoreCorpus(cases, parse);
  const seconds = best[name];
  rows.push({ name, recordsPerSecond: cases.length / seconds, mbPerSecond: bytes / 1e6 / seconds, score: percent(report.overall), fields: report.overall.total });
}

console.log(`bench:parse — ${cases.length} WHOIS answers (${(bytes / 1e6).toFixed(2)} MB), ${WARMUP} warm-up passes, best of ${ROUNDS} interleaved rounds`);
console.log("parser       records/s      MB/s   corpus score");
for (const r of rows) console.log(`${r.name.padEnd(11)} ${r.recordsPerSecond.toFixed(0).padStart(10)} ${r.mbPerSecond.toFixed(2).padStart(9)}   ${r.score.toFixed(1)}% of ${r.fields}`);
const fastestPeer = Math.max(...rows.filter((r) => r.name !== "whoislens").map((r) => r.recordsPerSecond));
console.log(`speed ratio whoislens / fastest peer: ${(rows[0].recordsPerSecond / fastestPeer).toFixed(2)} (target ≥ 1.00)`);

// Adversarial inputs: time per MB must stay flat (no catastrophic backtracking).
const adversarial = {
  colons: ":".repeat(1 << 20),
  dots: `Domain Name: ${".".repeat(1 << 20)}`,
  spaces: `Registrar:${" ".repeat(1 << 20)}x`,
  "long line": `Creation Date: ${"1".repeat(1 << 20)}`,
  "short lines": "a: b\n".repeat(1 << 18),
  brackets: "[".repeat(1 << 20),
  escapes: "\u001b[".repeat(1 << 19),
};
console.log("adversarial input         ms per MB (whoislens)");
for (const [name, text] of Object.entries(adversarial)) {
  const started = process.hrtime.bigint();
  parseWhoisText(text);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${name.padEnd(24)} ${(ms / (Buffer.byteLength(text) / (1 << 20))).toFixed(1).padStart(10)}`);
}

// Cold processes: the whole run a user waits for (start-up, JIT warm-up, reading, parsing, writing).
const COLD_TIMES = Number(process.env.BENCH_COLD_TIMES ?? 20);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const work = mkdtempSync(join(tmpdir(), "whoislens-bench-parse-"));
try {
  const input = join(work, "corpus.ndjson");
  const { records, bytes: inputBytes } = await writeCorpusNdjson(input, COLD_TIMES);
  const bin = fileURLToPath(new URL("../bin/whoislens", import.meta.url));
  const peer = fileURLToPath(new URL("./lib/whoiser-batch.mjs", import.meta.url));
  // Output into a pipe the parent drains (as `| jq` or `> file` would), not to /dev/null.
  const cold = interleave(
    {
      whoislens: () => runCold([bin, "parse", "--batch"], { stdinFile: input, capture: true }),
      // With one worker thread beside the main thread (off by default): what a second core adds.
      "whoislens --threads 1": () => runCold([bin, "parse", "--batch", "--threads", "1"], { stdinFile: input, capture: true }),
      whoiser: () => runCold([process.execPath, peer], { stdinFile: input, capture: true }),
    },
    COLD_RUNS,
    { warmup: 0 },
  );
  console.log(`cold process — ${records} records (${(inputBytes / 1e6).toFixed(1)} MB NDJSON: the corpus ×${COLD_TIMES}) on stdin, median of ${COLD_RUNS} interleaved runs`);
  console.log("tool                   records/s   wall s   cpu s   max RSS MB");
  const rate = {};
  for (const [name, runs] of Object.entries(cold)) {
    const wall = median(runs.map((r) => r.wallMs)) / 1000;
    const cpu = median(runs.map((r) => r.cpuMs));
    const rss = median(runs.map((r) => r.maxRssKb));
    rate[name] = records / wall;
    console.log(`${name.padEnd(21)} ${rate[name].toFixed(0).padStart(10)} ${wall.toFixed(2).padStart(8)} ${cpu === undefined ? "     -" : (cpu / 1000).toFixed(2).padStart(7)}   ${rss === undefined ? "-" : (rss / 1024).toFixed(0).padStart(10)}`);
  }
  const roundRatios = cold.whoislens.map((r, i) => cold.whoiser[i].wallMs / r.wallMs);
  const ratio = rate.whoislens / rate.whoiser;
  console.log(`cold ratio whoislens / whoiser records/s: ${ratio.toFixed(2)} (median of run ratios ${median(roundRatios).toFixed(2)}; target ≥ 1.50) ${ratio >= 1.5 ? "ok" : "MISSED"}`);
  console.log(`cold ratio with one worker thread (--threads 1) / whoiser: ${(rate["whoislens --threads 1"] / rate.whoiser).toFixed(2)}`);
  // CPU time (GNU time: user + system, compiler and GC threads included) is the figure a loaded machine distorts least.
  if (cold.whoislens.every((r) => r.cpuMs !== undefined)) {
    const cpuRatios = cold.whoislens.map((r, i) => cold.whoiser[i].cpuMs / r.cpuMs);
    console.log(`cold CPU ratio whoiser CPU s / whoislens CPU s: ${median(cpuRatios).toFixed(2)} (median of run ratios; the speed by CPU time)`);
  }
  console.log(`warm in-process ratio (above): ${(rows[0].recordsPerSecond / rows.find((r) => r.name === "whoiser").recordsPerSecond).toFixed(2)} against whoiser`);

  // Where the cold time goes: the parser alone in a fresh process (input read and JSON-parsed before the
  // clock), against the whole run above; the rest is start-up, reading, JSON in and out, writing.
  const parseOnly = fileURLToPath(new URL("./lib/cold-parse-only.mjs", import.meta.url));
  const alone = interleave(
    Object.fromEntries(["whoislens", "whoiser"].map((tool) => [tool, () => runCold([process.execPath, parseOnly, tool, input], { capture: true })])),
    COLD_RUNS,
    { warmup: 0 },
  );
  console.log("cold parser alone (fresh process, parse calls only)   parse s   first 1/20 ms   last 1/20 ms   rest of the cold run s");
  for (const [name, runs] of Object.entries(alone)) {
    const figures = runs.map((r) => JSON.parse(r.stdout));
    const parseMs = median(figures.map((f) => f.parseMs));
    const rest = median(cold[name].map((r) => r.wallMs)) - parseMs;
    console.log(`${name.padEnd(52)} ${(parseMs / 1000).toFixed(2).padStart(8)} ${median(figures.map((f) => f.firstMs)).toFixed(0).padStart(15)} ${median(figures.map((f) => f.lastMs)).toFixed(0).padStart(14)} ${(rest / 1000).toFixed(2).padStart(24)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// Worst cases at the size cap (issue #19): see bench/parse-worst.mjs.
worstCaseSection();
