import { InvalidOptionError } from "../../errors.js";
import { sanitizeField } from "../../util/sanitize.js";

/**
 * The audit's "as of" date (expiry windows are measured from it): a date, or a date and time with an
 * optional zone, ISO 8601 as `--as-of` and the console's `asOf` take it. Linear: the time's class
 * holds no zone sign, so the optional zone cannot be matched two ways.
 */
export const AS_OF_PATTERN = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The example every error names. */
const EXAMPLE = "2027-01-31";

/**
 * `value` as a Date (a bare date is midnight UTC), or undefined when not given. Anything else —
 * not the pattern, or a date that does not exist such as 2027-02-30T25:00 — is WL_ERR_INVALID_OPTION
 * naming `name` (the flag or field) and the value.
 */
export function parseAsOf(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const at = AS_OF_PATTERN.test(value) ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value) : Number.NaN;
  if (Number.isNaN(at)) throw new InvalidOptionError(`${name} needs an ISO 8601 date such as ${EXAMPLE}, got "${sanitizeField(value).slice(0, 60)}"`);
  return new Date(at);
}
