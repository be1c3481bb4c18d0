/**
 * Tables the personal-data checks read. Privacy/proxy services and redaction phrasing are the
 * parser's tables (src/parse/privacy.ts: REDACTION_MARKERS covers "REDACTED FOR PRIVACY" and the
 * RFC 9537 placeholders, PRIVACY_SERVICES the proxy companies); these add what only the audit needs.
 */

/**
 * Mailbox names that belong to a function, not a person: RFC 2142 ("Mailbox names for common
 * services, roles and functions": postmaster, hostmaster, abuse, noc, security, webmaster, info,
 * marketing, sales, support) plus names domain holders commonly give registrars.
 */
export const ROLE_LOCALPARTS: ReadonlySet<string> = new Set([
  // RFC 2142 §3–§5
  "info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster", "hostmaster", "usenet", "news", "webmaster", "www", "uucp", "ftp",
  // common registration contacts
  "admin", "administrator", "domains", "domain", "dns", "dnsadmin", "dns-admin", "it", "tech", "technical", "billing", "accounts", "legal", "registrar",
  "contact", "office", "hello", "ops", "operations", "sysadmin", "helpdesk", "network", "netops", "privacy", "compliance", "trademarks", "brand",
]);

/**
 * Words that make a contact "name" a function rather than a person ("Domain Administrator",
 * "Hostmaster", "DNS Team"): such a name is not personal data.
 */
export const ROLE_NAME_WORDS: ReadonlySet<string> = new Set([
  "domain", "domains", "dns", "hostmaster", "postmaster", "webmaster", "admin", "administrator", "administration", "administrative", "technical", "tech",
  "it", "noc", "network", "operations", "ops", "team", "department", "dept", "manager", "management", "contact", "role", "registration", "registrations",
  "billing", "support", "service", "services", "legal", "security", "the", "and", "of", "&",
]);

/**
 * Mail domains of privacy/proxy services: an address there forwards to the holder without showing
 * them (each service's published forwarding domain).
 */
export const PROXY_EMAIL_DOMAINS: readonly string[] = [
  "domainsbyproxy.com", // GoDaddy Domains By Proxy
  "contactprivacy.com", // Tucows Contact Privacy
  "withheldforprivacy.com", // Namecheap Withheld for Privacy ehf
  "whoisguard.com", // Namecheap WhoisGuard (before 2021)
  "privacyguardian.org", // PrivacyGuardian.org (Name.com, Dynadot)
  "whoisprivacyprotect.com", // Whois Privacy Protection Service
  "identity-protect.org", // Identity Protection Service (Hostinger, …)
  "anonymised.email", // Gandi / Key-Systems style anonymised forwarders
  "proxy.dreamhost.com", // DreamHost private registration
  "privacy.above.com", // Above.com
  "njal.la", // Njalla
  "registrarsafe.com", // RegistrarSafe (Meta's registrar proxy)
  "domainprivacygroup.com",
  "perfectprivacy.com",
  "whoisproxy.com",
];

export function isProxyEmail(email: string): boolean {
  const at = email.lastIndexOf("@");
  const domain = email.slice(at + 1).toLowerCase();
  return PROXY_EMAIL_DOMAINS.some((proxy) => domain === proxy || domain.endsWith(`.${proxy}`));
}

/** The mailbox is a function's (RFC 2142 and the like): `abuse@`, `hostmaster+reg@`, `dns-admin@`. */
export function isRoleEmail(email: string): boolean {
  const local = email.slice(0, Math.max(0, email.lastIndexOf("@"))).toLowerCase().split("+")[0] ?? "";
  return ROLE_LOCALPARTS.has(local);
}

/**
 * Legal-form words that end a company's name (Ltd, GmbH, S.A., K.K., …): a registrant "name" ending
 * in one is an organisation, as registries without a separate organisation field (Nominet, DENIC) print it.
 */
export const COMPANY_SUFFIXES: ReadonlySet<string> = new Set([
  "ltd", "limited", "plc", "llp", "lp", "llc", "inc", "incorporated", "corp", "corporation", "co", "company", "gmbh", "ag", "kg", "ek", "ug", "sa", "sas", "sarl",
  "bv", "nv", "srl", "spa", "ab", "as", "asa", "oy", "oyj", "aps", "kk", "pty", "pte", "bhd", "sdn", "ltda", "cic", "foundation", "trust", "association", "group",
]);

/** Holders of these Nominet/ccTLD phrasings withheld the value though no redaction marker says so. */
export const WITHHELD_PHRASES: readonly string[] = [
  "opted to have their address omitted", // Nominet (.uk) non-trading individuals
  "address omitted from the whois",
];

export function isWithheldPhrase(value: string): boolean {
  const lower = value.toLowerCase();
  return WITHHELD_PHRASES.some((phrase) => lower.includes(phrase));
}

/** "Domain Administrator", "DNS Team", "Fabrikam Trading Ltd": a function or a company, so no person is named. */
export function isRoleName(name: string): boolean {
  const words = name.toLowerCase().split(/[\s,/()-]+/).map((word) => word.replace(/\./g, "")).filter((word) => word !== "");
  if (words.length === 0) return false;
  return words.every((word) => ROLE_NAME_WORDS.has(word)) || COMPANY_SUFFIXES.has(words[words.length - 1] ?? "");
}
