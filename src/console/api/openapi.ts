/**
 * The OpenAPI 3.1 document, generated from the route rows (routes.ts) and their zod schemas
 * (z.toJSONSchema, JSON Schema 2020-12: OpenAPI 3.1's own schema dialect). Nothing is written by hand
 * but the titles, so the document cannot drift from what the routes enforce.
 */
import { z } from "zod/v4";
import { ErrorBody } from "./schemas.js";
import { type AnyRoute, openApiPath } from "./routes.js";

type Json = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(type, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  return schema;
}

/** The properties of an object schema as OpenAPI parameters (path or query). */
function parameters(type: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (type === undefined) return [];
  const schema = schemaOf(type, "input");
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: where, required: where === "path" || required.has(name), schema: rest, ...(typeof description === "string" ? { description } : {}) };
  });
}

function success(route: AnyRoute): Json {
  const p = route.produces;
  if (p.kind === "json") return { description: "OK", content: { "application/json": { schema: schemaOf(p.schema, "output") } } };
  if (p.kind === "sse") {
    const events = Object.entries(p.events).map(([name, what]) => `\`${name}\`: ${what}`).join("; ");
    return { description: `server-sent events (text/event-stream): ${events}`, content: { "text/event-stream": { schema: { type: "string" } } } };
  }
  return { description: p.description, content: { [p.contentType]: { schema: { type: "string" } } } };
}

export function openApiDocument(routes: readonly AnyRoute[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const path = openApiPath(route.url);
    const errors: Record<string, Json> = {};
    const statuses: Record<number, string> = { ...route.errors };
    if (!route.public) {
      statuses[401] = "no token, or an unknown one (WL_ERR_API_AUTH)";
      statuses[429] = "over the token's rate limit (WL_ERR_API_RATE_LIMIT); see Retry-After";
    }
    if ((route.body || route.params || route.query) && statuses[400] === undefined) statuses[400] = "the request fails validation (WL_ERR_API_REQUEST)";
    for (const [status, description] of Object.entries(statuses)) errors[status] = { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    const operation: Json = {
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, "").split(/[/._-]/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join("")}`,
      summary: route.summary,
      tags: [route.tag],
      security: route.public ? [] : [{ bearer: [] }],
      parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
      responses: { 200: success(route), ...errors },
    };
    if (route.body) operation.requestBody = { required: true, content: { "application/json": { schema: schemaOf(route.body, "input") } } };
    if (route.upload) operation.requestBody = { required: true, content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } } };
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    info: { title: "whoislens console API", version, description: "Lookups, bulk jobs, footprints, detection uploads, rules and alerts over HTTP. Every route but /api/health needs `Authorization: Bearer <token>` (whoislens console token add NAME)." },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "a token from `whoislens console token add NAME`" } },
      schemas: { Error: schemaOf(ErrorBody, "output") },
    },
  };
}
