/** Bulk jobs: a list in, looked up with the bulk scheduler into the store (run `console-<id>`), progress as events, results paged. */
import { bulkLookup, PoliteScheduler } from "../../bulk/index.js";
import { queryOfLine } from "../../bulk/query-line.js";
import { withoutRaw } from "../../store/index.js";
import type { WhoisRecord } from "../../record/types.js";
import { sanitizedJson, sanitizeDeep } from "../../util/sanitize.js";
import { type ConsoleContext, jobEventsRoute } from "./context.js";
import { ApiError } from "./http-errors.js";
import { defineRoute, type AnyRoute } from "./routes.js";
import { BulkRequest, BulkResults, BulkStatus, JobCreated, JobParams, Page, type BulkItemT } from "./schemas.js";

const runIdOf = (id: string): string => `console-${id}`;

async function runBulk(ctx: ConsoleContext, id: string, queries: string[]): Promise<void> {
  const job = ctx.jobs.liveJob(id);
  if (!job) return;
  const runId = runIdOf(id);
  const now = new Date().toISOString();
  try {
    const pass = await ctx.store.beginRun(runId, "console", JSON.stringify({ protocol: ctx.lookup.protocol ?? "auto" }), now);
    const scheduler = new PoliteScheduler({ ...(ctx.lookup.servers ? { servers: ctx.lookup.servers } : {}) });
    async function* input(): AsyncGenerator<string> {
      for (const q of queries) {
        if (job!.controller.signal.aborted) return;
        yield q;
      }
    }
    const c = ctx.limits.bulkConcurrency;
    for await (const result of bulkLookup(input(), { lookup: { ...ctx.lookup, raw: true }, scheduler, concurrency: c, perServer: Math.max(1, Math.ceil(c / 2)), lookahead: c * 8, store: { store: ctx.store, runId, pass } })) {
      if (result.error) {
        job.failed += 1;
        job.failures.set(result.query, result.error.code);
      }
      else job.done += 1;
      await ctx.jobs.changed(job);
    }
    const stopped = job.controller.signal.aborted;
    await ctx.jobs.finish(job, stopped ? "interrupted" : "done", JSON.stringify(Object.fromEntries(job.failures)), stopped ? "stopped: the console shut down" : undefined);
  } catch (error) {
    ctx.log(`bulk job ${id} failed: ${(error as Error).stack ?? String(error)}`);
    await ctx.jobs.finish(job, "failed", null, (error as Error).message).catch(() => undefined);
  }
}

/** One page of a job's results, in input order; a query not reached yet is `pending`. */
async function resultsPage(ctx: ConsoleContext, id: string, queries: string[], codes: (query: string) => string | undefined): Promise<BulkItemT[]> {
  if (queries.length === 0) return [];
  const db = ctx.store.db;
  const rows = await db
    .selectFrom("queries")
    .leftJoin("records", "records.id", "queries.record_id")
    .select(["queries.query", "queries.state", "queries.error", "records.record"])
    .where("queries.run_id", "=", runIdOf(id))
    .where("queries.query", "in", queries)
    .execute();
  const byQuery = new Map(rows.map((r) => [r.query, r]));
  return queries.map((query) => {
    const row = byQuery.get(query);
    if (!row) return { query, state: "pending" as const };
    const item: BulkItemT = { query, state: row.state };
    if (row.record !== null) item.record = sanitizeDeep(withoutRaw(JSON.parse(row.record) as WhoisRecord)) as unknown as Record<string, unknown>;
    if (row.error !== null) {
      // The code is kept by the job (memory, then its stored result); a job cut short by a restart has lost it.
      item.error = { code: codes(query) ?? (row.state === "throttled" ? "WL_ERR_THROTTLED" : "WL_ERR_CONNECT"), message: row.error };
    }
    return sanitizeDeep(item);
  });
}

