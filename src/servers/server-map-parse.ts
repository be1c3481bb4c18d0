import type { z as Zod } from "zod";
import { zodLib } from "../util/cjs-deps.js";

/** Validation of --servers entries, shared by loadServerMap and ServerMap.withOverrides. */

export interface Endpoint {
  host: string;
  port: number;
}

export interface ServerPolicy {
  qps?: number;
  concurrency?: number;
}

const MAX_TARGET = 2048;
const HOST_PORT = /^(\[[0-9a-fA-F:.]{2,45}\]|[A-Za-z0-9._-]{1,253}):(\d{1,5})$/;
export const KEY = /^[a-z0-9._-]{1,253}$/;

export function whoisTarget(value: string): Endpoint | string {
  const match = HOST_PORT.exec(value.trim());
  const port = Number(match?.[2]);
  if (!match || !Number.isInteger(port) || port < 1 || port > 65535) return `"${value.slice(0, 200)}" is not host:port (1-65535)`;
  return { host: (match[1] ?? "").replace(/^\[|\]$/g, "").toLowerCase(), port };
}

export function rdapTarget(value: string): URL | string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return `"${value.slice(0, 200)}" is not a valid URL`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `"${value.slice(0, 200)}" must be http:// or https://`;
  if (url.username !== "" || url.password !== "") return `"${url.host}" RDAP base must not carry credentials`;
  if (url.search !== "" || url.hash !== "") return `"${value.slice(0, 200)}" RDAP base must not have a query or fragment`;
  return url;
}

export const isHttp = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim());

/** The map's shape in zod: the authority on what is valid, and the source of the error messages. */
function mapSchema(z: typeof Zod) {
  const policyFields = {
    qps: z.number().finite().positive().max(MAX_QPS).optional(),
    concurrency: z.number().int().positive().max(MAX_CONCURRENCY).optional(),
  };
  const Target = z.string().min(1).max(MAX_TARGET);
  const EntrySchema = z.union([
    Target,
    z.object({ address: Target, ...policyFields }).strict(),
    z.object({ whois: Target.optional(), rdap: Target.optional(), ...policyFields }).strict(),
  ]);
  return z.record(z.string(), EntrySchema);
}
const MAX_QPS = 10_000;
const MAX_CONCURRENCY = 1000;
let schema: ReturnType<typeof mapSchema> | undefined;

export type MapInput = Zod.input<ReturnType<typeof mapSchema>>;
type MapOutput = Zod.output<ReturnType<typeof mapSchema>>;

/*
 * The quick check: the same rules as mapSchema, written out for the maps that pass them, so that a
 * lookup with a well-formed --servers map does not load zod (~10–30 ms of a one-shot command's start,
 * issue #13). It answers only "certainly valid"; anything else goes to zod, which decides and words the
 * error. test/servers/server-map-quick.test.ts checks, on generated maps, that every map this accepts
 * zod accepts with the same output.
 */
const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
const isTarget = (value: unknown): boolean => typeof value === "string" && value.length >= 1 && value.length <= MAX_TARGET;
const FIELD_CHECKS: Record<string, (value: unknown) => boolean> = {
  address: isTarget,
  whois: isTarget,
  rdap: isTarget,
  qps: (v) => typeof v === "number" && Number.isFinite(v) && v > 0 && v <= MAX_QPS,
  concurrency: (v) => typeof v === "number" && Number.isInteger(v) && v > 0 && v <= MAX_CONCURRENCY,
};
function quickEntry(value: unknown): boolean {
  if (typeof value === "string") return isTarget(value);
  if (!isPlain(value)) return false;
  // The two object forms are strict: "address" excludes "whois"/"rdap".
  if (Object.hasOwn(value, "address") && (Object.hasOwn(value, "whois") || Object.hasOwn(value, "rdap"))) return false;
  return Object.keys(value).every((key) => Object.hasOwn(FIELD_CHECKS, key) && FIELD_CHECKS[key]!(value[key]));
}
export function quickMap(json: unknown): json is MapOutput {
  return isPlain(json) && Object.keys(json).every((key) => key !== "__proto__" && quickEntry(json[key]));
}

/** Validates a --servers map's shape: its entries, or the first zod issue. */
export function checkMap(json: unknown): { ok: true; data: MapOutput } | { ok: false; issue: Zod.ZodIssue | undefined } {
  if (quickMap(json)) return { ok: true, data: json };
  schema ??= mapSchema(zodLib().z);
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, issue: parsed.error.issues[0] };
}


export function describeIssue(issue: Zod.ZodIssue | undefined): string {
  if (!issue) return "invalid";
  if (issue.code === "invalid_union") {
    const inner = issue.unionErrors.flatMap((error) => error.issues).find((candidate) => candidate.path.length > 1) ?? issue.unionErrors[0]?.issues[0];
    if (inner) return `${inner.path.slice(1).join(".") || "value"}: ${inner.message}`.replace(/^value: Expected string, received \w+$/, "expected a string or an object");
    return "expected \"host:port\", an http(s):// URL, or an object with address/whois/rdap";
  }
  const field = issue.path.slice(1).join(".");
  return field === "" ? issue.message : `${field}: ${issue.message}`;
}
