import { encodeIso2022Jp } from "./iso-2022-jp.js";
import { DOMAINS, findDomain, REGISTRARS, type SandboxContact, type SandboxDomain } from "./domains.js";

/** Port-43 answers in each registry's layout. Each function gets the query as sent. */
const CRLF = "\r\n";
const lines = (...rows: (string | false | undefined)[]): string => `${rows.filter((r): r is string => typeof r === "string").join(CRLF)}${CRLF}`;
const upper = (s: string): string => s.toUpperCase();
export const bare = (query: string): string => query.replace(/^(domain|=)\s*/i, "").replace(/^-T\s+\S+\s+/, "").replace(/\/e$/, "").trim().toLowerCase();

export function verisignThin(query: string): string {
  const name = bare(query);
  const domain = findDomain(name);
  if (!domain || !/\.(com|net)$/.test(domain.name)) {
    return lines(`No match for "${upper(name)}".`, ">>> Last update of whois database: 2026-11-24T10:00:00Z <<<", "", "NOTICE: The expiration date displayed in this record is the date the", "registrar's sponsorship of the domain name registration in the registry is", "currently set to expire.");
  }
  const registrar = REGISTRARS[domain.registrar];
  return lines(
    `   Domain Name: ${upper(domain.name)}`,
    `   Registry Domain ID: ${domain.handle}`,
    `   Registrar WHOIS Server: ${domain.registrarWhois ?? registrar.whois}`,
    `   Registrar URL: ${registrar.url}`,
    `   Updated Date: ${domain.updated}`,
    `   Creation Date: ${domain.created}`,
    `   Registry Expiry Date: ${domain.expires}`,
    `   Registrar: ${registrar.name}`,
    `   Registrar IANA ID: ${registrar.ianaId}`,
    `   Registrar Abuse Contact Email: ${registrar.abuseEmail}`,
    `   Registrar Abuse Contact Phone: ${registrar.abusePhone}`,
    ...domain.statuses.map((s) => `   Domain Status: ${s} https://icann.org/epp#${s}`),
    ...domain.nameservers.map((ns) => `   Name Server: ${upper(ns.name)}`),
    `   DNSSEC: ${domain.signed ? "signedDelegation" : "unsigned"}`,
    "   URL of the ICANN Whois Inaccuracy Complaint Form: https://www.icann.org/wicf/",
    ">>> Last update of whois database: 2026-11-24T10:00:00Z <<<",
    "",
    "For more information on Whois status codes, please visit https://icann.org/epp",
  );
}

function contactBlock(label: string, contact: SandboxContact | undefined, privacy: boolean): string[] {
  if (privacy || !contact) {
    return [
      `Registry ${label} ID: REDACTED FOR PRIVACY`,
      `${label} Name: REDACTED FOR PRIVACY`,
      `${label} Organization: ${label === "Registrant" ? "Privacy Protect Service Ltd." : "REDACTED FOR PRIVACY"}`,
      `${label} Street: REDACTED FOR PRIVACY`,
      `${label} City: REDACTED FOR PRIVACY`,
      `${label} State/Province: ${label === "Registrant" ? "Reykjavik" : "REDACTED FOR PRIVACY"}`,
      `${label} Postal Code: REDACTED FOR PRIVACY`,
      `${label} Country: ${label === "Registrant" ? "IS" : "REDACTED FOR PRIVACY"}`,
      `${label} Phone: REDACTED FOR PRIVACY`,
      `${label} Email: Please query the RDDS service of the Registrar of Record identified in this output for information on how to contact the ${label} of the queried domain name.`,
    ];
  }
  return [
    `Registry ${label} ID: ${contact.handle}`,
    `${label} Name: ${contact.name}`,
    `${label} Organization: ${contact.organization}`,
    ...contact.street.map((street) => `${label} Street: ${street}`),
    `${label} City: ${contact.city}`,
    `${label} State/Province: ${contact.state}`,
    `${label} Postal Code: ${contact.postalCode}`,
    `${label} Country: ${contact.countryCode}`,
    `${label} Phone: ${contact.phone}`,
    contact.fax ? `${label} Fax: ${contact.fax}` : `${label} Fax:`,
    `${label} Email: ${contact.email}`,
  ];
}

