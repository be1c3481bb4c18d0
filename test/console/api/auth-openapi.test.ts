import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestConsole, useTestConsole, type TestConsole } from "./helpers.js";

type Json = Record<string, any>;

/**
 * OpenAPI 3.1's required structure, written from the specification (spec.openapis.org/oas/v3.1.0:
 * "OpenAPI Object", "Info Object", "Paths Object", "Operation Object", "Responses Object",
 * "Parameter Object", "Security Scheme Object"): no copy of the official schema ships in
 * node_modules, so the test holds the document to the fields the specification marks REQUIRED
 * and the value sets it fixes, and compiles every schema under JSON Schema 2020-12 (3.1's dialect).
 */
const OPENAPI_31 = {
  type: "object",
  required: ["openapi", "info"],
  anyOf: [{ required: ["paths"] }, { required: ["components"] }, { required: ["webhooks"] }],
  properties: {
    openapi: { type: "string", pattern: "^3\\.1\\.\\d+(-.+)?$" },
    info: { type: "object", required: ["title", "version"], properties: { title: { type: "string" }, version: { type: "string" } } },
    jsonSchemaDialect: { type: "string", format: "uri" },
    servers: { type: "array", items: { type: "object", required: ["url"] } },
    security: { $ref: "#/$defs/security" },
    paths: { type: "object", propertyNames: { pattern: "^/" }, additionalProperties: { $ref: "#/$defs/pathItem" } },
    components: {
      type: "object",
      properties: {
        schemas: { type: "object", additionalProperties: { type: ["object", "boolean"] } },
        securitySchemes: { type: "object", additionalProperties: { type: "object", required: ["type"], properties: { type: { enum: ["apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"] } }, if: { properties: { type: { const: "http" } } }, then: { required: ["scheme"] } } },
      },
    },
  },
  patternProperties: { "^x-": true },
  additionalProperties: false,
  $defs: {
    security: { type: "array", items: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } } },
    pathItem: {
      type: "object",
      propertyNames: { enum: ["$ref", "summary", "description", "get", "put", "post", "delete", "options", "head", "patch", "trace", "servers", "parameters"] },
      properties: Object.fromEntries(["get", "put", "post", "delete", "options", "head", "patch", "trace"].map((m) => [m, { $ref: "#/$defs/operation" }])),
    },
    operation: {
      type: "object",
      properties: {
        operationId: { type: "string" },
        tags: { type: "array", items: { type: "string" } },
        security: { $ref: "#/$defs/security" },
        parameters: { type: "array", items: { $ref: "#/$defs/parameter" } },
        requestBody: { type: "object", required: ["content"], properties: { content: { $ref: "#/$defs/content" } } },
        responses: { type: "object", minProperties: 1, propertyNames: { pattern: "^([1-5](\\d\\d|XX)|default)$" }, additionalProperties: { $ref: "#/$defs/response" } },
      },
    },
    parameter: {
      type: "object",
      required: ["name", "in"],
      properties: { name: { type: "string" }, in: { enum: ["query", "header", "path", "cookie"] }, required: { type: "boolean" } },
      oneOf: [{ required: ["schema"] }, { required: ["content"] }],
      if: { properties: { in: { const: "path" } } },
      then: { required: ["required"], properties: { required: { const: true } } },
    },
    response: { type: "object", required: ["description"], properties: { description: { type: "string" }, content: { $ref: "#/$defs/content" } } },
    content: { type: "object", additionalProperties: { type: "object", properties: { schema: { type: ["object", "boolean"] } } } },
  },
};

