/**
 * Where a status stands in an answer whose fields already identify a registered object (index.ts decideStatus):
 * the registry's status fields and the answer's lead sentence, the first line(s) before its record. A phrase anywhere
 * else never decides such an answer: registries' terms of use, notices and footers say "est réservé", "è riservato",
 * "está reservado", "is reserved", "cannot be registered", "no results for" about their service, not about the name
 * asked (issue #13 stop notes). Comment lines are skipped by their first characters, every row of the comment table
 * (comments.ts, shared with the tokenizer, which skips only some of them); the lead is a short paragraph of its own, not prose.
 */
import { columnLabelEnd } from "./chars.js";
import { isStatusComment } from "./comments.js";
import { isKnownColumnLabel, normalizeKey } from "./tokenize.js";

/** Labels that open a notice paragraph (all of it is legal text): Verisign's NOTICE/TERMS OF USE, registrars' Disclaimer. */
const NOTICE_LABELS: readonly string[] = ["notice:", "terms of use:", "disclaimer:", "legal notice:", "conditions of use"];

/** A lead longer than this is a paragraph of prose (the .es conditions of use), not a status sentence. */
const MAX_LEAD_LINES = 2;
const MAX_LEAD_LINE = 200;
/** How far into an answer its lead is looked for (a lead after this many lines is no lead). */
const MAX_HEADER_LINES = 80;

function opensNotice(lower: string): boolean {
  for (const label of NOTICE_LABELS) if (lower.startsWith(label)) return true;
  return false;
}

/**
 * "Domain Name: …", "Domain Name:GOOGLE.INFO", "inet6num: …", "nic-hdl: …", "[Domain Name] …", "a. [Network Number] …":
 * a field, not a sentence. A sentence with a colon names its object ("Domain example.com not found: …") or runs on from
 * the line above ("and a third: …"): a dot before the colon, a first digit, more than four words, or several words
 * starting in lower case (RPSL's lower-case labels are one word) is no label; nor is a web address. Hand-written, no pattern.
 */
function isLabelled(line: string): boolean {
  if (line.startsWith("[")) return line.length > 1 && line[1] !== " ";
  if (line.length > 3 && line[1] === "." && line[2] === " " && line[3] === "[") return true;
  const colon = line.indexOf(":");
  if (colon <= 0 || colon > 48 || line.startsWith("//", colon + 1)) return false;
  const first = line[0] as string;
  if (first >= "0" && first <= "9") return false;
  let words = 1;
  for (let index = 0; index < colon; index += 1) {
    const char = line[index] as string;
    if (char === ".") return false;
    if (char === " " && line[index + 1] !== " " && index + 1 < colon) words += 1;
  }
  return words <= 4 && (words === 1 || first.toLowerCase() === first.toUpperCase() || first !== first.toLowerCase());
}

/**
 * The answer's lead: its first paragraph that is not comment, when it is one or two short unlabelled lines
 * ("Name is reserved by afilias", "Domain is not available or is reserved by the registry."); "" when the answer opens
 * with its record, a notice or a paragraph of prose.
 */
export function leadSentence(text: string): string {
  let lead = "";
  let count = 0;
  let start = 0;
  for (let seen = 0; seen < MAX_HEADER_LINES && start <= text.length; seen += 1) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === "") {
      if (count > 0) return lead;
      continue;
    }
    if (isStatusComment(line)) {
      if (count > 0) return lead;
      continue;
    }
    if (isLabelled(line) || opensNotice(line.toLowerCase())) return count > 0 ? lead : "";
    count += 1;
    if (count > MAX_LEAD_LINES || line.length > MAX_LEAD_LINE) return "";
    lead = count === 1 ? line : `${lead}\n${line}`;
    if (newline === -1) break;
  }
  return lead;
}

/** The text a status phrase is looked for in, for an answer its fields identify: the lead and the status values, one per line. */
export function statusPositions(text: string, statuses: readonly string[]): string {
  let positions = `\n${leadSentence(text)}\n`;
  for (const status of statuses) positions += `${status}\n`;
  return positions.toLowerCase().replace(/\r/g, "");
}

/** How far into a line its label's colon (or closing bracket) may stand. */
const MAX_LABEL = 48;

/**
 * The whole answer, lower-cased, as the phrase tables read it (issue #13, w23 metamorphic tests): each line without the
 * spaces around it, so a line-anchored phrase ("\ndomain not available\n") matches an answer indented as a whole
 * (Nominet's layout) or padded with trailing spaces; and each labelled line in one spelling, "label: value", so a
 * labelled phrase ("\norganisation: not assigned\n", "status: free") matches whatever gap, dot leaders or brackets the
 * registry puts around its label ("Status:\tfree", "organisation:   Not assigned", "Status.....: free", "[Status] free").
 * Only answers the fields do not identify come here (not found, reserved, refused): short ones. Hand-written, no
 * pattern: `[ \t]+\n` would backtrack on a long run of spaces.
 */
export function phraseHaystack(text: string): string {
  const lines = text.toLowerCase().split("\n");
  for (let index = 0; index < lines.length; index += 1) lines[index] = oneLabelSpelling((lines[index] as string).trim());
  return `\n${lines.join("\n")}\n`;
}

const isGap = (char: string | undefined): boolean => char === " " || char === "\t";

/** "label: value" for a trimmed line written "label:value", "label:\tvalue", "label....: value" or "[label] value". */
function oneLabelSpelling(line: string): string {
  if (line.startsWith("[") && !isGap(line[1])) {
    const close = line.indexOf("]");
    if (close > 1 && close <= MAX_LABEL) return joinLabel(line.slice(1, close), line, close + 1);
    return line;
  }
  const colon = line.indexOf(":");
  // "organisation                    not assigned": a label the tables know, then spaces and no colon (w25, the
  // tokenizer's column layout). Not "record created         : …", the colon's own layout.
  const gap = columnLabelEnd(line, colon === -1 ? MAX_LABEL : Math.min(colon, MAX_LABEL));
  if (gap > 0) {
    let valueStart = gap;
    while (isGap(line[valueStart])) valueStart += 1;
    if (valueStart !== colon && isKnownColumnLabel(normalizeKey(line.slice(0, gap)))) return joinLabel(line.slice(0, gap), line, gap);
  }
  // (Not a web address's "://", nor a code or time glued to its colon: RIPE's "%error:108:", "10:22".)
  const next = line[colon + 1];
  if (colon <= 0 || colon > MAX_LABEL || next === "/" || (next !== undefined && next >= "0" && next <= "9")) return line;
  if (line[colon + 1] === " " && !isGap(line[colon + 2]) && !isGap(line[colon - 1]) && line[colon - 1] !== ".") return line;
  let labelEnd = colon;
  while (labelEnd > 0 && (isGap(line[labelEnd - 1]) || line[labelEnd - 1] === ".")) labelEnd -= 1;
  return joinLabel(line.slice(0, labelEnd), line, colon + 1);
}

function joinLabel(label: string, line: string, after: number): string {
  let valueStart = after;
  while (isGap(line[valueStart])) valueStart += 1;
  return valueStart === line.length ? `${label}:` : `${label}: ${line.slice(valueStart)}`;
}
