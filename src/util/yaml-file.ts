/**
 * One reader for the YAML data files users may replace (detect rules and host lists, the query-log rules,
 * the canary tables): size cap, nesting measured before parsing (the yaml composer recurses per level)
 * and after (aliases can nest a shallow text deeply), an alias cap (billion laughs), then the schema.
 * Any problem is a ConfigError naming the file and the field.
 */
import { parse as parseYaml } from "yaml";
import type { ZodError, ZodIssue, ZodType, ZodTypeDef } from "zod";
import { ConfigError, isWhoislensError } from "../errors.js";
import { nestedDeeperThan } from "../net/json-guard.js";
import { MAX_CONFIG_DEPTH, yamlNestingBound } from "./nesting.js";
import { INPUT_CAPS, readFileCappedSync } from "./read-capped.js";

/** YAML aliases allowed per file (the yaml package's maxAliasCount, which also bounds their expansion). */
export const MAX_YAML_ALIASES = 100;

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

/**
 * Reads `path` (at most the rule-file cap), parses it as YAML within the limits above and checks it against
 * `schema`. `what` names the kind of file in messages ("rule file", "canary table", …).
 */
export function readYamlFile<T>(path: string, schema: ZodType<T, ZodTypeDef, unknown>, what: { file: string; files: string } = { file: "rule file", files: "rule and host-list files" }): T {
  let text: string;
  try {
    text = readFileCappedSync(path, { maxBytes: INPUT_CAPS.ruleFile.bytes, what: `${what.file} ${path}` }).toString("utf8");
  } catch (error) {
    if (isWhoislensError(error)) throw error;
    throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  const tooDeep = (): ConfigError => new ConfigError(`${path} is nested deeper than ${MAX_CONFIG_DEPTH} levels (the limit for ${what.files}); refused`);
  if (yamlNestingBound(text) > MAX_CONFIG_DEPTH) throw tooDeep();
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (/alias/i.test((error as Error).message)) {
      throw new ConfigError(`${path} expands YAML aliases past the limit of ${MAX_YAML_ALIASES} (an alias bomb?); refused`, { cause: error });
    }
    throw new ConfigError(`${path} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  // An alias cycle (&a [*a]) only ever goes deeper, so the walk stops at the limit there too.
  if (nestedDeeperThan(data, MAX_CONFIG_DEPTH)) throw tooDeep();
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ConfigError(`${path}: ${describe(parsed.error)}`);
  return parsed.data;
}
