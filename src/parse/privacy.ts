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
  "identity protection service",
  "information not available",
  "personal data, can not be publicly disclosed",
];

export const PRIVACY_SERVICES: readonly string[] = [
  "whoisguard",
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

export function isRedactedValue(value: string): boolean {
  const lower = value.toLowerCase();
  return REDACTION_MARKERS.some((marker) => lower.includes(marker));
}

export function isPrivacyService(value: string): boolean {
  const lower = value.toLowerCase();
  return PRIVACY_SERVICES.some((marker) => lower.includes(marker));
}
