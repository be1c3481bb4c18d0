/** Shared by the alert formatters: safe text for every output, and the fixed ATT&CK labels. */
import { noFormula, singleLine } from "../../util/export-text.js";

export const TECHNIQUE = { id: "T1596.002", name: "Search Open Technical Databases: WHOIS", reference: "https://attack.mitre.org/techniques/T1596/002/" } as const;
export const TACTIC = { id: "TA0043", name: "Reconnaissance", reference: "https://attack.mitre.org/tactics/TA0043/" } as const;

/** Rule descriptions by id, for formats that carry them (ECS rule.description). */
export type RuleDescriptions = ReadonlyMap<string, string>;

/** One line of plain text: terminal escapes, controls and bidi gone, newlines folded (util/export-text). */
export function clean(text: string, max = 2048): string {
  return singleLine(text, max);
}

/** Guards spreadsheet formula injection (OWASP), ASCII and full-width; shared with CSV (util/export-text). */
export { noFormula };
