import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sniffFormat } from "../../../src/detect/readers/index.js";
import { LOG_FORMATS, type LogFormat } from "../../../src/detect/types.js";
import { FIXTURES, readAll, tempFile } from "./helpers.js";

const FORMATS: LogFormat[] = [...LOG_FORMATS];
const SEEDS = ["zeek-conn.log", "zeek-json.log", "eve.json", "sysmon-ecs.json", "sysmon-evtx.json", "firewall-syslog.log", "firewall.csv", "squid-access.log",
  "bind-query-full.log", "windows-dns.log", "dnsmasq-extra.log", "unbound.log", "panos-traffic.log", "fortigate-traffic.log", "cisco-asa.log",
  "pfsense-filterlog.log", "vpc-flow.log", "winevent-ecs.json", "winevent-evtx.json", "auditd.log"];

let n = 0;
async function neverThrows(bytes: Uint8Array, format?: LogFormat): Promise<void> {
  const p = tempFile(`fuzz-${n++}.bin`, Buffer.from(bytes));
  const { stats, events } = await readAll(p, format === undefined ? {} : { format, maxLineBytes: 4096 });
  expect(stats.skipped + stats.malformed).toBeLessThanOrEqual(stats.lines);
  expect(stats.events).toBe(events.length);
  for (const e of events) {
    expect(typeof e.ts).toBe("number");
    expect((e.evidence.text ?? "").length).toBeLessThanOrEqual(512);
  }
}

describe("readers never throw on hostile input", () => {
  it("random bytes, sniffed and forced into every format", async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(undefined, ...FORMATS), neverThrows), { numRuns: 300 });
  });

  it("random text lines in every format", async () => {
    const line = fc.array(fc.constantFrom("{", "}", '"', ":", ",", "\t", " ", "=", "#fields", "event_type", "SRC=", "DST=", "\\x", "1700000000.5",
      "10.0.0.1", "-", "[", "]", "__proto__", "winlog", "Event", "EventID", "System", "#text", "@Name", "queries", "\r", "\u0000", "é",
      // w12: the SIEM/EDR schemas and JSON documents
      '"@timestamp":"2026-12-06T14:00:00Z"', '"class_uid":4001', '"time":1', '"DeviceName"', '"ActionType"', '"Results":[', '"logEvents":[', '"hits":{', '"message":"2 1 eni-1',
      '"source":{"ip":"10.0.0.1"}', '"destination":{"ip":"10.0.0.2","port":43}', '"_source":', '\\"'), { maxLength: 60 }).map((a) => a.join(""));
    await fc.assert(fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.constantFrom(undefined, ...FORMATS), async (lines, format) => {
      await neverThrows(Buffer.from(lines.join("\n")), format);
    }), { numRuns: 300 });
  });

  it("byte flips of every fixture", async () => {
    const seeds = SEEDS.map((f) => readFileSync(join(FIXTURES, f)));
    await fc.assert(fc.asyncProperty(fc.nat(seeds.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 20 }), async (i, flips) => {
      const b = Buffer.from(seeds[i] ?? Buffer.alloc(0));
      for (const [at, v] of flips) if (b.length > 0) b[at % b.length] = v;
      await neverThrows(b);
    }), { numRuns: 300 });
  });

  it("sniffFormat never throws", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), (b) => {
      expect(typeof sniffFormat(Buffer.from(b))).toBe("string");
    }), { numRuns: 1000 });
  });
});

describe("line splitting does not depend on chunk boundaries", () => {
  it("any chunking of a fixture gives the same events and counters", async () => {
    const { LineSplitter } = await import("../../../src/detect/readers/lines.js");
    const { eveParser } = await import("../../../src/detect/readers/eve.js");
    const { zeekTsvParser } = await import("../../../src/detect/readers/zeek.js");
    const cases = [{ file: "eve.json", make: eveParser, format: "suricata-eve" as const }, { file: "zeek-conn.log", make: zeekTsvParser, format: "zeek-conn" as const }];
    const run = (data: Buffer, cuts: number[], c: (typeof cases)[number], max: number) => {
      const stats = { file: "x", format: c.format, lines: 0, events: 0, skipped: 0, malformed: 0 };
      const out: unknown[] = [];
      const splitter = new LineSplitter(c.make({ file: "x", stats, emit: (e) => { stats.events++; out.push({ ...e, evidence: e.evidence.line }); } }, c.format), stats, max);
      let at = 0;
      for (const cut of [...cuts.map((x) => x % (data.length + 1))].sort((a, b) => a - b)) {
        splitter.push(data.subarray(at, Math.max(at, cut)));
        at = Math.max(at, cut);
      }
      splitter.push(data.subarray(at));
      splitter.end();
      return { stats, out };
    };
    for (const c of cases) {
      const data = readFileSync(join(FIXTURES, c.file));
      fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 40 }), fc.constantFrom(64, 200, 100_000), (cuts, max) => {
        expect(run(data, cuts, c, max)).toEqual(run(data, [], c, max));
      }), { numRuns: 300 });
    }
  });
});
