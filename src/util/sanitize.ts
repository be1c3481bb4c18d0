/**
 * Server answers are attacker-controlled: anything printed to a terminal goes
 * through here first so escape sequences cannot move the cursor, retitle the
 * window or hide text.
 */

// CSI, OSC, DCS/SOS/PM/APC strings and lone two-byte escapes. Each alternative
// consumes a bounded class with no nested quantifiers, so matching stays linear.
const ESCAPE_SEQUENCE =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// C0 controls except tab and newline, DEL, C1 controls, and Unicode bidi overrides.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// Anything stripControl would remove besides \r: most answers have none, and skip the work.
const NEEDS_STRIPPING = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

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

/** Like stripControl, for a single-line field: newlines and tabs become spaces. */
export function sanitizeField(text: string): string {
  return stripControl(text).replace(/[\t\n]+/g, " ");
}

/** Deep-sanitizes every string in a JSON-like value (for printing records). */
export function sanitizeDeep<T>(value: T): T {
  if (typeof value === "string") return stripControl(value) as T;
  if (Array.isArray(value)) return value.map((item) => sanitizeDeep(item)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = sanitizeDeep(item);
    return out as T;
  }
  return value;
}

// What stripControl's targets become in JSON.stringify output: a \u00XX, \b, \f or \r escape (C0
// controls, ESC included) or themselves (DEL, C1 controls, bidi overrides). A stored backslash followed
// by "u00", "b", "f" or "r" is a false alarm that only takes the slow path.
const JSON_NEEDS_SANITIZING = /\\u00|\\[bfr]|[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * JSON.stringify(sanitizeDeep(value)), without copying a value that has nothing to strip (nearly every
 * record: the WHOIS parser strips its input already). For one-JSON-line-per-record output.
 */
export function sanitizedJson(value: object): string {
  const json = JSON.stringify(value);
  return JSON_NEEDS_SANITIZING.test(json) ? JSON.stringify(sanitizeDeep(value)) : json;
}

/** Neutralizes spreadsheet formula injection in a CSV cell (OWASP guidance). */
export function csvSafe(cell: string): string {
  const guarded = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}
