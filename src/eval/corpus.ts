import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../paths.js";
import type { WhoisRecord } from "../record/types.js";
import { compareCase, type FieldResult } from "./compare.js";

/** Where the shared corpus lives relative to the project root (never copied into the repo). */
export const DEFAULT_CORPUS_DIR = resolve(packageRoot(), "../shared/corpus");

export interface CorpusCase {
  id: string;
  kind: "whois" | "rdap";
  server: string;
  query?: string;
  /** Raw text (WHOIS) or the JSON text (RDAP). */
  raw: string;
  expected: Record<string, unknown>;
}

export type CaseParser = (item: CorpusCase) => WhoisRecord | undefined;

export interface CaseReport {
  id: string;
  server: string;
  kind: "whois" | "rdap";
  results: FieldResult[];
  error?: string;
  /** The parser could not classify the answer (status unknown): its reason, from record.notes. */
  unknown?: string;
}

export interface Tally {
  passed: number;
  total: number;
}

export interface CorpusReport {
  cases: CaseReport[];
  overall: Tally;
  byKind: Record<string, Tally>;
  byServer: Record<string, Tally & { cases: number; casesBelow85: number }>;
  byField: Record<string, Tally>;
}

export function corpusAvailable(dir = DEFAULT_CORPUS_DIR): boolean {
  return existsSync(join(dir, "manifest.json"));
}

interface ManifestEntry {
  id: string;
  kind: "whois" | "rdap";
  server: string;
  raw: string;
  expected: string;
}

export function loadCorpus(dir = DEFAULT_CORPUS_DIR, kinds: ("whois" | "rdap")[] = ["whois", "rdap"]): CorpusCase[] {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { cases: ManifestEntry[] };
  return manifest.cases
    .filter((entry) => kinds.includes(entry.kind))
    .map((entry) => {
      const expected = JSON.parse(readFileSync(join(dir, entry.expected), "utf8")) as Record<string, unknown>;
      const bytes = readFileSync(join(dir, entry.raw));
      const item: CorpusCase = { id: entry.id, kind: entry.kind, server: entry.server, raw: decodeFixture(bytes), expected };
      if (typeof expected.query === "string") item.query = expected.query;
      return item;
    });
}

/** Fixtures are stored as the server sent them: UTF-8 when valid, else Latin-1. */
function decodeFixture(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString("latin1");
  }
}

const add = (tally: Tally, passed: number, total: number): void => {
  tally.passed += passed;
  tally.total += total;
};

export function scoreCorpus(cases: CorpusCase[], parse: CaseParser): CorpusReport {
  const report: CorpusReport = { cases: [], overall: { passed: 0, total: 0 }, byKind: {}, byServer: {}, byField: {} };
  for (const item of cases) {
    let record: WhoisRecord | undefined;
    let error: string | undefined;
    try {
      record = parse(item);
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
    }
    const results = record
      ? compareCase(item.expected, record)
      : compareCase(item.expected, { query: "", kind: "domain", status: "unknown", source: { protocol: item.kind, server: item.server } }).map((r) => ({ ...r, ok: false }));
    const passed = results.filter((r) => r.ok).length;
    const caseReport: CaseReport = { id: item.id, server: item.server, kind: item.kind, results };
    if (error !== undefined) caseReport.error = error;
    if (record?.status === "unknown") caseReport.unknown = record.notes?.find((note) => note.startsWith("status unknown")) ?? "status unknown (no reason given)";
    report.cases.push(caseReport);
    add(report.overall, passed, results.length);
    add((report.byKind[item.kind] ??= { passed: 0, total: 0 }), passed, results.length);
    const server = (report.byServer[item.server] ??= { passed: 0, total: 0, cases: 0, casesBelow85: 0 });
    add(server, passed, results.length);
    server.cases += 1;
    if (results.length > 0 && passed / results.length < 0.85) server.casesBelow85 += 1;
    for (const result of results) add((report.byField[result.field] ??= { passed: 0, total: 0 }), result.ok ? 1 : 0, 1);
  }
  return report;
}

export function percent(tally: Tally): number {
  return tally.total === 0 ? 100 : (100 * tally.passed) / tally.total;
}
