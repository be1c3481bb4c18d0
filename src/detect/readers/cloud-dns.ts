/**
 * The query logs of cloud resolvers, one JSON record per query (question and answer code together):
 * - Amazon Route 53 Resolver query logging (AWS Route 53 Developer Guide, "Values that appear in VPC
 *   Resolver query logs"): `version, account_id, region, vpc_id, query_timestamp, query_name, query_type,
 *   query_class, rcode, answers[], srcaddr, srcport, transport, srcids{instance|resolver_endpoint}`, as
 *   NDJSON (S3, Firehose) or carried as text in CloudWatch Logs events (`message`, json-records.ts).
 * - Google Cloud DNS logging (Cloud DNS docs, "Use logging and monitoring": the `dns_query` resource's
 *   LogEntry, `jsonPayload` with queryName, queryType, responseCode, sourceIP, vmInstanceId…), one entry
 *   per line (a Logging sink to Cloud Storage) or a JSON array (`gcloud logging read --format=json`).
 * The host is the record's own client address (srcaddr / sourceIP); a record without one is malformed.
 */
import { RCODES } from "../pcap/payload.js";
import type { DnsEvent, LogFormat } from "../types.js";
import { type JsonObject, type LineParser, LineResult, type ParseContext, parseAnyTime, path, prop, str } from "./common.js";
import { dnsName } from "./fields.js";
import { type Built, jsonRecords, unwrapJsonMessage } from "./json-records.js";


/** An answer code as a name: `NXDOMAIN`, `3` or 3 → "NXDOMAIN"; undefined when absent or unknown. */
export function rcodeName(v: unknown): string | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d{1,2}$/.test(v) ? Number(v) : undefined;
  if (n !== undefined) return Object.hasOwn(RCODES, n) ? RCODES[n] : undefined;
  return str(v, 16)?.toUpperCase();
}

interface Fields { ts: unknown; src: unknown; query: unknown; qtype: unknown; rcode: unknown; dst?: unknown }

/** One record's fields → a DNS event (question and answer code in one), or malformed. */
function dnsRecord(format: LogFormat, f: Fields, evidence: DnsEvent["evidence"]): Built {
  const ts = parseAnyTime(f.ts);
  const src = str(f.src, 64);
  const query = dnsName(str(f.query, 300));
  if (Number.isNaN(ts) || src === undefined || query === undefined) return LineResult.Malformed;
  const event: DnsEvent = { kind: "dns", ts, src, query, format, evidence };
  const qtype = str(f.qtype, 16);
  if (qtype !== undefined) event.qtype = qtype.toUpperCase();
  const rcode = rcodeName(f.rcode);
  if (rcode !== undefined) event.rcode = rcode;
  const dst = str(f.dst, 64);
  if (dst !== undefined) event.dst = dst;
  return event;
}

/** The Route 53 record's fields this reader needs (a CloudWatch envelope has none of them). */
const ROUTE53_KEYS = ["query_name", "srcaddr"] as const;

export function route53Parser(ctx: ParseContext): LineParser {
  return jsonRecords(ctx, (outer, evidence) => {
    const o = unwrapJsonMessage(outer, ROUTE53_KEYS);
    if (prop(o, "query_name") === undefined) return LineResult.Malformed;
    return dnsRecord("route53-resolver", { ts: prop(o, "query_timestamp"), src: prop(o, "srcaddr"), query: prop(o, "query_name"), qtype: prop(o, "query_type"), rcode: prop(o, "rcode") }, evidence);
  });
}

/** Cloud Logging entries of other resources (audit logs of the DNS API…) share the export: skipped. */
function isDnsQuery(o: JsonObject): boolean {
  const type = path(o, "resource", "type");
  return type === undefined || type === "dns_query";
}

export function gcpDnsParser(ctx: ParseContext): LineParser {
  return jsonRecords(ctx, (o, evidence) => {
    const p = prop(o, "jsonPayload");
    if (!isDnsQuery(o) || p === undefined) return LineResult.Skipped;
    // `timestamp` is when the query happened; `receiveTimestamp` when Logging received it (a fallback).
    return dnsRecord("gcp-cloud-dns", { ts: prop(o, "timestamp") ?? prop(o, "receiveTimestamp"), src: prop(p, "sourceIP"), query: prop(p, "queryName"),
      qtype: prop(p, "queryType"), rcode: prop(p, "responseCode"), dst: prop(p, "destinationIP") }, evidence);
  });
}

/** `"key"` in a JSON line, or `\"key\"` in one carried as text in another record's `message`. */
const hasKey = (line: string, key: string) => line.includes(`"${key}"`) || line.includes(`\\"${key}\\"`);

/** Sniffing (sniff.ts): a Route 53 Resolver record, or a Cloud DNS query log entry; undefined when neither. */
export function sniffCloudDns(line: string): LogFormat | undefined {
  if (hasKey(line, "query_name") && hasKey(line, "srcaddr") && (hasKey(line, "query_timestamp") || hasKey(line, "vpc_id"))) return "route53-resolver";
  if (hasKey(line, "queryName") && (hasKey(line, "jsonPayload") || line.includes('"dns_query"'))) return "gcp-cloud-dns";
  return undefined;
}
