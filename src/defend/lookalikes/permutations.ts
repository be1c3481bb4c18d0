import { domainToASCII, domainToUnicode } from "node:url";
import { InvalidOptionError, InvalidQueryError } from "../../errors.js";
import { tldts } from "../../util/cjs-deps.js";
import { damerauLevenshtein } from "./distance.js";
import { encodeCheckedName } from "./punycode.js";
import { addition, bitsquatting, hyphenation, omission, plural, repetition, subdomain, transposition, vowelSwap } from "./edits.js";
import { cyrillic, homoglyph, idnHomograph } from "./glyphs.js";
import { insertion, replacement } from "./keyboard.js";
import { FUZZER_NAMES, type DomainParts, type Fuzzer, type FuzzerName, type Permutation, type PermutationOptions } from "./types.js";
import { dictionary, tldSwap, various } from "./words.js";

/** The fuzzers, by name (one family per file). */
export const FUZZERS: Readonly<Record<FuzzerName, Fuzzer>> = {
  addition,
  bitsquatting,
  cyrillic,
  homoglyph,
  hyphenation,
  insertion,
  omission,
  plural,
  repetition,
  replacement,
  subdomain,
  transposition,
  "vowel-swap": vowelSwap,
  dictionary,
  "tld-swap": tldSwap,
  various,
  "idn-homograph": idnHomograph,
};

export const LOOKALIKE_LIMITS = Object.freeze({
  /**
   * Permutations one call may return. The homoglyph fuzzer grows with the square of the label's length
   * (≈ 0.7 million for a 30-letter label); a 63-letter label would pass 3 million, so a call stops here.
   */
  maxPermutations: 2_000_000,
  /** Dictionary words and suffixes kept from their lists (the rest are ignored). */
  maxListEntries: 100_000,
});


const MARK = /\p{M}/u;

/**
 * The ASCII form if the Unicode name is a valid, registrable-looking IDNA name that IDNA maps to itself;
 * else undefined. `checked`: every character is known to map to itself and none is a combining mark
 * (the fuzzers' own output for an input without marks), which lets a plain Punycode encoder replace
 * the UTS #46 pipeline and its round trip.
 */
export function toAscii(unicode: string, checked = false): string | undefined {
  if (unicode.length > 253 * 4) return undefined;
  if (checked) return encodeCheckedName(unicode);
  const ascii = domainToASCII(unicode);
  if (ascii === "" || domainToUnicode(ascii) !== unicode) return undefined;
  // Re-checks the host-name rules on the ASCII labels (domainToASCII does not: CheckHyphens is off in WHATWG URL).
  return encodeCheckedName(ascii, true);
}

/** Splits a domain at its public suffix (ICANN section of the Public Suffix List; an unknown TLD is its own suffix). */
export function splitDomain(domain: string): DomainParts & { ascii: string; unicode: string } {
  const trimmed = domain.trim().replace(/\.$/, "");
  const ascii = domainToASCII(trimmed);
  if (ascii === "" || !/^[a-z0-9.-]+$/.test(ascii) || !ascii.includes(".")) throw new InvalidQueryError(`"${trimmed.slice(0, 100)}" is not a domain name`);
  const unicode = domainToUnicode(ascii);
  const parsed = tldts.parse(ascii, { allowPrivateDomains: false });
  const suffix = parsed.publicSuffix ?? "";
  const registrable = parsed.domain ?? "";
  if (suffix === "" || registrable === "" || parsed.isIp === true) throw new InvalidQueryError(`"${trimmed.slice(0, 100)}" has no registrable name under a public suffix`);
  const sub = parsed.subdomain ?? "";
  const label = registrable.slice(0, registrable.length - suffix.length - 1);
  return { sub: domainToUnicode(sub), label: domainToUnicode(label), suffix: domainToUnicode(suffix), ascii, unicode };
}

function cleanList(name: string, list: readonly string[] | undefined, pattern: RegExp): string[] {
  const kept = new Set<string>();
  for (const entry of (list ?? []).slice(0, LOOKALIKE_LIMITS.maxListEntries)) {
    const value = domainToUnicode(domainToASCII(entry.trim().toLowerCase()));
    if (pattern.test(value)) kept.add(value);
  }
  if ((list?.length ?? 0) > 0 && kept.size === 0) throw new InvalidOptionError(`the ${name} list holds no usable entry`);
  return [...kept];
}

/**
 * Look-alike names of `domain`, each tagged with the first fuzzer that made it, valid IDNA only, the
 * original excluded, in fuzzer order.
 */
export function permutations(domain: string, options: PermutationOptions = {}): Permutation[] {
  return permutationsWithin(domain, options, LOOKALIKE_LIMITS.maxPermutations);
}

/** permutations() with its cap given (tests use a small one). */
export function permutationsWithin(domain: string, options: PermutationOptions, maxPermutations: number): Permutation[] {
  const parts = splitDomain(domain);
  const fuzzers = options.fuzzers ?? [...FUZZER_NAMES];
  for (const name of fuzzers) if (!FUZZER_NAMES.includes(name)) throw new InvalidOptionError(`unknown fuzzer "${String(name).slice(0, 40)}"; known: ${FUZZER_NAMES.join(", ")}`);
  const ctx = {
    ...parts,
    dictionary: cleanList("dictionary", options.dictionary, /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u),
    tlds: cleanList("TLD", options.tlds, /^[\p{L}\p{N}-]{2,63}(?:\.[\p{L}\p{N}-]{2,63}){0,2}$/u),
  };
  // Unicode and ASCII forms of a valid name map one to one, so one set of Unicode names (tried ones,
  // valid or not) removes duplicates within and across fuzzers.
  const seen = new Set<string>([parts.unicode]);
  // The glyph tables hold no combining marks; an input with one goes through the careful path.
  const checked = !MARK.test(parts.unicode) && !ctx.dictionary.some((word) => MARK.test(word)) && !ctx.tlds.some((tld) => MARK.test(tld));
  const result: Permutation[] = [];
  for (const name of FUZZER_NAMES) {
    if (!fuzzers.includes(name)) continue;
    FUZZERS[name](ctx, (unicode) => {
      if (seen.has(unicode)) return;
      seen.add(unicode);
      const ascii = toAscii(unicode, checked);
      if (ascii === undefined) return;
      if (result.length >= maxPermutations) {
        throw new InvalidOptionError(`more than ${maxPermutations} permutations for "${parts.unicode.slice(0, 100)}": choose fewer fuzzers (--fuzzers)`);
      }
      result.push({ domain: ascii, unicode, fuzzer: name, distance: damerauLevenshtein(parts.unicode, unicode) });
    });
  }
  return result;
}
