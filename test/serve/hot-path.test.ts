import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { QueryLogEntry } from "../../src/serve/contract.js";
import { LOG_FIELDS, logQueryText, QueryLog, queryLogLine } from "../../src/serve/query-log.js";
import { parseRdapPath, type ParsedQuery } from "../../src/serve/query.js";
import { ipaddr } from "../../src/util/cjs-deps.js";

// The RDAP hot path's hand-written pieces against the plain forms they replace: the query-log line
// against JSON.stringify of the entry, the path reader against a split/join reading of RFC 9082 paths.

/** Strings that test JSON escaping: quotes, backslashes, C0 controls, lone and paired surrogates, U+2028, non-ASCII. */
const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("", '"', "\\", "\u0000", "\u001b[31m", "\ud800", "\udfff", "\ud83d\ude00", "\u2028", "é", "a\"b\\c\nd", "</script>"),
);

/** An entry with the responder's field order (objectKey and canaries last, when present). */
const entries = fc.record({
  ts: fc.oneof(fc.constant("2026-12-06T15:00:00.123Z"), hostile),
  protocol: fc.constantFrom("whois" as const, "rdap" as const),
  source: hostile,
  sourceKey: hostile,
  query: hostile,
  objectType: fc.constantFrom("domain" as const, "entity" as const, "unknown" as const),
  outcome: fc.constantFrom("answered" as const, "not-found" as const, "throttled" as const),
  personalObjects: fc.nat(),
  decoy: fc.boolean(),
  bytes: fc.nat(),
  durationMs: fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e6, noNaN: true })),
  objectKey: fc.option(hostile, { nil: undefined }),
  canaries: fc.option(fc.array(hostile, { maxLength: 3 }), { nil: undefined }),
}).map((e): QueryLogEntry => {
  const { objectKey, canaries, ...rest } = e;
  return { ...rest, ...(objectKey !== undefined ? { objectKey } : {}), ...(canaries !== undefined ? { canaries } : {}) };
});

describe("query-log line", () => {
  it("is byte for byte JSON.stringify(entry), hostile strings included", () => {
    fc.assert(fc.property(entries, (entry) => {
      expect(queryLogLine(entry)).toBe(JSON.stringify(entry));
    }), { numRuns: 2000 });
  });

  it("writes every field of QueryLogEntry: the line comes from the field table, which the type check keeps complete", () => {
    // Required<>: a field added to QueryLogEntry must be filled here too (the type check says so), and
    // the line must then carry it, which it does only once LOG_FIELDS names it.
    const full: Required<QueryLogEntry> = {
      ts: "2026-12-06T15:00:00.123Z", protocol: "rdap", source: "192.0.2.7", sourceKey: "192.0.2.7", query: "/domain/a.example",
      objectType: "domain", objectKey: "a.example", outcome: "answered", personalObjects: 2, decoy: true, canaries: ["cn-1"], bytes: 812, durationMs: 0.25,
    };
    const written = JSON.parse(queryLogLine(full)) as Record<string, unknown>;
    expect(Object.keys(written).sort()).toEqual(Object.keys(full).sort());
    expect(written).toEqual(full);
    expect(Object.keys(LOG_FIELDS).sort()).toEqual(Object.keys(full).sort());
    // An optional field left out is left out of the line (as JSON.stringify leaves it).
    const { canaries: _dropped, ...withoutCanaries } = full;
    expect(Object.keys(JSON.parse(queryLogLine(withoutCanaries)) as object)).not.toContain("canaries");
  });

  it("a printable ASCII query is logged as is; anything else goes through the sanitizer, capped at 1 KiB", () => {
    expect(logQueryText("/domain/shop1.example")).toBe("/domain/shop1.example");
    expect(logQueryText("a\u001b[31mb\tc")).toBe("ab c");
    expect(logQueryText("x".repeat(3000))).toHaveLength(1024);
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(logQueryText(text)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }),
    );;
  });

  it("the file holds every entry, in order, across batch boundaries and for lines longer than a batch", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wl-qlog-"));
    try {
      const log = new QueryLog(join(dir, "q.ndjson"));
      const written: QueryLogEntry[] = [];
      const sample = fc.sample(entries, { numRuns: 3000, seed: 15 });
      // One entry far past the 64 KiB batch (a library caller's entry; the servers cap the query at 1 KiB).
      sample.splice(1500, 0, { ...sample[0]!, query: "ü€".repeat(40_000) });
      for (const entry of sample) {
        log.write(entry);
        written.push(entry);
      }
      await log.close();
      const lines = readFileSync(join(dir, "q.ndjson"), "utf8").split("\n");
      expect(lines.pop()).toBe("");
      expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(written.map((e) => JSON.parse(JSON.stringify(e)) as unknown));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** RFC 9082 §3.1 paths read the plain way: strip leading slashes, split on "/", rejoin the rest. */
function referenceParse(path: string, searchName: string | undefined): ParsedQuery {
  const [kind = "", ...rest] = path.replace(/^\/+/, "").split("/");
  const value = rest.join("/");
  switch (kind) {
    case "help":
      return rest.length === 0 ? { type: "help" } : { type: "bad", reason: "unknown path" };
    case "domain":
    case "nameserver":
    case "entity":
      return rest.length === 1 && value !== "" ? { type: kind, value } : { type: "bad", reason: `${kind} takes one name` };
    case "ip": {
      const [address = "", length] = rest;
      return rest.length <= 2 && ipaddr.isValid(address) && (length === undefined || /^\d{1,3}$/.test(length)) ? { type: "ip", value } : { type: "bad", reason: "not an IP address or prefix" };
    }
    case "autnum":
      return rest.length === 1 && /^\d{1,10}$/.test(value) ? { type: "autnum", value: Number(value) } : { type: "bad", reason: "not an AS number" };
    case "entities":
      return { type: "bad", code: "notImplemented", reason: "entity search (fn=, handle=) is not offered by this server" };
    case "domains":
    case "nameservers":
      return rest.length === 0 && searchName !== undefined && searchName !== "" ? { type: "search", over: kind, value: searchName } : { type: "bad", reason: `${kind} search takes name=PATTERN` };
    default:
      return { type: "bad", reason: "unknown path" };
  }
}

describe("RDAP path reader", () => {
  const segment = fc.oneof(
    fc.constantFrom("", "domain", "nameserver", "entity", "ip", "autnum", "help", "domains", "nameservers", "entities", "a.example", "192.0.2.1", "24", "2001:db8::", "64500", "AS1", "x"),
    fc.string({ maxLength: 6 }),
  );
  const paths = fc.tuple(fc.constantFrom("", "/", "//"), fc.array(segment, { minLength: 1, maxLength: 4 })).map(([lead, parts]) => lead + parts.join("/"));

  it("reads every path as the split/join reading does", () => {
    fc.assert(fc.property(paths, fc.option(fc.constantFrom("", "ab*", "shop*"), { nil: undefined }), (path, name) => {
        expect(parseRdapPath(path, name)).toEqual(referenceParse(path, name));
      }),
      { numRuns: 5000 },
    );
    for (const path of ["/domain/", "/domain//x", "/ip/192.0.2.1/", "/ip/192.0.2.0/24/", "/help/", "/autnum/", "/domains/", "domain/x/"]) expect(parseRdapPath(path, "ab")).toEqual(referenceParse(path, "ab"));
  });
});
