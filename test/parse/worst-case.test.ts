// Issue #19: parsing is linear. Every worst case of worst-case.mjs (1 MiB, the transport's cap) must parse
// far below the 0.5 s target: `npm run bench:parse-worst` measures that. Here only a tripwire: 3 s of this
// process's CPU time (the slowest case takes ~170 ms of CPU; other processes on a loaded machine add to the
// wall clock, not to this), while the quadratic de-duplication it guards against took 3–9 s per case.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAnswer } from "../../src/parse/index.js";
import { parseRdap } from "../../src/parse/rdap/index.js";
import { parseWhoisText } from "../../src/parse/whois/index.js";
import { RECORD_LIMITS, UniqueList } from "../../src/parse/limits.js";
import { allWorstCases, MIB, RDAP_WORST_CASES, WHOIS_WORST_CASES } from "./worst-case.mjs";
import { cpuTimed } from "../helpers/cpu-time.js";

/** Quadratic-time tripwire, in CPU ms of this process (not wall time). */
const TRIPWIRE_CPU_MS = 3000;

function timed<T>(run: () => T): { value: T; ms: number } {
  const { value, cpuMs } = cpuTimed(run);
  return { value, ms: cpuMs };
}

describe("worst-case answers parse in linear time (issue #19; CPU-time tripwire, the timing is bench:parse-worst's)", () => {
  const cases = allWorstCases(MIB);
  it.each(cases.map((c) => [c.kind, c.name, c] as const))("%s %s (1 MiB)", (_kind, _name, item) => {
    const text = typeof item.input === "string" ? item.input : JSON.stringify(item.input);
    expect(text.length).toBeGreaterThanOrEqual(MIB - 200);
    const { value: record, ms } = timed(() => parseAnswer(text));
    expect(ms).toBeLessThan(TRIPWIRE_CPU_MS);
    expect(record.source.protocol).toBe(item.kind);
    expect(record.nameservers?.length ?? 0).toBeLessThanOrEqual(RECORD_LIMITS.nameservers);
    expect(record.statuses?.length ?? 0).toBeLessThanOrEqual(RECORD_LIMITS.statuses);
    expect(record.contacts?.length ?? 0).toBeLessThanOrEqual(RECORD_LIMITS.contacts);
  });
});

describe("what one record keeps is capped, and the record says so", () => {
  it("keeps the first 100 distinct name servers of a WHOIS answer listing thousands, with a note", () => {
    const record = parseWhoisText(WHOIS_WORST_CASES["many name servers"]?.(200_000) ?? "");
    expect(record.nameservers).toHaveLength(RECORD_LIMITS.nameservers);
    expect(record.nameservers?.[0]?.name).toBe("ns0.host0.example.net");
    expect(record.nameservers?.[99]?.name).toBe("ns99.host99.example.net");
    expect(record.notes?.some((note) => note.startsWith("name servers: kept the first 100"))).toBe(true);
  });

  it("keeps each status once and at most 100 of them", () => {
    const record = parseWhoisText(WHOIS_WORST_CASES["many statuses"]?.(100_000) ?? "");
    expect(record.statuses).toHaveLength(RECORD_LIMITS.statuses);
    expect(new Set(record.statuses).size).toBe(RECORD_LIMITS.statuses);
    expect(record.notes?.some((note) => note.startsWith("statuses: kept the first 100"))).toBe(true);
  });

  it("keeps one name server and one copy of its glue when the same one is listed again and again", () => {
    const record = parseWhoisText(WHOIS_WORST_CASES["repeated name server"]?.(100_000) ?? "");
    expect(record.nameservers).toEqual([{ name: "ns1.example.net", ipv4: ["192.0.2.1"] }]);
    expect(record.notes).toBeUndefined();
  });

  it("attaches no glue to a kept server when the server it follows was over the cap", () => {
    const lines = ["Domain Name: example.com"];
    for (let i = 0; i < 101; i += 1) lines.push(`Name Server: ns${i}.example.net`);
    lines.push("Name Server IP: 192.0.2.77");
    const record = parseWhoisText(lines.join("\n"));
    expect(record.nameservers?.some((ns) => ns.ipv4?.includes("192.0.2.77"))).toBe(false);
  });

  it("keeps 20 street lines of a contact whose address runs on for thousands of continuation lines, with a note", () => {
    const record = parseWhoisText(WHOIS_WORST_CASES["continuation lines"]?.(100_000) ?? "");
    expect(record.contacts?.[0]?.street).toHaveLength(RECORD_LIMITS.streetLines);
    expect(record.contacts?.[0]?.street?.[1]).toBe("continued line 0");
    expect(record.notes?.some((note) => note.startsWith("street lines: kept the first 20"))).toBe(true);
    expect(JSON.stringify(record).length).toBeLessThan(5_000);
  });

  it("keeps the first 100 distinct RDAP contacts of nested entities, with a note", () => {
    const record = parseRdap(RDAP_WORST_CASES["nested entities"]?.(300_000));
    expect(record.contacts).toHaveLength(RECORD_LIMITS.contacts);
    expect(record.notes?.some((note) => note.startsWith("contacts: kept the first 100"))).toBe(true);
  });

  it("merges an RDAP entity repeated under several roles into one contact", () => {
    const record = parseRdap(RDAP_WORST_CASES["same entity repeated"]?.(50_000));
    expect(record.contacts).toHaveLength(1);
    expect(record.contacts?.[0]?.roles).toEqual(["technical", "administrative"]);
  });

  it("UniqueList: one item per key, the cap counted, `last` naming what the last add named", () => {
    const list = new UniqueList<{ n: number }>(2);
    const a = list.add("a", () => ({ n: 1 }));
    expect(list.add("a", () => ({ n: 9 }))).toBe(a);
    list.add("b", () => ({ n: 2 }));
    expect(list.add("c", () => ({ n: 3 }))).toBeUndefined();
    expect(list.last).toBeUndefined();
    expect(list.items).toEqual([{ n: 1 }, { n: 2 }]);
    expect(list.dropped).toBe(1);
    list.add("a", () => ({ n: 0 }));
    expect(list.last).toBe(a);
  });
});

