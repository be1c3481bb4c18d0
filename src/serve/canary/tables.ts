/** The canary data tables (data/canary/*.yaml): person names and fictional telephone ranges, validated on load. */
import { z } from "zod";
import { InvalidOptionError } from "../../errors.js";
import { dataPath } from "../../paths.js";
import { readYamlFile } from "../../util/yaml-file.js";

const NAME = z.string().regex(/^[\p{L}][\p{L}'-]{0,39}$/u, "a name of letters (hyphen, apostrophe), at most 40");
const NamesFile = z.object({ version: z.literal(1), given: z.array(NAME).min(1).max(10_000), surnames: z.array(NAME).min(1).max(10_000) });

export interface PhoneRange { prefix: string; digits: number; source: string }
const PHONE_RANGE = z.object({ prefix: z.string().regex(/^\+[1-9][0-9]{1,13}$/, "an E.164 prefix: + and digits"), digits: z.number().int().min(1).max(8), source: z.string().min(1) })
  .refine((r) => r.prefix.length - 1 + r.digits <= 15, "prefix and digits exceed E.164's 15 digits");
const PhoneFile = z.object({ version: z.literal(1), ranges: z.array(PHONE_RANGE).min(1).max(10_000) });

export interface CanaryTables { given: readonly string[]; surnames: readonly string[]; phones: readonly PhoneRange[] }

/** A canary table file checked against its schema, within the limits of every replaceable data file (util/yaml-file). */
const loadTable = <T>(path: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T => readYamlFile(path, schema, { file: "canary table", files: "canary tables" });

/** A one-range table from `--phone-prefix`/`--phone-digits`, checked like a table row. */
export function phoneRangeOption(prefix: string, digits: number): PhoneRange {
  const parsed = PHONE_RANGE.safeParse({ prefix, digits, source: "--phone-prefix" });
  if (!parsed.success) throw new InvalidOptionError(`--phone-prefix ${prefix} / --phone-digits ${digits}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

let shipped: CanaryTables | undefined;

/** The shipped tables (cached), or the files named. */
export function loadCanaryTables(paths: { names?: string; phones?: string } = {}): CanaryTables {
  if (paths.names === undefined && paths.phones === undefined && shipped !== undefined) return shipped;
  const names = loadTable(paths.names ?? dataPath("canary", "names.yaml"), NamesFile);
  const phones = loadTable(paths.phones ?? dataPath("canary", "phone-ranges.yaml"), PhoneFile);
  const tables = { given: names.given, surnames: names.surnames, phones: phones.ranges };
  if (paths.names === undefined && paths.phones === undefined) shipped = tables;
  return tables;
}
