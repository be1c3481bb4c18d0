import { parse as parseYaml } from "yaml";
import type { ZodError } from "zod";
import { ConfigError } from "../errors.js";
import { MIB, readNamedFileSync } from "../util/read-capped.js";
import { datasetSchema, type ServeDataset, type ServeDatasetInput } from "./dataset.js";

/** A dataset file is data written by hand or exported: 64 MiB holds ~100k domains with contacts. */
export const DATASET_MAX_BYTES = 64 * MIB;

/** The first few schema problems, each with the path of the bad field ("domains[3].registrar.name"). */
export function describeIssues(error: ZodError, limit = 5): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${part}`)).join("").replace(/^\./, "");
    return `${path || "(top level)"}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? `; and ${error.issues.length - limit} more` : "";
  return `${lines.join("; ")}${more}`;
}

/** Checks a parsed dataset (from YAML, JSON or code) and applies the defaults. */
export function validateDataset(input: unknown, what = "dataset"): ServeDataset {
  const result = datasetSchema.safeParse(input);
  if (!result.success) throw new ConfigError(`${what} is invalid: ${describeIssues(result.error)}`);
  return result.data;
}

/** Reads a YAML or JSON dataset file (JSON is YAML), capped at DATASET_MAX_BYTES. */
export function loadDatasetFile(path: string): ServeDataset {
  const text = readNamedFileSync(path, { maxBytes: DATASET_MAX_BYTES, what: `dataset file ${path}` }).toString("utf8");
  let parsed: unknown;
  try {
    // maxAliasCount bounds a "billion laughs" alias expansion.
    parsed = parseYaml(text, { maxAliasCount: 100 }) as unknown;
  } catch (error) {
    throw new ConfigError(`dataset file ${path} is not YAML or JSON: ${(error as Error).message.split("\n")[0]}`, { cause: error });
  }
  return validateDataset(parsed ?? {}, `dataset file ${path}`);
}

export type { ServeDatasetInput };
