// npm run bench:lookalikes — look-alike generation speed: whoislens' permutations() beside Debian's dnstwist
// on the same domains, fuzzers, dictionary and TLD list (generation only: no DNS, no WHOIS, no traffic).
//   in-process: permutations() in this Node process vs dnstwist.Fuzzer(...).generate() in one python3
//               process (both include IDNA encoding and validation; both warmed for 0.3 s, then ≥ BENCH_RUNS runs and ≥ 1 s);
//   whole-process: `whoislens lookalikes D --no-dns --whois none --format json` vs `dnstwist --format list D`.
// Figures: permutations per second (names made ÷ seconds, median of BENCH_RUNS), by wall clock and by the
// process's CPU time (steadier on a shared machine), and our ratio to dnstwist.
// whoislens makes more names than dnstwist (a superset): the rate, not the time, is the fair comparison.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { permutations } from "../dist/defend/lookalikes/index.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DOMAINS = ["ibm.com", "paypal.com", "my-bank-online.co.uk", "bücher.de", "mail.example.net", "examplebankonline.com"];
const DNSTWIST_FUZZERS = ["addition", "bitsquatting", "cyrillic", "homoglyph", "hyphenation", "insertion", "omission", "repetition", "replacement", "subdomain", "transposition", "vowel-swap", "dictionary", "tld-swap", "various"];
const DICTIONARY = ["login", "secure", "bank", "mail", "shop", "online"];
const TLDS = ["com", "net", "org", "co.uk", "de", "io"];
const PYTHON = "/usr/bin/python3";
const DNSTWIST = "/usr/bin/dnstwist";

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const work = mkdtempSync(join(tmpdir(), "bench-lookalikes-"));
const dictFile = join(work, "dict.txt");
const tldFile = join(work, "tld.txt");
writeFileSync(dictFile, `${DICTIONARY.join("\n")}\n`);
writeFileSync(tldFile, `${TLDS.join("\n")}\n`);
const have = existsSync(DNSTWIST) && existsSync(PYTHON);
if (!have) console.log("dnstwist is not installed (bash scripts/ci-tools.sh): only whoislens' figures are printed");

function ours(domain, fuzzers) {
  // Warm-up for 0.3 s (loads the confusables data, lets V8 compile the hot loops), then at least RUNS
  // measured runs and at least 1 s of them; dnstwist's side does the same.
  for (const started = performance.now(); performance.now() - started < 300; ) permutations(domain, { fuzzers, dictionary: DICTIONARY, tlds: TLDS });
  const times = [];
  const cpu = [];
  let count = 0;
  for (let i = 0, begun = performance.now(); i < RUNS || performance.now() - begun < 1000; i++) {
    const started = performance.now();
    const used = process.cpuUsage();
    count = permutations(domain, { fuzzers, dictionary: DICTIONARY, tlds: TLDS }).length;
    const spent = process.cpuUsage(used);
    times.push((performance.now() - started) / 1000);
    cpu.push((spent.user + spent.system) / 1e6);
  }
  return { count, seconds: median(times), cpu: median(cpu) };
}

function dnstwistInProcess(domain) {
  const script = `
import sys, time, json
sys.path.insert(0, "/usr/lib/python3/dist-packages")
import dnstwist
dictionary = open(${JSON.stringify(dictFile)}).read().split()
tlds = open(${JSON.stringify(tldFile)}).read().split()
url = dnstwist.UrlParser(sys.argv[1])
def once():
    f = dnstwist.Fuzzer(url.domain, dictionary=dictionary, tld_dictionary=list(tlds))
    f.generate()
    return len([d for d in f.domains if d["fuzzer"] != "*original"])
warm = time.perf_counter()
while time.perf_counter() - warm < 0.3:
    once()
times = []
cpu = []
begun = time.perf_counter()
while len(times) < int(sys.argv[2]) or time.perf_counter() - begun < 1.0:
    t = time.perf_counter(); c = time.process_time(); n = once(); cpu.append(time.process_time() - c); times.append(time.perf_counter() - t)
times.sort(); cpu.sort()
print(json.dumps({"count": n, "seconds": times[len(times) // 2], "cpu": cpu[len(cpu) // 2]}))
`;
  const run = spawnSync(PYTHON, ["-c", script, domain, String(RUNS)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

function wholeProcess(command, args) {
  const times = [];
  let lines = 0;
  for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
    const started = performance.now();
    const run = spawnSync(command, args, { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    times.push((performance.now() - started) / 1000);
    if (run.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${run.stderr}`);
    lines = run.stdout.split("\n").filter((l) => l.trim() !== "").length;
  }
  return { lines, seconds: median(times) };
}

const rate = (count, seconds) => Math.round(count / seconds);
const rows = [];
for (const domain of DOMAINS) {
  const us = ours(domain, DNSTWIST_FUZZERS);
  const usAll = ours(domain, undefined);
  const row = { domain, ours: us.count, ours_per_s: rate(us.count, us.seconds), ours_per_cpu_s: rate(us.count, us.cpu), ours_all_fuzzers: usAll.count, ours_all_per_s: rate(usAll.count, usAll.seconds) };
  if (have) {
    const them = dnstwistInProcess(domain);
    row.dnstwist = them.count;
    row.dnstwist_per_s = rate(them.count, them.seconds);
    row.dnstwist_per_cpu_s = rate(them.count, them.cpu);
    row.ratio_in_process = +(row.ours_per_s / row.dnstwist_per_s).toFixed(1);
    row.ratio_in_process_cpu = +(row.ours_per_cpu_s / row.dnstwist_per_cpu_s).toFixed(1);
    const cli = wholeProcess("node", ["bin/whoislens", "lookalikes", domain, "--no-dns", "--whois", "none", "--format", "json", "--fuzzers", DNSTWIST_FUZZERS.join(","), "--dictionary", dictFile, "--tld", tldFile]);
    const twist = wholeProcess(DNSTWIST, ["--format", "list", "--dictionary", dictFile, "--tld", tldFile, domain]);
    row.ours_process_s = +cli.seconds.toFixed(2);
    row.dnstwist_process_s = +twist.seconds.toFixed(2);
    row.ratio_whole_process = +((us.count / cli.seconds) / (twist.lines / twist.seconds)).toFixed(1);
  }
  rows.push(row);
  console.log(JSON.stringify(row));
}
console.table(rows);
if (have) {
  const ratios = rows.map((r) => r.ratio_in_process);
  const cpuRatios = rows.map((r) => r.ratio_in_process_cpu);
  const process_ = rows.map((r) => r.ratio_whole_process);
  console.log(`median ratio (permutations/s, whoislens ÷ dnstwist): in-process ${median(ratios).toFixed(1)}× wall, ${median(cpuRatios).toFixed(1)}× CPU time; whole-process ${median(process_).toFixed(1)}×  (target ≥ 10×)`);
}
rmSync(work, { recursive: true, force: true });