export function bulkRoutes(ctx: ConsoleContext): AnyRoute[] {
  const inputOf = async (id: string): Promise<{ queries: string[]; codes: (query: string) => string | undefined }> => {
    const row = await ctx.jobs.require(id, "bulk");
    const live = ctx.jobs.liveJob(id);
    let stored: Record<string, string> = {};
    try {
      if (row.result !== null) stored = JSON.parse(row.result) as Record<string, string>;
    } catch {
      // a damaged result only loses the codes
    }
    const codes = (query: string): string | undefined => live?.failures.get(query) ?? (Object.hasOwn(stored, query) ? stored[query] : undefined);
    return { queries: (row.input as { queries: string[] }).queries, codes };
  };
  return [
    defineRoute({
      method: "POST", url: "/api/bulk", tag: "bulk", summary: "start a bulk job over a list of queries (duplicates asked once)",
      body: BulkRequest, produces: { kind: "json", schema: JobCreated }, errors: { 400: "no query left once blank and # comment lines are dropped (WL_ERR_API_REQUEST)", 503: "the cap of running jobs is reached (WL_ERR_API_BUSY)" },
      async handler({ body }) {
        // Each entry read as a line of a `bulk` file (comments, CR, blank lines), so a file's lines posted as they are go in as bulk reads them.
        const queries = [...new Set(body.queries.map(queryOfLine).filter((q) => q !== undefined))];
        if (queries.length === 0) throw new ApiError(400, "WL_ERR_API_REQUEST", "\"queries\" holds no query: only blank or # comment lines");
        const job = await ctx.jobs.create("bulk", { queries }, queries.length);
        ctx.jobs.track(runBulk(ctx, job.id, queries));
        return { id: job.id };
      },
    }),
    defineRoute({
      method: "GET", url: "/api/bulk/:id", tag: "bulk", summary: "a bulk job's state and counts",
      params: JobParams, produces: { kind: "json", schema: BulkStatus }, errors: { 404: "no such job (WL_ERR_API_NOT_FOUND)" },
      async handler({ params }) {
        const row = await ctx.jobs.require(params.id, "bulk");
        return { id: row.id, total: row.total, done: row.done, failed: row.failed, state: row.state };
      },
    }),
    jobEventsRoute(ctx, "bulk", "a bulk job's live progress", "{ total, done, failed }"),
    defineRoute({
      method: "GET", url: "/api/bulk/:id/results", tag: "bulk", summary: "a page of a bulk job's results, in input order",
      params: JobParams, query: Page, produces: { kind: "json", schema: BulkResults }, errors: { 404: "no such job (WL_ERR_API_NOT_FOUND)" },
      async handler({ params, query }) {
        const { queries, codes } = await inputOf(params.id);
        return { items: await resultsPage(ctx, params.id, queries.slice(query.offset, query.offset + query.limit), codes), total: queries.length };
      },
    }),
    defineRoute({
      method: "GET", url: "/api/bulk/:id/results.ndjson", tag: "bulk", summary: "every result of a bulk job, one JSON line each",
      params: JobParams, produces: { kind: "file", contentType: "application/x-ndjson", description: "one { query, state, record?, error? } per line, in input order" },
      errors: { 404: "no such job (WL_ERR_API_NOT_FOUND)" },
      async handler({ params, reply }) {
        const { queries, codes } = await inputOf(params.id);
        reply.header("content-type", "application/x-ndjson; charset=utf-8");
        reply.header("content-disposition", `attachment; filename="bulk-${params.id}.ndjson"`);
        const page = 500;
        async function* lines(): AsyncGenerator<string> {
          for (let i = 0; i < queries.length; i += page) {
            for (const item of await resultsPage(ctx, params.id, queries.slice(i, i + page), codes)) yield `${sanitizedJson(item)}\n`;
          }
        }
        const { Readable } = await import("node:stream");
        return reply.send(Readable.from(lines()));
      },
    }),
  ];
}
