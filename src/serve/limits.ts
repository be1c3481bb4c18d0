import { z } from "zod";
import { ConfigError } from "../errors.js";
import { readNamedFileSync, INPUT_CAPS } from "../util/read-capped.js";
import { describeIssues } from "./load.js";

/**
 * Accounting limits per source, one row each with where the default comes from. Flags (`--limit
 * NAME=VALUE`), a limits file (`--limits FILE`, JSON or YAML) and per-token overrides in the dataset
 * change them; 0 means "no limit" for the counters.
 */
export interface ServeLimits {
  /** Person/role objects served per source per 24 h. */
  personalPerDay: number;
  /** Queries per source per 24 h (0: none). */
  queriesPerDay: number;
  /** Queries per source per window (0: none). */
  queriesPerWindow: number;
  windowSeconds: number;
  /** Open connections per source at once. */
  maxConnections: number;
  /** Offences (a limit passed, or a query while refused) after which the block is permanent. */
  offencesBeforePermanent: number;
}

export const LIMIT_SOURCES: Readonly<Record<keyof ServeLimits, { value: number; source: string }>> = {
  personalPerDay: { value: 1000, source: "RIPE Database Acceptable Use Policy: 1,000 personal objects per 24 hours (docs.db.ripe.net, 'Access to Personal Data')" },
  queriesPerDay: { value: 0, source: "RIPE has no daily cap on queries without personal data; none by default" },
  queriesPerWindow: { value: 600, source: "our choice: 10 queries/s sustained over a minute is no interactive user; RIPE publishes no per-minute figure" },
  windowSeconds: { value: 60, source: "our choice (the window queriesPerWindow counts over)" },
  maxConnections: { value: 3, source: "RIPE: at most 3 simultaneous connections per address (%ERROR:306 beyond)" },
  offencesBeforePermanent: { value: 10, source: "RIPE: 'if you repeatedly query after you have been denied you WILL be permanently denied' (db-wg, 2005); 10 is our count" },
};

export const DEFAULT_LIMITS: Readonly<ServeLimits> = Object.freeze(
  Object.fromEntries(Object.entries(LIMIT_SOURCES).map(([name, row]) => [name, row.value])) as unknown as ServeLimits,
);

const limitsSchema = z
  .object({
    personalPerDay: z.number().int().min(0),
    queriesPerDay: z.number().int().min(0),
    queriesPerWindow: z.number().int().min(0),
    windowSeconds: z.number().int().min(1).max(86_400),
    maxConnections: z.number().int().min(1).max(100_000),
    offencesBeforePermanent: z.number().int().min(0),
  })
  .partial()
  .strict();

/** Limits over the defaults; a bad name or value is a ConfigError naming it. */
export function mergeLimits(base: ServeLimits, overrides: unknown, what: string): ServeLimits {
  const result = limitsSchema.safeParse(overrides);
  if (!result.success) throw new ConfigError(`${what}: ${describeIssues(result.error)} (known limits: ${Object.keys(LIMIT_SOURCES).join(", ")})`);
  const out: ServeLimits = { ...base };
  for (const [name, value] of Object.entries(result.data)) if (value !== undefined) out[name as keyof ServeLimits] = value;
  return out;
}

/** `--limit personalPerDay=50` pairs. */
export function parseLimitFlags(pairs: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z]+)=(\d{1,12})$/.exec(pair);
    if (!match) throw new ConfigError(`--limit takes NAME=NUMBER, got "${pair.slice(0, 80)}" (limits: ${Object.keys(LIMIT_SOURCES).join(", ")})`);
    Object.defineProperty(out, match[1] ?? "", { value: Number(match[2]), enumerable: true });
  }
  return out;
}

export async function loadLimitsFile(path: string): Promise<unknown> {
  const { parse } = await import("yaml");
  const text = readNamedFileSync(path, { maxBytes: INPUT_CAPS.configFile.bytes, what: `limits file ${path}` }).toString("utf8");
  try {
    return parse(text, { maxAliasCount: 10 }) as unknown;
  } catch (error) {
    throw new ConfigError(`limits file ${path} is not YAML or JSON: ${(error as Error).message.split("\n")[0]}`, { cause: error });
  }
}
