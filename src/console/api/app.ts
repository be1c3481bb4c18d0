/**
 * The console's fastify app: security plugins (helmet's strict CSP, per-token rate limits, body caps),
 * token auth on every API route but health, one route plugin per capability, the OpenAPI document
 * built from the same rows, and the web page's static files.
 */
import { existsSync } from "node:fs";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { jsonNestingDepth } from "../../net/json-guard.js";
import { alertRoutes } from "./alerts.js";
import { bulkRoutes } from "./bulk.js";
import type { ConsoleContext } from "./context.js";
import { defendRoutes } from "./defend.js";
import { detectRoutes } from "./detect.js";
import { footprintRoutes } from "./footprint.js";
import { ApiError, errorReply } from "./http-errors.js";
import { lookupRoutes } from "./lookup.js";
import { openApiDocument } from "./openapi.js";
import { defineRoute, type AnyRoute } from "./routes.js";
import { Health } from "./schemas.js";
import { LOOPBACK_HOST } from "./defaults.js";
import type { TokenCache, TokenInfo } from "./tokens.js";
import { z } from "zod/v4";

declare module "fastify" {
  interface FastifyRequest {
    consoleToken?: TokenInfo;
  }
}

/**
 * Content-Security-Policy: everything from this origin only, no inline script or style, no plugins,
 * no framing, no <base> rewrite. The page is a Vite build of plain files, so it needs nothing more.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const;


export interface AppOptions {
  /** Listening on loopback only: refuse requests addressed to any other host name (DNS rebinding). */
  loopbackOnly: boolean;
  tokens: TokenCache;
  /** The web page's built files (dist/console-web); absent: `/` says they are not built. */
  webRoot?: string;
  rateLimit: { max: number; windowMs: number };
}

const HELMET_OPTIONS = {
  global: true,
  contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES } },
  crossOriginEmbedderPolicy: true,
  referrerPolicy: { policy: "no-referrer" as const },
  frameguard: { action: "deny" as const },
  // The console speaks plain HTTP on loopback; a browser ignores Strict-Transport-Security sent over
  // plain HTTP (RFC 6797 §8.1), so it would only be bytes on every answer. TLS in front may add it.
  strictTransportSecurity: false,
};

/**
 * The headers @fastify/helmet sets with HELMET_OPTIONS, computed once. The plugin builds helmet's
 * middleware anew in its onRequest hook for every request (CSP directives parsed, validated and
 * re-spelled each time), which took the console to a fraction of a bare route's throughput; the
 * headers depend on the options only, so the plugin computes them once, on a throwaway instance,
 * and every response gets that list.
 */
async function helmetHeaders(): Promise<[string, string][]> {
  const probe = Fastify({ logger: false });
  await probe.register(fastifyHelmet, HELMET_OPTIONS);
  probe.get("/", async () => "");
  const response = await probe.inject({ method: "GET", url: "/" });
  await probe.close();
  const ours = new Set(["content-type", "content-length", "date", "connection", "keep-alive"]);
  return Object.entries(response.headers).filter(([name, value]) => !ours.has(name) && typeof value === "string").map(([name, value]) => [name, value as string]);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== "string") return undefined;
  const m = /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/.exec(header);
  return m?.[1];
}

/** Every route row, in the order they are registered and documented. */
export function consoleRoutes(ctx: ConsoleContext, document: () => Record<string, unknown>): AnyRoute[] {
  return [
    defineRoute({
      method: "GET", url: "/api/health", tag: "console", summary: "liveness; the only route without a token", public: true,
      produces: { kind: "json", schema: Health },
      async handler() {
        return { ok: true as const, version: ctx.version };
      },
    }),
    defineRoute({
      method: "GET", url: "/openapi.json", tag: "console", summary: "this document (OpenAPI 3.1), generated from the schemas that validate the requests",
      produces: { kind: "json", schema: z.record(z.string(), z.unknown()) },
      async handler() {
        return document();
      },
    }),
    ...lookupRoutes(ctx),
    ...bulkRoutes(ctx),
    ...footprintRoutes(ctx),
    ...detectRoutes(ctx),
    ...alertRoutes(ctx),
    ...defendRoutes(ctx),
  ];
}

