import type { Contact } from "../record/types.js";
import { countryCodeOf } from "./countries.js";

/**
 * Free-form address lines read into postcode, city, state and country: the WHOIS parser's contacts (contacts.ts)
 * and RDAP's label-only `adr` (rdap/jcard.ts; ARIN and LACNIC send the lines port 43 prints, the structured
 * parts empty) go through the same reading, so both protocols give one card.
 */

/** A street's words: "1600 Amphitheatre Parkway" is no postcode and city. */
const STREET_WORD = /\b(street|st|avenue|ave|road|rd|parkway|pkwy|boulevard|blvd|lane|ln|drive|dr|way|suite|floor|box|rue|via|calle|strasse|straße|place|pl|court|ct|highway|hwy|square|sq)\b\.?/i;

function isCode(line: string | undefined): boolean {
  return line !== undefined && /^[A-Z]{2}$/.test(line);
}

/** "1110 Brussels", "98841 NOUMEA CEDEX": a numeric postcode, then the city. */
const POSTCODE_CITY = /^(\d{4,6})\s+(\D.+)$/;
/** "1011 AB Amsterdam": a Dutch postcode is four digits and two capitals (PostNL's format), then the city. */
const DUTCH_POSTCODE_CITY = /^([1-9]\d{3} ?[A-Z]{2})\s+(\D.+)$/;

/**
 * A line holding a postcode and then a city, split. The Dutch form is tried only for an address in the
 * Netherlands: elsewhere "7100 LA LOUVIERE" (Belgium) is a postcode and a city whose first word has two letters.
 */
function postcodeThenCity(line: string | undefined, dutch: boolean): { postalCode: string; city: string } | undefined {
  if (line === undefined) return undefined;
  const match = (dutch ? DUTCH_POSTCODE_CITY.exec(line) : null) ?? POSTCODE_CITY.exec(line);
  return match ? { postalCode: match[1] as string, city: match[2] as string } : undefined;
}

function isInNetherlands(contact: Contact, lastLine: string | undefined): boolean {
  const code = contact.countryCode ?? (contact.country === undefined ? undefined : contact.country.length === 2 ? contact.country : countryCodeOf(contact.country));
  return (code ?? lastLine)?.toUpperCase() === "NL";
}

/**
 * LACNIC's last address line: "7750000 - Ñuñoa - RM", "14060 - Tlalpan Mexico - DF", "- - Rionegro - AN" (no
 * postcode): postcode, city and state parted by " - " (LACNIC WHOIS, https://www.lacnic.net/1040: "address:" lines).
 */
function lacnicPostcodeCityState(line: string | undefined): { postalCode?: string; city: string; state: string } | undefined {
  if (line === undefined || !line.includes(" - ")) return undefined;
  const parts = line.split(" - ");
  if (parts.length !== 3) return undefined;
  // (Read by index: destructuring walks an array iterator, whose map check deoptimized the optimized code, issue #13.)
  const postalCode = (parts[0] as string).trim();
  const city = (parts[1] as string).trim();
  const state = (parts[2] as string).trim();
  if (city === "" || !/^[A-Za-z]{2,3}$/.test(state) || !/^(?:-|[\dA-Z][\dA-Z-]{1,9})?$/.test(postalCode)) return undefined;
  return postalCode === "" || postalCode === "-" ? { city, state } : { postalCode, city, state };
}

/**
 * A multi-line address with nothing else structured ("Viale X 1 / Roma / 00172 / RM / IT"):
 * read its tail as country code, province, postcode and city when the lines have those shapes.
 */
