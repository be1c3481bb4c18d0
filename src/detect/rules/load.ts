/**
 * Loads and validates the rule table (data/detect-rules/*.yaml) and the host lists
 * (data/detect-lists/*.yaml, plus the IANA RDAP bootstrap, the curated ccTLD RDAP table and the
 * port-43 server table). Any problem is a ConfigError naming the file and the field.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../../errors.js";
import { dataPath } from "../../paths.js";
import { Bootstrap } from "../../servers/bootstrap.js";
import { CURATED_RDAP } from "../../servers/curated-rdap.js";
import { RIR_WHOIS, TLD_WHOIS } from "../../servers/whois-servers.js";
import { SUFFIX_WHOIS } from "../../servers/whois-table.js";
import { readYamlFile } from "../../util/yaml-file.js";
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
    const data = readYamlFile(file, ruleFileSchema);
    rules.push(...data.rules);
    modifiers = { ...modifiers, ...(data.modifiers ?? {}) };
  }
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) throw new ConfigError(`duplicate rule id ${rule.id}`);
    ids.add(rule.id);
  }
  const listsDir = options.listsDir ?? LISTS_DIR;
  const list = (name: string): HostRow[] => readYamlFile(join(listsDir, `${name}.yaml`), hostListSchema).hosts;
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
