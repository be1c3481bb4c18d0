// npm run bench:startup — start-up cost of one-shot commands, each a whole cold process, against
// `node -e 0` timed in the same rounds: `--version`, `--help`, `lookup --help`, and `lookup NAME --servers FILE
// --servers-only --bootstrap-dir DIR` of sandbox names (the sandbox runs in another process, started
// first). Prints the median of BENCH_RUNS (default 21) runs per command and its ratio to node's.
// Wall time is the target's measure; CPU time (GNU time) is printed too, as it is steadier on a busy box.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hasGnuTime, interleave, median, runCold } from "./lib/cold-process.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const BIN = fileURLToPath(new URL("../bin/whoislens", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "whoislens-bench-startup-"));
const mapFile = join(work, "servers.json");
// An empty cache and config directory: no config file is read and --no-cache keeps every run asking the
// sandbox (a cache hit would skip the network and time a different path).
const env = { ...process.env, XDG_CACHE_HOME: join(work, "cache"), XDG_CONFIG_HOME: join(work, "config"), WHOISLENS_CONFIG: "" };
delete env.WHOISLENS_CONFIG;

/** Starts `whoislens sandbox --map-out FILE` and resolves with its bootstrap directory once it is ready. */
function startSandbox() {
  const child = spawn(BIN, ["sandbox", "--map-out", mapFile], { stdio: ["ignore", "ignore", "pipe"], env });
  return new Promise((resolve, reject) => {
    let text = "";
    child.stderr.on("data", (chunk) => {
      text += chunk;
      const dir = /bootstrap files \(for --bootstrap-dir\): (.+)\n/.exec(text)?.[1];
      if (dir && text.includes("sandbox running")) resolve({ child, bootstrapDir: dir });
    });
    child.once("exit", (code) => reject(new Error(`sandbox exited (${code}): ${text}`)));
  });
}

const { child: sandbox, bootstrapDir } = await startSandbox();
const lookupArgs = (name) => [BIN, "lookup", name, "--servers", mapFile, "--servers-only", "--bootstrap-dir", bootstrapDir, "--no-cache"];
// Target per command, as a ratio to `node -e 0` (issue #13).
const commands = {
  "node -e 0": { argv: [process.execPath, "-e", "0"] },
  "--version": { argv: [BIN, "--version"], target: 1.7 },
  "--help": { argv: [BIN, "--help"], target: 1.7 },
  // A command's own help: loads that one command module (the root help reads the command table only).
  "lookup --help": { argv: [BIN, "lookup", "--help"] },
  // A port-43 name (DENIC-style registry, WHOIS only): the lookup path without the RDAP client.
  "lookup bücher.de": { argv: lookupArgs("bücher.de"), target: 2.5 },
  // An RDAP name (thin registry → registrar referral over RDAP): loads undici on the first RDAP hop.
  "lookup example.com": { argv: lookupArgs("example.com"), target: 2.5 },
};
let results;
try {
  results = interleave(Object.fromEntries(Object.entries(commands).map(([name, c]) => [name, () => runCold(c.argv, { env })])), RUNS);
} finally {
  sandbox.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}

// GNU time prints CPU seconds with two decimals (10 ms steps): the mean of the runs resolves finer than
// their median would.
const mean = (values) => (values.some((v) => v === undefined) ? undefined : values.reduce((a, b) => a + b, 0) / values.length);
const base = { wall: median(results["node -e 0"].map((r) => r.wallMs)), cpu: mean(results["node -e 0"].map((r) => r.cpuMs)) };
console.log(`bench:startup — ${RUNS} cold runs per command, interleaved with node -e 0 (${process.version}, ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")} load)`);
console.log("command            median wall ms  ratio  (median of round ratios)  mean cpu ms  ratio   max RSS MB   target");
let failed = 0;
for (const [name, runs] of Object.entries(results)) {
  const wall = median(runs.map((r) => r.wallMs));
  const cpu = mean(runs.map((r) => r.cpuMs));
  const rss = median(runs.map((r) => r.maxRssKb));
  // Each run's ratio to the node -e 0 run of the same round: steadier than the ratio of medians when
  // the machine's load drifts during the benchmark.
  const roundRatios = runs.map((r, i) => r.wallMs / results["node -e 0"][i].wallMs);
  const ratio = wall / base.wall;
  const target = commands[name].target;
  const verdict = target === undefined ? "" : ratio <= target ? `≤ ${target}× ok` : `≤ ${target}× MISSED`;
  if (target !== undefined && ratio > target) failed += 1;
  console.log(
    `${name.padEnd(20)} ${wall.toFixed(1).padStart(11)} ${ratio.toFixed(2).padStart(6)}  (${median(roundRatios).toFixed(2)})${" ".repeat(21)}` +
      `${cpu === undefined ? "     -" : cpu.toFixed(0).padStart(11)} ${cpu === undefined ? "     -" : (cpu / base.cpu).toFixed(2).padStart(6)}   ${rss === undefined ? "     -" : (rss / 1024).toFixed(1).padStart(10)}   ${verdict}`,
  );
}
if (!hasGnuTime) console.log("(CPU and memory columns need GNU time: apt-get install time)");
console.log(failed === 0 ? "all start-up targets met" : `${failed} start-up target(s) missed (on a loaded machine, re-run on a quiet one)`);
