// One fresh process that times only the parser over an NDJSON batch file (bench:parse's cold breakdown):
// the file is read and every line JSON-parsed before the clock starts, then each answer is parsed once,
// in order, as `parse --batch` would, from the first (cold, interpreted) call on. Prints one JSON line:
// { parseMs, firstMs, lastMs } — the whole parse, and the first and last twentieth of the answers, so the
// JIT warm-up shows as their difference. Usage: node cold-parse-only.mjs whoislens|whoiser FILE
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [tool, file] = process.argv.slice(2);
const answers = readFileSync(file, "utf8").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line)).filter((a) => typeof a.text === "string");
let parse;
if (tool === "whoislens") {
  const { parseWhoisText } = await import(new URL("../../dist/parse/index.js", import.meta.url).href);
  parse = (a) => parseWhoisText(a.text, { server: a.server || undefined, query: a.query || undefined });
} else if (tool === "whoiser") {
  const { parseDomainWhois } = createRequire(import.meta.url)("whoiser/src/parsers.js");
  parse = (a) => parseDomainWhois(a.query ?? "", a.text);
} else {
  throw new Error(`unknown tool ${tool}`);
}
const slice = Math.max(1, Math.floor(answers.length / 20));
const at = [];
let sink = 0;
const started = process.hrtime.bigint();
for (let index = 0; index < answers.length; index += 1) {
  if (index % slice === 0) at.push(process.hrtime.bigint());
  sink += parse(answers[index]) === undefined ? 0 : 1;
}
const ended = process.hrtime.bigint();
at.push(ended);
const ms = (from, to) => Number(to - from) / 1e6;
process.stdout.write(`${JSON.stringify({ parseMs: ms(started, ended), firstMs: ms(at[0], at[1]), lastMs: ms(at[at.length - 3], at[at.length - 2]), parsed: sink })}\n`);
