import type { ServeDatasetInput } from "./dataset.js";

/**
 * The built-in decoy set (`--decoy`): plausible registrations under reserved names (RFC 2606 .example,
 * RFC 5737/3849 documentation addresses, RFC 5398 documentation AS numbers), every object marked decoy.
 * Its person contacts are placeholders: with a ContactPlanter each answer carries canary contacts
 * issued for the asking source instead.
 */
const REGISTRAR = { name: "Harbor Names LLC", ianaId: "9991", url: "https://www.harbor-names.example", whoisServer: "whois.harbor-names.example", abuseEmail: "abuse@harbor-names.example", abusePhone: "+1.4155550100" };
const dates = { created: "2019-04-11T08:21:09Z", updated: "2026-03-02T17:44:51Z" };

export const DECOY_DATASET: ServeDatasetInput = {
  service: "whoislens decoy registry",
  contacts: [
    { handle: "NORTHWIND-ORG", kind: "organisation", name: "Northwind Payroll Services", organization: "Northwind Payroll Services", street: ["1200 Harbor Way"], city: "Oakland", state: "CA", postalCode: "94607", countryCode: "US", phone: "+1.5105550142", email: "hostmaster@northwind-payroll.example", decoy: true },
    { handle: "NP-DANA", kind: "person", name: "Dana Whitfield", organization: "Northwind Payroll Services", street: ["1200 Harbor Way"], city: "Oakland", state: "CA", postalCode: "94607", countryCode: "US", phone: "+1.5105550143", email: "dana.whitfield@northwind-payroll.example", decoy: true },
    { handle: "NP-OPS", kind: "role", name: "Northwind Network Operations", organization: "Northwind Payroll Services", street: ["1200 Harbor Way"], city: "Oakland", state: "CA", postalCode: "94607", countryCode: "US", phone: "+1.5105550144", email: "noc@northwind-payroll.example", decoy: true },
    { handle: "NP-ABUSE", kind: "role", name: "Northwind Abuse Desk", email: "abuse@northwind-payroll.example", phone: "+1.5105550145", decoy: true },
  ],
  domains: [
    { name: "northwind-payroll.example", handle: "D7730112-EX", registrar: REGISTRAR, ...dates, expires: "2027-04-11T08:21:09Z", statuses: ["clientTransferProhibited"], nameservers: ["ns1.northwind-payroll.example", "ns2.northwind-payroll.example"], registrant: "NP-DANA", admin: "NP-DANA", tech: "NP-OPS", decoy: true },
    { name: "northwind-vpn.example", handle: "D7730113-EX", registrar: REGISTRAR, ...dates, expires: "2027-04-11T08:21:09Z", statuses: ["clientTransferProhibited", "clientDeleteProhibited"], nameservers: ["ns1.northwind-payroll.example", "ns2.northwind-payroll.example"], registrant: "NP-DANA", admin: "NP-DANA", tech: "NP-OPS", dnssec: true, decoy: true },
    { name: "northwind-hr.example", handle: "D7730114-EX", registrar: REGISTRAR, ...dates, expires: "2027-04-11T08:21:09Z", nameservers: ["ns1.northwind-payroll.example"], registrant: "NP-DANA", tech: "NP-OPS", decoy: true },
  ],
  nameservers: [
    { name: "ns1.northwind-payroll.example", ipv4: ["192.0.2.53"], ipv6: ["2001:db8:4e57::53"] },
    { name: "ns2.northwind-payroll.example", ipv4: ["198.51.100.53"] },
  ],
  networks: [
    { handle: "NET-NORTHWIND-1", cidr: "192.0.2.0/24", name: "NORTHWIND-NET", type: "ASSIGNED PA", country: "US", org: "NORTHWIND-ORG", admin: "NP-DANA", tech: "NP-OPS", abuse: "NP-ABUSE", ...dates, decoy: true },
    { handle: "NET6-NORTHWIND-1", cidr: "2001:db8:4e57::/48", name: "NORTHWIND-NET6", country: "US", org: "NORTHWIND-ORG", admin: "NP-DANA", tech: "NP-OPS", abuse: "NP-ABUSE", ...dates, decoy: true },
  ],
  autnums: [{ number: 64500, name: "NORTHWIND-AS", country: "US", org: "NORTHWIND-ORG", admin: "NP-DANA", tech: "NP-OPS", abuse: "NP-ABUSE", ...dates, decoy: true }],
};
