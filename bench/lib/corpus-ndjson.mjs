// The NDJSON input of the cold `parse --batch` benchmark: every WHOIS answer of ../shared/corpus as one
// {"id","server","query","text"} line, the whole corpus repeated `times` times, written to `path`.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { loadCorpus } from "../../dist/eval/corpus.js";

export async function writeCorpusNdjson(path, times) {
  const cases = loadCorpus(undefined, ["whois"]);
  const lines = cases.map((c) => JSON.stringify({ id: c.id, server: c.server, query: c.query ?? null, text: c.raw }));
  const out = createWriteStream(path);
  for (let copy = 0; copy < times; copy += 1) {
    if (!out.write(`${lines.join("\n")}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { records: cases.length * times, bytes: lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0) * times };
}
