/**
 * The console API contract (notes: w3-console-contract) over the sandbox world with the library
 * APIs, for the page's tests until the real API (src/console/api/, startConsole) merges: lookup,
 * bulk (paced so its progress is seen live), footprint (the sandbox organisation), detect uploads,
 * the alert inbox and its event stream. Not a product: no rate limits, no store persistence.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bulkLookup, PoliteScheduler } from "../../../src/bulk/index.js";
import { alertToEcs, detectFiles } from "../../../src/detect/index.js";
import type { LogFormat } from "../../../src/detect/types.js";
import { footprint, renderFootprint, type FootprintGraph } from "../../../src/footprint/index.js";
import { lookup, type ProtocolChoice } from "../../../src/lookup/index.js";
import type { Store } from "../../../src/store/index.js";
import { startWorld, zoneStore, type World } from "../../footprint/world.js";

type Send = (status: number, body: unknown) => void;
interface Job { total: number; done: number; failed: number; state: string; items: { query: string; state: string; record?: unknown; error?: unknown }[]; listeners: Set<ServerResponse> }
interface Walk { graph?: FootprintGraph; error?: string; progress: Record<string, number>; listeners: Set<ServerResponse> }

export interface FakeApiOptions {
  /** Added before each bulk lookup, so a job's progress has steps a browser can see. */
  bulkDelayMs: number;
}

export class FakeApi {
  private readonly jobs = new Map<string, Job>();
  private readonly walks = new Map<string, Walk>();
  private readonly alerts: unknown[] = [];
  private readonly alertListeners = new Set<ServerResponse>();
  private store?: Promise<Store>;
  private nextId = 1;

  private constructor(readonly world: World, private readonly options: FakeApiOptions) {}

  static async start(options: FakeApiOptions): Promise<FakeApi> {
    return new FakeApi(await startWorld(), options);
  }

  async close(): Promise<void> {
    for (const res of [...this.alertListeners, ...[...this.jobs.values()].flatMap((j) => [...j.listeners]), ...[...this.walks.values()].flatMap((w) => [...w.listeners])]) res.end();
    if (this.store !== undefined) await (await this.store).close();
    await this.world.close();
  }

  async handle(method: string, path: string, query: URLSearchParams, req: IncomingMessage, res: ServerResponse, send: Send): Promise<void> {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/api/lookup") return this.lookup(await jsonBody(req), send);
    if (method === "POST" && path === "/api/bulk") return this.bulk(await jsonBody(req), send);
    if ((m = /^\/api\/bulk\/([0-9]+)(\/events|\/results|\/results\.ndjson)?$/.exec(path)) !== null && method === "GET") return this.bulkGet(m[1]!, m[2], query, res, send);
    if (method === "POST" && path === "/api/footprint") return this.footprintStart(await jsonBody(req), send);
    if ((m = /^\/api\/footprint\/([0-9]+)\/(events|graph|export\/[a-z]+)$/.exec(path)) !== null && method === "GET") return this.footprintGet(m[1]!, m[2]!, res, send);
    if (method === "POST" && path === "/api/detect") return this.detect(req, query, send);
    if (method === "GET" && path === "/api/alerts") return send(200, { items: this.alerts.slice(Number(query.get("offset") ?? 0), Number(query.get("offset") ?? 0) + Number(query.get("limit") ?? 100)), total: this.alerts.length });
    if (method === "GET" && path === "/api/alerts/events") {
      openSse(res);
      this.alertListeners.add(res);
      res.on("close", () => this.alertListeners.delete(res));
      return;
    }
    send(404, { error: { code: "WL_ERR_NOT_FOUND", message: `no route ${method} ${path}` } });
  }

  private async lookup(body: Record<string, unknown>, send: Send): Promise<void> {
    const protocol = (typeof body.protocol === "string" ? body.protocol : "auto") as ProtocolChoice;
    const record = await lookup(String(body.query ?? ""), { ...this.world.lookup, protocol, raw: true });
    const hops = (record.chain ?? []).map((hop) => ({ server: hop.server, protocol: hop.protocol, ...(hop.url !== undefined ? { url: hop.url } : {}), durationMs: hop.durationMs ?? 0, status: hop.status, raw: hop.raw ?? "" }));
    const { raw: _raw, ...rest } = record;
    send(200, { record: { ...rest, chain: (record.chain ?? []).map(({ raw: _r, ...hop }) => hop) }, hops });
  }

  private bulk(body: Record<string, unknown>, send: Send): void {
    const queries = Array.isArray(body.queries) ? body.queries.map(String) : [];
    const id = String(this.nextId++);
    const job: Job = { total: queries.length, done: 0, failed: 0, state: "running", items: [], listeners: new Set() };
    this.jobs.set(id, job);
    send(200, { id });
    const scheduler = new PoliteScheduler({ servers: this.world.lookup.servers! });
    const delay = this.options.bulkDelayMs;
    void (async () => {
      async function* source(): AsyncGenerator<string> {
        yield* queries;
      }
      const lookupFn = async (q: string, o: Parameters<typeof lookup>[1]) => {
        await new Promise((r) => setTimeout(r, delay));
        return lookup(q, o);
      };
      for await (const result of bulkLookup(source(), { lookup: this.world.lookup, scheduler, concurrency: 1, perServer: 1, lookahead: 4, lookupFn })) {
        if (result.error !== undefined) job.failed++;
        job.done++;
        job.items.push({ query: result.query, state: result.error !== undefined ? "failed" : "done", ...(result.record !== undefined ? { record: result.record } : {}), ...(result.error !== undefined ? { error: result.error } : {}) });
        for (const res of job.listeners) sse(res, "progress", { total: job.total, done: job.done, failed: job.failed });
      }
      job.state = "done";
      for (const res of job.listeners) {
        sse(res, "end", { state: job.state });
        res.end();
      }
    })();
  }

