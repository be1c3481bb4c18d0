// The peer side of the cold `parse --batch` benchmark: what a user of whoiser would run to parse the
// same NDJSON file — read lines from stdin, parse each answer with whoiser's parser, write one
// {"id","record"} JSON line per answer to stdout. Output is batched into ~64 KB writes that respect
// backpressure, so the peer is not slowed by one write per line.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);
const { parseDomainWhois } = require("whoiser/src/parsers.js");

let pending = [];
let size = 0;
const flush = async () => {
  if (pending.length === 0) return;
  const chunk = pending.join("");
  pending = [];
  size = 0;
  if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once("drain", resolve));
};
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line === "") continue;
  let out;
  try {
    const input = JSON.parse(line);
    out = JSON.stringify({ id: input.id ?? null, record: parseDomainWhois(input.query ?? "", input.text) });
  } catch (error) {
    out = JSON.stringify({ id: null, error: String(error) });
  }
  pending.push(`${out}\n`);
  size += out.length;
  if (size >= 65536) await flush();
}
await flush();
