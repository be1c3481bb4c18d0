import { domainToASCII } from "node:url";
import { ipaddr } from "../util/cjs-deps.js";
import type { InverseAttribute } from "./query.js";
import type { IpFlag, RpslType } from "./rpsl-flags.js";
import { searchSorted } from "./search.js";
import type { ServeAutnum, ServeContact, ServeDataset, ServeDomain, ServeNameserver, ServeNetwork } from "./dataset.js";

/**
 * The dataset indexed for answering: every object by the key a client asks with. Both servers resolve a
 * query here into one view, which the port-43 and RDAP writers only render: one record per object.
 */

export type ContactRole = "registrant" | "administrative" | "technical" | "abuse" | "org";

export interface ContactView extends ServeContact {
  role: ContactRole;
  /** The policy withholds the personal fields (name, email, phone, fax, street, city, postal code). */
  redacted: boolean;
}

export type ObjectView =
  /** `withheld`: the contacts' personal fields left out for this answer (`-r`), not by policy: rendered apart from the full view. */
  | { type: "domain"; key: string; decoy: boolean; domain: ServeDomain; nameservers: ServeNameserver[]; contacts: ContactView[]; withheld?: true }
  | { type: "nameserver"; key: string; decoy: boolean; nameserver: ServeNameserver }
  /** `holds`: an organisation's networks and AS numbers (RDAP's entity networks/autnums, RFC 9083 §5.1). */
  | { type: "entity"; key: string; decoy: boolean; contact: ServeContact; holds?: Extract<ObjectView, { type: "ip" | "autnum" }>[] }
  | { type: "ip"; key: string; decoy: boolean; network: ServeNetwork; contacts: ContactView[] }
  | { type: "autnum"; key: string; decoy: boolean; autnum: ServeAutnum; contacts: ContactView[] };

/** One object an inverse key reaches, and how to view it (memoized like every other view). */
interface InverseHit {
  object: object;
  view: () => ObjectView;
}

interface IndexedNetwork {
  network: ServeNetwork;
  v6: boolean;
  first: bigint;
  last: bigint;
  length: number;
}

/** An address as a number, with its family (IPv4-mapped IPv6 counts as IPv4). */
function addressNumber(text: string): { v6: boolean; value: bigint } | undefined {
  if (!ipaddr.isValid(text)) return undefined;
  const address = ipaddr.process(text);
  const bytes = address.toByteArray();
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return { v6: address.kind() === "ipv6", value };
}

/**
 * The ranges no other range of `sorted` holds (RIPE's `-m`), in one pass: `sorted` is by start, widest first, so a
 * range's holders come before it, and a range inside the last one kept starts before that one ends. (A pairwise
 * check was quadratic: `-m` on a /8 of a large store dataset is one query from anyone.) The same prefix twice is kept twice.
 */
function directlyInside(sorted: readonly IndexedNetwork[]): IndexedNetwork[] {
  const kept: IndexedNetwork[] = [];
  let top: IndexedNetwork | undefined;
  for (const n of sorted) {
    if (top === undefined || n.first > top.last || (n.first === top.first && n.length === top.length)) {
      kept.push(n);
      if (top === undefined || n.first > top.last) top = n;
    }
  }
  return kept;
}

function indexNetwork(network: ServeNetwork): IndexedNetwork {
  const [base = "", lengthText = "0"] = network.cidr.split("/");
  const start = addressNumber(base);
  if (!start) throw new Error(`unreachable: zod checked ${network.cidr}`);
  const length = Number(lengthText);
  const bits = start.v6 ? 128n : 32n;
  const hostBits = bits - BigInt(length);
  const first = (start.value >> hostBits) << hostBits;
  return { network, v6: start.v6, first, last: first + (1n << hostBits) - 1n, length };
}

/** "192.0.2.0/24" → its first and last address as text. */
export function networkRange(network: ServeNetwork): { start: string; end: string; v6: boolean } {
  const indexed = indexNetwork(network);
  const text = (value: bigint): string => {
    const size = indexed.v6 ? 16 : 4;
    const bytes: number[] = [];
    for (let i = size - 1; i >= 0; i -= 1) bytes.push(Number((value >> BigInt(i * 8)) & 255n));
    return ipaddr.fromByteArray(bytes).toString();
  };
  return { start: text(indexed.first), end: text(indexed.last), v6: indexed.v6 };
}

/** A queried name as its stored key: lowercase A-label (RFC 9082 §3.1.3 lets clients send U-labels), no trailing dot. */
function nameKey(name: string): string {
  const lower = name.toLowerCase();
  const lowered = lower.endsWith(".") ? lower.slice(0, -1) : lower;
  return /^[\x00-\x7f]*$/.test(lowered) ? lowered : domainToASCII(lowered) || lowered;
}


