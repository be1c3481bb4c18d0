/**
 * POST /api/lookup: the lookup engine, each hop's answer beside the record. Answers are kept for
 * `lookupTtlMs` in a bounded map (a console is asked the same names again and again by a team;
 * `fresh: true` skips it), and every fresh record is kept in the store, where `db search` and
 * footprint find it.
 */
import { lookup } from "../../lookup/index.js";
import type { WhoisRecord } from "../../record/types.js";
import { withoutRaw } from "../../store/index.js";
import { sanitizeDeep } from "../../util/sanitize.js";
import type { ConsoleContext } from "./context.js";
import { defineRoute, type AnyRoute } from "./routes.js";
import { LookupRequest, LookupResponse, type HopT, type LookupResponseT } from "./schemas.js";

/** The hops as the page draws them: each with its start, derived from the lookup's start and the hops before it. */
export function hopsOf(record: WhoisRecord, startedAt: number): HopT[] {
  let at = startedAt;
  return (record.chain ?? []).map((hop) => {
    const entry: HopT = { server: hop.server, protocol: hop.protocol, startedAt: new Date(at).toISOString(), durationMs: hop.durationMs ?? 0, status: hop.status, raw: hop.raw ?? "" };
    if (hop.url !== undefined) entry.url = hop.url;
    at += hop.durationMs ?? 0;
    return entry;
  });
}

/**
 * A bounded map of recent answers (oldest dropped first), each good for `ttlMs`, kept as the JSON text
 * sent for a hit, already UTF-8: a 13 KB answer serialized and encoded again for every hit cost more
 * than the rest of the request.
 */
class RecentAnswers {
  private readonly entries = new Map<string, { at: number; value: Buffer }>();
  constructor(private readonly ttlMs: number, private readonly max: number) {}
  get(key: string): Buffer | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (Date.now() - hit.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }
  set(key: string, value: LookupResponseT): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { at: Date.now(), value: Buffer.from(JSON.stringify({ ...value, cached: true })) });
  }
}

export function lookupRoutes(ctx: ConsoleContext): AnyRoute[] {
  const recent = new RecentAnswers(ctx.limits.lookupTtlMs, ctx.limits.lookupCacheEntries);
  return [
    defineRoute({
      method: "POST", url: "/api/lookup", tag: "lookup", summary: "look up a domain, IP address, CIDR, AS number or handle: the normalized record and each hop's answer",
      body: LookupRequest, produces: { kind: "json", schema: LookupResponse },
      errors: { 502: "no usable answer (WL_ERR_CONNECT, WL_ERR_PROTOCOL, …)", 504: "the lookup ran out of time (WL_ERR_TIMEOUT)" },
      async handler({ body, reply }) {
        const protocol = body.protocol ?? ctx.lookup.protocol ?? "auto";
        const key = `${protocol}\u0000${body.query}`;
        if (body.fresh !== true) {
          const hit = recent.get(key);
          if (hit !== undefined) return reply.type("application/json; charset=utf-8").send(hit);
        }
        const started = Date.now();
        const record = sanitizeDeep(await lookup(body.query, { ...ctx.lookup, protocol, raw: true }));
        const answer: LookupResponseT = { record: withoutRaw(record) as unknown as Record<string, unknown>, hops: hopsOf(record, started), cached: false };
        const now = new Date().toISOString();
        if (record.status !== "unknown" && record.status !== "throttled") {
          // Kept as data (history, db search, footprint); the lookup is already answered if the store fails.
          await ctx.store.saveRecord("console", body.query, record, undefined, now, record.warnings?.some((w) => w.code === "WL_WARN_TRUNCATED") ? "truncated" : "done").catch((error: unknown) => ctx.log(`store: ${(error as Error).message}`));
          recent.set(key, answer);
        }
        return answer;
      },
    }),
  ];
}
