/**
 * A world whose registrations change while it runs, for `watch` (issue #14): tests transfer a
 * domain, swap its name servers, lift a lock, renew it or drop it between two watch runs, and
 * register new names. Answers are computed on every query from the current rows (nothing cached),
 * in a PIR-style thick port-43 layout (ICANN RDDS, as whois.publicinterestregistry.org prints it)
 * and as RFC 9083 RDAP JSON, plus a Whoxy-compatible reverse-WHOIS search (api.whoxy.com's
 * documented `?reverse=whois&email=|company=` query) over the same rows.
 */

export interface WatchWorldContact {
  organization: string;
  email: string;
  name?: string;
}

export interface WatchWorldDomain {
  /** Lower-case A-label. */
  name: string;
  registrar: { name: string; ianaId: string };
  nameservers: string[];
  /** EPP statuses in camelCase (RFC 5731); RDAP gets them spelt out (RFC 8056). */
  statuses: string[];
  created: string;
  updated: string;
  expires: string;
  signed: boolean;
  registrant: WatchWorldContact;
}

export const WATCH_WORLD_HOSTS = { whois: "whois.publicinterestregistry.org", rdap: "rdap.publicinterestregistry.org", reverse: "api.whoxy.com" } as const;

const CRLF = "\r\n";
/** camelCase EPP status → RDAP status words (RFC 8056 §2). */
const spelt = (status: string): string => (status === "ok" ? "active" : status.replace(/([A-Z])/g, " $1").toLowerCase());

export class WatchWorld {
  private readonly rows = new Map<string, WatchWorldDomain>();
  /** Queries answered, per protocol (tests check what went out). */
  readonly asked = { whois: 0, rdap: 0, reverse: 0 };

  constructor(domains: readonly WatchWorldDomain[] = []) {
    for (const domain of domains) this.register(domain);
  }

  register(domain: WatchWorldDomain): void {
    this.rows.set(domain.name, structuredClone(domain));
  }

  /** Changes a registered domain; `patch` replaces the fields it names. */
  update(name: string, patch: Partial<Omit<WatchWorldDomain, "name">>): void {
    const row = this.rows.get(name);
    if (!row) throw new Error(`watch world: ${name} is not registered`);
    this.rows.set(name, { ...row, ...structuredClone(patch) });
  }

  drop(name: string): void {
    this.rows.delete(name);
  }

  get(name: string): WatchWorldDomain | undefined {
    const row = this.rows.get(name);
    return row ? structuredClone(row) : undefined;
  }

  /** The port-43 answer for a query as sent (PIR-style: no indentation, `NOT FOUND` for a free name). */
  whois(query: string): string {
    this.asked.whois += 1;
    const name = query.trim().toLowerCase().replace(/\.$/, "");
    const d = this.rows.get(name);
    if (!d) return `NOT FOUND${CRLF}>>> Last update of WHOIS database: ${new Date().toISOString()} <<<${CRLF}`;
    const contact = (label: string): string[] => [
      `${label} Name: ${d.registrant.name ?? "Domain Administrator"}`,
      `${label} Organization: ${d.registrant.organization}`,
      `${label} Email: ${d.registrant.email}`,
    ];
    return [
      `Domain Name: ${d.name}`,
      `Registry Domain ID: D${hash(d.name)}-LROR`,
      `Updated Date: ${d.updated}`,
      `Creation Date: ${d.created}`,
      `Registry Expiry Date: ${d.expires}`,
      `Registrar: ${d.registrar.name}`,
      `Registrar IANA ID: ${d.registrar.ianaId}`,
      ...d.statuses.map((s) => `Domain Status: ${s} https://icann.org/epp#${s}`),
      ...contact("Registrant"),
      ...contact("Admin"),
      ...d.nameservers.map((ns) => `Name Server: ${ns}`),
      `DNSSEC: ${d.signed ? "signedDelegation" : "unsigned"}`,
      `>>> Last update of WHOIS database: ${new Date().toISOString()} <<<`,
      "",
    ].join(CRLF);
  }

  /** The RDAP answer for a path under the base (`domain/<name>`); 404 with an error object otherwise. */
  rdap(path: string): { status: number; body: unknown } {
    this.asked.rdap += 1;
    const match = /^domain\/([^/?#]+)$/i.exec(path);
    const d = match ? this.rows.get(decodeURIComponent(match[1] ?? "").toLowerCase().replace(/\.$/, "")) : undefined;
    if (!d) return { status: 404, body: { errorCode: 404, title: "Not Found", description: ["The object does not exist."] } };
    const vcard = (c: WatchWorldContact) => ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", c.name ?? "Domain Administrator"], ["org", {}, "text", c.organization], ["email", {}, "text", c.email]]];
    return {
      status: 200,
      body: {
        rdapConformance: ["rdap_level_0", "icann_rdap_response_profile_1", "icann_rdap_technical_implementation_guide_1"],
        objectClassName: "domain",
        handle: `D${hash(d.name)}-LROR`,
        ldhName: d.name,
        status: d.statuses.map(spelt),
        events: [
          { eventAction: "registration", eventDate: d.created },
          { eventAction: "expiration", eventDate: d.expires },
          { eventAction: "last changed", eventDate: d.updated },
        ],
        secureDNS: { delegationSigned: d.signed },
        nameservers: d.nameservers.map((ns) => ({ objectClassName: "nameserver", ldhName: ns })),
        entities: [
          { objectClassName: "entity", roles: ["registrar"], publicIds: [{ type: "IANA Registrar ID", identifier: d.registrar.ianaId }], vcardArray: ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", d.registrar.name]]] },
          { objectClassName: "entity", roles: ["registrant"], vcardArray: vcard(d.registrant) },
          { objectClassName: "entity", roles: ["administrative"], vcardArray: vcard(d.registrant) },
        ],
      },
    };
  }

  /** Whoxy's reverse WHOIS (`reverse=whois` with `email=`, `company=` or `name=`), one page. */
  reverse(params: URLSearchParams): { status: number; body: unknown } {
    this.asked.reverse += 1;
    if (params.get("reverse") !== "whois" || !params.get("key")) return { status: 200, body: { status: 0, status_reason: "Invalid request" } };
    const email = params.get("email")?.toLowerCase();
    const company = params.get("company")?.toLowerCase();
    const found = [...this.rows.values()].filter((d) => (email !== undefined && d.registrant.email.toLowerCase() === email) || (company !== undefined && d.registrant.organization.toLowerCase() === company));
    return {
      status: 200,
      body: {
        status: 1,
        total_results: found.length,
        total_pages: 1,
        current_page: 1,
        search_result: found.map((d) => ({ domain_name: d.name, create_date: d.created.slice(0, 10), registrant_contact: { company_name: d.registrant.organization, email_address: d.registrant.email } })),
      },
    };
  }
}

/** A short stable number for a registry object id. */
function hash(text: string): string {
  let h = 7;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) % 1_000_000_007;
  return String(h);
}
