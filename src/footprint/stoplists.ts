/**
 * Shared infrastructure and placeholder values that say nothing about who owns
 * a domain: pivoting on them would pull in strangers. Matching is on the
 * registrable domain of a host or email (suffix match), lower case. Extend by
 * adding rows; the source of each group is noted beside it.
 */

/** DNS hosting providers whose name servers serve millions of unrelated customers. */
export const SHARED_DNS_PROVIDERS: readonly string[] = [
  "cloudflare.com", "domaincontrol.com" /* GoDaddy */, "registrar-servers.com" /* Namecheap */, "googledomains.com",
  "google.com", "azure-dns.com", "azure-dns.net", "azure-dns.org", "azure-dns.info", "nsone.net", "ultradns.com",
  "ultradns.net", "ultradns.org", "ultradns.biz", "dynect.net", "dnsmadeeasy.com", "digitalocean.com", "linode.com",
  "hetzner.com", "ovh.net", "akam.net", "worldnic.com" /* Network Solutions */, "wixdns.net", "squarespacedns.com",
  "hostgator.com", "bluehost.com", "dreamhost.com", "gandi.net", "porkbun.com", "dnsimple.com", "he.net", "afraid.org",
  "ui-dns.com", "ui-dns.de", "ui-dns.org", "ui-dns.biz" /* IONOS */, "one.com", "name.com", "hover.com", "namecheaphosting.com",
  "cloudns.net", "dns.jp", "alidns.com", "dnspod.net", "hichina.com", "yandex.net", "easydns.com", "dnsowl.com",
  "fastly.net", "vercel-dns.com", "netlify.com", "shopify.com", "wordpress.com", "automattic.com",
];

/** Registrable domains matched by prefix (Amazon Route 53: awsdns-NN.com/net/org/co.uk). */
export const SHARED_DNS_PREFIXES: readonly string[] = ["awsdns-"];

/** Parking and for-sale name servers: a parked domain says nothing about its owner. */
export const PARKING_NAMESERVERS: readonly string[] = [
  "sedoparking.com", "parkingcrew.net", "bodis.com", "above.com", "parklogic.com", "dan.com", "afternic.com",
  "uniregistrymarket.link", "namebrightdns.com", "dsredirection.com", "ztomy.com", "domainparkingserver.net",
];

/** Name-server labels registrars give every domain they park (ns1.parking.<registrar>). */
export const PARKING_LABELS: readonly string[] = ["parking", "park", "parked", "forsale", "expired", "pendingrenewal"];

/** Mail providers shared by millions of customers: an MX there is not an owned host. */
export const SHARED_MAIL_PROVIDERS: readonly string[] = [
  "google.com", "googlemail.com", "outlook.com", "office365.us", "pphosted.com", "mimecast.com", "messagelabs.com",
  "zoho.com", "zoho.eu", "protonmail.ch", "yandex.net", "secureserver.net", "emailsrvr.com", "mailgun.org",
  "sendgrid.net", "amazonaws.com", "icloud.com", "mxrouting.net", "barracudanetworks.com", "ovh.net", "ionos.com",
];

/** Free mailbox providers: the mailbox is a pivot, its domain is not the owner's. */
export const FREE_EMAIL_DOMAINS: readonly string[] = [
  "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "outlook.com", "hotmail.com", "live.com", "msn.com",
  "aol.com", "icloud.com", "me.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "mail.ru",
  "yandex.ru", "qq.com", "163.com", "126.com", "naver.com", "free.fr", "orange.fr", "libero.it", "t-online.de",
];

/** Values that stand for "nothing" in WHOIS fields (lower case, exact). */
export const PLACEHOLDER_VALUES: readonly string[] = [
  "n/a", "na", "none", "null", "nil", "-", "--", ".", "unknown", "private", "not applicable", "not available",
  "no name", "no organization", "not set", "anonymous", "personal", "individual", "private person", "private individual",
  "domain administrator", "domain admin", "hostmaster", "webmaster", "technical contact", "administrative contact",
];

/** Organisation names shorter than this are too ambiguous to search for (Recon-ng's ViewDNS module uses 6). */
export const MIN_ORGANIZATION_LENGTH = 6;

/** Legal-form words dropped before comparing organisation names. */
export const LEGAL_FORMS: readonly string[] = [
  "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "gmbh", "mbh", "ag", "kg", "ek", "ohg", "ug", "bv", "nv",
  "sa", "sas", "sarl", "srl", "spa", "sl", "plc", "corp", "corporation", "co", "company", "oy", "ab", "as", "asa",
  "kk", "pty", "pte", "the", "holding", "holdings", "group", "s", "a", "e", "k", "b", "v", "l", "c",
];
