// Whole-process timing for bench:startup and the cold section of bench:parse: each run is a fresh
// process, started the way a user starts it. Wall time comes from hrtime around the spawn; user+system
// CPU and peak memory come from GNU time (`/usr/bin/time -f`, Debian package "time") when it is
// installed. CPU time is what to compare on a busy machine: wall time there mostly measures the queue.
import { spawnSync } from "node:child_process";
import { existsSync, openSync, closeSync } from "node:fs";

const GNU_TIME = "/usr/bin/time";
const hasGnuTime = existsSync(GNU_TIME);
const MARK = "@@cold-process ";

/**
 * Runs `argv` once to completion and returns { wallMs, cpuMs, maxRssKb, status }; cpuMs/maxRssKb are
 * undefined without GNU time. `stdinFile` is opened as the child's standard input; stdout goes to
 * /dev/null unless `capture` is set (then `stdout` is returned).
 */
export function runCold(argv, { stdinFile, env, capture = false, cwd } = {}) {
  const stdin = stdinFile === undefined ? "ignore" : openSync(stdinFile, "r");
  const command = hasGnuTime ? [GNU_TIME, "-f", `${MARK}%U %S %M`, ...argv] : argv;
  try {
    const started = process.hrtime.bigint();
    const child = spawnSync(command[0], command.slice(1), {
      stdio: [stdin, capture ? "pipe" : "ignore", "pipe"],
      env: env ?? process.env,
      cwd,
      maxBuffer: 1 << 30,
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (child.error) throw child.error;
    const stderr = child.stderr.toString();
    const line = stderr.split("\n").find((l) => l.startsWith(MARK));
    const [user, system, rss] = line ? line.slice(MARK.length).trim().split(" ").map(Number) : [];
    return {
      wallMs,
      cpuMs: line ? (user + system) * 1000 : undefined,
      maxRssKb: line ? rss : undefined,
      status: child.status,
      stderr: stderr.split("\n").filter((l) => !l.startsWith(MARK)).join("\n"),
      stdout: capture ? child.stdout.toString() : undefined,
    };
  } finally {
    if (typeof stdin === "number") closeSync(stdin);
  }
}

export const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs every case `runs` times, interleaved (one run of each case per round, the order rotating each
 * round), so a slow spell of a shared machine falls on all cases alike. Returns name → run results.
 */
export function interleave(cases, runs, { warmup = 1 } = {}) {
  const names = Object.keys(cases);
  for (const name of names) for (let i = 0; i < warmup; i += 1) check(name, cases[name]());
  const results = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < runs; round += 1) {
    for (let turn = 0; turn < names.length; turn += 1) {
      const name = names[(round + turn) % names.length];
      results[name].push(check(name, cases[name]()));
    }
  }
  return results;
}

function check(name, result) {
  if (result.status !== 0) throw new Error(`${name}: exit ${result.status}: ${result.stderr.slice(0, 500)}`);
  return result;
}

export { hasGnuTime };
