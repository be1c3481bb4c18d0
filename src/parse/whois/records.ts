import type { Entry } from "./tokenize.js";

/**
 * Where a registrar's answer starts its own record after quoting the registry's thin one ("Domain Name: X
 * … Domain Name: X" again), or a registry's after IANA's record of its TLD ("domain: LIVE … Domain Name:
 * nic.live"): the index of that later top-level domain-name line, or -1.
 */
export function repeatedRecordStart(entries: Entry[]): { start: number; sameObject: boolean } {
  let first: string | undefined;
  let repeat = -1;
  let sameObject = true;
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index] as Entry;
    if (entry.section !== "" || (entry.key !== "domain name" && entry.key !== "domain")) continue;
    const value = entry.value.trim().toLowerCase();
    // IANA's "domain: LIVE" (a TLD) counts; other "domain:" lines restate the record ("DOMAIN: example.st").
    if (entry.key === "domain" && (first !== undefined || value.includes("."))) continue;
    if (first === undefined) first = value;
    // The same name again, or (IANA's answer quoted before the registry's) a name under the TLD first named.
    else if (value !== "" && (value === first || (!first.includes(".") && first !== "" && value.endsWith(`.${first}`)))) {
      repeat = index;
      sameObject = value === first;
    }
  }
  return { start: repeat, sameObject };
}

/**
 * Thin registries (Verisign) list name-server host objects matching the query
 * ("Server Name: GOOGLE.COM.EVIL.EXAMPLE" + its registrar) before the domain
 * record itself; those paragraphs describe other objects, so they are dropped
 * when the answer also has a "Domain Name:" record.
 */
export function dropHostObjectBlocks(text: string): string {
  // A plain substring test first: the multi-line pattern is only worth running on the rare answers that qualify.
  if (!text.includes("Server Name:") || !/^\s*Server Name:/im.test(text) || !/^\s*Domain Name:/im.test(text)) return text;
  const kept: string[] = [];
  let skipping = false;
  for (const line of text.split("\n")) {
    if (line.trim() === "") skipping = false;
    else if (/^\s*Server Name:/i.test(line)) skipping = true;
    if (!skipping) kept.push(line);
  }
  return kept.join("\n");
}

