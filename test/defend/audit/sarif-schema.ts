import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/**
 * The OASIS SARIF 2.1.0 schema shipped by @microsoft/jest-sarif. It is written for JSON Schema draft-04,
 * which Ajv 8 reads once the top-level `id` is spelled `$id` (no draft-04-only keyword such as a boolean
 * exclusiveMinimum occurs in it). Its patterns are ECMA-262 without the `u` flag (one has a lone `]`).
 */
export function sarifValidator(): ValidateFunction {
  const path = createRequire(import.meta.url).resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile({ ...schema, $id: String(id) });
}
