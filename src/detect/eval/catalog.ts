/**
 * Names the generator draws from: RDAP services, port-43 servers, web WHOIS sites, benign sites,
 * organisations. Data rows, each realistic; external addresses come from the documentation ranges
 * (RFC 5737), except the well-known public resolvers that appear only as strings.
 */

/** RDAP base URLs as clients use them (bootstrap services plus the rdap.org redirector), with a weight. */
export const RDAP_SERVICES: readonly (readonly [{ host: string; base: string; kind: "domain" | "ip" | "autnum"; tlds?: string[] }, number])[] = [
  [{ host: "rdap.verisign.com", base: "/com/v1/domain/", kind: "domain", tlds: ["com"] }, 30], // .com (IANA bootstrap)
  [{ host: "rdap.verisign.com", base: "/net/v1/domain/", kind: "domain", tlds: ["net"] }, 6],
  [{ host: "rdap.publicinterestregistry.org", base: "/rdap/domain/", kind: "domain", tlds: ["org"] }, 8], // .org
  [{ host: "rdap.identitydigital.services", base: "/rdap/domain/", kind: "domain", tlds: ["info", "io"] }, 5], // .info, .io
  [{ host: "pubapi.registry.google", base: "/rdap/domain/", kind: "domain", tlds: ["app", "dev"] }, 3], // .app, .dev
  [{ host: "rdap.centralnic.com", base: "/xyz/domain/", kind: "domain", tlds: ["xyz"] }, 2],
  [{ host: "rdap.nic.fr", base: "/domain/", kind: "domain", tlds: ["fr"] }, 2],
  [{ host: "rdap.denic.de", base: "/domain/", kind: "domain", tlds: ["de"] }, 2],
  [{ host: "rdap.nominet.uk", base: "/uk/domain/", kind: "domain", tlds: ["uk"] }, 2],
  [{ host: "rdap.gmoregistry.net", base: "/rdap/domain/", kind: "domain", tlds: ["shop"] }, 1],
  // ccTLD services outside the IANA bootstrap (published by the registries).
  [{ host: "rdap.sidn.nl", base: "/domain/", kind: "domain", tlds: ["nl"] }, 2],
  [{ host: "rdap.nic.cz", base: "/domain/", kind: "domain", tlds: ["cz"] }, 1],
  [{ host: "rdap.dns.pl", base: "/domain/", kind: "domain", tlds: ["pl"] }, 1],
  [{ host: "rdap.registro.br", base: "/domain/", kind: "domain", tlds: ["br"] }, 1],
  [{ host: "rdap.cctld.au", base: "/rdap/domain/", kind: "domain", tlds: ["au"] }, 1],
  [{ host: "rdap.arin.net", base: "/registry/ip/", kind: "ip" }, 8],
  [{ host: "rdap.db.ripe.net", base: "/ip/", kind: "ip" }, 6],
  [{ host: "rdap.apnic.net", base: "/ip/", kind: "ip" }, 3],
  [{ host: "rdap.arin.net", base: "/registry/autnum/", kind: "autnum" }, 3],
  [{ host: "rdap.db.ripe.net", base: "/autnum/", kind: "autnum" }, 2],
  [{ host: "rdap.org", base: "/domain/", kind: "domain" }, 6], // redirector used by scripts and browsers
  [{ host: "rdap.org", base: "/ip/", kind: "ip" }, 2],
];

