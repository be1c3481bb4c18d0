/**
 * The console's audit and watch routes (issue #16 over #14): `POST /api/audit` runs `whoislens audit`
 * in-process and answers its report (JSON, or SARIF/Markdown/HTML as an attachment); `/api/watch…`
 * is the watch list, its history, a watch pass run as a job, and the stored watch alerts. A pass's new
 * alerts also go to the console's alert inbox, mapped to the ECS-like shape the page renders.
 */
import { z } from "zod/v4";
import { AS_OF_PATTERN, AUDIT_FORMATS, audit, normalizeDomain, parseAsOf, renderAudit, type AuditFormat } from "../../defend/audit/index.js";
import { ALERT_KIND_TABLE, WATCH_DEFAULTS, WatchStore, domainHistory, normalizeWatchValue, runWatch, watchedDomains, type Alert, type WatchEntry } from "../../defend/watch/index.js";
import { InvalidOptionError } from "../../errors.js";
import { ownValue } from "../../util/own.js";
import { jsonSafe } from "../../util/export-text.js";
import { type ConsoleContext, jobEvents } from "./context.js";
import { ApiError } from "./http-errors.js";
import { defineRoute, type AnyRoute } from "./routes.js";
import { JobCreated, JobParams } from "./schemas.js";

/**
 * Domains one `POST /api/audit` audits. The audit answers synchronously (the report comes back in the
 * response): a few hundred domains take the sandbox seconds and a real registry minutes at the servers'
 * polite pace; larger estates are `whoislens audit --file` work (the CLI allows 10,000).
 */
export const MAX_API_AUDIT_DOMAINS = 500;
/** Audits answered at once: each holds a report in memory and paces its own lookups; more wait their turn (503). */
export const MAX_API_AUDITS = 2;
/** Characters of one watch value or domain (a DNS name is at most 253; e-mail terms up to 320, RFC 5321). */
const MAX_VALUE = 320;

const domainText = z.string().min(1).max(MAX_VALUE);
const asOf = z.string().regex(AS_OF_PATTERN).describe("measure expiry windows from this date (ISO 8601; default now)");

export const AuditRequest = z.strictObject({
  domains: z.array(domainText).max(MAX_API_AUDIT_DOMAINS).describe("may be empty with watched: true"),
  crownJewels: z.array(domainText).max(MAX_API_AUDIT_DOMAINS).optional().describe("domains that must carry a registry lock"),
  watched: z.boolean().optional().describe("audit the watch list's domains too, with their crown-jewel marks"),
  asOf: asOf.optional(),
});
export const AuditQuery = z.strictObject({ format: z.enum(AUDIT_FORMATS.filter((f) => f !== "text") as [AuditFormat, ...AuditFormat[]]).optional().describe("json (default, in the body) or sarif, md, html as an attachment") });
const Finding = z.object({
  id: z.string(), title: z.string(), severity: z.enum(["info", "low", "medium", "high", "critical"]), domain: z.string(), message: z.string(),
  evidence: z.object({ domain: z.string(), field: z.string(), value: z.string(), server: z.string().optional(), protocol: z.enum(["rdap", "whois"]).optional() }),
  technique: z.record(z.string(), z.unknown()), fix: z.string(),
});
export const AuditResponse = z.object({
  asOf: z.string(), generatedAt: z.string(),
  domains: z.array(z.object({ domain: z.string(), status: z.string(), server: z.string().optional(), protocol: z.string().optional(), crownJewel: z.boolean(), error: z.object({ code: z.string(), message: z.string() }).optional() })),
  findings: z.array(Finding),
  nameserverDomains: z.array(z.object({ domain: z.string(), status: z.string(), expires: z.string().optional() })),
}).describe("the audit report, as `whoislens audit --format json` writes it");

