// npm run bench:detect-formats — throughput of the issue #13 readers (DNS server logs, firewalls and
// flow logs, Windows 4688/4104 JSON, auditd; w12: ECS NDJSON and an OCSF array; w15: the cloud DNS logs) through readLog and through detectFiles, against Node's
// readline doing only line splitting on the same file (the floor any line reader pays). Inputs: each
// family's rendering of the eval:detect world (seed 1, default size), repeated to BENCH_LINES lines
// (default 200,000). One core, main thread; best of BENCH_ROUNDS (3). BENCH_KEEP keeps the inputs.
// w19: the binary .evtx rows (`*-evtx-bin`) are written from their JSON twin's events repeated to BENCH_LINES records
// (render-evtx.ts; a binary file cannot be grown by repeating its bytes); readline's column reads those bytes as lines.
// BENCH_FAMILIES=a,b runs only those rows.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "../dist/detect/eval/generate.js";
import { jsonLinesToEvtx } from "../dist/detect/eval/render-evtx.js";
import { loadDetector } from "../dist/detect/eval/detector.js";
import { readLog } from "../dist/detect/readers/index.js";
import { best, readlineOnly } from "./lib/rates.mjs";

const LINES = Number(process.env.BENCH_LINES ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FAMILIES = ["bind-query", "windows-dns", "dnsmasq", "unbound", "panos", "fortigate", "cisco-asa", "pfsense", "vpc-flow", "windows-firewall", "cef", "winsec-ecs", "winsec-evtx", "winsec-nxlog", "auditd", "ecs", "ocsf",
  "route53-resolver", "gcp-cloud-dns", "umbrella-dns", "coredns", // w15: cloud resolvers and DNS security services
  // w15: Windows event XML beside its JSON twin (the same events): Splunk one-per-line and Event Viewer <Events>
  "sysmon-evtx", "sysmon-splunk-xml", "winsec-xml",
  // w19: the binary .evtx of the same events (Sysmon's and Security/PowerShell's)
  "sysmon-evtx-bin", "winsec-evtx-bin"];
/** A binary rendering and the JSON twin its events are written from. */
const EVTX_TWINS = { "sysmon-evtx-bin": "sysmon-evtx", "winsec-evtx-bin": "winsec-evtx" };
const ONLY = process.env.BENCH_FAMILIES ? new Set(process.env.BENCH_FAMILIES.split(",")) : undefined;

/** Units per second of the fastest of ROUNDS runs. */
async function rate(fn) {
  const r = await best(fn, ROUNDS);
  return r.units / r.seconds;
}

/** The twin's EVTX-to-JSON lines repeated to at least LINES events, written as one .evtx file. */
function growEvtx(src, dst) {
  const lines = readFileSync(src, "utf8").split("\n").filter((l) => l.trim() !== "");
  writeFileSync(dst, jsonLinesToEvtx(`${lines.join("\n")}\n`.repeat(Math.max(1, Math.ceil(LINES / Math.max(1, lines.length))))));
}

/** The rendering's file repeated (header lines too, as a rotated log set would) to at least LINES lines. */
function grow(src, dst) {
  const text = readFileSync(src, "utf8");
  // Records per copy: lines, or Windows XML events where there are more of those than lines.
  const per = Math.max(text.split("\n").length - 1, text.split("</Event>").length - 1);
  writeFileSync(dst, text.repeat(Math.max(1, Math.ceil(LINES / Math.max(1, per)))));
}

const dir = mkdtempSync(join(tmpdir(), "whoislens-bench-formats-"));
try {
  const labels = generate(join(dir, "world"), { seed: 1, gzip: false });
  const raw = await loadDetector();
  const detect = raw && ((paths) => raw(paths, { orgDomains: labels.orgDomains, orgDomainsFile: "" }));
  console.log(`bench:detect-formats — ${LINES.toLocaleString("en")}+ lines per family from the eval:detect world (seed 1); best of ${ROUNDS}; Node ${process.version}`);
  console.log(`${"family".padEnd(12)} ${"MB".padStart(5)} ${"readLog/s".padStart(11)} ${"+detect/s".padStart(11)} ${"readline/s".padStart(11)}  readLog÷rl  detect÷rl`);
  for (const name of FAMILIES) {
    if (ONLY && !ONLY.has(name)) continue;
    const twin = EVTX_TWINS[name];
    const r = labels.renderings.find((x) => x.name === (twin ?? name));
    if (!r) continue;
    const path = join(dir, twin ? `${name}.evtx` : `${name}.log`);
    (twin ? growEvtx : grow)(join(dir, "world", r.files[0]), path);
    const reader = await rate(async () => (await readLog(path, () => {})).lines);
    const full = detect ? await rate(async () => (await detect([path])).stats.reduce((s, st) => s + st.lines, 0)) : undefined;
    const rl = await rate(() => readlineOnly(path));
    const n = (x) => (x === undefined ? "—" : Math.round(x).toLocaleString("en")).padStart(11);
    console.log(`${name.padEnd(12)} ${(statSync(path).size / 1e6).toFixed(0).padStart(5)} ${n(reader)} ${n(full)} ${n(rl)}  ${(reader / rl).toFixed(2).padStart(10)}  ${full === undefined ? "—" : (full / rl).toFixed(2).padStart(9)}`);
  }
} finally {
  if (process.env.BENCH_KEEP) console.log(`inputs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
