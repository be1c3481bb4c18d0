import type { Command } from "commander";
import { InvalidOptionError } from "../errors.js";
import { sanitizeField } from "../util/sanitize.js";
import { INTERRUPT_GRACE_MS } from "./io.js";

// Flag values as commander hands them over (strings), turned into what the libraries take. Light on
// purpose: every command registers at start-up, so nothing here may pull in an engine.

/** The range a whole-number flag allows; no max means "any safe integer from min". */
export interface WholeRange {
  min?: number;
  max?: number;
}

/**
 * Digits only: no sign, exponent, hex, blanks or empty string. `Number()` alone would take "1e3",
 * "0x10", " 7 " and "" (as 0), so `--count ""` quietly meant 0. At most 15 digits (below 2^53).
 */
const DIGITS = /^\d{1,15}$/;

/** How much of a bad value the error message repeats (it is the user's own text, but may be pasted junk). */
const SHOWN = 40;

/** "from 1 to 65535", or "≥ 0" when there is no upper bound (a fraction bound, "from 0 to 0.5", printed as it is). */
function rangeText({ min = 0, max }: WholeRange): string {
  return max === undefined ? `≥ ${min}` : `from ${min} to ${max}`;
}

/**
 * The one whole-number flag parser of the CLI: `--NAME needs a whole number RANGE, got "VALUE"`
 * (WL_ERR_INVALID_OPTION, exit 2) when `value` is not digits or lies outside `range` (default ≥ 0).
 * `name` is the long flag without its dashes. A number (from a config file) is checked the same way;
 * `undefined` (flag not given) stays undefined.
 */
export function integerFlag(name: string, value: string | number, range?: WholeRange): number;
export function integerFlag(name: string, value: string | number | undefined, range?: WholeRange): number | undefined;
export function integerFlag(name: string, value: string | number | undefined, range: WholeRange = {}): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === "number" ? value : DIGITS.test(value) ? Number(value) : Number.NaN;
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = range;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new InvalidOptionError(`--${name} needs a whole number ${rangeText(range)}, got "${sanitizeField(String(value).slice(0, SHOWN))}"`);
  }
  return number;
}

/**
 * A decimal number: digits with an optional fraction (".5" and "1." too); no sign, exponent, hex or
 * blanks, for the reasons DIGITS gives. Two runs of at most 15 digits, no nesting.
 */
const DECIMAL = /^(?:\d{1,15}(?:\.\d{0,15})?|\.\d{1,15})$/;

/**
 * integerFlag's sibling for a flag that takes a fraction (footprint's --min-confidence): `--NAME needs a
 * number RANGE, got "VALUE"` (WL_ERR_INVALID_OPTION) when `value` is not a plain decimal or lies outside.
 */
export function numberFlag(name: string, value: string | number, range: { min: number; max?: number }): number {
  const number = typeof value === "number" ? value : DECIMAL.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(number) || number < range.min || (range.max !== undefined && number > range.max)) {
    throw new InvalidOptionError(`--${name} needs a number ${rangeText(range)}, got "${sanitizeField(String(value).slice(0, SHOWN))}"`);
  }
  return number;
}

/**
 * Ranges of flags that mean the same on several commands: one row each, so `bulk` and `worker` (one
 * machine or a fleet) accept the same values, with the reason for each bound.
 */
export const SHARED_RANGES = Object.freeze({
  /** Lookups in flight across servers (bulk, worker): each holds a socket; 10,000 is past what one process serves well. */
  lookupConcurrency: { min: 1, max: 10_000 },
  /** Seconds a server's Retry-After is waited (bulk, worker; 0: never): a server asking more than a day is paused instead. */
  maxRetryWait: { min: 0, max: 86_400 },
} satisfies Record<string, WholeRange>);

/** A comma-separated flag value ("a, b,,c") as its non-empty, trimmed items. */
export function listFlag(value: string | undefined): string[] {
  return (value ?? "").split(",").map((item) => item.trim()).filter((item) => item !== "");
}

/** Commander's argParser for a repeatable flag (`--limit a --limit b`): the values in the order given. */
export function collectFlag(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/** `--grace`: how long lookups in flight may finish after the first Ctrl-C, in seconds (default 3). */
export const GRACE_RANGE = { min: 0, max: 600 } as const;
/** The grace `interruption()` gives by default (io.ts), in the flag's unit: one default, not two. */
const DEFAULT_GRACE_SECONDS = INTERRUPT_GRACE_MS / 1000;

/** Adds `--grace <seconds>` to a command that stops gracefully on Ctrl-C (bulk, footprint, audit, lookalikes). */
export function addGraceFlag(command: Command): Command {
  return command.option(
    "--grace <seconds>",
    `after the first Ctrl-C or SIGTERM, how long lookups in flight may finish before they are cancelled (their queries stay for the next run; ${GRACE_RANGE.min}–${GRACE_RANGE.max}, default ${DEFAULT_GRACE_SECONDS}); a second Ctrl-C stops at once`,
  );
}

/** The `--grace` value in milliseconds (the default when not given). */
export function graceMs(value: string | undefined): number {
  return (integerFlag("grace", value, GRACE_RANGE) ?? DEFAULT_GRACE_SECONDS) * 1000;
}
