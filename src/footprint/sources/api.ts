import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { WhoislensError } from "../../errors.js";
import { fetchRdap, type ProxyConfig } from "../../net/index.js";
import type { ServerMap } from "../../servers/index.js";

/** How a reverse-WHOIS API adapter reaches its endpoint and remembers what it paid for. */
export interface ApiContext {
  servers?: ServerMap;
  /** Only hosts named in `servers` may be contacted (sandbox, tests). */
  mappedOnly?: boolean;
  allowPrivate?: boolean;
  proxy?: ProxyConfig;
  timeoutMs?: number;
  maxBytes?: number;
  /** Directory of answers already paid for; a paid query is never sent twice. */
  cacheDir: string;
  /** Called once per request that really went out (cache hits are free). */
  onQuery?: (server: string, paid: boolean) => void;
  /** Cancels a request in flight (the run's cancel): a slow API must not hold an interrupted run for its 30 s. */
  signal?: AbortSignal;
}

export interface ApiCall {
  url: string;
  method?: "GET" | "POST";
  body?: unknown;
  /** The part of the request that identifies the answer (never the API key). */
  cacheKey: string;
  paid: boolean;
}

/** Sends (or replays from the cache) one API request; returns the JSON body. */
export async function callApi(provider: string, call: ApiCall, ctx: ApiContext): Promise<unknown> {
  const file = join(ctx.cacheDir, provider, `${createHash("sha256").update(call.cacheKey).digest("hex")}.json`);
  const cached = await readFile(file, "utf8").then(
    (text) => JSON.parse(text) as { body: unknown },
    () => undefined,
  );
  if (cached) return cached.body;
  const host = new URL(call.url).hostname;
  const mapped = ctx.servers?.rdap(call.url);
  if (ctx.mappedOnly && mapped === undefined) throw new WhoislensError("WL_ERR_NO_SERVER", `${host} is not in the --servers map (mapped-only mode)`, { server: host });
  ctx.onQuery?.(host, call.paid);
  const answer = await fetchRdap(mapped ?? call.url, {
    method: call.method ?? "GET",
    ...(call.body !== undefined ? { jsonBody: JSON.stringify(call.body) } : {}),
    accept: "application/json",
    explicitTarget: mapped !== undefined,
    allowPrivate: ctx.allowPrivate ?? false,
    timeoutMs: ctx.timeoutMs ?? 30_000,
    maxBytes: ctx.maxBytes ?? 16 * 1024 * 1024,
    ...(ctx.proxy ? { proxy: ctx.proxy } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  if (answer.status === 429) throw new WhoislensError("WL_ERR_THROTTLED", `${provider} refused for rate limits`, { server: host });
  if (answer.status < 200 || answer.status >= 300) throw new WhoislensError("WL_ERR_HTTP", `${provider} answered HTTP ${answer.status}`, { server: host });
  await mkdir(join(ctx.cacheDir, provider), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ provider, request: call.cacheKey, fetchedAt: new Date().toISOString(), body: answer.body }));
  await rename(temporary, file);
  return answer.body;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Domain names out of an untrusted list: strings that look like host names, lower case, capped. */
export function domainList(value: unknown, cap: number): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .slice(0, cap)
    .map((item) => (typeof item === "string" ? item : asRecord(item)?.domain_name ?? asRecord(item)?.domainName))
    .filter((item): item is string => typeof item === "string" && /^[a-z0-9.-]{1,253}$/i.test(item) && item.includes("."))
    .map((item) => item.toLowerCase());
}
