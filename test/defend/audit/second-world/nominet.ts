/**
 * The second world, port 43: answers in the layout of Nominet's .uk WHOIS (indented blocks under
 * headings such as "Registrant:", "Relevant dates:", "Name servers:"; no EPP statuses, no email
 * or phone; "DNSSEC: Unsigned"), as Nominet documents it (https://www.nominet.uk/whois/ and its
 * "WHOIS output" examples). Written for these tests; every name, person and address is fictional.
 */
export interface NominetDomain {
  name: string;
  registrant: string;
  type: string;
  /** Address lines; undefined = the registrant opted out (Nominet's non-trading individual wording). */
  address?: string[];
  registrar: string;
  registered: string;
  expires: string;
  nameservers: string[];
  dnssec: "Signed DS records" | "Unsigned";
}

export function nominetAnswer(domain: NominetDomain): string {
  const address = domain.address
    ? domain.address.map((line) => `        ${line}`).join("\r\n")
    : "        The registrant is a non-trading individual who has opted to have their\r\n        address omitted from the WHOIS service.";
  return [
    "",
    "    Domain name:",
    `        ${domain.name}`,
    "",
    "    Data validation:",
    "        Nominet was able to match the registrant's name and address against a 3rd party data source on 01-Jan-2024",
    "",
    "    Registrant:",
    `        ${domain.registrant}`,
    "",
    "    Registrant type:",
    `        ${domain.type}`,
    "",
    "    Registrant's address:",
    address,
    "",
    "    Registrar:",
    `        ${domain.registrar}`,
    "        URL: https://registrar.example",
    "",
    "    Relevant dates:",
    `        Registered on: ${domain.registered}`,
    `        Expiry date:  ${domain.expires}`,
    "        Last updated:  01-Jan-2026",
    "",
    "    Registration status:",
    "        Registered until expiry date.",
    "",
    "    Name servers:",
    ...domain.nameservers.map((ns) => `        ${ns}`),
    "",
    "    DNSSEC:",
    `        ${domain.dnssec}`,
    "",
    "    WHOIS lookup made at 12:00:00 06-Dec-2026",
    "",
    "-- ",
    "This WHOIS information is provided for free by Nominet UK the central registry",
    "for .uk domain names.",
    "",
  ].join("\r\n");
}

export function nominetNoMatch(query: string): string {
  return `\r\n    No match for "${query}".\r\n\r\n    This domain name has not been registered.\r\n\r\n    WHOIS lookup made at 12:00:00 06-Dec-2026\r\n`;
}
