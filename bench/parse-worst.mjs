// npm run bench:parse-worst (also the last section of npm run bench:parse) — issue #19: every worst case of
// test/parse/worst-case.mjs at the 1 MiB size cap, parsed from its text as a lookup would (parseAnswer:
// JSON.parse + parseRdap, or parseWhoisText), median of BENCH_WORST_ROUNDS (default 5) runs after one
// warm-up run, against the 0.5 s target. Needs `npm run build` first.
import { parseAnswer } from "../dist/parse/index.js";
import { allWorstCases, MIB } from "../test/parse/worst-case.mjs";

const TARGET_MS = 500;

export function worstCaseSection(rounds = Number(process.env.BENCH_WORST_ROUNDS ?? 5)) {
  const cases = allWorstCases(MIB).map((c) => ({ ...c, text: typeof c.input === "string" ? c.input : JSON.stringify(c.input) }));
  console.log(`worst cases (1 MiB each), median of ${rounds} runs, target ≤ ${TARGET_MS} ms`);
  console.log("kind   case                         ms   kept (ns/statuses/contacts)");
  let worst = 0;
  for (const c of cases) {
    parseAnswer(c.text);
    const times = [];
    let record;
    for (let round = 0; round < rounds; round += 1) {
      const started = process.hrtime.bigint();
      record = parseAnswer(c.text);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    worst = Math.max(worst, median);
    const kept = `${record.nameservers?.length ?? 0}/${record.statuses?.length ?? 0}/${record.contacts?.length ?? 0}`;
    console.log(`${c.kind.padEnd(6)} ${c.name.padEnd(24)} ${median.toFixed(1).padStart(8)}   ${kept}${median > TARGET_MS ? "   OVER TARGET" : ""}`);
  }
  console.log(`slowest worst case: ${worst.toFixed(1)} ms (target ≤ ${TARGET_MS} ms): ${worst <= TARGET_MS ? "met" : "NOT met"}`);
  return worst;
}

if (import.meta.url === `file://${process.argv[1]}`) worstCaseSection();