const WATCH_KINDS = ["domain", "netblock", "term", "lookalikes"] as const;
export const WatchAddRequest = z.strictObject({
  kind: z.enum(WATCH_KINDS),
  value: domainText,
  field: z.enum(["org", "email", "nameserver"]).optional().describe("kind term: the reverse-WHOIS field"),
  crownJewel: z.boolean().optional().describe("kind domain: must carry a registry lock; its alerts are one severity higher"),
});
const WatchEntrySchema = z.object({ id: z.string(), kind: z.enum(WATCH_KINDS), value: z.string(), field: z.string().optional(), crownJewel: z.boolean(), addedAt: z.string(), lastRun: z.string().optional() });
export const WatchList = z.object({ items: z.array(WatchEntrySchema) });
export const WatchAdded = z.object({ entry: WatchEntrySchema, added: z.boolean() });
export const WatchIdParams = z.strictObject({ id: z.string().min(1).max(MAX_VALUE + 32).describe("an entry id as listed, e.g. domain:example.com") });
export const DomainParams = z.strictObject({ domain: domainText });
const HistoryEventSchema = z.object({ at: z.string(), kind: z.string(), severity: z.string(), field: z.string(), before: z.string().nullable(), after: z.string().nullable(), server: z.string(), protocol: z.string(), alert: z.string().optional() });
export const HistoryResponse = z.object({ domain: z.string(), events: z.array(HistoryEventSchema) }).describe("the domain's timeline, as `whoislens history --json` prints it");
const WatchAlertSchema = z.object({ id: z.string(), kind: z.string(), severity: z.string(), domain: z.string(), before: z.string().nullable(), after: z.string().nullable(), evidence: z.record(z.string(), z.unknown()), firstSeen: z.string() });
export const WatchAlerts = z.object({ items: z.array(WatchAlertSchema) });
export const WatchRunResult = z.object({ state: z.string(), alerts: z.number().int(), checked: z.number().int(), failed: z.array(z.object({ query: z.string(), code: z.string(), message: z.string() })), notes: z.array(z.string()) });

/** ECS numeric severity (event.severity) per watch severity, the scale detect's alerts use. */
const ECS_SEVERITY: Record<Alert["severity"], number> = { info: 1, low: 21, medium: 47, high: 73, critical: 99 };

/** A watch alert as an inbox document: the ECS fields the page reads (rule, @timestamp, destination, whoislens.*). */
export function watchAlertToEcs(alert: Alert): Record<string, unknown> {
  const meaning = ownValue(ALERT_KIND_TABLE, alert.kind)?.meaning ?? alert.kind;
  const change = `${alert.evidence.field}: ${alert.before ?? "(none)"} → ${alert.after ?? "(none)"}`;
  return jsonSafe({
    "@timestamp": alert.firstSeen,
    message: `${alert.domain}: ${meaning} (${change})`,
    event: { kind: "alert", category: ["configuration"], type: ["change"], action: alert.kind, severity: ECS_SEVERITY[alert.severity], id: alert.id },
    rule: { id: `watch/${alert.kind}`, name: meaning },
    destination: { domain: alert.domain },
    whoislens: { severity: alert.severity, targets: [alert.domain], reasons: [change, ...(alert.evidence.note !== undefined ? [alert.evidence.note] : [])], watch: alert },
  });
}

async function runPass(ctx: ConsoleContext, id: string): Promise<void> {
  const job = ctx.jobs.liveJob(id);
  if (!job) return;
  try {
    // A watch compares fresh answers: never the answer cache (as `watch run`); raw answers are kept.
    const { cache: _cache, ...lookup } = { ...ctx.lookup, raw: true };
    const watch = new WatchStore(ctx.store.db);
    job.total = (await watch.list()).length;
    void ctx.jobs.changed(job).catch(() => undefined);
    const { lookalikeCandidates } = await import("../../defend/watch/lookalike-candidates.js");
    const result = await runWatch(ctx.store, { ...WATCH_DEFAULTS, lookup, channels: [], candidates: lookalikeCandidates, dns: ctx.dns });
    job.done = result.checked;
    job.failed = result.failed.length;
    job.total = Math.max(job.total, result.checked + result.failed.length);
    await ctx.alerts.add("watch", result.alerts.map(watchAlertToEcs));
    job.detail = { alerts: result.alerts.length };
    await ctx.jobs.finish(job, "done", JSON.stringify({ alerts: result.alerts.length, checked: result.checked, failed: result.failed, notes: result.notes }));
  } catch (error) {
    ctx.log(`watch pass ${id} failed: ${(error as Error).stack ?? String(error)}`);
    await ctx.jobs.finish(job, "failed", null, (error as Error).message).catch(() => undefined);
  }
}

