/**
 * A route is a row: method, URL, the zod schemas of what it takes and gives, and a handler. The same
 * rows register the fastify routes (validation here, with zod) and produce the OpenAPI document, so a
 * route cannot be served without being described, nor described with other rules than it enforces.
 */
import type { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod/v4";
import { ApiError } from "./http-errors.js";
import type { TokenInfo } from "./tokens.js";

/** What a route answers with: JSON of a schema, a live event stream, or a file of a content type. */
export type Produces =
  | { kind: "json"; schema: z.ZodType }
  | { kind: "sse"; events: Record<string, string> }
  | { kind: "file"; contentType: string; description: string };

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The raw upload of an `upload` route (read it once). */
  upload: Readable | undefined;
  request: FastifyRequest;
  reply: FastifyReply;
  /** The token the request carried (undefined on a public route). */
  token: TokenInfo | undefined;
}

export interface RouteSpec<P = undefined, Q = undefined, B = undefined> {
  method: "GET" | "POST" | "DELETE";
  /** fastify syntax: /api/bulk/:id */
  url: string;
  summary: string;
  tag: string;
  /** No token needed (health only). */
  public?: true;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** A JSON body of this schema. */
  body?: z.ZodType<B>;
  /** The body is a raw upload (application/octet-stream), handed over as a stream. */
  upload?: true;
  produces: Produces;
  /** Other statuses it may answer with, and why (documented; the error body is the same everywhere). */
  errors?: Record<number, string>;
  handler(input: RouteInput<P, Q, B>): Promise<unknown>;
}

/** A route with its types erased, as the registry and the document generator hold them. */
export interface AnyRoute {
  method: "GET" | "POST" | "DELETE";
  url: string;
  summary: string;
  tag: string;
  public?: true;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  upload?: true;
  produces: Produces;
  errors?: Record<number, string>;
  handle(request: FastifyRequest, reply: FastifyReply, token: TokenInfo | undefined): Promise<unknown>;
}

function parsed<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (schema === undefined) return undefined as T;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  throw new ApiError(400, "WL_ERR_API_REQUEST", `${where}${path !== "" ? ` field "${path}"` : ""}: ${issue?.message ?? "invalid"}`);
}

function isStream(value: unknown): value is Readable {
  return typeof value === "object" && value !== null && typeof (value as Readable).pipe === "function";
}

export function defineRoute<P = undefined, Q = undefined, B = undefined>(spec: RouteSpec<P, Q, B>): AnyRoute {
  const { handler, ...rest } = spec;
  return {
    ...rest,
    async handle(request, reply, token) {
      const params = parsed(spec.params, request.params, "path");
      const query = parsed(spec.query, request.query, "query string");
      let body = undefined as B;
      let upload: Readable | undefined;
      if (spec.upload) {
        if (!isStream(request.body)) throw new ApiError(415, "WL_ERR_API_REQUEST", "send the file as the body with Content-Type: application/octet-stream");
        upload = request.body;
      } else if (spec.body) {
        if (isStream(request.body) || typeof request.body !== "object" || request.body === null) {
          throw new ApiError(415, "WL_ERR_API_REQUEST", "send a JSON object with Content-Type: application/json");
        }
        body = parsed(spec.body, request.body, "body");
      }
      return handler({ params, query, body, upload, request, reply, token });
    },
  };
}

/** fastify's `:id` → OpenAPI's `{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z_]\w*)/g, "{$1}");
}
