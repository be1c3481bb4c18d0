import { LDH, VOWELS } from "./data/glyphs.js";
import { withLabel, type Emit, type FuzzContext } from "./types.js";

// Single-character slips of the hand and of memory. Labels are handled as code points, so an IDN's
// letters move as whole characters.

const ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A letter or digit added at the end (dnstwist) or the start (ours too). */
export function addition(ctx: FuzzContext, emit: Emit): void {
  for (const char of ALNUM) {
    emit(withLabel(ctx, ctx.label + char));
    emit(withLabel(ctx, char + ctx.label));
  }
}

/** One bit of one character flipped in memory or on the wire, kept when the result is a host-name character. */
export function bitsquatting(ctx: FuzzContext, emit: Emit): void {
  const chars = [...ctx.label];
  for (let i = 0; i < chars.length; i++) {
    const code = chars[i]?.codePointAt(0) ?? 0;
    for (let bit = 0; bit < 8; bit++) {
      const flipped = String.fromCodePoint(code ^ (1 << bit));
      if (LDH.includes(flipped)) emit(withLabel(ctx, [...chars.slice(0, i), flipped, ...chars.slice(i + 1)].join("")));
    }
  }
}

/** A hyphen between two characters. */
export function hyphenation(ctx: FuzzContext, emit: Emit): void {
  const chars = [...ctx.label];
  for (let i = 1; i < chars.length; i++) emit(withLabel(ctx, `${chars.slice(0, i).join("")}-${chars.slice(i).join("")}`));
}

/** One character left out. */
export function omission(ctx: FuzzContext, emit: Emit): void {
  const chars = [...ctx.label];
  for (let i = 0; i < chars.length; i++) emit(withLabel(ctx, [...chars.slice(0, i), ...chars.slice(i + 1)].join("")));
}

/** One character typed twice. */
export function repetition(ctx: FuzzContext, emit: Emit): void {
  const chars = [...ctx.label];
  for (let i = 0; i < chars.length; i++) emit(withLabel(ctx, [...chars.slice(0, i + 1), ...chars.slice(i)].join("")));
}

/** Two neighbouring characters swapped. */
export function transposition(ctx: FuzzContext, emit: Emit): void {
  const chars = [...ctx.label];
  for (let i = 0; i + 1 < chars.length; i++) {
    const swapped = [...chars];
    [swapped[i], swapped[i + 1]] = [chars[i + 1] ?? "", chars[i] ?? ""];
    emit(withLabel(ctx, swapped.join("")));
  }
}

/** One vowel traded for another. */
export function vowelSwap(ctx: FuzzContext, emit: Emit): void {
  const chars = [...ctx.label];
  for (let i = 0; i < chars.length; i++) {
    if (!VOWELS.includes(chars[i] ?? "")) continue;
    for (const vowel of VOWELS) if (vowel !== chars[i]) emit(withLabel(ctx, [...chars.slice(0, i), vowel, ...chars.slice(i + 1)].join("")));
  }
}

/** A dot inside the label: the left part becomes a subdomain of a shorter registrable name (never beside a hyphen or at an end). */
export function subdomain(ctx: FuzzContext, emit: Emit): void {
  const chars = [...ctx.label];
  for (let i = 1; i + 1 < chars.length; i++) {
    if (chars[i] === "-" || chars[i - 1] === "-") continue;
    emit(withLabel(ctx, `${chars.slice(0, i).join("")}.${chars.slice(i).join("")}`));
  }
}

/** English plural endings: -es after s, x, z, ch, sh; -ies for a consonant + y; else -s. */
function pluralOf(word: string): string[] {
  if (/(?:s|x|z|ch|sh)$/.test(word)) return [`${word}es`];
  if (/[^aeiou]y$/.test(word)) return [`${word.slice(0, -1)}ies`, `${word}s`];
  return [`${word}s`];
}

/**
 * A plural (or singular) form: the whole label, and every prefix of three or more characters inside it,
 * since brand names are often compound words ("bankofamerica" → "banksofamerica"); a trailing s dropped.
 */
export function plural(ctx: FuzzContext, emit: Emit): void {
  const chars = [...ctx.label];
  for (let end = 3; end <= chars.length; end++) {
    const head = chars.slice(0, end).join("");
    const tail = chars.slice(end).join("");
    for (const form of pluralOf(head)) emit(withLabel(ctx, form + tail));
  }
  if (ctx.label.endsWith("s") && chars.length > 2) emit(withLabel(ctx, ctx.label.slice(0, -1)));
}
