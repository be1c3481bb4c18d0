/**
 * Loads and validates the rule table (data/detect-rules/*.yaml) and the host lists
 * (data/detect-lists/*.yaml, plus the IANA RDAP bootstrap, the curated ccTLD RDAP table and the
 * port-43 server table). Any problem is a ConfigError naming the file and the field.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { ZodError, ZodIssue, ZodType, ZodTypeDef } from "zod";
import { ConfigError, isWhoislensError } from "../../errors.js";
import { dataPath } from "../../paths.js";
import { Bootstrap } from "../../servers/bootstrap.js";
import { CURATED_RDAP } from "../../servers/curated-rdap.js";
import { RIR_WHOIS, TLD_WHOIS } from "../../servers/whois-servers.js";
import { SUFFIX_WHOIS } from "../../servers/whois-table.js";
import { nestedDeeperThan } from "../../net/json-guard.js";
import { MAX_CONFIG_DEPTH, yamlNestingBound } from "../../util/nesting.js";
import { INPUT_CAPS, readFileCappedSync } from "../../util/read-capped.js";
import { hostListSchema, ruleFileSchema, type HostRow, type ListName, type Modifiers, type Rule } from "./schema.js";

export const RULES_DIR = dataPath("detect-rules");
export const LISTS_DIR = dataPath("detect-lists");

export interface RuleSet {
  rules: Rule[];
  modifiers: Modifiers;
  lists: Record<ListName, HostRow[]>;
}

export interface LoadRulesOptions {
  rulesDir?: string;
  listsDir?: string;
  /** The bootstrap to take RDAP hosts from (default Bootstrap.load()). */
  bootstrap?: Bootstrap;
}

/** YAML aliases allowed per file (the yaml package's maxAliasCount, which also bounds their expansion). */
const MAX_ALIASES = 100;

/** Flattens union errors to the branch that got furthest (its discriminator matched). */
function issues(error: ZodError): ZodIssue[] {
  return error.issues.flatMap((i) => {
    if (i.code !== "invalid_union") return [i];
    const branches = i.unionErrors.filter((u) => !u.issues.some((x) => (x.code === "invalid_literal" || x.code === "invalid_union_discriminator") && ["type", "indicator", "event"].includes(String(x.path[x.path.length - 1]))));
    return branches.length > 0 ? issues(branches[0]!) : [i];
  });
}

function describe(error: ZodError): string {
  return issues(error).slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}

function readYaml<T>(path: string, schema: ZodType<T, ZodTypeDef, unknown>): T {
  let text: string;
  try {
    text = readFileCappedSync(path, { maxBytes: INPUT_CAPS.ruleFile.bytes, what: `rule file ${path}` }).toString("utf8");
  } catch (error) {
    if (isWhoislensError(error)) throw error;
    throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  // Measured before parsing: the yaml composer recurses per level and would overflow on "[[[[…".
  const tooDeep = (): ConfigError => new ConfigError(`${path} is nested deeper than ${MAX_CONFIG_DEPTH} levels (the limit for rule and host-list files); refused`);
  if (yamlNestingBound(text) > MAX_CONFIG_DEPTH) throw tooDeep();
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (/alias/i.test((error as Error).message)) {
      throw new ConfigError(`${path} expands YAML aliases past the limit of ${MAX_ALIASES} (an alias bomb?); refused`, { cause: error });
    }
    throw new ConfigError(`${path} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  // Aliases can nest a shallow text deeply (&a [*a, [*a]]): the parsed value is measured too.
  // An alias cycle (&a [*a]) only ever goes deeper, so the walk stops at the limit there too.
  if (nestedDeeperThan(data, MAX_CONFIG_DEPTH)) throw tooDeep();
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ConfigError(`${path}: ${describe(parsed.error)}`);
  return parsed.data;
}

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort().map((f) => join(dir, f));
  } catch (error) {
    throw new ConfigError(`cannot read the rule directory ${dir}: ${(error as Error).message}`, { cause: error });
  }
}

/** Hosts whose name says what they serve stand alone; shared web hosts count only under their RDAP base path. */
function rdapRow(url: string, note: string): HostRow | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname.toLowerCase();
  if (/rdap|whois/.test(host)) return { host, note };
  return { host, paths: [parsed.pathname.toLowerCase()], hostOnly: [], note };
}

function bootstrapRows(bootstrap: Bootstrap): HostRow[] {
  const rows: HostRow[] = [];
  for (const host of bootstrap.hosts()) {
    if (/rdap|whois/.test(host)) rows.push({ host, note: "IANA RDAP bootstrap" });
  }
  // Bootstrap hosts that also serve a web site (www.registry.google, nic.samsung…) are left to the
  // generic RDAP path selector (/rdap/domain/…), so ordinary visits to them never match.
  for (const [tld, row] of Object.entries(CURATED_RDAP)) {
    for (const base of row.bases) {
      const r = rdapRow(base, `curated RDAP for .${tld}`);
      if (r) rows.push(r);
    }
  }
  return rows;
}

function whoisServerRows(): HostRow[] {
  const hosts = new Set<string>([...Object.values(TLD_WHOIS), ...Object.values(SUFFIX_WHOIS), ...Object.values(RIR_WHOIS)]);
  return [...hosts].map((host) => ({ host: host.toLowerCase(), note: "port-43 server table", hostOnly: ["dns" as const] }));
}

/** Merges rows of one list: the same host twice keeps the union of its paths and channels. */
function merge(rows: HostRow[]): HostRow[] {
  const byHost = new Map<string, HostRow>();
  for (const row of rows) {
    const seen = byHost.get(row.host);
    if (!seen) byHost.set(row.host, { ...row });
    else if (seen.paths !== undefined) {
      if (row.paths === undefined) byHost.set(row.host, { ...row });
      else seen.paths = [...new Set([...seen.paths, ...row.paths])];
    }
  }
  return [...byHost.values()];
}

export function loadRuleSet(options: LoadRulesOptions = {}): RuleSet {
  const rules: Rule[] = [];
  let modifiers: Modifiers = {};
  for (const file of yamlFiles(options.rulesDir ?? RULES_DIR)) {
    const data = readYaml(file, ruleFileSchema);
    rules.push(...data.rules);
    modifiers = { ...modifiers, ...(data.modifiers ?? {}) };
  }
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) throw new ConfigError(`duplicate rule id ${rule.id}`);
    ids.add(rule.id);
  }
  const listsDir = options.listsDir ?? LISTS_DIR;
  const list = (name: string): HostRow[] => readYaml(join(listsDir, `${name}.yaml`), hostListSchema).hosts;
  const bootstrap = options.bootstrap ?? Bootstrap.load();
  return {
    rules,
    modifiers,
    lists: {
      "rdap-hosts": merge([...list("rdap-hosts"), ...bootstrapRows(bootstrap)]),
      "web-whois": merge(list("web-whois")),
      "whois-servers": merge([...list("whois-servers"), ...whoisServerRows()]),
    },
  };
}
