/** The query-log rule table (data/serve-rules/query-log.yaml) and the source lists, validated on load. */
import { z } from "zod";
import { parseCidrs } from "../../detect/engine/sources.js";
import type { Severity } from "../../detect/types.js";
import { InvalidOptionError } from "../../errors.js";
import { dataPath } from "../../paths.js";
import { readListFile } from "../../util/list-file.js";
import { readYamlFile } from "../../util/yaml-file.js";

const WINDOW = z.number().int().min(1).max(30 * 86_400);
const SUPPRESS = z.number().int().min(0).max(30 * 86_400).default(3600);
const OUTCOME = z.enum(["answered", "not-found", "denied", "throttled", "blocked", "too-many-connections", "bad-request", "error"]);

const OBJECT_TYPE = z.enum(["domain", "nameserver", "entity", "ip", "autnum", "help", "search", "unknown"]);

const Match = z.discriminatedUnion("type", [
  z.object({ type: z.literal("volume"), count: z.enum(["queries", "personal-objects", "distinct-objects"]), threshold: z.number().int().min(1).max(1_000_000), windowSeconds: WINDOW, suppressSeconds: SUPPRESS, outcomes: z.array(OUTCOME).min(1).optional(), objectTypes: z.array(OBJECT_TYPE).min(1).optional() }).strict(),
  z.object({ type: z.literal("sequence"), threshold: z.number().int().min(2).max(100_000), maxStep: z.number().int().min(1).max(1000), windowSeconds: WINDOW, suppressSeconds: SUPPRESS }).strict(),
  z.object({ type: z.literal("dictionary"), threshold: z.number().int().min(2).max(100_000), minMissRatio: z.number().min(0).max(1), windowSeconds: WINDOW, suppressSeconds: SUPPRESS }).strict(),
  z.object({ type: z.literal("decoy"), suppressSeconds: SUPPRESS }).strict(),
  z.object({ type: z.literal("list"), list: z.string().regex(/^[a-z0-9-]{1,64}$/), suppressSeconds: SUPPRESS }).strict(),
]);

const RuleRow = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: z.string().min(1).max(200),
  description: z.string().min(1).max(2000),
  severity: z.enum(["low", "medium", "high", "critical"]),
  references: z.array(z.string().url()).default([]),
  match: Match,
}).strict();

const RuleFile = z.object({ version: z.literal(1), rules: z.array(RuleRow).min(1).max(500) }).strict();

export type QueryRule = z.infer<typeof RuleRow> & { severity: Severity };
export type QueryMatch = QueryRule["match"];

export const QUERY_RULES_FILE = dataPath("serve-rules", "query-log.yaml");
export const SERVE_LISTS_DIR = dataPath("serve-lists");

export function loadQueryRules(path = QUERY_RULES_FILE): QueryRule[] {
  const parsed = readYamlFile(path, RuleFile, { file: "query-log rules", files: "query-log rule files" });
  const ids = new Set<string>();
  for (const r of parsed.rules) {
    if (ids.has(r.id)) throw new InvalidOptionError(`query-log rules ${path}: rule id ${r.id} appears twice`);
    ids.add(r.id);
  }
  return parsed.rules;
}

/** A list file of IPs/CIDRs (# comments), e.g. data/serve-lists/scanners.txt: read as every list file is (util/list-file). */
export function loadSourceList(path: string): ReturnType<typeof parseCidrs> {
  return parseCidrs(readListFile(path, "source list"), path);
}