/** Port-43 servers: which one a query goes to, and the query text form clients send. */
export const WHOIS_SERVERS = {
  com: { host: "whois.verisign-grs.com", forms: ["domain {q}", "{q}", "={q}"] },
  net: { host: "whois.verisign-grs.com", forms: ["domain {q}", "{q}"] },
  org: { host: "whois.publicinterestregistry.org", forms: ["{q}"] },
  io: { host: "whois.nic.io", forms: ["{q}"] },
  de: { host: "whois.denic.de", forms: ["-T dn,ace {q}", "{q}"] },
  uk: { host: "whois.nic.uk", forms: ["{q}"] },
  iana: { host: "whois.iana.org", forms: ["{q}"] },
  ip: { host: "whois.arin.net", forms: ["n + {q}", "n {q}", "{q}"] },
  ripe: { host: "whois.ripe.net", forms: ["-B {q}", "{q}"] },
  asn: { host: "whois.radb.net", forms: ["-i origin {q}", "{q}"] },
  cymru: { host: "whois.cymru.com", forms: [" -v {q}"] },
  registrar: { host: "whois.markmonitor.com", forms: ["{q}"] },
  fr: { host: "whois.nic.fr", forms: ["{q}"] },
  info: { host: "whois.nic.info", forms: ["{q}"] },
  xyz: { host: "whois.nic.xyz", forms: ["{q}"] },
  nl: { host: "whois.domain-registry.nl", forms: ["{q}"] },
  cz: { host: "whois.nic.cz", forms: ["{q}"] },
  pl: { host: "whois.dns.pl", forms: ["{q}"] },
  br: { host: "whois.registro.br", forms: ["{q}"] },
  au: { host: "whois.auda.org.au", forms: ["{q}"] },
} as const;

/** Web WHOIS lookup services and the page a lookup opens ({q} = target). */
export const WEB_WHOIS: readonly (readonly [{ host: string; path: string; shared?: true }, number])[] = [
  [{ host: "whois.domaintools.com", path: "/{q}" }, 6],
  [{ host: "who.is", path: "/whois/{q}" }, 5],
  [{ host: "www.whois.com", path: "/whois/{q}" }, 5],
  [{ host: "lookup.icann.org", path: "/en/lookup?name={q}" }, 5],
  [{ host: "centralops.net", path: "/co/DomainDossier.aspx?addr={q}&dom_whois=true" }, 3],
  [{ host: "viewdns.info", path: "/whois/?domain={q}" }, 3],
  [{ host: "www.whoxy.com", path: "/{q}" }, 2],
  [{ host: "whois.arin.net", path: "/ui/query.do?q={q}" }, 2],
  [{ host: "whois.icann.org", path: "/en/lookup?name={q}" }, 1], // legacy, redirects to lookup.icann.org
  // Sites that serve much else: only the URL tells a WHOIS lookup (shared: the host alone is no evidence).
  [{ host: "www.iana.org", path: "/whois?q={q}", shared: true }, 2],
  [{ host: "mxtoolbox.com", path: "/SuperTool.aspx?action=whois%3a{q}&run=toolpage", shared: true }, 2],
  [{ host: "hackertarget.com", path: "/whois-lookup/?q={q}", shared: true }, 1],
  [{ host: "www.godaddy.com", path: "/whois/results.aspx?domain={q}", shared: true }, 2],
  [{ host: "www.namecheap.com", path: "/domains/whois/result?domain={q}", shared: true }, 1],
];

/** The web WHOIS row a URL is a lookup on (shared sites only on their lookup path). */
export function webWhoisOf(host: string, path = ""): { host: string; shared?: true } | undefined {
  const row = WEB_WHOIS.find(([w]) => w.host === host)?.[0];
  if (!row) return undefined;
  return !row.shared || path.startsWith(row.path.slice(0, row.path.indexOf("{q}"))) ? row : undefined;
}

