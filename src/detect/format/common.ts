/** Shared by the alert formatters: safe text for every output, and the fixed ATT&CK labels. */
import { sanitizeField } from "../../util/sanitize.js";

export const TECHNIQUE = { id: "T1596.002", name: "Search Open Technical Databases: WHOIS", reference: "https://attack.mitre.org/techniques/T1596/002/" } as const;
export const TACTIC = { id: "TA0043", name: "Reconnaissance", reference: "https://attack.mitre.org/tactics/TA0043/" } as const;

/** Rule descriptions by id, for formats that carry them (ECS rule.description). */
export type RuleDescriptions = ReadonlyMap<string, string>;

/** One line of plain text: terminal escapes and control characters gone, newlines folded. */
export function clean(text: string, max = 2048): string {
  const s = sanitizeField(text);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Guards spreadsheet formula injection (OWASP): a leading = + - @ gets a quote. */
export function noFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