/** ICANN RAA 2013 layout, as registrars and thick gTLD registries answer. */
export function thickGtld(domain: SandboxDomain, whoisHost: string): string {
  const registrar = REGISTRARS[domain.registrar];
  return lines(
    `Domain Name: ${upper(domain.name)}`,
    `Registry Domain ID: ${domain.handle}`,
    `Registrar WHOIS Server: ${whoisHost}`,
    `Registrar URL: ${registrar.url}`,
    `Updated Date: ${domain.updated}`,
    `Creation Date: ${domain.created}`,
    `Registrar Registration Expiration Date: ${domain.expires}`,
    `Registrar: ${registrar.name}`,
    `Registrar IANA ID: ${registrar.ianaId}`,
    `Registrar Abuse Contact Email: ${registrar.abuseEmail}`,
    `Registrar Abuse Contact Phone: ${registrar.abusePhone}`,
    ...domain.statuses.map((s) => `Domain Status: ${s} https://icann.org/epp#${s}`),
    ...contactBlock("Registrant", domain.registrant, domain.privacy === true),
    ...contactBlock("Admin", domain.admin, domain.privacy === true),
    ...contactBlock("Tech", domain.tech, domain.privacy === true),
    ...domain.nameservers.map((ns) => `Name Server: ${ns.name}`),
    `DNSSEC: ${domain.signed ? "signedDelegation" : "unsigned"}`,
    "URL of the ICANN WHOIS Data Problem Reporting System: http://wdprs.internic.net/",
    ">>> Last update of WHOIS database: 2026-11-24T10:00:00Z <<<",
  );
}

export function registrarAnswer(host: string, query: string): string {
  const domain = findDomain(bare(query));
  const registrar = Object.values(REGISTRARS).find((r) => r.whois === host);
  if (!domain || !registrar || REGISTRARS[domain.registrar] !== registrar) return lines(`No match for "${bare(query)}".`);
  return thickGtld(domain, host);
}

export function pirAnswer(query: string): string {
  const name = bare(query);
  const domain = findDomain(name);
  if (!domain || !name.endsWith(".org")) return lines("NOT FOUND", ">>> Last update of WHOIS database: 2026-11-24T10:00:00Z <<<");
  return thickGtld(domain, "whois.publicinterestregistry.org");
}

/** Referral-loop registrars: each names the other as the registrar WHOIS server. */
export function loopAnswer(host: string, query: string): string {
  const other = host === "whois.loop-a.sandbox" ? "whois.loop-b.sandbox" : "whois.loop-a.sandbox";
  return lines(`Domain Name: ${upper(bare(query))}`, `Registrar WHOIS Server: ${other}`, "Registrar: Loop Registrar", "Creation Date: 2020-02-02T00:00:00Z");
}

const DENIC = [
  { name: "xn--bcher-kva.de", unicode: "bücher.de", ns: ["ns1.kaffee-dns.example", "ns2.kaffee-dns.example"], changed: "2025-03-14T09:41:07+01:00" },
  { name: "beispiel.de", unicode: "beispiel.de", ns: ["ns1.acme-dns.example", "ns2.acme-dns.example"], changed: "2024-11-02T17:05:11+01:00" },
];

export function denicAnswer(query: string): string {
  const name = bare(query);
  const record = DENIC.find((d) => d.name === name || d.unicode === name);
  const header = ["% Restricted rights.", "%", "% Terms and Conditions of Use", "%"];
  if (!record) return lines(...header, `Domain: ${name}`, "Status: free");
  return lines(
    ...header,
    `Domain: ${record.unicode}`,
    record.unicode !== record.name ? `Domain-Ace: ${record.name}` : undefined,
    ...record.ns.map((ns) => `Nserver: ${ns}`),
    "Status: connect",
    `Changed: ${record.changed}`,
  );
}

const JPRS_BANNER = [
  "[ JPRS database provides information on network administration. Its use is    ]",
  "[ restricted to network administration purposes.                              ]",
];

/** JPRS: English labels for `name/e`; the Japanese layout in ISO-2022-JP otherwise. */
export function jprsAnswer(query: string): string | Buffer {
  const english = /\/e\s*$/i.test(query.trim());
  const name = bare(query);
  if (name !== "example.jp") return english ? lines(...JPRS_BANNER, "", "No match!!") : encodeIso2022Jp(lines("[ JPRS データベース ]", "", "該当するデータがありません。"));
  if (!english) {
    return encodeIso2022Jp(
      lines(
        "[ JPRS データベースはネットワーク管理のための情報を提供します。 ]",
        "",
        "Domain Information: [ドメイン情報]",
        "[Domain Name]                   EXAMPLE.JP",
        "",
        "[登録者名]                      アクメ・ウィジェット株式会社",
        "[Registrant]                    Acme Widgets Japan K.K.",
        "",
        "[Name Server]                   ns1.acme-dns.example",
        "[Name Server]                   ns2.acme-dns.example",
        "",
        "[登録年月日]                    2004/07/01",
        "[有効期限]                      2027/07/31",
        "[状態]                          Active",
        "[最終更新]                      2025/08/01 01:05:07 (JST)",
      ),
    );
  }
  return lines(
    ...JPRS_BANNER,
    "",
    "Domain Information:",
    "[Domain Name]                   EXAMPLE.JP",
    "",
    "[Registrant]                    Acme Widgets Japan K.K.",
    "",
    "[Name Server]                   ns1.acme-dns.example",
    "[Name Server]                   ns2.acme-dns.example",
    "[Signing Key]                   ",
    "",
    "[Created on]                    2004/07/01",
    "[Expires on]                    2027/07/31",
    "[Status]                        Active",
    "[Last Updated]                  2025/08/01 01:05:07 (JST)",
  );
}

export const THICK_COUNT = DOMAINS.length;
