export { startDnsServer, type DnsServer, type DnsServerOptions } from "./server.js";
export { createZoneLookup, normalizeName, type ZoneAnswer, type ZoneLookup } from "./zone.js";
export { DNS_ZONE, type DnsMx, type DnsRecords, type DnsSoa, type DnsZoneTable } from "../dataset/dns.js";