/** Ordinary sites the background browses (HTTPS unless marked). */
export const BENIGN_SITES: readonly string[] = [
  "www.google.com", "www.gstatic.com", "fonts.googleapis.com", "github.com", "api.github.com",
  "objects.githubusercontent.com", "login.microsoftonline.com", "outlook.office365.com",
  "teams.microsoft.com", "graph.microsoft.com", "slack.com", "edgeapi.slack.com", "www.wikipedia.org",
  "en.wikipedia.org", "stackoverflow.com", "cdn.jsdelivr.net", "registry.npmjs.org", "pypi.org",
  "files.pythonhosted.org", "www.youtube.com", "i.ytimg.com", "www.linkedin.com", "zoom.us",
  "us02web.zoom.us", "www.dropbox.com", "app.box.com", "www.bbc.co.uk", "www.reuters.com",
  "docs.python.org", "developer.mozilla.org", "www.atlassian.com", "jira.atlassian.net",
  "confluence.atlassian.net", "www.salesforce.com", "d1.awsstatic.com", "s3.amazonaws.com",
  "update.googleapis.com", "clients2.google.com", "safebrowsing.googleapis.com", "www.cloudflare.com",
  "cdnjs.cloudflare.com", "news.ycombinator.com", "www.nytimes.com", "mail.google.com",
  // Look-alikes that are not WHOIS lookups: registrar storefronts and DNS dashboards, registry and
  // RIR home pages (documentation, meetings), "what is my IP" services apps call (T1590, not T1596).
  "www.godaddy.com", "www.namecheap.com", "dash.cloudflare.com", "www.ripe.net", "www.arin.net",
  "www.icann.org", "api.ipify.org", "ipinfo.io", "mxtoolbox.com", "www.iana.org",
];

/** Plain-HTTP background: OS updates, OCSP, connectivity checks. */
export const BENIGN_HTTP: readonly { host: string; paths: string[]; method?: string; ua: string }[] = [
  { host: "ocsp.digicert.com", paths: ["/"], method: "POST", ua: "Microsoft-CryptoAPI/10.0" },
  { host: "www.msftconnecttest.com", paths: ["/connecttest.txt"], ua: "Microsoft NCSI" },
  { host: "connectivitycheck.gstatic.com", paths: ["/generate_204"], ua: "Mozilla/5.0 (X11; Linux x86_64)" },
  { host: "deb.debian.org", paths: ["/debian/dists/bookworm/InRelease", "/debian/pool/main/c/curl/libcurl4_7.88.1-10+deb12u8_amd64.deb"], ua: "Debian APT-HTTP/1.3 (2.6.1)" },
  { host: "ctldl.windowsupdate.com", paths: ["/msdownload/update/v3/static/trustedr/en/disallowedcertstl.cab"], ua: "Microsoft-CryptoAPI/10.0" },
];

export const BROWSER_UAS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
];
export const SCRIPT_UAS = ["python-requests/2.32.3", "curl/8.5.0", "Go-http-client/2.0", "rdap-cli/0.4", "Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.22621.4249"];

export const ORGS: readonly string[][] = [
  ["northwind-traders.com", "northwind.io", "nwt-cdn.net"],
  ["contoso-energy.com", "contoso-energy.de", "contosoenergy.org"],
  ["fabrikam-labs.com", "fabrikam.dev"],
  ["tailspin-toys.net", "tailspintoys.com", "tailspin.shop"],
  ["woodgrove-bank.com", "woodgrove.co.uk"],
];

const WORDS = ["blue", "river", "stone", "north", "apex", "nova", "delta", "cedar", "harbor", "pixel", "quantum", "summit", "lumen", "vertex", "orbit", "falcon", "ember", "atlas", "crest", "zenith", "maple", "iron", "silver", "bright", "swift"];
const TAILS = ["labs", "systems", "media", "capital", "health", "logistics", "cloud", "shop", "works", "group", "partners", "tech", "foods", "travel", "energy"];
export const TARGET_TLDS: readonly (readonly [string, number])[] = [["com", 50], ["net", 8], ["org", 10], ["io", 6], ["de", 5], ["co.uk", 4], ["app", 2], ["xyz", 2], ["fr", 2], ["info", 3], ["nl", 3], ["cz", 1], ["pl", 2], ["com.br", 2], ["com.au", 2], ["shop", 1]];
export const words = { WORDS, TAILS };

/** The public upstream resolvers the internal resolver forwards to (strings only). */
export const UPSTREAMS = ["8.8.8.8", "8.8.4.4", "1.1.1.1", "9.9.9.9"] as const;
