import type { LookupOptions } from "../../lookup/index.js";
import type { Store } from "../../store/index.js";
import type { AlertHub } from "./alerts.js";
import type { ConsoleLimits } from "./defaults.js";
import type { Jobs, JobKind } from "./jobs.js";
import { EventStreams } from "./sse.js";
import type { FastifyReply } from "fastify";
import { defineRoute, type AnyRoute } from "./routes.js";
import { JobParams } from "./schemas.js";

/** What every route plugin is given: the store, the lookup options, the limits and the shared hubs. */
export interface ConsoleContext {
  store: Store;
  lookup: Partial<LookupOptions>;
  limits: ConsoleLimits;
  streams: EventStreams;
  jobs: Jobs;
  alerts: AlertHub;
  version: string;
  /** DNS for footprint pivots and the watch pass's lookalike check: `false` off, else the resolver (`host:port`, default the system's). */
  dns: false | { resolver?: string };
  /** Operator messages (standard error of `whoislens console`). */
  log(message: string): void;
}

/** A job's progress as events: the current state at once, then each change, then `end` and the stream closes. */
export async function jobEvents(ctx: ConsoleContext, reply: FastifyReply, id: string, kind: JobKind): Promise<void> {
  const found = ctx.jobs.liveJob(id);
  const live = found?.kind === kind ? found : undefined;
  if (!live) {
    // Not running (here): the store has its final state, or there is no such job (404).
    const row = await ctx.jobs.require(id, kind);
    const stream = ctx.streams.start(reply);
    const progress = { total: row.total, done: row.done, failed: row.failed };
    stream.send("progress", progress);
    stream.send("end", { ...progress, state: row.state, ...(row.error !== null ? { error: row.error } : {}) });
    stream.close();
    return;
  }
  const stream = ctx.streams.start(reply);
  stream.send("progress", live.progress());
  const off = live.on((event, data) => {
    stream.send(event, data);
    if (event === "end") stream.close();
  });
  void stream.closed.then(off);
}

/** `GET /api/<kind>/:id/events`: the job's progress stream (jobEvents), one row per job kind. */
export function jobEventsRoute(ctx: ConsoleContext, kind: JobKind, summary: string, progress: string): AnyRoute {
  return defineRoute({
    method: "GET", url: `/api/${kind}/:id/events`, tag: kind, summary,
    params: JobParams, produces: { kind: "sse", events: { progress, end: "the last progress and the job's state, then the stream closes" } },
    errors: { 404: "no such job (WL_ERR_API_NOT_FOUND)", 503: "the cap of live streams is reached (WL_ERR_API_BUSY)" },
    async handler({ params, reply }) {
      await jobEvents(ctx, reply, params.id, kind);
    },
  });
}