export function defendRoutes(ctx: ConsoleContext): AnyRoute[] {
  const watch = (): WatchStore => new WatchStore(ctx.store.db);
  /** The pass running now: one at a time (two would diff against the same baselines). */
  let running: string | undefined;
  let auditing = 0;
  return [
    defineRoute({
      method: "POST", url: "/api/audit", tag: "audit", summary: `audit the organisation's domains (at most ${MAX_API_AUDIT_DOMAINS}, answered when done); ?format=sarif|md|html as an attachment`,
      query: AuditQuery, body: AuditRequest, produces: { kind: "json", schema: AuditResponse },
      errors: { 400: "a value that is not a domain, a public suffix, or an empty list (WL_ERR_INVALID_OPTION / WL_ERR_API_REQUEST)", 503: `${MAX_API_AUDITS} audits are running already (WL_ERR_API_BUSY)` },
      async handler({ query, body, reply }) {
        if (auditing >= MAX_API_AUDITS) throw new ApiError(503, "WL_ERR_API_BUSY", `${MAX_API_AUDITS} audits are running already; retry when one is done`);
        const watched = body.watched ? await watchedDomains(ctx.store) : { domains: [], crownJewels: [] };
        // Every name is checked before the first query leaves, so a typo costs no lookups.
        const names = [...new Set([...body.domains, ...watched.domains].map(normalizeDomain))];
        if (names.length > MAX_API_AUDIT_DOMAINS) throw new ApiError(400, "WL_ERR_API_REQUEST", `${names.length} domains to audit: at most ${MAX_API_AUDIT_DOMAINS} per request (whoislens audit --file takes more)`);
        const jewels = [...(body.crownJewels ?? []), ...watched.crownJewels].map(normalizeDomain);
        const at = parseAsOf(body.asOf, "asOf");
        const { cache: _cache, discovery: _discovery, ...lookup } = ctx.lookup;
        // A client that goes away stops the lookups (nobody would read the report).
        const stop = new AbortController();
        const gone = (): void => {
          if (!reply.raw.writableEnded) stop.abort();
        };
        reply.raw.once("close", gone);
        auditing += 1;
        let report: Awaited<ReturnType<typeof audit>>;
        try {
          report = await audit(names, { lookup, crownJewels: jewels, signal: stop.signal, ...(at ? { asOf: at } : {}) });
        } finally {
          auditing -= 1;
          reply.raw.off("close", gone);
        }
        const format = query.format ?? "json";
        if (format === "json") return report;
        const types: Record<Exclude<AuditFormat, "text" | "json">, [string, string]> = { sarif: ["application/sarif+json", "sarif"], md: ["text/markdown; charset=utf-8", "md"], html: ["text/html; charset=utf-8", "html"] };
        const [type, extension] = types[format as "sarif" | "md" | "html"];
        reply.header("content-type", type);
        reply.header("content-disposition", `attachment; filename="whoislens-audit.${extension}"`);
        return reply.send(renderAudit(report, format));
      },
    }),
    defineRoute({
      method: "GET", url: "/api/watch", tag: "watch", summary: "the watch list (as `watch list --json`)",
      produces: { kind: "json", schema: WatchList },
      async handler() {
        return { items: await watch().list() };
      },
    }),
    defineRoute({
      method: "POST", url: "/api/watch", tag: "watch", summary: "add a domain, netblock or reverse-WHOIS term to the watch list (as `watch add`)",
      body: WatchAddRequest, produces: { kind: "json", schema: WatchAdded },
      errors: { 400: "a value its kind cannot take (WL_ERR_INVALID_OPTION)" },
      async handler({ body }) {
        if (body.kind !== "domain" && body.crownJewel) throw new InvalidOptionError(`crownJewel is for domains, not ${body.kind} entries`);
        if ((body.kind === "term") !== (body.field !== undefined)) throw new InvalidOptionError(body.kind === "term" ? "a term entry needs field: org, email or nameserver" : "field is for term entries only");
        const entry: Omit<WatchEntry, "id" | "addedAt"> = body.kind === "term" && body.field !== undefined
          ? { kind: "term", field: body.field, value: normalizeWatchValue("term", body.value, body.field), crownJewel: false }
          : { kind: body.kind, value: normalizeWatchValue(body.kind, body.value), crownJewel: body.crownJewel ?? false };
        return watch().add(entry, new Date().toISOString());
      },
    }),
    defineRoute({
      method: "DELETE", url: "/api/watch/:id", tag: "watch", summary: "remove a watch entry by its id (as `watch remove`)",
      params: WatchIdParams, produces: { kind: "json", schema: z.object({ removed: z.string() }) },
      errors: { 404: "no such entry (WL_ERR_API_NOT_FOUND)" },
      async handler({ params }) {
        if (!(await watch().remove(params.id))) throw new ApiError(404, "WL_ERR_API_NOT_FOUND", `no watch entry ${params.id}`);
        return { removed: params.id };
      },
    }),
    defineRoute({
      method: "GET", url: "/api/watch/:domain/history", tag: "watch", summary: "a domain's timeline from the store, each change diffed as `watch run` does (as `history --json`)",
      params: DomainParams, produces: { kind: "json", schema: HistoryResponse },
      errors: { 400: "not a domain name (WL_ERR_INVALID_OPTION)" },
      async handler({ params }) {
        const domain = normalizeWatchValue("domain", params.domain);
        return { domain, events: jsonSafe(await domainHistory(ctx.store, domain)) };
      },
    }),
    defineRoute({
      method: "POST", url: "/api/watch/run", tag: "watch", summary: "start a watch pass as a job; its new alerts go to the alert inbox",
      produces: { kind: "json", schema: JobCreated }, errors: { 503: "the cap of running jobs is reached (WL_ERR_API_BUSY)", 409: "a watch pass is running already (WL_ERR_API_BUSY)" },
      async handler() {
        if (running !== undefined && ctx.jobs.liveJob(running)?.state === "running") throw new ApiError(409, "WL_ERR_API_BUSY", `watch pass ${running} is running already`);
        const job = await ctx.jobs.create("watch", {});
        running = job.id;
        ctx.jobs.track(runPass(ctx, job.id));
        return { id: job.id };
      },
    }),
    defineRoute({
      method: "GET", url: "/api/watch/runs/:id/events", tag: "watch", summary: "a watch pass's live progress",
      params: JobParams, produces: { kind: "sse", events: { progress: "{ total, done, failed }", end: "the last progress and the pass's state, then the stream closes" } },
      errors: { 404: "no such pass (WL_ERR_API_NOT_FOUND)", 503: "the cap of live streams is reached (WL_ERR_API_BUSY)" },
      async handler({ params, reply }) {
        await jobEvents(ctx, reply, params.id, "watch");
      },
    }),
    defineRoute({
      method: "GET", url: "/api/watch/runs/:id", tag: "watch", summary: "a watch pass's outcome",
      params: JobParams, produces: { kind: "json", schema: WatchRunResult }, errors: { 404: "no such pass (WL_ERR_API_NOT_FOUND)" },
      async handler({ params }) {
        const row = await ctx.jobs.require(params.id, "watch");
        const result = row.result !== null ? (JSON.parse(row.result) as { alerts: number; checked: number; failed: { query: string; code: string; message: string }[]; notes: string[] }) : { alerts: 0, checked: 0, failed: [], notes: row.error !== null ? [row.error] : [] };
        return { state: row.state, ...result };
      },
    }),
    defineRoute({
      method: "GET", url: "/api/watch/alerts", tag: "watch", summary: "the stored watch alerts, oldest first",
      produces: { kind: "json", schema: WatchAlerts },
      async handler() {
        return { items: jsonSafe(await watch().alerts()) };
      },
    }),
  ];
}
