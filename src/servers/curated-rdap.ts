/**
 * RDAP services of ccTLD registries that answer RDAP but are missing from IANA's
 * bootstrap (dns.json lists every gTLD but only the ccTLDs that asked to be listed).
 * Consulted only when the bootstrap has nothing for the name, so a ccTLD that
 * later joins the bootstrap is served from there. Only services documented by the
 * registry or confirmed by several independent clients belong here; a TLD absent
 * from both falls through to port 43.
 */
export interface CuratedRdapRow {
  /** RDAP base URLs, ending in "/", in the order to try. */
  bases: readonly string[];
  /** Why we believe it exists. */
  source: string;
}

const IDENTITY_DIGITAL = "https://rdap.identitydigital.services/rdap/";
const IDENTITY_DIGITAL_NOTE = "Identity Digital (Afilias) shared RDAP service; its port-43 answers for this TLD name Identity Digital as the data provider; listed by meeb/whoisit overrides and other RDAP clients";

export const CURATED_RDAP: Readonly<Record<string, CuratedRdapRow>> = Object.freeze({
  de: { bases: ["https://rdap.denic.de/"], source: "DENIC, 'RDAP service for .de domains' (denic.de/en/rdap, pilot operation, https only)" },
  ch: { bases: ["https://rdap.nic.ch/"], source: "SWITCH RDAP for .ch; unlisted in IANA bootstrap (meeb/whoisit overrides since 2022-01)" },
  li: { bases: ["https://rdap.nic.li/", "https://rdap.nic.ch/"], source: "SWITCH operates .li alongside .ch (meeb/whoisit overrides since 2023-08)" },
  co: { bases: ["https://rdap.registry.co/co/"], source: ".co registry RDAP; moved from rdap.nic.co in 2025 (meeb/whoisit overrides 2025-11)" },
  gl: { bases: ["https://rdap.centralnic.com/gl/"], source: "CentralNic-run .gl (meeb/whoisit overrides since 2022-10)" },
  bh: { bases: ["https://rdap.centralnic.com/bh/"], source: "CentralNic-run .bh (several RDAP clients list it)" },
  io: { bases: [IDENTITY_DIGITAL], source: IDENTITY_DIGITAL_NOTE },
  sh: { bases: [IDENTITY_DIGITAL], source: IDENTITY_DIGITAL_NOTE },
  ac: { bases: [IDENTITY_DIGITAL], source: IDENTITY_DIGITAL_NOTE },
  me: { bases: [IDENTITY_DIGITAL], source: IDENTITY_DIGITAL_NOTE },
  ag: { bases: [IDENTITY_DIGITAL], source: IDENTITY_DIGITAL_NOTE },
  bz: { bases: [IDENTITY_DIGITAL], source: IDENTITY_DIGITAL_NOTE },
  lc: { bases: [IDENTITY_DIGITAL], source: IDENTITY_DIGITAL_NOTE },
  vc: { bases: [IDENTITY_DIGITAL], source: IDENTITY_DIGITAL_NOTE },
  sc: { bases: [IDENTITY_DIGITAL], source: IDENTITY_DIGITAL_NOTE },
  pr: { bases: [IDENTITY_DIGITAL], source: IDENTITY_DIGITAL_NOTE },
  mn: { bases: [IDENTITY_DIGITAL], source: IDENTITY_DIGITAL_NOTE },
  so: { bases: ["https://rdap.nic.so/"], source: ".so registry RDAP (independently listed by several RDAP clients)" },
});

/** Curated RDAP bases for a TLD ("de", ".DE" and "example.de" all work), or []. */
export function curatedRdapBases(tldOrName: string): string[] {
  const text = tldOrName.trim().toLowerCase().replace(/\.+$/, "");
  const tld = text.slice(text.lastIndexOf(".") + 1);
  const row = Object.hasOwn(CURATED_RDAP, tld) ? CURATED_RDAP[tld] : undefined;
  return row ? [...row.bases] : [];
}
