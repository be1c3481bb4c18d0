import type { SandboxRir } from "./networks.js";

/**
 * Where each holder of the sandbox's number resources is, one row per organisation: the one source both
 * protocols render from, so that a footprint sees the same address over RDAP and over port 43. Each
 * registry writes it in its own layout (HOLDER_LAYOUTS below); the RDAP servers put it in the registrant
 * entity's vCard `adr` (RFC 9083 §5.1 with RFC 7095 jCard; RFC 6350 §6.3.1 for the parts).
 */
export interface HolderAddress {
  street: string[];
  city: string;
  state?: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, the `adr` cc parameter (RFC 8605) and the port-43 `country:`. */
  countryCode: string;
  /** RIPE writes the country's name as the last address line. */
  countryName: string;
}

export const HOLDER_ADDRESSES: Readonly<Record<string, HolderAddress>> = Object.freeze({
  "ACMEW-ARIN": { street: ["100 Example Avenue"], city: "Springfield", state: "IL", postalCode: "62701", countryCode: "US", countryName: "UNITED STATES" },
  "ORG-AWE1-RIPE": { street: ["Voorbeeldstraat 1"], city: "Amsterdam", postalCode: "1011 AB", countryCode: "NL", countryName: "NETHERLANDS" },
  "ORG-KL1-AP": { street: ["1 Example Wharf Road"], city: "Brisbane", state: "QLD", postalCode: "4000", countryCode: "AU", countryName: "AUSTRALIA" },
  "UY-COEJ-LACNIC": { street: ["Avenida Siempreviva, 742"], city: "Montevideo", state: "MO", postalCode: "11000", countryCode: "UY", countryName: "URUGUAY" },
});

/** The holder's address, or undefined for a handle that is not a holder of the world (own keys only). */
export function holderAddress(handle: string): HolderAddress | undefined {
  return Object.hasOwn(HOLDER_ADDRESSES, handle) ? HOLDER_ADDRESSES[handle] : undefined;
}

/**
 * Each registry's port-43 address lines (the values of its `address:` lines; ARIN's are labelled fields).
 * RIPE: street, "postcode city", the country's name (RIPE Database documentation, organisation object).
 * APNIC: street, "city state postcode" (as Australian addresses are written). LACNIC: the street with a
 * trailing comma, then "postcode - city - state" (whois.lacnic.net answers, lacnic.net/1040).
 */
const HOLDER_LAYOUTS: Readonly<Record<Exclude<SandboxRir, "arin">, (address: HolderAddress) => string[]>> = {
  ripe: (a) => [...a.street, `${a.postalCode} ${a.city}`, a.countryName],
  apnic: (a) => [...a.street, [a.city, a.state, a.postalCode].filter(Boolean).join(" ")],
  lacnic: (a) => [...a.street.map((line) => `${line}, `), [a.postalCode, a.city, a.state].filter(Boolean).join(" - ")],
};

export function addressLines(rir: Exclude<SandboxRir, "arin">, address: HolderAddress): string[] {
  return HOLDER_LAYOUTS[rir](address);
}

/** ARIN's labelled address fields (ARIN "Whois output": Address, City, StateProv, PostalCode, Country). */
export function arinAddressFields(address: HolderAddress): string[] {
  return [
    ...address.street.map((line) => `Address:        ${line}`),
    `City:           ${address.city}`,
    ...(address.state === undefined ? [] : [`StateProv:      ${address.state}`]),
    `PostalCode:     ${address.postalCode}`,
    `Country:        ${address.countryCode}`,
  ];
}

/**
 * The jCard `adr` property. APNIC's RDAP sends the address as a `label` (its port-43 lines) with empty
 * parts, as the real server does; the others send the structured parts (street, locality, region, code).
 */
export function rdapAdr(rir: SandboxRir, address: HolderAddress): unknown[] {
  if (rir === "apnic") {
    return ["adr", { cc: address.countryCode, label: addressLines("apnic", address).join("\n") }, "text", ["", "", "", "", "", "", ""]];
  }
  const street = address.street.length === 1 ? (address.street[0] ?? "") : address.street;
  return ["adr", { cc: address.countryCode }, "text", ["", "", street, address.city, address.state ?? "", address.postalCode, ""]];
}