/** An address as one key whatever its spelling: IPv4-mapped IPv6 as the IPv4 address, IPv6 in full form. */
function addressKey(text: string): string {
  return ipaddr.process(text).toNormalizedString();
}

const reverse = (text: string): string => [...text].reverse().join("");

export class ServeData {
  readonly service: string;
  /** When this dataset was loaded: the "Last update of WHOIS database" of every answer. */
  readonly updatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  private readonly domains = new Map<string, ServeDomain>();
  private readonly nameservers = new Map<string, ServeNameserver>();
  /** Every name server a domain delegates to, listed or not: a miss must not scan the domains. */
  private readonly delegated = new Set<string>();
  /** Domain names in code-unit order: a search walks only the names that share its literal head. */
  private readonly sortedNames: string[];
  private sortedNameservers: string[] | undefined;
  /** The domain names written backwards, sorted: suffix searches ("*.example"), built on the first one. */
  private reversedNames: string[] | undefined;
  private readonly contacts = new Map<string, ServeContact>();
  private readonly autnums = new Map<number, ServeAutnum>();
  private readonly networks: IndexedNetwork[];
  private readonly redactPersonal: boolean;
  /**
   * Resolved views by dataset object (keyed by the object, not a "type:key" string that would be built
   * and hashed on every query): the dataset is immutable while served, and building a view copies its contacts.
   */
  private readonly views = new Map<object, ObjectView>();
  /** Name servers by normalized address (`nameservers?ip=`), built on the first such search. */
  private nameserversByAddress: Map<string, ServeNameserver[]> | undefined;
  /** Inverse-query index ("attribute\0KEY" → objects), built on the first inverse query. */
  private inverseIndex: Map<string, InverseHit[]> | undefined;

  constructor(readonly dataset: ServeDataset) {
    this.service = dataset.service;
    this.redactPersonal = dataset.policy.redactPersonal;
    for (const domain of dataset.domains) {
      this.domains.set(domain.name, domain);
      for (const ns of domain.nameservers) this.delegated.add(ns);
    }
    for (const nameserver of dataset.nameservers) this.nameservers.set(nameserver.name, nameserver);
    for (const contact of dataset.contacts) this.contacts.set(contact.handle.toUpperCase(), contact);
    for (const autnum of dataset.autnums) this.autnums.set(autnum.number, autnum);
    this.sortedNames = [...this.domains.keys()].sort();
    // Most specific first, so the first containing network is the answer.
    this.networks = dataset.networks.map(indexNetwork).sort((a, b) => b.length - a.length);
  }

  get counts(): Record<string, number> {
    return { domains: this.domains.size, nameservers: this.nameservers.size, contacts: this.contacts.size, networks: this.networks.length, autnums: this.autnums.size };
  }

  private contact(handle: string | undefined, role: ContactRole, redacted: boolean): ContactView[] {
    if (handle === undefined) return [];
    const contact = this.contacts.get(handle.toUpperCase());
    if (!contact) return [];
    // Policy redacts people, never an organisation's own published name.
    return [{ ...contact, role, redacted: redacted && contact.kind !== "organisation" }];
  }

  private memo(key: object, build: () => ObjectView): ObjectView {
    let view = this.views.get(key);
    if (!view) {
      // Bounded: a harvester walking a million names must not keep a million views.
      if (this.views.size >= 50_000) this.views.clear();
      view = build();
      this.views.set(key, view);
    }
    return view;
  }

  domain(name: string): ObjectView | undefined {
    const domain = this.domains.get(nameKey(name));
    if (!domain) return undefined;
    return this.memo(domain, () => this.domainView(domain));
  }

  private domainView(domain: ServeDomain): ObjectView {
    const redact = domain.redact ?? this.redactPersonal;
    const nameservers = domain.nameservers.map((ns) => this.nameservers.get(ns) ?? { name: ns, ipv4: [], ipv6: [] });
    const contacts = [...this.contact(domain.registrant, "registrant", redact), ...this.contact(domain.admin, "administrative", redact), ...this.contact(domain.tech, "technical", redact)];
    return { type: "domain", key: domain.name, decoy: domain.decoy, domain, nameservers, contacts };
  }

  nameserver(name: string): ObjectView | undefined {
    const key = nameKey(name);
    const nameserver = this.nameservers.get(key) ?? (this.delegated.has(key) ? { name: key, ipv4: [], ipv6: [] } : undefined);
    return nameserver ? { type: "nameserver", key, decoy: false, nameserver } : undefined;
  }

  entity(handle: string): ObjectView | undefined {
    const contact = this.contacts.get(handle.toUpperCase());
    if (!contact) return undefined;
    const holds = contact.kind === "organisation" ? this.inverse(["org"], contact.handle, 100).filter((view) => view.type === "ip" || view.type === "autnum") : [];
    return { type: "entity", key: contact.handle, decoy: contact.decoy, contact, ...(holds.length > 0 ? { holds } : {}) };
  }

