/**
 * Server answers are attacker-controlled: anything printed to a terminal goes
 * through here first so escape sequences cannot move the cursor, retitle the
 * window or hide text.
 */

// CSI (7- and 8-bit), OSC, DCS/SOS/PM/APC strings and lone two-byte escapes. A string sequence ends
// at its terminator (BEL or ST) or, when an answer leaves it unterminated, at the end of the line: one
// hostile field is erased, never the lines after it (issue #19). The 8-bit string introducers
// (U+0090, U+009D-009F) are only dropped as single characters below: Latin-1 decoding of a
// Windows-1252 answer turns its ž and Ÿ into U+009E and U+009F, which must not erase a line. Each alternative consumes a bounded class with no nested quantifiers: linear.
const ESCAPE_SEQUENCE =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b\n]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u0007\u001b\n]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

/**
 * What never reaches an output, as one character-class body (a table, with the reason per row):
 * - U+0000–0008, U+000B–001F (not tab, newline): C0 controls (cursor moves, bell, ESC);
 * - U+007F–009F: DEL and the C1 controls (U+009B is an 8-bit CSI);
 * - U+061C, U+200E, U+200F: Arabic letter mark, LRM, RLM — invisible marks that reorder the neutral
 *   characters around them (dots, slashes), so "moc.elpmaxe" can be shown as a name it is not;
 * - U+202A–202E: bidi embeddings and overrides (Trojan Source, CVE-2021-42574);
 * - U+2066–2069: bidi isolates (same advisory).
 */
const C0_UNSAFE = "\\u0000-\\u0008\\u000b-\\u001f";
/** The same C0 rows without \r (U+000D), which stripControl turns into a newline instead. */
const C0_UNSAFE_BUT_CR = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f";
/** The rows past C0: JSON.stringify leaves these characters as they are (sanitizedJson looks for them). */
const NON_C0_UNSAFE = "\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069";
const CONTROL = new RegExp(`[${C0_UNSAFE}${NON_C0_UNSAFE}]`, "g");

// Anything stripControl would remove besides \r: most answers have none, and skip the work.
const NEEDS_STRIPPING = new RegExp(`[${C0_UNSAFE_BUT_CR}${NON_C0_UNSAFE}]`);

/** Strips terminal escape sequences and control characters; keeps \t and \n (\r\n becomes \n). */
export function stripControl(text: string): string {
  const unixLines = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  if (!NEEDS_STRIPPING.test(unixLines)) return unixLines;
  return unixLines.replace(ESCAPE_SEQUENCE, "").replace(CONTROL, "");
}

/**
 * stripControl for line-oriented readers that trim each line (the WHOIS parser): a clean
 * answer comes back as it is, CRLF line ends included, saving a copy of every answer.
 */
export function stripControlKeepCrlf(text: string): string {
  // Printable ASCII with LF or CRLF line ends is the common case, and its narrow pattern scans about
  // twice as fast as the full character class (a hop from CR to CR is cheaper than folding lone CRs
  // into that class).
  if (CLEAN_ASCII_TEXT.test(text)) return text;
  return NEEDS_STRIPPING.test(text) || hasLoneCarriageReturn(text) ? stripControl(text) : text;
}

/**
 * Printable ASCII and tabs in lines ending in LF or CRLF: nothing for stripControl to remove. (Each
 * repetition starts at a CRLF the class cannot match, so the pattern stays linear.)
 */
const CLEAN_ASCII_TEXT = /^[\t\n -~]*(?:\r\n[\t\n -~]*)*$/;

/** A carriage return that does not end a CRLF line (a terminal would return to the line's start). */
function hasLoneCarriageReturn(text: string): boolean {
  for (let at = text.indexOf("\r"); at !== -1; at = text.indexOf("\r", at + 2)) {
    if (text.charCodeAt(at + 1) !== 0x0a) return true;
  }
  return false;
}

/** Like stripControl, for a single-line field: newlines, tabs and U+2028/2029 separators become spaces. */
export function sanitizeField(text: string): string {
  return stripControl(text).replace(/[\t\n\u2028\u2029]+/g, " ");
}

/** Deep-sanitizes every string in a JSON-like value (for printing records). */
export function sanitizeDeep<T>(value: T): T {
  if (typeof value === "string") return stripControl(value) as T;
  if (Array.isArray(value)) return value.map((item) => sanitizeDeep(item)) as T;
  if (value !== null && typeof value === "object") {
    // Keys are answer data too: stripped like values, and set with defineProperty, which makes
    // "__proto__" an own key where `out[key] =` would set the copy's prototype (issue #19).
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, stripControl(key), { value: sanitizeDeep(item), enumerable: true, writable: true, configurable: true });
    }
    return out as T;
  }
  return value;
}

// What stripControl's targets become in JSON.stringify output: a \u00XX, \b, \f or \r escape (C0
// controls, ESC included) or themselves (DEL, C1 controls, bidi marks, overrides and isolates). A stored
// backslash followed by "u00", "b", "f" or "r" is a false alarm that only takes the slow path.
const JSON_NEEDS_SANITIZING = new RegExp(`\\\\u00|\\\\[bfr]|[${NON_C0_UNSAFE}]`);

/**
 * JSON.stringify(sanitizeDeep(value)), without copying a value that has nothing to strip (nearly every
 * record: the WHOIS parser strips its input already). For one-JSON-line-per-record output.
 */
export function sanitizedJson(value: object): string {
  const json = JSON.stringify(value);
  return JSON_NEEDS_SANITIZING.test(json) ? JSON.stringify(sanitizeDeep(value)) : json;
}
