// npm run bench:detect — reader and detector throughput on a 1,000,000-line Zeek conn log, a Suricata
// EVE file (mixed event types) and a pcap, against peers measured in the same run: Node's readline
// doing only line splitting (the floor any line reader pays) and, for the pcap, Debian's tshark
// (`tshark -r f -T fields -e tcp.dstport`, skipped when absent). One core: everything runs on the main
// thread. Then issue #19's SYN flood (150,000 SYNs to 43/tcp, flow table full): seconds per 100k packets.
// BENCH_ZEEK_LINES, BENCH_EVE_EVENTS, BENCH_PCAP_PACKETS, BENCH_SYN_PACKETS, BENCH_ROUNDS, BENCH_KEEP override.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readLog } from "../dist/detect/readers/index.js";
import * as writer from "../dist/detect/pcap/write.js";
import { loadDetector } from "../dist/detect/eval/detector.js";
import { eve, pcap, synFlood, zeekConn } from "./lib/detect-data.mjs";
import { best as bestOf, readlineOnly } from "./lib/rates.mjs";

const ZEEK_LINES = Number(process.env.BENCH_ZEEK_LINES ?? 1_000_000);
const EVE_EVENTS = Number(process.env.BENCH_EVE_EVENTS ?? 300_000);
const PCAP_PACKETS = Number(process.env.BENCH_PCAP_PACKETS ?? 200_000);
const SYN_PACKETS = Number(process.env.BENCH_SYN_PACKETS ?? 150_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGETS = { zeek: 500_000, eve: 150_000, synSecondsPer100k: 2 };

/** detectFiles (or, before it exists, readLog into the engine's streaming detector), as eval:detect uses it. */
async function loadDetect() {
  const detect = await loadDetector();
  return detect && ((paths) => detect(paths, { orgDomains: ["northwind-traders.com"], orgDomainsFile: "" }));
}

/** Best of the rounds, wall time (the table) and CPU time (user + system, all threads): on a loaded machine the CPU rate moves less. */
async function best(fn) {
  let cpuSeconds = Infinity;
  const r = await bestOf(async () => {
    const c0 = process.cpuUsage();
    const units = await fn();
    const c = process.cpuUsage(c0);
    cpuSeconds = Math.min(cpuSeconds, (c.user + c.system) / 1e6);
    return units;
  }, ROUNDS);
  return { ...r, cpuSeconds };
}

function tshark(path) {
  const probe = spawnSync("tshark", ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) return undefined;
  const version = probe.stdout.split("\n")[0];
  let min = Infinity;
  for (let i = 0; i < ROUNDS; i += 1) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync("tshark", ["-r", path, "-T", "fields", "-e", "tcp.dstport"], { stdio: ["ignore", "ignore", "ignore"] });
    if (r.status !== 0) return undefined;
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { seconds: min, version };
}

const dir = mkdtempSync(join(tmpdir(), "whoislens-bench-detect-"));
const files = { zeek: join(dir, "conn.log"), eve: join(dir, "eve.json"), pcap: join(dir, "capture.pcap"), syn: join(dir, "syn-flood.pcap") };
try {
  const t0 = Date.now();
  await zeekConn(files.zeek, ZEEK_LINES);
  await eve(files.eve, EVE_EVENTS);
  const packets = await pcap(files.pcap, PCAP_PACKETS, writer);
  await synFlood(files.syn, SYN_PACKETS, writer);
  const mb = (f) => (statSync(f).size / 1e6).toFixed(0);
  console.log(`bench:detect — inputs in ${((Date.now() - t0) / 1000).toFixed(1)} s: Zeek conn ${ZEEK_LINES.toLocaleString("en")} lines (${mb(files.zeek)} MB), EVE ${EVE_EVENTS.toLocaleString("en")} events (${mb(files.eve)} MB), pcap ${packets.toLocaleString("en")} packets (${mb(files.pcap)} MB); best of ${ROUNDS} rounds, Node ${process.version}`);
  const detectFiles = await loadDetect();
  const rows = [];
  for (const [name, path, unit] of [["Zeek conn TSV", files.zeek, "lines"], ["Suricata EVE", files.eve, "events"], ["pcap", files.pcap, "packets"]]) {
    const reader = await best(async () => (await readLog(path, () => {})).lines);
    const row = { name, unit, units: reader.units, reader: reader.units / reader.seconds };
    if (detectFiles) {
      const d = await best(async () => (await detectFiles([path])).stats.reduce((s, st) => s + st.lines, 0));
      row.detect = d.units / d.seconds;
      row.detectCpu = d.units / d.cpuSeconds;
    }
    if (unit !== "packets") {
      const rl = await best(() => readlineOnly(path));
      row.peer = { name: "readline (split only)", rate: rl.units / rl.seconds };
    } else {
      const ts = tshark(path);
      if (ts) row.peer = { name: `tshark (${ts.version.replace(/^TShark \(Wireshark\) /, "")})`, rate: packets / ts.seconds };
    }
    rows.push(row);
  }
  const fmt = (x) => (x === undefined ? "—" : Math.round(x).toLocaleString("en")).padStart(11);
  console.log(`${"input".padEnd(15)} ${"readLog/s".padStart(11)} ${"+detect/s".padStart(11)} ${"peer/s".padStart(11)}  readLog÷peer  detect÷peer  peer`);
  for (const r of rows) {
    const ratio = (x) => (x === undefined || r.peer === undefined ? "—" : (x / r.peer.rate).toFixed(2)).padStart(12);
    console.log(`${r.name.padEnd(15)} ${fmt(r.reader)} ${fmt(r.detect)} ${fmt(r.peer?.rate)} ${ratio(r.reader)} ${ratio(r.detect)}  ${r.peer?.name ?? "(tshark absent: skipped)"}`);
  }
  if (!detectFiles) console.log("detectFiles not built yet: +detect column skipped");
  else console.log(`+detect per CPU second (best round; less sensitive to other load): ${rows.map((r) => `${r.name} ${Math.round(r.detectCpu).toLocaleString("en")} ${r.unit}`).join("; ")}`);
  // Issue #19: a SYN flood to 43/tcp (flow table full, oldest evicted). Median of the rounds, wall and CPU time.
  if (detectFiles) {
    const wall = [], cpu = [];
    let evicted = 0;
    for (let i = 0; i < ROUNDS; i += 1) {
      const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
      const r = await detectFiles([files.syn]);
      const c = process.cpuUsage(c0);
      wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
      cpu.push((c.user + c.system) / 1e6);
      evicted = r.stats[0]?.evicted ?? 0;
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const per100k = (x) => (x * 100_000) / SYN_PACKETS;
    const w = per100k(median(wall)), c = per100k(median(cpu));
    console.log(`SYN flood to 43/tcp: ${SYN_PACKETS.toLocaleString("en")} packets, ${evicted.toLocaleString("en")} flows evicted; median ${w.toFixed(2)} s wall, ${c.toFixed(2)} s CPU per 100k packets (≤ ${TARGETS.synSecondsPer100k} s) ${w <= TARGETS.synSecondsPer100k ? "met" : "NOT met"}${w > TARGETS.synSecondsPer100k && c <= TARGETS.synSecondsPer100k ? " (CPU time meets it: the machine is loaded)" : ""}`);
  }
  const zeekRate = rows[0].detect ?? rows[0].reader, eveRate = rows[1].detect ?? rows[1].reader;
  const what = detectFiles ? "readLog+detect" : "readLog only";
  console.log(`targets (${what}): Zeek TSV ${Math.round(zeekRate).toLocaleString("en")} lines/s (≥ ${TARGETS.zeek.toLocaleString("en")}) ${zeekRate >= TARGETS.zeek ? "met" : "NOT met"}; EVE ${Math.round(eveRate).toLocaleString("en")} events/s (≥ ${TARGETS.eve.toLocaleString("en")}) ${eveRate >= TARGETS.eve ? "met" : "NOT met"}`);
} finally {
  if (process.env.BENCH_KEEP) console.log(`inputs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
