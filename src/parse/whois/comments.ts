/**
 * Lines that are comments or rules, not data, by how they start: one table for the tokenizer (tokenize.ts, which
 * skips them) and the status rule (status-positions.ts, which looks past them for an answer's lead sentence). The
 * status rule reads every row; the tokenizer only the rows whose `tokenizer` column says how it skips them: a
 * record's data may start with the status-only markers ("* ns1…" lists, ";" in values), so it keeps those lines.
 */

/**
 * How the tokenizer treats a marker: `anywhere` (after any indentation), `line-start` (only unindented: an indented
 * "--" or ">>>" is part of a value), `bracketed` (the whole line is "[ … ]": "[Domain Name]" is a label), `keep` (data
 * to the tokenizer, a comment to the status rule only).
 */
export type TokenizerUse = "anywhere" | "line-start" | "bracketed" | "keep";

export interface CommentMarker {
  readonly marker: string;
  readonly tokenizer: TokenizerUse;
  readonly source: string;
}

export const COMMENT_MARKERS: readonly CommentMarker[] = [
  { marker: "%", tokenizer: "anywhere", source: "RIPE Database and the RIRs on its software, AFNIC (%%), registro.br, DENIC, CIRA: comment and notice lines" },
  { marker: "#", tokenizer: "anywhere", source: "ARIN Whois-RWS text output; RPSL comments (RFC 2622 §2)" },
  { marker: ">>>", tokenizer: "line-start", source: "ICANN RAA registries and registrars (Verisign): '>>> Last update of whois database: … <<<', the footer after it" },
  { marker: "--", tokenizer: "line-start", source: "rule lines (Red.es, .tw) and RFC 3912-style separators" },
  { marker: "[ ", tokenizer: "bracketed", source: "JPRS, JPNIC: the bracketed notice above the record ('[ JPRS database provides information … ]')" },
  { marker: "*", tokenizer: "keep", source: "nic.it, EURid: the notice boxed in asterisks above the record" },
  { marker: "==", tokenizer: "keep", source: "rule lines" },
  { marker: ";", tokenizer: "keep", source: "comment lines of zone-file style answers" },
];

/** The tokenizer's rows by their first character's code (ASCII markers only): most lines start with a letter and need one lookup. */
const TOKENIZER_ROWS: readonly (readonly CommentMarker[] | undefined)[] = (() => {
  const rows: CommentMarker[][] = [];
  for (const row of COMMENT_MARKERS) {
    if (row.tokenizer === "keep") continue;
    (rows[row.marker.charCodeAt(0)] ??= []).push(row);
  }
  return rows;
})();

/**
 * First characters that alone make a line a comment to the tokenizer (one-character `anywhere` markers: "%", "#"):
 * the tokenizer skips those lines from their first character, before cutting their text out (issue #13: one line
 * in eight of the corpus is one).
 */
const ALWAYS_COMMENT_FIRST: Uint8Array = (() => {
  const flags = new Uint8Array(128);
  for (const row of COMMENT_MARKERS) if (row.tokenizer === "anywhere" && row.marker.length === 1) flags[row.marker.charCodeAt(0)] = 1;
  return flags;
})();

/** Whether a line whose first character (after its indentation) is `code` is a tokenizer comment whatever follows. */
export function isTokenizerCommentStart(code: number): boolean {
  // (A flag per ASCII code, not a Set: the check runs on every line, and a Set lookup cost more than it saved.)
  return code < 128 && ALWAYS_COMMENT_FIRST[code] === 1;
}

/** A comment line to the tokenizer. `trimmed`: the line without surrounding whitespace; `indent`: where it starts in its line. */
export function isTokenizerComment(trimmed: string, indent: number): boolean {
  const rows = TOKENIZER_ROWS[trimmed.charCodeAt(0)];
  if (rows === undefined) return false;
  for (const row of rows) {
    if (!trimmed.startsWith(row.marker)) continue;
    if (row.tokenizer === "anywhere") return true;
    if (row.tokenizer === "line-start" && indent === 0) return true;
    if (row.tokenizer === "bracketed" && trimmed.endsWith("]")) return true;
  }
  return false;
}

/** A comment line to the status rule (every row, wherever the line starts). */
export function isStatusComment(line: string): boolean {
  for (const row of COMMENT_MARKERS) if (line.startsWith(row.marker)) return true;
  return false;
}