describe("random repetitions of fields (property)", () => {
  const FIELDS = [
    (i: number) => `Name Server: NS${i}.EXAMPLE.NET`,
    (i: number) => `Name Server: ns${i}.example.org 192.0.2.${i}`,
    (i: number) => `Domain Status: clientHold${i} https://icann.org/epp#clientHold`,
    (i: number) => `Status: ok${i}`,
    () => "Creation Date: 2001-02-03T04:05:06Z",
    () => "Registry Expiry Date: 2030-02-03T04:05:06Z",
    () => "Registrar: Example Registrar, LLC",
    (i: number) => `Registrant Email: owner${i}@example.net`,
    () => "Registrant Name: Jane Owner",
  ];
  const field = fc.record({ kind: fc.integer({ min: 0, max: FIELDS.length - 1 }), n: fc.integer({ min: 0, max: 20 }), times: fc.integer({ min: 1, max: 40 }) });

  it("repeating any field any number of times gives the record of the answer with each field once", () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 30 }), (picked) => {
        const once: string[] = ["Domain Name: EXAMPLE.COM"];
        const repeated: string[] = ["Domain Name: EXAMPLE.COM"];
        const seen = new Set<string>();
        for (const { kind, n, times } of picked) {
          const line = (FIELDS[kind] as (i: number) => string)(n);
          if (!seen.has(line)) once.push(line);
          seen.add(line);
          for (let i = 0; i < times; i += 1) repeated.push(line);
        }
        const a = parseWhoisText(once.join("\n"));
        const b = parseWhoisText(repeated.join("\n"));
        expect(b.nameservers).toEqual(a.nameservers);
        expect(b.statuses).toEqual(a.statuses);
        expect(b.dates).toEqual(a.dates);
        expect(b.registrar).toEqual(a.registrar);
        expect(b.contacts?.map((c) => [c.name, c.email])).toEqual(a.contacts?.map((c) => [c.name, c.email]));
        expect(b.status).toBe(a.status);
      }),
      { numRuns: 200 },
    );
  });

  it("19,000 repetitions of one field parse far below the time the quadratic code took (CPU-time tripwire)", () => {
    for (const line of ["Name Server: NS{}.EXAMPLE.NET", "Domain Status: hold{}", "tech-c: H{}-TEST"]) {
      const text = ["domain: example.com", ...Array.from({ length: 19_000 }, (_, i) => line.replace("{}", String(i)))].join("\n");
      parseWhoisText(text);
      // Best of three in CPU time, so neither a pause nor other processes of a loaded machine count. Linear: ~30 ms here; the
      // includes/some de-duplication this replaces took 1.5–5 s on these inputs (a ratio check between two
      // sizes proved too noisy on a shared machine: bench:parse-worst prints the times).
      const best = Math.min(...[0, 1, 2].map(() => timed(() => parseWhoisText(text)).ms));
      expect(best, line).toBeLessThan(1000);
    }
  });
});
