/**
 * The skeleton of the SIEM/EDR JSON readers (ECS, Defender XDR, OCSF): one JSON object per record
 * (an NDJSON line, or one element of a JSON array / wrapper, json-doc.ts), unwrapped from the
 * envelopes exports put around it, turned into at most one event by the format's `build`.
 */
import type { DetectEvent, Evidence } from "../types.js";
import { type LineParser, LineResult, type ParseContext, type JsonObject, lineEvidence, parseJson, prop } from "./common.js";

/** What `build` returns: an event, or why there is none (a record of no kind detect reads is skipped). */
export type Built = DetectEvent | LineResult.Skipped | LineResult.Malformed;

/**
 * Envelopes around one record, outermost first: Elasticsearch hits and elasticdump lines keep the
 * document in `_source`; the Defender XDR streaming API (Event Hubs / storage) in `properties`.
 */
export function unwrapRecord(o: unknown): unknown {
  const source = prop(o, "_source");
  if (source !== undefined && typeof source === "object") return source;
  const category = prop(o, "category");
  const properties = prop(o, "properties");
  if (typeof category === "string" && category.startsWith("AdvancedHunting-") && properties !== null && typeof properties === "object") return properties;
  return o;
}

/** The LineParser of a JSON reader: parse, unwrap, build, emit; a record that is not an object is malformed. */
export function jsonRecords(ctx: ParseContext, build: (o: JsonObject, evidence: Evidence) => Built): LineParser {
  return {
    line(buf, start, end, lineNo) {
      if (end === start) return LineResult.Skipped;
      const o = unwrapRecord(parseJson(buf.toString("utf8", start, end)));
      if (o === null || typeof o !== "object" || Array.isArray(o)) return LineResult.Malformed;
      const out = build(o as JsonObject, lineEvidence(ctx.file, lineNo, buf, start, end));
      if (typeof out !== "object") return out;
      if (out.src === "" || Number.isNaN(out.ts)) return LineResult.Malformed;
      ctx.emit(out);
      return LineResult.Event;
    },
  };
}

/** A JSON value that may be one string or an array of them (ECS `event.category`), lower-cased, capped. */
export function words(v: unknown): string[] {
  const list = Array.isArray(v) ? v.slice(0, 16) : [v];
  return list.filter((x): x is string => typeof x === "string" && x.length <= 64).map((x) => x.toLowerCase());
}

/**
 * A text log carried in JSON records (CloudWatch Logs `logEvents[].message`, `aws logs filter-log-events`
 * `events[].message`, Firehose deliveries): each record's `message` handed to the text format's parser as
 * its line. A record without a string message is malformed.
 */
export function messageLines(inner: LineParser): LineParser {
  return {
    line(buf, start, end, lineNo) {
      if (end === start) return LineResult.Skipped;
      const message = wrappedText(unwrapRecord(parseJson(buf.toString("utf8", start, end))));
      if (message === undefined) return LineResult.Malformed;
      const line = Buffer.from(message.endsWith("\n") ? message.slice(0, -1) : message, "utf8");
      return inner.line(line, 0, line.length, lineNo);
    },
    ...(inner.end ? { end: () => inner.end?.() } : {}),
  };
}

/**
 * The text line a record carries: its `message` (CloudWatch Logs, Firehose), or a Docker `json-file` record's
 * `log` (Docker docs, "JSON File logging driver"; the kubelet's files under /var/log/containers before CRI)
 * after its `time`, so a line that has no time of its own (CoreDNS) takes the record's. Undefined when neither.
 */
export function wrappedText(record: unknown): string | undefined {
  const message = prop(record, "message");
  if (typeof message === "string") return message;
  const log = prop(record, "log");
  const time = prop(record, "time");
  if (typeof log !== "string" || typeof time !== "string" || time.length > 40 || prop(record, "stream") === undefined) return undefined;
  return `${time} ${log.endsWith("\n") ? log.slice(0, -1) : log}`;
}

/**
 * A JSON log whose records CloudWatch Logs carries as text (Route 53 Resolver query logs sent to a log
 * group, then exported or read with `aws logs filter-log-events`): the `message` parsed when the record
 * is such an envelope (it has a `message` holding a JSON object and none of `fields`), else the record.
 */
export function unwrapJsonMessage(record: unknown, fields: readonly string[]): unknown {
  if (fields.some((f) => prop(record, f) !== undefined)) return record;
  const message = wrappedText(record);
  if (message === undefined || !message.trimStart().startsWith("{")) return record;
  const inner = parseJson(message);
  return inner !== null && typeof inner === "object" && !Array.isArray(inner) ? inner : record;
}
