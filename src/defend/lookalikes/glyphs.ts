import { ASCII_LOOKALIKES } from "./data/glyphs.js";
import { glyphTables, HOMOGRAPH_SCRIPTS } from "./glyph-table.js";
import { withLabel, type FuzzContext } from "./types.js";

/** Whole-label script swaps beyond this many combinations (letters with several look-alikes) are cut. */
const MAX_SCRIPT_COMBINATIONS = 64;

/**
 * Every way to replace all copies of one character inside one stretch of the label (shorter than the
 * label) with one of its look-alikes. A stretch holding copies k..m of a character (and no other copy)
 * gives the same name whatever its exact ends, so each run of consecutive copies is made once; only a
 * run that would need the whole label as its stretch (first copy at the start, last at the end) is skipped.
 */
function* mix(label: string, latin: Map<string, string[]>): Iterable<string> {
  const chars = [...label];
  const positions = new Map<string, number[]>();
  chars.forEach((char, i) => {
    if (latin.has(char)) positions.set(char, [...(positions.get(char) ?? []), i]);
  });
  for (const [char, at] of positions) {
    const looks = latin.get(char) ?? [];
    for (let from = 0; from < at.length; from++) {
      for (let to = from; to < at.length; to++) {
        if (at[from] === 0 && at[to] === chars.length - 1) continue;
        const copy = [...chars];
        for (const look of looks) {
          for (let k = from; k <= to; k++) copy[at[k] ?? 0] = look;
          yield copy.join("");
        }
      }
    }
  }
}

/** Latin look-alikes: one stretch rewritten, then once more (so up to two different characters are disguised), as dnstwist does; and two-letter look-alikes read back as one letter. */
export function* homoglyph(ctx: FuzzContext): Iterable<string> {
  const { latin } = glyphTables();
  // The other way round for look-alikes of two letters: "modern" read as "modem" (rn → m), "clear" as "dear".
  for (const pair of ASCII_LOOKALIKES) {
    for (const look of pair.looks) {
      if (look.length < 2) continue;
      for (let at = ctx.label.indexOf(look); at !== -1; at = ctx.label.indexOf(look, at + 1)) yield withLabel(ctx, ctx.label.slice(0, at) + pair.of + ctx.label.slice(at + look.length));
    }
  }
  const first = new Set(mix(ctx.label, latin));
  for (const label of first) yield withLabel(ctx, label);
  for (const label of first) for (const again of mix(label, latin)) yield withLabel(ctx, again);
}

/** The label written in one script: every letter swapped for a look-alike; digits and hyphens stay. Undefined if a letter has none. */
function* wholeScript(label: string, table: Map<string, string[]>): Iterable<string> {
  const chars = [...label];
  const choices = chars.map((char) => (/[a-z]/.test(char) ? table.get(char) : [char]));
  if (choices.some((list) => list === undefined || list.length === 0)) return;
  // Odometer over the choices, in order, first choices first; capped.
  const index = chars.map(() => 0);
  for (let made = 0; made < MAX_SCRIPT_COMBINATIONS; made++) {
    yield chars.map((_, i) => choices[i]?.[index[i] ?? 0] ?? "").join("");
    let position = chars.length - 1;
    while (position >= 0 && (index[position] ?? 0) + 1 >= (choices[position]?.length ?? 1)) index[position--] = 0;
    if (position < 0) return;
    index[position] = (index[position] ?? 0) + 1;
  }
}

/** The whole label in Cyrillic look-alikes (only when every letter has one). */
export function* cyrillic(ctx: FuzzContext): Iterable<string> {
  const table = glyphTables().scripts.get("Cyrillic");
  if (table) for (const label of wholeScript(ctx.label, table)) yield withLabel(ctx, label);
}

/** IDN homographs in other scripts: one letter swapped (mixed script), and the whole label in each script that can spell it. */
export function* idnHomograph(ctx: FuzzContext): Iterable<string> {
  const { scripts } = glyphTables();
  const chars = [...ctx.label];
  for (const script of HOMOGRAPH_SCRIPTS) {
    const table = scripts.get(script);
    if (!table) continue;
    for (let i = 0; i < chars.length; i++) {
      for (const look of table.get(chars[i] ?? "") ?? []) yield withLabel(ctx, [...chars.slice(0, i), look, ...chars.slice(i + 1)].join(""));
    }
    for (const label of wholeScript(ctx.label, table)) yield withLabel(ctx, label);
  }
}
