import type { WhoisRecord } from "../../record/types.js";
import type { Entry } from "./tokenize.js";

/** Labels of a registrar object that give its name and its web address. */
const NAME_KEYS = new Set(["name", "organization", "organisation", "registrar name", "org name"]);
const URL_KEYS = new Set(["website", "web", "www", "url", "homepage", "registrar url"]);

/**
 * Registries that print the registrar as an object of its own after the domain's (AFNIC `registrar: OVH`
 * … `website: http://www.ovh.com`; SK-NIC `Registrar: FAJN-0002` … `Name: FAJNOR IP s. r. o.`): a
 * blank-line block opened by `registrar:` naming the record's registrar (by name or handle) gives the web
 * address, and the name when the domain's block named the registrar by handle only. One pass over the entries.
 */
export function applyRegistrarObject(record: WhoisRecord, entries: readonly Entry[], domainBlock: number | undefined): void {
  const registrar = record.registrar;
  if (registrar === undefined) return;
  const ids = new Set([registrar.name, registrar.handle].filter((id): id is string => id !== undefined).map((id) => id.toLowerCase()));
  let openBlock: number | undefined;
  let name: string | undefined;
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index] as Entry;
    const opens = index === 0 || (entries[index - 1] as Entry).block !== entry.block;
    if (opens) {
      openBlock = entry.section === "" && entry.key === "registrar" && entry.block !== domainBlock && ids.has(entry.value.trim().toLowerCase()) ? entry.block : undefined;
      continue;
    }
    if (openBlock === undefined || entry.block !== openBlock || entry.section !== "") continue;
    const value = entry.value.trim();
    if (value === "") continue;
    if (NAME_KEYS.has(entry.key)) name ??= value;
    else if (URL_KEYS.has(entry.key)) registrar.url ??= value;
  }
  // Only a registrar known by its handle takes the object's name ("FAJN-0002" → "FAJNOR IP s. r. o.").
  if (name !== undefined && (registrar.name === undefined || registrar.name === registrar.handle)) {
    registrar.handle ??= registrar.name;
    registrar.name = name;
  }
}
