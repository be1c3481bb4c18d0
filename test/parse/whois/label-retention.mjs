// Parses 100 answers of 1 MiB, each bringing a label never seen before, then prints the heap in use after a
// full collection. test/parse/whois/fast-paths.test.ts runs it with --expose-gc: the label memos must not keep the
// answers alive (a label cut from an answer is a view into it, issue #13). Argument: the folder holding the
// built parse/ tree (dist/ by default).
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = process.argv[2] ?? fileURLToPath(new URL("../../../dist/", import.meta.url));
const { parseWhoisText } = await import(pathToFileURL(join(root, "parse/whois/index.js")).href);

const ANSWERS = 100;
const filler = "% Terms of use: this comment line fills the answer up to its size cap.\n".repeat(15_000).slice(0, 1024 * 1024 - 200);
globalThis.gc();
const before = process.memoryUsage().heapUsed;
let fields = 0;
for (let index = 0; index < ANSWERS; index += 1) {
  // Built by concatenation and flattened by the parser's own reads, as a batch line's text is.
  // Two new labels each: one the parser rewrites ("Unusual Label Number 7" -> "unusual label number 7"), one
  // already in normal form ("unusuallabelnumber7"), whose normal form is the label itself.
  const answer = `Domain Name: example${index}.com\nUnusual Label Number ${index}: value\nunusuallabelnumber${index}: value\n${filler}${index}`;
  fields += Object.keys(parseWhoisText(answer, { query: `example${index}.com` })).length;
}
globalThis.gc();
const retained = process.memoryUsage().heapUsed - before;
console.log(JSON.stringify({ fields, retainedMiB: Math.round(retained / 1024 / 1024) }));
