// npm run eval:detect [-- --failures] [--dir DIR] [--seed N] [--held-out N | --no-held-out]
//                     [--size small|default|large] [--keep DIR] [--only zeek-tsv,squid,...]
// Without --dir: generates a labelled set per seed into a temp directory (or --keep DIR), runs
// detectFiles on every rendering and scores it. With --dir: scores a directory of logs that holds
// a labels.json (same layout), e.g. logs that are not in the repo. Exit 1 below the thresholds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadDetector } from "./detector.js";
import { evaluate } from "./evaluate.js";
import { generate, type GenerateOptions } from "./generate.js";
import { formatReport, summarize } from "./report.js";

export const SIZES: Record<string, GenerateOptions> = {
  small: { hosts: 90, hours: 2, perKind: 3, sessionsPerHostHour: 8 },
  default: { hosts: 160, hours: 3, perKind: 6, sessionsPerHostHour: 12 },
  large: { hosts: 400, hours: 8, perKind: 15, sessionsPerHostHour: 20 },
};

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv, allowPositionals: false,
    options: {
      dir: { type: "string" }, seed: { type: "string", default: "1" }, "held-out": { type: "string", default: "1001" },
      "no-held-out": { type: "boolean" }, size: { type: "string", default: "default" }, keep: { type: "string" },
      failures: { type: "boolean" }, only: { type: "string" },
    },
  });
  const detect = await loadDetector();
  if (!detect) {
    process.stderr.write("eval:detect: no detectFiles in dist/detect (build first: npm run build)\n");
    return 2;
  }
  const only = values.only ? (name: string) => values.only!.split(",").includes(name) : undefined;
  if (values.dir) {
    const result = await evaluate(values.dir, detect, { only });
    process.stdout.write(`${formatReport(values.dir, result, values.failures === true)}\n`);
    return summarize(result).pass ? 0 : 1;
  }
  const size = SIZES[values.size];
  if (!size) {
    process.stderr.write(`eval:detect: --size must be one of ${Object.keys(SIZES).join(", ")}\n`);
    return 2;
  }
  const seeds: [string, number][] = [["development seed", Number(values.seed)]];
  if (values["no-held-out"] !== true) seeds.push(["held-out seed", Number(values["held-out"])]);
  let pass = true;
  for (const [title, seed] of seeds) {
    if (!Number.isInteger(seed)) {
      process.stderr.write("eval:detect: --seed and --held-out take integers\n");
      return 2;
    }
    const dir = values.keep ? join(values.keep, `seed-${seed}`) : mkdtempSync(join(tmpdir(), "whoislens-eval-"));
    try {
      const t0 = Date.now();
      generate(dir, { ...size, seed });
      process.stdout.write(`generated ${dir} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      const result = await evaluate(dir, detect, { only });
      process.stdout.write(`${formatReport(title, result, values.failures === true)}\n\n`);
      pass = summarize(result).pass && pass;
    } finally {
      if (!values.keep) rmSync(dir, { recursive: true, force: true });
    }
  }
  return pass ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: unknown) => {
    process.stderr.write(`eval:detect: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  });
}
