/** Footprint jobs: a seed in, the engine run in-process, progress as events, the graph and every export format out. */
import { footprint, parseSeed, type FootprintGraph } from "../../footprint/index.js";
import { renderFootprint } from "../../footprint/export/index.js";
import { jsonSafe } from "../../util/export-text.js";
import { type ConsoleContext, jobEventsRoute } from "./context.js";
import { ApiError } from "./http-errors.js";
import { defineRoute, type AnyRoute } from "./routes.js";
import { ExportParams, FootprintRequest, Graph, JobCreated, JobParams, type GraphT } from "./schemas.js";

/** Evidence source text → server and protocol: "rdap:rdap.arin.net ACMEW-ARIN", "whois:whois.ripe.net -i org X", "dns:127.0.0.1:53 …". */
const SOURCE = /^(rdap|whois|dns|reverse-whois):(\S+)/;

/** The engine's graph in the contract's names (nodes: id/type/label/confidence; edges: id/source/target/kind/confidence/evidence[]). */
export function graphView(graph: FootprintGraph): GraphT {
  return jsonSafe({
    nodes: graph.nodes.map((n) => ({ id: n.id, type: n.type, label: n.value, confidence: n.confidence, owned: n.owned, seed: n.seed === true })),
    edges: graph.edges.map((e, index) => {
      const m = SOURCE.exec(e.evidence.source);
      return {
        id: `e${index}`,
        source: e.from,
        target: e.to,
        kind: e.relation,
        confidence: e.confidence,
        evidence: [{ server: m?.[2] ?? "", protocol: m?.[1] ?? "derived", field: e.evidence.field, value: e.evidence.value, text: e.evidence.source }],
      };
    }),
  });
}

async function runFootprint(ctx: ConsoleContext, id: string, seed: string, protocol: "auto" | "rdap" | "whois" | undefined, depth: number | undefined): Promise<void> {
  const job = ctx.jobs.liveJob(id);
  if (!job) return;
  try {
    const graph = await footprint([seed], {
      lookup: { ...ctx.lookup, ...(protocol !== undefined ? { protocol } : {}) },
      store: ctx.store,
      dns: ctx.dns,
      ...(depth !== undefined ? { depth } : {}),
      signal: job.controller.signal,
      onProgress: (p) => {
        job.total = p.expanded + p.queued;
        job.done = p.expanded;
        job.detail = { expanded: p.expanded, queued: p.queued, nodes: p.nodes, spent: p.spent };
        void ctx.jobs.changed(job).catch(() => undefined);
      },
    });
    job.total = job.done;
    // Stopped by a shutdown: the partial graph is kept, marked interrupted.
    await ctx.jobs.finish(job, job.controller.signal.aborted ? "interrupted" : "done", JSON.stringify(graph));
  } catch (error) {
    ctx.log(`footprint job ${id} failed: ${(error as Error).stack ?? String(error)}`);
    await ctx.jobs.finish(job, "failed", null, (error as Error).message).catch(() => undefined);
  }
}

export function footprintRoutes(ctx: ConsoleContext): AnyRoute[] {
  const graphOf = async (id: string): Promise<FootprintGraph> => {
    const row = await ctx.jobs.require(id, "footprint");
    if (row.state === "running") throw new ApiError(409, "WL_ERR_API_BUSY", `footprint job ${id} is still running; its graph comes with the end event`);
    if (row.result === null) throw new ApiError(404, "WL_ERR_API_NOT_FOUND", `footprint job ${id} has no graph (${row.state}${row.error !== null ? `: ${row.error}` : ""})`);
    return JSON.parse(row.result) as FootprintGraph;
  };
  const notReady = { 404: "no such job, or it ended without a graph (WL_ERR_API_NOT_FOUND)", 409: "the job is still running (WL_ERR_API_BUSY)" };
  return [
    defineRoute({
      method: "POST", url: "/api/footprint", tag: "footprint", summary: "start a footprint from one seed (domain, email, IP, CIDR, ASN, handle, org:NAME…)",
      body: FootprintRequest, produces: { kind: "json", schema: JobCreated }, errors: { 503: "the cap of running jobs is reached (WL_ERR_API_BUSY)" },
      async handler({ body }) {
        parseSeed(body.seed); // a seed it cannot read is a 400 now, not a failed job later
        const job = await ctx.jobs.create("footprint", body);
        ctx.jobs.track(runFootprint(ctx, job.id, body.seed, body.protocol, body.depth));
        return { id: job.id };
      },
    }),
    jobEventsRoute(ctx, "footprint", "a footprint's live progress", "{ total, done, failed, expanded, queued, nodes, spent }"),
    defineRoute({
      method: "GET", url: "/api/footprint/:id/graph", tag: "footprint", summary: "the footprint graph, every edge with its evidence",
      params: JobParams, produces: { kind: "json", schema: Graph }, errors: notReady,
      async handler({ params }) {
        return graphView(await graphOf(params.id));
      },
    }),
    defineRoute({
      method: "GET", url: "/api/footprint/:id/export/:format", tag: "footprint", summary: "the footprint as `whoislens footprint --format` writes it",
      params: ExportParams, produces: { kind: "file", contentType: "application/octet-stream", description: "json, GraphML, CSV, STIX 2.1 bundle, Markdown or HTML report (a download)" },
      errors: notReady,
      async handler({ params, reply }) {
        const text = renderFootprint(await graphOf(params.id), params.format);
        reply.header("content-type", EXPORT_TYPES[params.format]);
        reply.header("content-disposition", `attachment; filename="footprint-${params.id}.${params.format === "stix" ? "stix.json" : params.format}"`);
        return reply.send(text);
      },
    }),
  ];
}

/** Content types of the exports; each is sent as an attachment, so even the HTML report never renders in the console's origin. */
const EXPORT_TYPES: Readonly<Record<(typeof ExportParams)["shape"]["format"]["options"][number], string>> = {
  json: "application/json; charset=utf-8",
  graphml: "application/graphml+xml; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  stix: "application/stix+json; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
};