/** Every JSON Schema in the document (request bodies, responses, parameters, components). */
function schemasIn(doc: Json): Json[] {
  const out: Json[] = [];
  const walk = (value: unknown, key: string): void => {
    if (value === null || typeof value !== "object") return;
    if (key === "schema") {
      out.push(value as Json);
      return;
    }
    for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(doc.paths, "");
  for (const schema of Object.values(doc.components?.schemas ?? {})) out.push(schema as Json);
  return out;
}

describe("console API: OpenAPI document and auth", () => {
  let c: TestConsole;
  let doc: Json;
  beforeAll(async () => {
    c = await startTestConsole();
    const response = await c.api("/openapi.json");
    expect(response.status).toBe(200);
    doc = (await response.json()) as Json;
  });
  afterAll(async () => {
    await c?.close();
  });

  it("validates against OpenAPI 3.1's required structure, and every schema compiles as JSON Schema 2020-12", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(OPENAPI_31);
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const withComponents = (schema: Json) => ({ ...schema, $defs: { ...(schema.$defs ?? {}) } });
    const schemas = schemasIn(doc);
    expect(schemas.length).toBeGreaterThan(20);
    for (const schema of schemas) {
      if (schema.$ref === "#/components/schemas/Error") continue;
      expect(() => new Ajv2020({ strict: false, validateFormats: false }).compile(withComponents(schema))).not.toThrow();
    }
    // Every {param} of a path template is declared as a required path parameter, and nothing else is.
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      const template = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const operation of Object.values(item as Json)) {
        const declared = (operation.parameters as Json[]).filter((p) => p.in === "path").map((p) => p.name).sort();
        expect(declared, path).toEqual(template);
      }
    }
  });

  it("lists every route fastify serves under /api and /openapi.json, and nothing it does not serve", () => {
    const documented = Object.entries(doc.paths as Json).flatMap(([path, item]) => Object.keys(item as Json).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    const served = c.console.registered
      .filter((r) => r.method !== "HEAD" && (r.url.startsWith("/api/") || r.url === "/openapi.json"))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, "{$1}")}`)
      .sort();
    expect(documented).toEqual(served);
    // The contract's routes are all there.
    for (const route of ["GET /api/health", "POST /api/lookup", "POST /api/bulk", "GET /api/bulk/{id}", "GET /api/bulk/{id}/events", "GET /api/bulk/{id}/results", "GET /api/bulk/{id}/results.ndjson", "POST /api/footprint", "GET /api/footprint/{id}/events", "GET /api/footprint/{id}/graph", "GET /api/footprint/{id}/export/{format}", "POST /api/detect", "GET /api/rules/{format}", "GET /api/alerts", "GET /api/alerts/events"]) {
      expect(documented).toContain(route);
    }
  });

  it("refuses every documented route but health without a token, and with an unknown or removed one (401, WL_ERR_API_AUTH)", async () => {
    const { token: removed } = await c.console.tokens.add("leaver");
    await c.console.tokens.remove("leaver");
    await new Promise((resolve) => setTimeout(resolve, 2100)); // past the token cache's refresh
    const fill = (path: string) => path.replace("{id}", "b-0000000000000000").replace("{format}", "json");
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const method of Object.keys(item as Json)) {
        const isPublic = path === "/api/health";
        expect((item as Json)[method].security, `${method} ${path}`).toEqual(isPublic ? [] : [{ bearer: [] }]);
        for (const authorization of [undefined, "Bearer wlc_not-a-token", `Bearer ${removed}`, "Basic dXNlcjpwYXNz", `bearer ${c.token}x`]) {
          const response = await fetch(`${c.console.url}${fill(path)}`, {
            method: method.toUpperCase(),
            headers: { ...(authorization ? { authorization } : {}), ...(method === "post" ? { "content-type": "application/json" } : {}) },
            ...(method === "post" ? { body: "{}" } : {}),
          });
          if (isPublic) expect(response.status).toBe(200);
          else {
            expect(response.status, `${method} ${path} with ${authorization ?? "no header"}`).toBe(401);
            expect(((await response.json()) as Json).error.code).toBe("WL_ERR_API_AUTH");
          }
          await response.body?.cancel().catch(() => undefined);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15 * 5);
  }, 60_000);

  it("answers health without a token: { ok: true, version }", async () => {
    const response = await c.api("/api/health", { auth: false });
    expect(await response.json()).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it("sends a strict Content-Security-Policy: self only, no inline script or style, no framing", async () => {
    for (const path of ["/", "/api/health", "/openapi.json"]) {
      const response = await c.api(path);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:|\*/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  it("listens on 127.0.0.1 unless told otherwise", async () => {
    const other = await startTestConsole({ host: undefined });
    try {
      expect(other.console.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((other.console.app.server.address() as { address: string }).address).toBe("127.0.0.1");
    } finally {
      await other.close();
    }
  });
});

describe("console API: per-token rate limit", () => {
  const c = useTestConsole({ limits: { rateLimitMax: 5, rateLimitWindowMs: 60_000 } });

  it("answers 429 with Retry-After and WL_ERR_API_RATE_LIMIT past the limit, for that token only", async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i += 1) {
      last = await c().api("/api/alerts");
      statuses.push(last.status);
      if (last.status === 200) await last.body?.cancel();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const retryAfter = Number(last!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await last!.json()) as Json;
    expect(body.error.code).toBe("WL_ERR_API_RATE_LIMIT");
    expect(body.error.message).toMatch(/--rate-limit/);
    // Another token has its own budget.
    const { token } = await c().console.tokens.add("second");
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const other = await fetch(`${c().console.url}/api/alerts`, { headers: { authorization: `Bearer ${token}` } });
    expect(other.status).toBe(200);
  });
});
