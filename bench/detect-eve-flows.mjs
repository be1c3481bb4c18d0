// Suricata EVE flow lines through `whoislens detect`, this build against another (w24, issue #13).
// Usage: node bench/detect-eve-flows.mjs [BASE_DIR] — BASE_DIR: a built checkout to compare with (bin/whoislens).
// Writes 200,000 flow lines (half with a tcp object, half without; 20% to port 43) to a temp file, then runs the
// builds alternately, five pairs, and prints each wall time and the medians (noisy on a shared machine: pairs).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const LINES = Number(process.env.BENCH_LINES ?? 200_000);
const PAIRS = Number(process.env.BENCH_ROUNDS ?? 5);
const here = join(import.meta.dirname, "..");
const base = process.argv[2];

const iso = (ms) => new Date(ms).toISOString().replace("Z", "000+0000");
const T0 = Date.UTC(2026, 11, 6, 9, 0, 0);
const lines = [];
for (let i = 0; i < LINES; i++) {
  const ts = T0 + i * 10;
  const o = { timestamp: iso(ts + 60_000), flow_id: 1e6 + i, in_iface: "ens192", event_type: "flow", src_ip: `10.0.${(i >> 8) & 255}.${i & 255}`, src_port: 40_000 + (i % 20_000),
    dest_ip: `198.51.100.${i % 200}`, dest_port: [443, 80, 53, 43, 22][i % 5], proto: "TCP",
    flow: { pkts_toserver: 6, pkts_toclient: 5, bytes_toserver: 426, bytes_toclient: 1890, start: iso(ts), end: iso(ts + 5), age: 0, state: "closed", reason: "timeout", alerted: false } };
  if (i % 2 === 0) o.tcp = { tcp_flags: "1b", tcp_flags_ts: "1b", tcp_flags_tc: "1b", syn: true, fin: true, psh: true, ack: true, state: "closed" };
  lines.push(JSON.stringify(o));
}
const file = join(mkdtempSync(join(tmpdir(), "wl-eve-bench-")), "eve.json");
writeFileSync(file, `${lines.join("\n")}\n`);

const time = (dir) => {
  const start = process.hrtime.bigint();
  // detect exits 1 when it raised alerts: only a crash (no status) is a failure.
  const run = spawnSync(join(dir, "bin", "whoislens"), ["detect", "--format", "ndjson", file], { stdio: "ignore" });
  if (run.status === null || run.status > 1) throw new Error(`${dir}: detect failed (${run.status ?? run.signal})`);
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = { this: [], base: [] };
for (let r = 0; r < PAIRS; r++) {
  if (base !== undefined) runs.base.push(time(base));
  runs.this.push(time(here));
}
for (const [name, xs] of Object.entries(runs)) if (xs.length > 0) console.log(`${name}: ${xs.map((x) => x.toFixed(0)).join(" / ")} ms, median ${median(xs).toFixed(0)}`);
if (base !== undefined) console.log(`ratio this/base: ${(median(runs.this) / median(runs.base)).toFixed(2)}`);
