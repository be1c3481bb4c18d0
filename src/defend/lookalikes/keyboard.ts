import { KEYBOARD_LAYOUTS, type KeyboardLayout } from "./data/keyboards.js";
import { withLabel, type Emit, type FuzzContext } from "./types.js";

/**
 * Keys touching a key on a staggered board: left and right on its row, the two above it (same column
 * and one right, the row above sits half a key left) and the two below (one left and same column).
 */
export function neighbourTable(layout: KeyboardLayout): Map<string, string> {
  const table = new Map<string, string>();
  const at = (row: number, column: number): string => layout.rows[row]?.[column] ?? "";
  layout.rows.forEach((row, r) => {
    [...row].forEach((key, c) => {
      table.set(key, [at(r - 1, c), at(r - 1, c + 1), at(r, c - 1), at(r, c + 1), at(r + 1, c - 1), at(r + 1, c)].join(""));
    });
  });
  return table;
}

let merged: Map<string, string[]> | undefined;

/** Each key's neighbours on any of the layouts, without repeats. */
function neighbours(): Map<string, string[]> {
  if (merged) return merged;
  const all = new Map<string, Set<string>>();
  for (const layout of KEYBOARD_LAYOUTS) {
    for (const [key, near] of neighbourTable(layout)) {
      const set = all.get(key) ?? new Set<string>();
      for (const char of near) set.add(char);
      all.set(key, set);
    }
  }
  merged = new Map([...all].map(([key, set]) => [key, [...set]]));
  return merged;
}

/** A neighbouring key typed instead of the intended one. */
export function replacement(ctx: FuzzContext, emit: Emit): void {
  const chars = [...ctx.label];
  const table = neighbours();
  for (let i = 0; i < chars.length; i++) {
    for (const near of table.get(chars[i] ?? "") ?? []) emit(withLabel(ctx, [...chars.slice(0, i), near, ...chars.slice(i + 1)].join("")));
  }
}

/** A neighbouring key typed as well, before or after the intended one (every position; dnstwist skips the first and last). */
export function insertion(ctx: FuzzContext, emit: Emit): void {
  const chars = [...ctx.label];
  const table = neighbours();
  for (let i = 0; i < chars.length; i++) {
    const before = chars.slice(0, i).join("");
    const after = chars.slice(i + 1).join("");
    const char = chars[i] ?? "";
    for (const near of table.get(char) ?? []) {
      emit(withLabel(ctx, before + near + char + after));
      emit(withLabel(ctx, before + char + near + after));
    }
  }
}
