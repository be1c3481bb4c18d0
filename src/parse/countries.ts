/**
 * Country names as registries print them, to ISO 3166-1 alpha-2 codes. The English names are CLDR's
 * (country-names.ts, generated from the runtime's Intl.DisplayNames by scripts/gen-country-names.mjs);
 * ALIASES adds the older or longer spellings seen in WHOIS answers.
 */
import { CLDR_REGION_NAMES } from "./country-names.js";

const ALIASES: Readonly<Record<string, string>> = {
  "united states of america": "US", usa: "US", "u.s.a.": "US", "u.s.": "US",
  "great britain": "GB", uk: "GB", "england": "GB",
  "russian federation": "RU", turkey: "TR", turkiye: "TR", "czech republic": "CZ",
  "korea, republic of": "KR", "republic of korea": "KR", "viet nam": "VN", "the netherlands": "NL",
  "hong kong sar china": "HK", "macau sar china": "MO", "macao": "MO", "taiwan, province of china": "TW",
  "iran, islamic republic of": "IR", "slovak republic": "SK", "macedonia": "MK", "swaziland": "SZ",
  "ivory coast": "CI", "cote d'ivoire": "CI", "deutschland": "DE", "france métropolitaine": "FR",
};

let table: Map<string, string> | undefined;

function build(): Map<string, string> {
  // (Read from a data file, not from Intl.DisplayNames at run time: its constructor loads ICU's region
  // data, 20–40 ms of every parse process that meets a country name; issue #13.)
  const map = new Map<string, string>(CLDR_REGION_NAMES);
  for (const [name, code] of Object.entries(ALIASES)) map.set(name, code);
  return map;
}

/** The ISO code of a country name ("Belgium", "UNITED STATES OF AMERICA"), or undefined. */
export function countryCodeOf(name: string): string | undefined {
  if (name.length < 2 || name.length > 40) return undefined;
  table ??= build();
  return table.get(name.trim().replace(/[.,]$/, "").toLowerCase());
}
