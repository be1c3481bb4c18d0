/** The JSON document splitter (readers/json-doc.ts): the same records whatever the chunk boundaries, wrappers found at any depth, caps. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonDocSplitter, isJsonDocument } from "../../../src/detect/readers/json-doc.js";
import { LineResult } from "../../../src/detect/readers/common.js";
import type { ReadStats } from "../../../src/detect/types.js";

function split(text: string, chunk: number, maxBytes = 1 << 20): { records: string[]; stats: ReadStats } {
  const records: string[] = [];
  const stats: ReadStats = { file: "t", format: "ecs", lines: 0, events: 0, skipped: 0, malformed: 0 };
  const s = new JsonDocSplitter({ line: (buf, start, end) => (records.push(buf.toString("utf8", start, end)), LineResult.Event) }, stats, maxBytes);
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end(false);
  return { records: records.map((r) => JSON.stringify(JSON.parse(r))), stats };
}

const docs = [{ a: 1, s: "brace } and [ bracket \" quote \\ back", n: { deep: [1, { x: "]" }] } }, { "@timestamp": "t", events: "not a wrapper value", é: "ü" }, { b: [] }];

describe("JsonDocSplitter", () => {
  const cases: [string, string][] = [
    ["array", JSON.stringify(docs)],
    ["pretty array", JSON.stringify(docs, null, 2)],
    ["objects back to back", docs.map((d) => JSON.stringify(d)).join("")],
    ["pretty objects", docs.map((d) => JSON.stringify(d, null, 2)).join("\n")],
    ["Defender API answer", JSON.stringify({ Schema: [{ Name: "x", Type: "String" }], Results: docs, Stats: { rows: 3 } })],
    ["Elasticsearch answer", JSON.stringify({ took: 1, hits: { total: { value: 3 }, hits: docs } }, null, 1)],
    ["CloudWatch payload", JSON.stringify({ messageType: "DATA_MESSAGE", subscriptionFilters: ["f"], logEvents: docs })],
    ["filter-log-events", JSON.stringify({ events: docs, searchedLogStreams: [{ logStreamName: "s", searchedCompletely: true }], nextToken: "]}" })],
  ];
  for (const [name, text] of cases) {
    it(`${name}: the same records at every chunk size`, () => {
      const want = docs.map((d) => JSON.stringify(d));
      for (const chunk of [1, 2, 3, 7, 64, 1 << 16]) {
        const { records, stats } = split(text, chunk);
        expect(records, `${name} / ${chunk}`).toEqual(want);
        expect(stats.malformed).toBe(0);
      }
    });
  }

  it("any array of objects, pretty or compact, at any chunk size: the records JSON.parse sees", () => {
    const record = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
    fc.assert(fc.property(fc.array(record, { maxLength: 6 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), (records, chunk, pretty) => {
      const text = pretty ? JSON.stringify(records, null, 2) : JSON.stringify(records);
      const got = split(text, chunk).records;
      expect(got).toEqual((JSON.parse(text) as object[]).map((r) => JSON.stringify(r)));
    }), { numRuns: 300 });
  });

  it("a record over the cap is one malformed record; the splitter goes on", () => {
    const { records, stats } = split(JSON.stringify([{ big: "x".repeat(5000) }, { small: 1 }]), 100, 1000);
    expect(records).toEqual([JSON.stringify({ small: 1 })]);
    expect(stats.malformed).toBe(1);
  });

  it("a document cut off inside a record counts it malformed", () => {
    const { records, stats } = split('[{"a":1},{"b":', 4);
    expect(records).toEqual(['{"a":1}']);
    expect(stats.malformed).toBe(1);
  });

  it("tells documents from NDJSON and from text logs that start with a bracket", () => {
    const yes = ["[{\"a\":1}]", "[\n  {\n", "[]", "{\n  \"a\": 1\n}\n", '{"Results":[{"a":1}]}\n', '{"hits":{"hits":[]}}\n', "{\"a\":1}{\"b\":2}\n"];
    const no = ['{"a":1}\n{"b":2}\n', '{"a":1,"cut off\n{"b":2}\n', "[1796549086] unbound[13447:0] info: start\n", "[Tue Dec 06 2026] x\n", "Dec  6 14:00:00 host x\n", '{"events":"x"}\n'];
    for (const t of yes) expect(isJsonDocument(Buffer.from(t)), t).toBe(true);
    for (const t of no) expect(isJsonDocument(Buffer.from(t)), t).toBe(false);
  });
});