  private bulkGet(id: string, tail: string | undefined, query: URLSearchParams, res: ServerResponse, send: Send): void {
    const job = this.jobs.get(id);
    if (job === undefined) return send(404, { error: { code: "WL_ERR_NOT_FOUND", message: `no bulk job ${id}` } });
    if (tail === undefined) return send(200, { id, total: job.total, done: job.done, failed: job.failed, state: job.state });
    if (tail === "/results") {
      const offset = Number(query.get("offset") ?? 0);
      return send(200, { items: job.items.slice(offset, offset + Number(query.get("limit") ?? 100)), total: job.items.length });
    }
    if (tail === "/results.ndjson") {
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      res.end(job.items.map((i) => `${JSON.stringify(i)}\n`).join(""));
      return;
    }
    openSse(res);
    sse(res, "progress", { total: job.total, done: job.done, failed: job.failed });
    if (job.state !== "running") {
      sse(res, "end", { state: job.state });
      res.end();
      return;
    }
    job.listeners.add(res);
    res.on("close", () => job.listeners.delete(res));
  }

  private footprintStart(body: Record<string, unknown>, send: Send): void {
    const id = String(this.nextId++);
    const walk: Walk = { progress: {}, listeners: new Set() };
    this.walks.set(id, walk);
    send(200, { id });
    this.store ??= zoneStore(this.world);
    const protocol = (typeof body.protocol === "string" ? body.protocol : "auto") as ProtocolChoice;
    void (async () => {
      try {
        walk.graph = await footprint([String(body.seed ?? "")], {
          lookup: { ...this.world.lookup, protocol },
          store: await this.store!,
          dns: { resolver: this.world.resolver },
          budget: 200,
          ...(typeof body.depth === "number" ? { depth: body.depth } : {}),
          onProgress: (p) => {
            walk.progress = { ...p };
            for (const res of walk.listeners) sse(res, "progress", walk.progress);
          },
        });
      } catch (error) {
        walk.error = (error as Error).message;
      }
      for (const res of walk.listeners) {
        sse(res, "end", walk.error !== undefined ? { state: "failed", error: walk.error } : { state: "done" });
        res.end();
      }
    })();
  }

  private footprintGet(id: string, what: string, res: ServerResponse, send: Send): void {
    const walk = this.walks.get(id);
    if (walk === undefined) return send(404, { error: { code: "WL_ERR_NOT_FOUND", message: `no footprint ${id}` } });
    if (what === "events") {
      openSse(res);
      if (walk.graph !== undefined || walk.error !== undefined) {
        sse(res, "end", walk.error !== undefined ? { state: "failed", error: walk.error } : { state: "done" });
        res.end();
        return;
      }
      walk.listeners.add(res);
      res.on("close", () => walk.listeners.delete(res));
      return;
    }
    if (walk.graph === undefined) return send(409, { error: { code: "WL_ERR_NOT_READY", message: "footprint still running" } });
    if (what === "graph") return send(200, contractGraph(walk.graph));
    const format = what.slice("export/".length);
    if (!["json", "graphml", "csv", "stix", "md", "html"].includes(format)) return send(400, { error: { code: "WL_ERR_INVALID_OPTION", message: `unknown export format ${format}` } });
    res.writeHead(200, { "content-type": "application/octet-stream" });
    res.end(renderFootprint(walk.graph, format as "json"));
  }

  private async detect(req: IncomingMessage, query: URLSearchParams, send: Send): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), "wl-console-detect-"));
    try {
      const file = join(dir, "upload.log");
      writeFileSync(file, await rawBody(req, 16 * 1024 * 1024));
      const format = query.get("format");
      const result = await detectFiles([file], format !== null && format !== "" ? { format: format as LogFormat } : {});
      const alerts = result.alerts.map((a) => alertToEcs(a));
      // The inbox keeps each alert wrapped with its arrival and origin (as the console API does).
      for (const alert of alerts) {
        const item = { id: this.alerts.length + 1, createdAt: new Date().toISOString(), origin: "detect", alert };
        this.alerts.push(item);
        for (const res of this.alertListeners) sse(res, "alert", item);
      }
      send(200, { alerts, stats: result.stats });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The graph in the contract's names (nodes: id, type, label, confidence; edges: source, target, kind, evidence[]). */
export function contractGraph(graph: FootprintGraph): unknown {
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, type: n.type, label: n.value, confidence: n.confidence, depth: n.depth, ...(n.seed ? { seed: true } : {}), owned: n.owned, notes: n.notes })),
    edges: graph.edges.map((e, i) => {
      const m = /^([a-z0-9-]+):(\S+)(?: (.*))?$/s.exec(e.evidence.source);
      return { id: `e${i}`, source: e.from, target: e.to, kind: e.relation, pivot: e.pivot, confidence: e.confidence, evidence: [{ server: m?.[2] ?? e.evidence.source, protocol: m?.[1] ?? "", field: e.evidence.field, value: e.evidence.value, text: m?.[3] ?? "" }] };
    }),
  };
}

function openSse(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
  res.write(": open\n\n");
}

function sse(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

async function rawBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const value: unknown = JSON.parse((await rawBody(req, 1024 * 1024)).toString("utf8") || "{}");
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
