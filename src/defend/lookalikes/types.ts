/** Every fuzzer, in the order `permutations()` runs them (a domain two fuzzers make is tagged with the first). */
export const FUZZER_NAMES = [
  "addition",
  "bitsquatting",
  "cyrillic",
  "homoglyph",
  "hyphenation",
  "insertion",
  "omission",
  "plural",
  "repetition",
  "replacement",
  "subdomain",
  "transposition",
  "vowel-swap",
  "dictionary",
  "tld-swap",
  "various",
  "idn-homograph",
] as const;

export type FuzzerName = (typeof FUZZER_NAMES)[number];

export interface Permutation {
  /** ASCII form (punycode labels for IDNs). */
  domain: string;
  /** The same name in Unicode. */
  unicode: string;
  fuzzer: FuzzerName;
  /** Damerau-Levenshtein distance between the Unicode names, in code points. */
  distance: number;
}

export interface PermutationOptions {
  /** Fuzzers to run (default: all; dictionary and tld-swap make nothing without their lists). */
  fuzzers?: FuzzerName[];
  /** Words for the dictionary fuzzer. */
  dictionary?: string[];
  /** Suffixes for tld-swap ("net", "co.uk"). */
  tlds?: string[];
}

/** The input name split at the public suffix: only `label` is fuzzed (as dnstwist does). */
export interface DomainParts {
  /** Labels left of the registrable one ("www"), or "". */
  sub: string;
  /** The registrable label, in Unicode. */
  label: string;
  /** Public suffix ("com", "co.uk"), in Unicode. */
  suffix: string;
}

export interface FuzzContext extends DomainParts {
  dictionary: readonly string[];
  tlds: readonly string[];
}

/** Receives each candidate name (a callback rather than a generator: the hot loop makes ~10⁵ of them). */
export type Emit = (unicode: string) => void;

/** A fuzzer emits whole candidate names in Unicode; permutations() checks and encodes them. */
export type Fuzzer = (ctx: FuzzContext, emit: Emit) => void;

/** Joins the parts that are not empty with dots. */
export function joinName(...parts: string[]): string {
  return parts.filter((part) => part !== "").join(".");
}

/** The candidate with its registrable label replaced (hot: plain concatenation). */
export function withLabel(ctx: DomainParts, label: string): string {
  return ctx.sub === "" ? `${label}.${ctx.suffix}` : `${ctx.sub}.${label}.${ctx.suffix}`;
}
