export { startSandbox, type Sandbox, type SandboxOptions, type ServerMapValue } from "./sandbox.js";
export { describeWorld, sandboxBootstrap, WHOIS_HOSTS, RDAP_HOSTS, type WorldName } from "./world.js";
export { WHOIS_FAULTS, RDAP_FAULTS } from "./faults.js";
export { startDnsServer, DNS_ZONE, type DnsServer, type DnsServerOptions, type DnsZoneTable, type DnsRecords, type DnsMx, type DnsSoa } from "./dns/index.js";