export function structureAddress(contact: Contact): void {
  let lines = contact.street;
  if (!lines || lines.length < 2 || contact.city !== undefined || contact.postalCode !== undefined) return;
  const lacnic = lacnicPostcodeCityState(lines[lines.length - 1]);
  if (lacnic !== undefined) {
    if (lacnic.postalCode !== undefined) contact.postalCode = lacnic.postalCode;
    contact.city = lacnic.city;
    contact.state = lacnic.state;
    // LACNIC ends the street's line with a comma ("Av. Providencia, 1234, "): the separator of the parts it split off.
    contact.street = lines.slice(0, -1).map((line) => line.replace(/,$/, ""));
    return;
  }
  // "… / Belgium": a last line that is a country's name is the country (kept as stated).
  const last = lines[lines.length - 1] as string;
  if (contact.country === undefined && contact.countryCode === undefined && countryCodeOf(last) !== undefined && !/^[A-Z]{2}$/.test(last)) {
    contact.country = last;
    lines = lines.slice(0, -1);
    contact.street = lines;
    // "Blvd Leopold III / 1110 Brussels / Brussels": postcode and city, then the region.
    const postcodeCity = postcodeThenCity(lines[lines.length - 2], isInNetherlands(contact, undefined));
    if (lines.length >= 3 && postcodeCity && !/\d/.test(lines[lines.length - 1] ?? "")) {
      contact.postalCode = postcodeCity.postalCode;
      contact.city = postcodeCity.city;
      contact.state = lines[lines.length - 1] as string;
      contact.street = lines.slice(0, -2);
      return;
    }
  }
  if (lines.length < 2) return;
  // "… / 98841 NOUMEA CEDEX / NEW CALEDONIA", "BP 15101 / 98804 NOUMEA CEDEX": postcode and city on the last line.
  const dutch = isInNetherlands(contact, lines[lines.length - 1]);
  const lastPostcodeCity = postcodeThenCity(lines[lines.length - 1], dutch);
  // (Longer addresses keep their postcode line as written: which line is the city is not certain there.)
  if (lastPostcodeCity && (lines.length === 2 || contact.country !== undefined) && !STREET_WORD.test(lastPostcodeCity.city)) {
    contact.postalCode = lastPostcodeCity.postalCode;
    contact.city = lastPostcodeCity.city;
    contact.street = lines.slice(0, -1);
    return;
  }
  if (lines.length < 3) return;
  let end = lines.length;
  // "Chervonozoryanyi Av., 51 / 03110 KYIV / UA": postcode and city on one line, then the country code.
  const codeAfterCity = postcodeThenCity(lines[end - 2], dutch);
  if (isCode(lines[end - 1]) && codeAfterCity && end >= 3) {
    contact.countryCode ??= lines[end - 1] as string;
    contact.postalCode = codeAfterCity.postalCode;
    contact.city = codeAfterCity.city;
    contact.street = lines.slice(0, end - 2);
    return;
  }
  // "… / 98841 NOUMEA CEDEX / NEW CALEDONIA": postcode and city on one line, then the country's name.
  const postcodeCity = postcodeThenCity(lines[end - 2], dutch || countryCodeOf(lines[end - 1] ?? "") === "NL");
  if (!isCode(lines[end - 1]) && postcodeCity && !/\d/.test(lines[end - 1] ?? "")) {
    contact.country ??= lines[end - 1] as string;
    contact.postalCode = postcodeCity.postalCode;
    contact.city = postcodeCity.city;
    contact.street = lines.slice(0, end - 2);
    return;
  }
  if (!isCode(lines[end - 1])) return;
  const countryCode = lines[end - 1] as string;
  end -= 1;
  let state: string | undefined;
  if (isCode(lines[end - 1]) || /^[A-Z]{2,3}$/.test(lines[end - 1] ?? "")) {
    state = lines[end - 1];
    end -= 1;
  }
  if (!/^[\dA-Z][\dA-Z -]{0,9}$/.test(lines[end - 1] ?? "") || !/\d/.test(lines[end - 1] ?? "")) return;
  const postalCode = lines[end - 1] as string;
  end -= 1;
  if (end < 2) return;
  contact.city = lines[end - 1] as string;
  contact.postalCode = postalCode;
  if (state !== undefined) contact.state = state;
  contact.countryCode ??= countryCode;
  contact.street = lines.slice(0, end - 1);
}
