import { z } from "zod";

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

const policyFields = {
  qps: z.number().finite().positive().max(10_000).optional(),
  concurrency: z.number().int().positive().max(1000).optional(),
};
const Target = z.string().min(1).max(MAX_TARGET);
const EntrySchema = z.union([
  Target,
  z.object({ address: Target, ...policyFields }).strict(),
  z.object({ whois: Target.optional(), rdap: Target.optional(), ...policyFields }).strict(),
]);
export const MapSchema = z.record(z.string(), EntrySchema);


export function describeIssue(issue: z.ZodIssue | undefined): string {
  if (!issue) return "invalid";
  if (issue.code === "invalid_union") {
    const inner = issue.unionErrors.flatMap((error) => error.issues).find((candidate) => candidate.path.length > 1) ?? issue.unionErrors[0]?.issues[0];
    if (inner) return `${inner.path.slice(1).join(".") || "value"}: ${inner.message}`.replace(/^value: Expected string, received \w+$/, "expected a string or an object");
    return "expected \"host:port\", an http(s):// URL, or an object with address/whois/rdap";
  }
  const field = issue.path.slice(1).join(".");
  return field === "" ? issue.message : `${field}: ${issue.message}`;
}
