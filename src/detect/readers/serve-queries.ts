/**
 * The query log of `whoislens serve` (issue #15): NDJSON, one QueryLogEntry per line
 * (src/serve/contract.ts, fields documented in docs/serve.md). Each line becomes a `served` event for
 * the query-log rules (src/serve/watchdog). Every field is checked: a line written by someone else
 * (or tampered with) that lacks one, or has the wrong type, is malformed; strings are capped and
 * stripped of control characters.
 */
import type { QueryLogEntry } from "../../serve/contract.js";
import { cleanText, type LineParser, LineResult, type ParseContext, lineEvidence, parseIsoMs, parseJson, prop } from "./common.js";

const LINE_MAX = 16 * 1024;
const PROTOCOLS: ReadonlySet<string> = new Set(["whois", "rdap"]);
const OBJECT_TYPES: ReadonlySet<string> = new Set(["domain", "nameserver", "entity", "ip", "autnum", "help", "search", "unknown"]);
const OUTCOMES: ReadonlySet<string> = new Set(["answered", "not-found", "denied", "throttled", "blocked", "too-many-connections", "bad-request", "error"]);

const text = (v: unknown, max: number): string | undefined => (typeof v === "string" ? cleanText(v, max) : undefined);
const count = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined);

/** A QueryLogEntry from a parsed line, or undefined when a required field is missing or mistyped. */
export function queryLogEntry(o: unknown): QueryLogEntry | undefined {
  const ts = text(prop(o, "ts"), 64);
  const protocol = text(prop(o, "protocol"), 8);
  const source = text(prop(o, "source"), 64);
  const sourceKey = text(prop(o, "sourceKey"), 160);
  const query = text(prop(o, "query"), 1024);
  const objectType = text(prop(o, "objectType"), 16);
  const outcome = text(prop(o, "outcome"), 32);
  const personal = count(prop(o, "personalObjects"));
  const decoy = prop(o, "decoy");
  if (ts === undefined || protocol === undefined || !PROTOCOLS.has(protocol) || source === undefined || sourceKey === undefined || sourceKey === "") return undefined;
  if (query === undefined || objectType === undefined || !OBJECT_TYPES.has(objectType) || outcome === undefined || !OUTCOMES.has(outcome)) return undefined;
  if (personal === undefined || typeof decoy !== "boolean") return undefined;
  const objectKey = text(prop(o, "objectKey"), 255);
  const canaries = prop(o, "canaries");
  const ids = Array.isArray(canaries) ? canaries.slice(0, 16).map((c) => text(c, 64)).filter((c): c is string => c !== undefined) : undefined;
  return {
    ts, protocol: protocol as QueryLogEntry["protocol"], source, sourceKey, query,
    objectType: objectType as QueryLogEntry["objectType"], ...(objectKey !== undefined && objectKey !== "" ? { objectKey } : {}),
    outcome: outcome as QueryLogEntry["outcome"], personalObjects: personal, decoy, ...(ids !== undefined && ids.length > 0 ? { canaries: ids } : {}),
    bytes: count(prop(o, "bytes")) ?? 0, durationMs: count(prop(o, "durationMs")) ?? 0,
  };
}

export function serveQueriesParser(ctx: ParseContext): LineParser {
  return {
    line(buf, start, end, lineNo) {
      if (end === start) return LineResult.Skipped;
      if (end - start > LINE_MAX) return LineResult.Malformed;
      const entry = queryLogEntry(parseJson(buf.toString("utf8", start, end)));
      if (entry === undefined) return LineResult.Malformed;
      const ts = parseIsoMs(entry.ts);
      if (Number.isNaN(ts)) return LineResult.Malformed;
      ctx.emit({ kind: "served", ts, src: entry.sourceKey, format: "serve-queries", entry, evidence: lineEvidence(ctx.file, lineNo, buf, start, end) });
      return LineResult.Event;
    },
  };
}
