/**
 * The console API's request and response shapes: ONE source. The same zod schemas validate requests
 * (routes.ts) and become the OpenAPI 3.1 document's JSON Schemas (openapi.ts, z.toJSONSchema).
 */
import { z } from "zod/v4";
import { LOG_FORMATS } from "../../detect/types.js";
import { CONSOLE_DEFAULTS as D } from "./defaults.js";

const query = z.string().min(1).max(D.maxQueryLength);
const protocol = z.enum(["auto", "rdap", "whois"]);
const jobId = z.string().regex(/^[a-z0-9-]{1,64}$/).describe("a job id, as returned when the job was started");

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).describe("every failure: a stable WL_ code (docs/errors.md) and a message");

export const Health = z.object({ ok: z.literal(true), version: z.string() });

export const LookupRequest = z.strictObject({
  query,
  protocol: protocol.optional(),
  fresh: z.boolean().optional().describe("ask the servers even when an answer younger than the console's --lookup-ttl is at hand"),
});
export const Hop = z.object({
  server: z.string(),
  protocol: z.enum(["rdap", "whois"]),
  url: z.string().optional(),
  startedAt: z.string().describe("ISO time; derived from the lookup's start and the earlier hops' durations"),
  durationMs: z.number(),
  status: z.string(),
  raw: z.string().describe("the hop's answer, control characters stripped ('' when it sent none)"),
});
export const LookupResponse = z.object({
  record: z.record(z.string(), z.unknown()).describe("the normalized record, as `whoislens lookup --json` prints it"),
  hops: z.array(Hop),
  cached: z.boolean().describe("served from the console's recent answers (--lookup-ttl) without asking the servers"),
});

/** A line of a query file as a client splits it: blank, CR-ended or `# comment` lines are dropped by the route (src/bulk/query-line.ts). */
const queryFileLine = z.string().max(D.maxQueryLength).describe("a query, or a line of a bulk file: `# comments`, blank lines and CR line ends are dropped");
export const BulkRequest = z.strictObject({ queries: z.array(queryFileLine).min(1).max(D.maxBulkQueries) });
export const JobCreated = z.object({ id: z.string() });
export const JobParams = z.strictObject({ id: jobId });
export const JobState = z.enum(["running", "done", "failed", "interrupted"]);
export const BulkStatus = z.object({ id: z.string(), total: z.number().int(), done: z.number().int(), failed: z.number().int(), state: JobState });
export const Page = z.strictObject({
  offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(D.pageLimitMax).default(100),
});
export const BulkItem = z.object({
  query: z.string(),
  state: z.enum(["pending", "done", "truncated", "failed", "throttled"]),
  record: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export const BulkResults = z.object({ items: z.array(BulkItem), total: z.number().int() });

export const FootprintRequest = z.strictObject({ seed: query, protocol: protocol.optional(), depth: z.number().int().min(0).max(D.maxFootprintDepth).optional() });
export const GraphNode = z.object({ id: z.string(), type: z.string(), label: z.string(), confidence: z.number(), owned: z.boolean(), seed: z.boolean() });
export const Evidence = z.object({ server: z.string(), protocol: z.string(), field: z.string(), value: z.string(), text: z.string() });
export const GraphEdge = z.object({ id: z.string(), source: z.string(), target: z.string(), kind: z.string(), confidence: z.number(), evidence: z.array(Evidence) });
export const Graph = z.object({ nodes: z.array(GraphNode), edges: z.array(GraphEdge) });
export const EXPORT_FORMATS = ["json", "graphml", "csv", "stix", "md", "html"] as const;
export const ExportParams = z.strictObject({ id: jobId, format: z.enum(EXPORT_FORMATS) });

export const DetectQuery = z.strictObject({ format: z.enum(LOG_FORMATS as [string, ...string[]]).optional().describe("read the upload as this log format instead of sniffing") });
export const Stats = z.object({ file: z.string(), format: z.string(), lines: z.number(), events: z.number(), skipped: z.number(), malformed: z.number(), notice: z.string().optional(), error: z.string().optional() });
const EcsAlert = z.record(z.string(), z.unknown()).describe("an alert in Elastic Common Schema names, as `whoislens detect --format ndjson` prints it");
export const DetectResponse = z.object({ alerts: z.array(EcsAlert), stats: z.array(Stats) });

export const RULE_FORMATS = ["sigma", "suricata"] as const;
export const RulesParams = z.strictObject({ format: z.enum(RULE_FORMATS) });

export const AlertItem = z.object({ id: z.number().int(), createdAt: z.string(), origin: z.string(), alert: EcsAlert });
export const AlertPage = z.object({ items: z.array(AlertItem), total: z.number().int() });

export type LookupResponseT = z.infer<typeof LookupResponse>;
export type HopT = z.infer<typeof Hop>;
export type BulkItemT = z.infer<typeof BulkItem>;
export type GraphT = z.infer<typeof Graph>;
export type AlertItemT = z.infer<typeof AlertItem>;
export type JobStateT = z.infer<typeof JobState>;
