import { ASCII_LOOKALIKES } from "./data/glyphs.js";
import { glyphTables, HOMOGRAPH_SCRIPTS } from "./glyph-table.js";
import { withLabel, type Emit, type FuzzContext } from "./types.js";

/** Whole-label script swaps beyond this many combinations (letters with several look-alikes) are cut. */
const MAX_SCRIPT_COMBINATIONS = 64;

/**
 * Every way to replace all copies of one character inside one stretch of the label (shorter than the
 * label) with one of its look-alikes. A stretch holding copies k..m of a character (and no other copy)
 * gives the same name whatever its exact ends, so each run of consecutive copies is made once; only a
 * run that would need the whole label as its stretch (first copy at the start, last at the end) is skipped.
 * `may` says which characters may be replaced.
 */
function mix(label: string, latin: Map<string, string[]>, may: (char: string) => boolean, emit: (label: string) => void): void {
  const chars = [...label];
  const positions = new Map<string, number[]>();
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? "";
    if (!latin.has(char) || !may(char)) continue;
    const list = positions.get(char);
    if (list) list.push(i);
    else positions.set(char, [i]);
  }
  for (const [char, at] of positions) {
    const looks = latin.get(char) ?? [];
    for (let from = 0; from < at.length; from++) {
      for (let to = from; to < at.length; to++) {
        if (at[from] === 0 && at[to] === chars.length - 1) continue;
        const copy = [...chars];
        for (const look of looks) {
          for (let k = from; k <= to; k++) copy[at[k] ?? 0] = look;
          emit(copy.join(""));
        }
      }
    }
  }
}

/**
 * Latin look-alikes: one stretch rewritten, then once more (so up to two different characters are
 * disguised), as dnstwist does; and two-letter look-alikes read back as one letter. The second pass
 * rewrites only ASCII characters and the label's own (a look-alike just put in is not disguised again:
 * à → á is one step from a, made by the first pass already).
 */
export function homoglyph(ctx: FuzzContext, emit: Emit): void {
  const { latin } = glyphTables();
  // The other way round for look-alikes of two letters: "modern" read as "modem" (rn → m), "clear" as "dear".
  for (const pair of ASCII_LOOKALIKES) {
    for (const look of pair.looks) {
      if (look.length < 2) continue;
      for (let at = ctx.label.indexOf(look); at !== -1; at = ctx.label.indexOf(look, at + 1)) emit(withLabel(ctx, ctx.label.slice(0, at) + pair.of + ctx.label.slice(at + look.length)));
    }
  }
  const own = new Set(ctx.label);
  const first = new Set<string>();
  mix(ctx.label, latin, () => true, (label) => first.add(label));
  for (const label of first) emit(withLabel(ctx, label));
  const again = (char: string): boolean => char.charCodeAt(0) < 128 || own.has(char);
  const prefix = ctx.sub === "" ? "" : `${ctx.sub}.`;
  const suffix = `.${ctx.suffix}`;
  for (const label of first) mix(label, latin, again, (twice) => emit(prefix + twice + suffix));
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
export function cyrillic(ctx: FuzzContext, emit: Emit): void {
  const table = glyphTables().scripts.get("Cyrillic");
  if (table) for (const label of wholeScript(ctx.label, table)) emit(withLabel(ctx, label));
}

/** IDN homographs in other scripts: one letter swapped (mixed script), and the whole label in each script that can spell it. */
export function idnHomograph(ctx: FuzzContext, emit: Emit): void {
  const { scripts } = glyphTables();
  const chars = [...ctx.label];
  for (const script of HOMOGRAPH_SCRIPTS) {
    const table = scripts.get(script);
    if (!table) continue;
    for (let i = 0; i < chars.length; i++) {
      for (const look of table.get(chars[i] ?? "") ?? []) emit(withLabel(ctx, [...chars.slice(0, i), look, ...chars.slice(i + 1)].join("")));
    }
    for (const label of wholeScript(ctx.label, table)) emit(withLabel(ctx, label));
  }
}