export async function buildConsoleApp(ctx: ConsoleContext, options: AppOptions): Promise<{ app: FastifyInstance; routes: AnyRoute[]; registered: { method: string; url: string }[] }> {
  const limits = ctx.limits;
  const app = Fastify({ bodyLimit: limits.bodyLimitBytes, logger: false, trustProxy: false, routerOptions: { maxParamLength: 200 }, return503OnClosing: true, requestTimeout: limits.requestTimeoutMs,
    // Node enforces requestTimeout from a periodic connection check, every 30 s unless told otherwise: a slow
    // client would get up to 30 s past the limit.
    http: { connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.requestTimeoutMs / 2))) } });
  // Past the cap Node closes each new connection at once: a flood of idle sockets cannot take every descriptor.
  app.server.maxConnections = limits.maxConnections;
  // fastify's own list of what it serves (HEAD twins included), to hold the OpenAPI document against.
  const registered: { method: string; url: string }[] = [];
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) registered.push({ method, url: route.url });
  });

  // Request bodies: JSON (depth-checked before parsing) and raw uploads (streamed; capped by the route). Nothing else.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string", bodyLimit: limits.bodyLimitBytes }, (_request, text, done) => {
    const body = text as string;
    if (body.trim() === "") return done(new ApiError(400, "WL_ERR_API_REQUEST", "the request body is empty; send a JSON object"));
    const depth = jsonNestingDepth(body);
    if (depth > limits.maxJsonDepth) return done(new ApiError(400, "WL_ERR_API_REQUEST", `the JSON body is nested ${depth} levels deep (limit ${limits.maxJsonDepth})`));
    try {
      done(null, JSON.parse(body) as unknown);
    } catch (error) {
      done(new ApiError(400, "WL_ERR_API_REQUEST", `the body is not valid JSON: ${(error as Error).message}`));
    }
  });
  app.addContentTypeParser("application/octet-stream", (_request, payload, done) => done(null, payload));

  if (options.loopbackOnly) {
    // DNS rebinding: a web page whose name the attacker re-points at 127.0.0.1 reaches a loopback
    // service as a "same-origin" site. Its requests carry the attacker's host name, so a console
    // listening on loopback answers only requests addressed to a loopback name.
    app.addHook("onRequest", (request, _reply, done) => {
      const host = (request.headers.host ?? "").toLowerCase().replace(/:\d+$/, "");
      if (LOOPBACK_HOST.test(host)) return done();
      done(new ApiError(403, "WL_ERR_API_REQUEST", `Host "${host}" is not a loopback name: a console listening on loopback answers only requests addressed to 127.0.0.1, localhost or [::1] (DNS rebinding guard)`));
    });
  }
  const securityHeaders = await helmetHeaders();
  app.addHook("onRequest", (_request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.header(name, value);
    done();
  });
  await app.register(fastifyRateLimit, {
    global: true,
    hook: "preHandler", // after auth (onRequest): the key is the token
    max: options.rateLimit.max,
    timeWindow: options.rateLimit.windowMs,
    // X-RateLimit-* on every answer cost as much as the check; a client over the limit still gets them and Retry-After.
    addHeadersOnExceeding: { "x-ratelimit-limit": false, "x-ratelimit-remaining": false, "x-ratelimit-reset": false },
    keyGenerator: (request) => (request.consoleToken ? `token:${request.consoleToken.id}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, "WL_ERR_API_RATE_LIMIT", `rate limit of ${context.max} requests per ${Math.round(context.ttl / 1000) || 1} s reached for this token; retry in ${context.after} (--rate-limit raises it)`),
  });

  app.addHook("preClose", async () => ctx.streams.closeAll());
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = errorReply(error);
    if (status >= 500 && status !== 503) ctx.log(`${request.method} ${request.url}: ${(error as Error).stack ?? String(error)}`);
    if (reply.sent || reply.raw.headersSent) return;
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: "WL_ERR_API_NOT_FOUND", message: `no route ${request.method} ${request.url.split("?")[0]}` } });
  });

  let doc: Record<string, unknown> | undefined;
  const routes: AnyRoute[] = consoleRoutes(ctx, () => (doc ??= openApiDocument(routes, ctx.version)));
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      ...(route.upload ? { bodyLimit: limits.uploadLimitBytes } : {}),
      onRequest: async (request) => {
        if (route.public) return;
        const token = bearer(request);
        if (token === undefined) throw new ApiError(401, "WL_ERR_API_AUTH", "this route needs Authorization: Bearer <token> (create one with: whoislens console token add NAME)");
        const info = await options.tokens.check(token);
        if (!info) throw new ApiError(401, "WL_ERR_API_AUTH", "the token is not valid (removed, or never created here)");
        request.consoleToken = info;
      },
      handler: async (request, reply) => route.handle(request, reply, request.consoleToken),
    });
  }

  if (options.webRoot !== undefined && existsSync(options.webRoot)) {
    await app.register(fastifyStatic, { root: options.webRoot, prefix: "/", index: "index.html", wildcard: false, dotfiles: "deny" });
  } else {
    app.get("/", async (_request, reply) => reply.type("text/plain; charset=utf-8").send("whoislens console: the API is up (/api/health, /openapi.json), but the web page is not built here (npm run build writes dist/console-web/).\n"));
  }
  return { app, routes, registered };
}
