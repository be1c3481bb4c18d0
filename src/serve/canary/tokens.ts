/**
 * The canary token: a pronounceable tag (consonant-vowel syllables, 6 bits each) and two check
 * digits (ISO 7064 MOD 97-10, the IBAN check), e.g. "dakomire37". It sits in the e-mail local part, so
 * a harvested address names its canary even after a spam tool lower-cased it, split it on dots or
 * glued it to other words: `findTokens` finds every well-formed tag with valid check digits in any text,
 * without looking up the whole address.
 */

/** 16 consonants × 4 vowels = 64 syllables (6 bits); no c/q/x/y/w so every tag reads one way. */
const CONSONANTS = "bdfghjklmnprstvz";
const VOWELS = "aeio";
export const TOKEN_SYLLABLES = 4;
/** Bits carried by the tag: 4 syllables × 6 bits = 24 (16,777,216 tags). */
export const TOKEN_BITS = TOKEN_SYLLABLES * 6;

/** ISO 7064 MOD 97-10 check digits of a number: 98 - (n·100 mod 97), two digits. */
export function checkDigits(value: number): string {
  const check = 98 - ((value * 100) % 97);
  return String(check).padStart(2, "0");
}

/** The token of a 24-bit value. */
export function encodeToken(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** TOKEN_BITS) throw new RangeError(`token value out of range: ${value}`);
  let tag = "";
  for (let i = TOKEN_SYLLABLES - 1; i >= 0; i--) {
    const six = Math.floor(value / 64 ** i) % 64;
    tag += (CONSONANTS[six >> 2] ?? "") + (VOWELS[six & 3] ?? "");
  }
  return tag + checkDigits(value);
}

/** The value of a token, or undefined when it is not one (wrong shape or check digits). */
export function decodeToken(token: string): number | undefined {
  const t = token.toLowerCase();
  if (t.length !== TOKEN_SYLLABLES * 2 + 2) return undefined;
  let value = 0;
  for (let i = 0; i < TOKEN_SYLLABLES; i++) {
    const c = CONSONANTS.indexOf(t[i * 2] ?? "");
    const v = VOWELS.indexOf(t[i * 2 + 1] ?? "");
    if (c < 0 || v < 0) return undefined;
    value = value * 64 + c * 4 + v;
  }
  return t.slice(-2) === checkDigits(value) ? value : undefined;
}

/** A fixed-width pattern (no nested quantifier): four syllables then two digits. */
const TOKEN_RE = /(?:[bdfghjklmnprstvz][aeio]){4}[0-9]{2}/gi;

/** Every valid token in `text` (lower case, each once), wherever it sits: "Anna.Berg.Dakomire37@x", "annabergdakomire37". */
export function findTokens(text: string): string[] {
  const found = new Set<string>();
  const scan = text.length > 4096 ? text.slice(0, 4096) : text;
  for (const m of scan.matchAll(TOKEN_RE)) {
    const token = m[0].toLowerCase();
    // a tag glued to a longer digit run ("dakomire371") is not ours
    const next = scan.charCodeAt((m.index ?? 0) + m[0].length);
    if (next >= 48 && next <= 57) continue;
    if (decodeToken(token) !== undefined) found.add(token);
  }
  return [...found];
}
