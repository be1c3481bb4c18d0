import type { WatchWorldDomain } from "../../../../src/server/dataset/watch-world.js";
import type { LookalikeCandidate } from "../../../../src/defend/watch/index.js";

const DAY = 86_400_000;
export const T0 = new Date(Math.floor(Date.now() / DAY) * DAY);
export const at = (days: number): Date => new Date(T0.getTime() + days * DAY);
export const iso = (days: number): string => at(days).toISOString().replace(/\.000Z$/, "Z");

export const OUR_EMAIL = "hostmaster@acme-widgets.org";
const ACME = { organization: "Acme Widgets Ltd", email: OUR_EMAIL, name: "Acme Hostmaster" };
const SQUATTER = { organization: "Parking Holdings", email: "domains@parking-holdings.example", name: "P. Holder" };
const ONE = { name: "Registrar One LLC", ianaId: "9991" };
const TWO = { name: "Registrar Two GmbH", ianaId: "9992" };
const LOCKS = ["clientDeleteProhibited", "clientTransferProhibited", "clientUpdateProhibited"];

const domain = (name: string, expiresDay: number, extra: Partial<WatchWorldDomain> = {}): WatchWorldDomain => ({
  name,
  registrar: ONE,
  nameservers: ["ns1.acme-dns.example", "ns2.acme-dns.example"],
  statuses: LOCKS,
  created: iso(-2000),
  updated: iso(-30),
  expires: iso(expiresDay),
  signed: false,
  registrant: ACME,
  ...extra,
});

/** The organisation's domains and one lookalike already registered before the first run. */
export function initialDomains(): WatchWorldDomain[] {
  return [
    domain("acme-widgets.org", 400),
    domain("acme-mail.org", 500),
    domain("acme-shop.org", 300),
    domain("acme-cdn.org", 80),
    domain("acme-blog.org", 200),
    domain("acme-old.org", 150),
    domain("acmewidgets.org", 700, { registrar: TWO, registrant: SQUATTER, statuses: ["ok"], nameservers: ["ns1.parking.example"] }),
  ];
}

export const WATCHED = ["acme-widgets.org", "acme-mail.org", "acme-shop.org", "acme-cdn.org", "acme-blog.org", "acme-old.org"];

/** The injected lookalike generator (src/defend/lookalikes is another engineer's; its Permutation has this shape). */
export function candidates(domainName: string): LookalikeCandidate[] {
  if (domainName !== "acme-widgets.org") return [];
  return [
    { domain: "acmewidgets.org", unicode: "acmewidgets.org", fuzzer: "hyphenation", distance: 1 },
    { domain: "acme-widgetz.org", unicode: "acme-widgetz.org", fuzzer: "replacement", distance: 1 },
    { domain: "acme-wigdets.org", unicode: "acme-wigdets.org", fuzzer: "transposition", distance: 2 },
  ];
}

/** What changes between the first and the second run, and the alerts it must raise (and only those). */
export const CHANGES: { apply: (world: { update(n: string, p: Partial<WatchWorldDomain>): void; register(d: WatchWorldDomain): void; drop(n: string): void }) => void }[] = [
  { apply: (w) => w.update("acme-widgets.org", { registrar: TWO, updated: iso(59) }) },
  { apply: (w) => w.update("acme-mail.org", { nameservers: ["ns1.evil-dns.example", "ns2.evil-dns.example"] }) },
  { apply: (w) => w.update("acme-shop.org", { statuses: ["clientDeleteProhibited", "clientUpdateProhibited"] }) },
  { apply: (w) => w.update("acme-blog.org", { expires: iso(565) }) },
  { apply: (w) => w.drop("acme-old.org") },
  { apply: (w) => w.register(domain("acme-widgetz.org", 365, { registrar: TWO, registrant: SQUATTER, statuses: ["ok"], nameservers: ["ns1.parking.example"], created: iso(58) })) },
  { apply: (w) => w.register(domain("acme-widgets-support.org", 365, { registrar: TWO, created: iso(58), nameservers: ["ns1.cheap-host.example"], statuses: ["ok"] })) },
];

/** kind, domain, severity of every alert the second run (60 days later: acme-cdn.org then expires in 20) must raise. */
export const EXPECTED_RUN2 = [
  ["domain-dropped", "acme-old.org", "critical"],
  ["expiry-changed", "acme-blog.org", "info"],
  ["expiry-near", "acme-cdn.org", "high"],
  ["lock-removed", "acme-shop.org", "high"],
  ["lookalike-registered", "acme-widgetz.org", "high"],
  ["nameservers-changed", "acme-mail.org", "high"],
  ["new-domain-names-us", "acme-widgets-support.org", "high"],
  ["registrar-changed", "acme-widgets.org", "critical"],
];

export const EXPECTED_RUN1 = [["lookalike-registered", "acmewidgets.org", "high"]];

export const triples = (alerts: readonly { kind: string; domain: string; severity: string }[]): string[][] => alerts.map((a) => [a.kind, a.domain, a.severity]).sort((x, y) => `${x[0]} ${x[1]}`.localeCompare(`${y[0]} ${y[1]}`));