  private resourceContacts(holder: { org?: string; admin?: string; tech?: string; abuse?: string }): ContactView[] {
    const redact = this.redactPersonal;
    return [...this.contact(holder.org, "org", false), ...this.contact(holder.admin, "administrative", redact), ...this.contact(holder.tech, "technical", redact), ...this.contact(holder.abuse, "abuse", false)];
  }

  /** The most specific network holding the address or the whole prefix ("192.0.2.7", "2001:db8::/48"). */
  ip(query: string): ObjectView | undefined {
    const [address = "", lengthText] = query.split("/");
    const start = addressNumber(address);
    if (!start) return undefined;
    const bits = start.v6 ? 128 : 32;
    const length = lengthText === undefined ? bits : Number(lengthText);
    if (!Number.isInteger(length) || length < 0 || length > bits) return undefined;
    const hostBits = BigInt(bits - length);
    const first = (start.value >> hostBits) << hostBits;
    const last = first + (1n << hostBits) - 1n;
    const found = this.networks.find((n) => n.v6 === start.v6 && n.first <= first && last <= n.last && n.length <= length);
    return found ? this.networkView(found.network) : undefined;
  }

  /**
   * RIPE's IP hierarchy flags on an address or prefix (Query Reference Manual, "IP Look-ups"): `exact` the range
   * itself; `one-less` the smallest range strictly holding it; `all-less` every range holding it, the exact one
   * included, least specific first; `one-more` the ranges inside it with no other range between; `all-more`
   * every range inside it. An empty list when none (or the key is not an address).
   */
  ipHierarchy(query: string, flag: IpFlag, limit: number): ObjectView[] {
    const [address = "", lengthText] = query.split("/");
    const start = addressNumber(address);
    if (!start) return [];
    const bits = start.v6 ? 128 : 32;
    const length = lengthText === undefined ? bits : Number(lengthText);
    if (!Number.isInteger(length) || length < 0 || length > bits) return [];
    const hostBits = BigInt(bits - length);
    const first = (start.value >> hostBits) << hostBits;
    const last = first + (1n << hostBits) - 1n;
    const family = this.networks.filter((n) => n.v6 === start.v6);
    const exact = (n: IndexedNetwork): boolean => n.first === first && n.last === last;
    const holding = family.filter((n) => n.first <= first && last <= n.last);
    // Widest first at each start: a range's holders come before it (prefixes are nested or apart).
    const inside = family.filter((n) => first <= n.first && n.last <= last && !exact(n)).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.length - b.length));
    let found: IndexedNetwork[];
    switch (flag) {
      case "exact":
        found = family.filter(exact);
        break;
      case "one-less":
        found = holding.filter((n) => !exact(n)).slice(0, 1);
        break;
      case "all-less":
        found = [...holding].reverse();
        break;
      case "all-more":
        found = inside;
        break;
      case "one-more":
        found = directlyInside(inside);
        break;
    }
    return found.slice(0, limit).map((n) => this.networkView(n.network));
  }

  private networkView(network: ServeNetwork): ObjectView {
    return this.memo(network, () => ({ type: "ip", key: network.cidr, decoy: network.decoy, network, contacts: this.resourceContacts(network) }));
  }

  autnum(number: number): ObjectView | undefined {
    const autnum = this.autnums.get(number);
    return autnum ? this.autnumView(autnum) : undefined;
  }

  private autnumView(autnum: ServeAutnum): ObjectView {
    return this.memo(autnum, () => ({ type: "autnum", key: `AS${autnum.number}`, decoy: autnum.decoy, autnum, contacts: this.resourceContacts(autnum) }));
  }

  /**
   * RPSL inverse query: the networks, AS numbers and domains whose `attributes` name `value` (a handle, or a
   * name server for `nserver`), at most `limit`, in dataset order. A handle compares case-insensitively.
   */
  inverse(attributes: readonly InverseAttribute[], value: string, limit: number): ObjectView[] {
    const index = (this.inverseIndex ??= this.buildInverseIndex());
    const key = value.toUpperCase().replace(/\.$/, "");
    const found = new Map<object, () => ObjectView>();
    for (const attribute of attributes) {
      for (const hit of index.get(`${attribute}\0${key}`) ?? []) if (found.size < limit && !found.has(hit.object)) found.set(hit.object, hit.view);
    }
    return [...found.values()].map((view) => view());
  }

  private buildInverseIndex(): Map<string, InverseHit[]> {
    const index = new Map<string, InverseHit[]>();
    const add = (attribute: InverseAttribute, value: string | undefined, hit: InverseHit): void => {
      if (value === undefined) return;
      const key = `${attribute}\0${value.toUpperCase()}`;
      const list = index.get(key);
      if (list === undefined) index.set(key, [hit]);
      else if (!list.some((other) => other.object === hit.object)) list.push(hit);
    };
    const resources: [ServeNetwork | ServeAutnum, () => ObjectView][] = [
      ...this.dataset.networks.map((network): [ServeNetwork, () => ObjectView] => [network, () => this.networkView(network)]),
      ...this.dataset.autnums.map((autnum): [ServeAutnum, () => ObjectView] => [autnum, () => this.autnumView(autnum)]),
    ];
    const contacts = (hit: InverseHit, roles: Partial<Record<"admin-c" | "tech-c" | "zone-c", string>>): void => {
      for (const [attribute, handle] of Object.entries(roles) as ["admin-c" | "tech-c" | "zone-c", string | undefined][]) {
        add(attribute, handle, hit);
        add("person", handle, hit);
        add("pn", handle, hit);
      }
    };
    for (const [resource, view] of resources) {
      const hit = { object: resource, view };
      add("org", resource.org, hit);
      add("abuse-c", resource.abuse, hit);
      contacts(hit, { "admin-c": resource.admin, "tech-c": resource.tech });
    }
    for (const domain of this.dataset.domains) {
      const hit = { object: domain, view: () => this.memo(domain, () => this.domainView(domain)) };
      contacts(hit, { "admin-c": domain.admin, "tech-c": domain.tech, "zone-c": domain.tech });
      for (const ns of domain.nameservers) add("nserver", ns, hit);
    }
    return index;
  }

  /**
   * RFC 9082 §3.2.1 domain search by name pattern; undefined when the pattern is not allowed. A leading "*"
   * ("*.example", RFC 9082 §4.1's suffix match) is searched over the names written backwards, so it too walks
   * only the names sharing its literal part.
   */
  searchDomains(pattern: string, limit: number): ServeDomain[] | undefined {
    if (pattern.startsWith("*")) {
      this.reversedNames ??= this.sortedNames.map(reverse).sort();
      return searchSorted(this.reversedNames, reverse(pattern), limit)?.flatMap((name) => this.domains.get(reverse(name)) ?? []);
    }
    return searchSorted(this.sortedNames, pattern, limit)?.flatMap((name) => this.domains.get(name) ?? []);
  }

  /**
   * RFC 9082 §3.2.2 name server search by address (`nameservers?ip=`): the listed name servers holding it, in dataset
   * order. Looked up in an index of normalized addresses built once: parsing every address of every name server on
   * each request made one query from anyone cost the whole dataset.
   */
  nameserversByIp(address: string, limit: number): ServeNameserver[] {
    if (!ipaddr.isValid(address)) return [];
    this.nameserversByAddress ??= this.buildAddressIndex();
    return (this.nameserversByAddress.get(addressKey(address)) ?? []).slice(0, limit);
  }

  private buildAddressIndex(): Map<string, ServeNameserver[]> {
    const index = new Map<string, ServeNameserver[]>();
    for (const ns of this.dataset.nameservers) {
      for (const text of [...ns.ipv4, ...ns.ipv6]) {
        if (!ipaddr.isValid(text)) continue;
        const key = addressKey(text);
        const list = index.get(key);
        // One name server listing an address twice (two spellings of it) is one hit.
        if (list === undefined) index.set(key, [ns]);
        else if (list.at(-1) !== ns) list.push(ns);
      }
    }
    return index;
  }

  /** RFC 9082 §3.2.2 name server search by name pattern (listed and delegated-to name servers). */
  searchNameservers(pattern: string, limit: number): ServeNameserver[] | undefined {
    this.sortedNameservers ??= [...new Set([...this.nameservers.keys(), ...this.delegated])].sort();
    return searchSorted(this.sortedNameservers, pattern, limit)?.map((name) => this.nameservers.get(name) ?? { name, ipv4: [], ipv6: [] });
  }
}


/**
 * Person and role objects shown with their personal fields: what RIPE's daily quota counts. Across several views
 * (an inverse answer) one person named by two objects is shown, and counted, once.
 */
export function personalObjects(...views: ObjectView[]): number {
  const handles = new Set<string>();
  for (const view of views) {
    const shown = view.type === "entity" ? [view.contact] : view.type === "nameserver" ? [] : view.contacts.filter((c) => !c.redacted);
    for (const contact of shown) if (contact.kind !== "organisation") handles.add(contact.handle.toUpperCase());
  }
  return handles.size;
}

/** The RPSL object type a view is answered as (what `-T` selects); a name server is no RPSL object here. */
export function rpslTypeOf(view: ObjectView): RpslType | undefined {
  switch (view.type) {
    case "domain":
      return "domain";
    case "entity":
      return view.contact.kind;
    case "ip":
      return view.network.cidr.includes(":") ? "inet6num" : "inetnum";
    case "autnum":
      return "aut-num";
    default:
      return undefined;
  }
}
