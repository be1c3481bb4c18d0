/**
 * RDAP services of ccTLD registries that run RDAP but are missing from IANA's
 * bootstrap (dns.json lists gTLDs and only the ccTLDs that asked to be listed).
 * Only services the registry itself documents belong here.
 */
export const CURATED_RDAP: Readonly<Record<string, { base: string; source: string }>> = Object.freeze({
  de: { base: "https://rdap.denic.de/", source: "DENIC RDAP service documentation" },
  nl: { base: "https://rdap.sidn.nl/", source: "SIDN RDAP service" },
  be: { base: "https://rdap.dns.be/", source: "DNS Belgium RDAP" },
  uk: { base: "https://rdap.nominet.uk/uk/", source: "Nominet RDAP" },
  fr: { base: "https://rdap.nic.fr/", source: "AFNIC RDAP" },
  ch: { base: "https://rdap.nic.ch/", source: "SWITCH RDAP" },
  li: { base: "https://rdap.nic.ch/", source: "SWITCH RDAP (.li)" },
  br: { base: "https://rdap.registro.br/", source: "Registro.br RDAP" },
  ca: { base: "https://rdap.ca.fury.ca/rdap/", source: "CIRA RDAP" },
});

export function curatedRdapBases(tld: string): string[] {
  const row = CURATED_RDAP[tld.toLowerCase()];
  return row ? [row.base] : [];
}
