/**
 * One sanitizing helper per output kind (issue #19). Every exporter sends attacker-controlled text
 * (answers, log lines, rule files) through the helper of its format and nothing else, so a character
 * class added in sanitize.ts reaches every output at once. Each helper first removes what
 * stripControl removes (C0/C1 controls including the 8-bit CSI U+009B, terminal escapes, bidi
 * overrides, isolates and marks), then applies its format's escaping.
 */
import { sanitizeDeep, sanitizeField, stripControl } from "./sanitize.js";

/** One line of plain text (JSON string values, log fields), cut to `max` characters with an ellipsis. */
export function singleLine(text: string, max = Number.POSITIVE_INFINITY): string {
  const s = sanitizeField(text);
  return s.length > max ? `${s.slice(0, Math.max(0, max - 1))}…` : s;
}

/** Every string of a JSON-like value (JSON, NDJSON, STIX, Sigma YAML documents); keys kept as own data. */
export function jsonSafe<T>(value: T): T {
  return sanitizeDeep(value);
}

// ---- spreadsheets (CSV, and text that is often pasted into one: CEF, Markdown) ----

/**
 * Characters a spreadsheet reads as the start of a formula (OWASP "CSV Injection"): = + - @, tab
 * and CR, and their full-width forms U+FF1D U+FF0B U+FF0D U+FF20, which LibreOffice and Excel in
 * East-Asian locales normalise to ASCII before evaluating; also after leading white space, which an
 * import with "trim spaces" removes. (Anchored: one scan of the leading spaces, linear.)
 */
const FORMULA_START = /^[\t\r]|^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
/**
 * A formula character after a separator a spreadsheet may split on (`;` in European locales, TAB on
 * paste, `,`): `x;=cmd|' /C calc'!A0` is two cells there, the second a formula. The spaces between
 * are a class disjoint from the separators, so each scan ends at the next separator: linear.
 */
const FORMULA_AFTER_SEPARATOR = /[;,\t\r\n][ \u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/**
 * A lone minus is the placeholder logs and our own reports use for "none" or standard input; with nothing
 * after it a spreadsheet keeps it as text, so it is left as written rather than shown as `'-`.
 */
const LONE_MINUS = /^[-\uff0d]$/;

export function looksLikeFormula(text: string): boolean {
  if (LONE_MINUS.test(text)) return false;
  return FORMULA_START.test(text) || FORMULA_AFTER_SEPARATOR.test(text);
}

/** A leading apostrophe makes a spreadsheet show the cell as text. */
export function noFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/**
 * One RFC 4180 cell, guarded: a formula-looking cell gets a leading apostrophe, and a cell holding a
 * separator (`,` `;` TAB) or line break is quoted, so a spreadsheet splitting on `;` or TAB still
 * sees one text cell that starts with the apostrophe; quotes are doubled.
 */
export function csvSafe(cell: string): string {
  const guarded = looksLikeFormula(cell) ? `'${cell}` : cell;
  return /[",;\t\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** An attacker-controlled value as a CSV cell: controls stripped, one line, guarded. */
export function csvCell(value: string): string {
  return csvSafe(sanitizeField(value));
}

// ---- markup ----

const HTML_ESCAPES: ReadonlyMap<string, string> = new Map([
  ["&", "&amp;"],
  ["<", "&lt;"],
  [">", "&gt;"],
  ['"', "&quot;"],
  ["'", "&#39;"],
]);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES.get(ch) ?? ch);
}

/** Text for an HTML element or attribute: controls stripped, every markup character escaped. */
export function htmlText(value: string): string {
  return escapeHtml(stripControl(value));
}

/** XML 1.0 text (GraphML): controls stripped, characters XML forbids removed, markup escaped (attribute-safe). */
export function xmlText(value: string): string {
  return stripControl(value)
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * Inline Markdown (CommonMark/GFM tables): one line, no raw HTML (tags and entities escaped), no
 * emphasis, link, code, heading or table syntax, and a leading formula character guarded.
 */
export function markdownText(text: string, max?: number): string {
  return noFormula(singleLine(text, max))
    .replace(/[&<>]/g, (c) => HTML_ESCAPES.get(c) ?? c)
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`);
}

// ---- security tool formats ----

/** CEF header field (Micro Focus "Implementing ArcSight CEF" rev. 25): `\` and `|` escaped, one line. */
export function cefHeader(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}

/** CEF extension value: `\` and `=` escaped, line breaks as `\n` / `\r`. */
export function cefValue(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/=/g, "\\=").replace(/\r\n|\n/g, "\\n").replace(/\r/g, "\\r");
}

/** An attacker-controlled CEF header field: one line, controls stripped, formula guarded, escaped. */
export function cefHeaderText(text: string, max: number): string {
  return cefHeader(noFormula(singleLine(text, max)));
}

/** An attacker-controlled CEF extension value: controls stripped (newlines kept, escaped), formula guarded. */
export function cefValueText(text: string, max: number): string {
  return cefValue(noFormula(stripControl(text).slice(0, max)));
}

/** Suricata rule option string (msg, Suricata docs "Rules format"): one line, `"` `;` `\` escaped. */
export function suricataText(text: string): string {
  return singleLine(text).replace(/[\\";]/g, (c) => `\\${c}`);
}
