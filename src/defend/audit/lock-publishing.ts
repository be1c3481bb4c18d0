/**
 * Registries whose registration data carries no EPP lock statuses (RFC 5731 §2.3 clientTransferProhibited and
 * the rest): their domains lock another way, so a record without those statuses says nothing about a lock.
 * One row per TLD, with what the registry does instead and the public source it was read from (conventions §2).
 * A TLD not listed keeps the lock checks as they are. Keyed by the domain's last label (co.uk → uk).
 */
export interface LockPublishing {
  /** The top-level label, lower case. */
  tld: string;
  registry: string;
  /** How domains lock there instead, for the finding's message. */
  locksBy: string;
  /** Where the row was read. */
  source: string;
  /**
   * The registry's own lock values, as its answers state them among the statuses (the parser reads them as stated):
   * one shown means the domain is locked the registry's way, and audit reports no unpublished lock for it.
   */
  ownLocks?: readonly { status: string; meaning: string }[];
}

export const REGISTRIES_WITHOUT_EPP_LOCKS: readonly LockPublishing[] = [
  {
    tld: "de",
    registry: "DENIC",
    locksBy: "a provider change needs the AuthInfo code the holder gets from the registrar; DENIC's paid '.de Registry Lock' has changes confirmed by a named lock contact",
    source: "DENIC Public-whois documentation REX-V2.4 (Status is connect, free or invalid; no EPP status), https://fdocuments.in/document/denic-12p-24-en-2016-4-13-public-whois-documentation-rex-v24-2016-04-12-page.html; DENIC '.de Registry Lock' product description (DENIC documentation, 'Was ist ein Lock?')",
  },
  {
    tld: "uk",
    registry: "Nominet",
    locksBy: "a transfer is a registrar tag change made by the losing registrar; Nominet's paid Domain Lock locks a name at the registry (changes need 2FA by a pre-authorised representative)",
    source: "Nominet, Domain Lock, https://registrars.nominet.uk/uk-namespace/security-tools-and-protection/domain-lock/; port-43 answers print 'Registration status' (e.g. 'Registered until expiry date.'), no EPP status",
  },
  {
    tld: "jp",
    registry: "JPRS",
    locksBy: "JPRS prints its own '[Lock Status]' element (e.g. AgentChangeLocked) since 12 November 2023, not EPP statuses; [State] is Connected, Reserved and the like",
    source: "JPRS WHOIS answers' notice 'JPRS will add the [Lock Status] element to the response format of JP domain name on November 12, 2023'; JPRS WHOIS help (https://zh.asuka.io/whois/e4%25b8%25ad%25e4%25ba%258c%25e7%2597%2585.jp reproduces it)",
    // The values as JPRS prints them: google.co.jp and yahoo.co.jp answers of ../shared/corpus ("[Lock Status]
    // AgentChangeLocked"); google.jp's 2025 answer quoted in public code ("[ロック状態] DomainTransferLocked" then
    // "[ロック状態] AgentChangeLocked", one line each).
    ownLocks: [
      { status: "AgentChangeLocked", meaning: "the designated registrar (JPRS's 'agent') cannot be changed: a transfer to another registrar is refused" },
      { status: "DomainTransferLocked", meaning: "the domain name cannot be transferred to another registrant" },
    ],
  },
  {
    tld: "nl",
    registry: "SIDN",
    locksBy: "a registrar change needs the domain's token, which the current registrar must hand the registrant within five days; the answer's Status is active, inactive or in quarantine",
    source: "SIDN FAQ (transfer token), https://sidn.nl/en/faq; SIDN, redeeming a quarantined domain name (status 'in quarantaine'), https://www.sidn.nl/en/about-nl/updating-your-registration/redeeming-a-quarantined-domain-name/",
  },
];

const BY_TLD: ReadonlyMap<string, LockPublishing> = new Map(REGISTRIES_WITHOUT_EPP_LOCKS.map((row) => [row.tld, row]));

/** The row of the registry of `domain` when that registry publishes no EPP lock statuses; undefined otherwise. */
export function registryWithoutEppLocks(domain: string): LockPublishing | undefined {
  const name = domain.toLowerCase().replace(/\.$/, "");
  return BY_TLD.get(name.slice(name.lastIndexOf(".") + 1));
}
