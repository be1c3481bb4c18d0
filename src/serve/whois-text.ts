import { stripControl } from "../util/sanitize.js";
import type { ServeContact } from "./dataset.js";
import { networkRange, type ContactView, type ObjectView } from "./data.js";

/**
 * Port-43 answers. Domains and name servers in the ICANN RAA 2013 Registration Data Directory Services
 * layout (icann.org/resources/pages/approved-with-specs-2013-09-17-en, Specification 4 §1.4), which GNU
 * whois, python3-whois, whoiser and our parser read; networks, AS numbers and contacts as RPSL objects
 * (RFC 2622; RIPE Database documentation, "RPSL Object Types" and "Query Responses": "%"-comments, a
 * blank line ends an object, two end the answer).
 */

/** The RAA layout is sent with CRLF line ends (as Verisign and registrars do); RPSL with LF (RIPE: "a line containing only a newline character"). */
const CRLF = "\r\n";
const LF = "\n";
const REDACTED = "REDACTED FOR PRIVACY";
/** Every value is stripped of control characters and newlines: a field can never add a line. */
const clean = (value: string | undefined): string => (value === undefined ? "" : stripControl(value).replace(/[\n\u2028\u2029]+/g, " "));
const join = (rows: string[], eol = CRLF): string => `${rows.join(eol)}${eol}`;
/** RAA rows with no value are left out: readers such as whois-json join "Key:" + CRLF with the next line. */
const filled = (rows: string[]): string[] => rows.filter((row) => !/^[^:]+: ?$/.test(row));

/** "2026-01-02T03:04:05Z": RAA dates are UTC with a Z. */
function utc(date: string | undefined): string {
  if (date === undefined) return "";
  const time = Date.parse(date);
  return Number.isNaN(time) ? "" : new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const RAA_LABEL: Readonly<Record<string, string>> = { registrant: "Registrant", administrative: "Admin", technical: "Tech" };

function raaContact(label: string, contact: ContactView | undefined): string[] {
  const personal = (value: string | undefined): string => (contact?.redacted ? REDACTED : clean(value));
  if (!contact) return [];
  return [
    `Registry ${label} ID: ${personal(contact.handle)}`,
    `${label} Name: ${personal(contact.name)}`,
    `${label} Organization: ${clean(contact.organization)}`,
    ...(contact.redacted || contact.street.length === 0 ? [`${label} Street: ${personal(undefined)}`] : contact.street.map((line) => `${label} Street: ${clean(line)}`)),
    `${label} City: ${personal(contact.city)}`,
    `${label} State/Province: ${clean(contact.state)}`,
    `${label} Postal Code: ${personal(contact.postalCode)}`,
    `${label} Country: ${clean(contact.countryCode)}`,
    `${label} Phone: ${personal(contact.phone)}`,
    `${label} Fax: ${personal(contact.fax)}`,
    `${label} Email: ${contact.redacted ? "Please query the RDDS service of the Registrar of Record identified in this output for information on how to contact the Registrant, Admin, or Tech contact of the queried domain name." : clean(contact.email)}`,
  ];
}

function domainText(view: Extract<ObjectView, { type: "domain" }>, service: string, now: string): string {
  const { domain } = view;
  const role = (r: string): ContactView | undefined => view.contacts.find((c) => c.role === r);
  return join(filled([
    `Domain Name: ${domain.name.toUpperCase()}`,
    `Registry Domain ID: ${clean(domain.handle ?? `${domain.name.replace(/\./g, "_").toUpperCase()}-WL`)}`,
    `Registrar WHOIS Server: ${clean(domain.registrar.whoisServer)}`,
    `Registrar URL: ${clean(domain.registrar.url)}`,
    `Updated Date: ${utc(domain.updated)}`,
    `Creation Date: ${utc(domain.created)}`,
    `Registry Expiry Date: ${utc(domain.expires)}`,
    `Registrar Registration Expiration Date: ${utc(domain.expires)}`,
    `Registrar: ${clean(domain.registrar.name)}`,
    `Registrar IANA ID: ${clean(domain.registrar.ianaId)}`,
    `Registrar Abuse Contact Email: ${clean(domain.registrar.abuseEmail)}`,
    `Registrar Abuse Contact Phone: ${clean(domain.registrar.abusePhone)}`,
    ...domain.statuses.map((status) => `Domain Status: ${status} https://icann.org/epp#${status}`),
    ...Object.entries(RAA_LABEL).flatMap(([r, label]) => raaContact(label, role(r))),
    ...view.nameservers.map((ns) => `Name Server: ${ns.name.toUpperCase()}`),
    `DNSSEC: ${domain.dnssec ? "signedDelegation" : "unsigned"}`,
    "URL of the ICANN Whois Inaccuracy Complaint Form: https://www.icann.org/wicf/",
    `>>> Last update of WHOIS database: ${now} <<<`,
    "",
    `% Served by ${clean(service)}. Queries are logged and accounted per source.`,
  ]));
}

function nameserverText(view: Extract<ObjectView, { type: "nameserver" }>, now: string): string {
  return join([
    `Server Name: ${view.nameserver.name.toUpperCase()}`,
    ...[...view.nameserver.ipv4, ...view.nameserver.ipv6].map((ip) => `IP Address: ${ip}`),
    `>>> Last update of WHOIS database: ${now} <<<`,
  ]);
}

/** One RPSL attribute, padded to column 17 as the RIPE server writes them. */
const attr = (name: string, value: string | undefined): string[] => (value === undefined || value === "" ? [] : [`${`${name}:`.padEnd(16)}${clean(value)}`]);

function rpslContact(contact: ServeContact): string[] {
  if (contact.kind === "organisation") {
    return [
      ...attr("organisation", contact.handle),
      ...attr("org-name", contact.organization ?? contact.name),
      ...attr("org-type", "OTHER"),
      ...contact.street.flatMap((line) => attr("address", line)),
      ...attr("address", [contact.postalCode, contact.city].filter(Boolean).join(" ")),
      ...attr("country", contact.countryCode),
      ...attr("phone", contact.phone),
      ...attr("e-mail", contact.email),
      ...attr("created", utc(contact.created)),
      ...attr("last-modified", utc(contact.updated)),
      ...attr("source", "WHOISLENS"),
    ];
  }
  return [
    ...attr(contact.kind, contact.name),
    ...contact.street.flatMap((line) => attr("address", line)),
    ...attr("address", [contact.postalCode, contact.city].filter(Boolean).join(" ")),
    ...attr("address", contact.countryCode),
    ...attr("phone", contact.phone),
    ...attr("fax-no", contact.fax),
    ...attr("e-mail", contact.email),
    ...attr("nic-hdl", contact.handle),
    ...attr("created", utc(contact.created)),
    ...attr("last-modified", utc(contact.updated)),
    ...attr("source", "WHOISLENS"),
  ];
}

function refs(contacts: ContactView[]): string[] {
  const byRole = (role: string, name: string): string[] => contacts.filter((c) => c.role === role).flatMap((c) => attr(name, c.handle));
  return [...byRole("org", "org"), ...byRole("administrative", "admin-c"), ...byRole("technical", "tech-c"), ...byRole("abuse", "abuse-c")];
}

/** The referenced objects RIPE appends (organisation, then persons and roles), each once, redacted ones left out. */
function related(contacts: ContactView[]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const contact of contacts) {
    if (contact.redacted || seen.has(contact.handle)) continue;
    seen.add(contact.handle);
    out.push(rpslContact(contact));
  }
  return out;
}

function rpslAnswer(service: string, objects: string[][]): string {
  const header = [`% This is the ${clean(service)} query service.`, "% The objects are in RPSL format.", "% Queries are logged and accounted per source.", ""];
  return join([...header, ...objects.flatMap((object) => [...object, ""]), ""], LF);
}

/** The answer text for a resolved object. */
/** `updatedAt`: when the dataset was loaded (ICANN: the time of the database's last update, not of the query). */
export function whoisText(view: ObjectView, service: string, updatedAt: string): string {
  const now = updatedAt;
  switch (view.type) {
    case "domain":
      return domainText(view, service, now);
    case "nameserver":
      return nameserverText(view, now);
    case "entity":
      return rpslAnswer(service, [rpslContact(view.contact)]);
    case "ip":
    case "autnum":
      return rpslAnswer(service, [resourceObject(view), ...related(view.contacts)]);
  }
}

/** An inetnum/inet6num or aut-num object with its holder's and contacts' handles. */
function resourceObject(view: Extract<ObjectView, { type: "ip" | "autnum" }>): string[] {
  if (view.type === "autnum") {
    const { autnum } = view;
    return [...attr("aut-num", `AS${autnum.number}`), ...attr("as-name", autnum.name), ...attr("country", autnum.country?.toUpperCase()), ...refs(view.contacts), ...attr("created", utc(autnum.created)), ...attr("last-modified", utc(autnum.updated)), ...attr("source", "WHOISLENS")];
  }
  const { network } = view;
  const range = networkRange(network);
  const head = range.v6 ? attr("inet6num", network.cidr) : attr("inetnum", `${range.start} - ${range.end}`);
  return [...head, ...attr("netname", network.name), ...attr("descr", network.type), ...attr("country", network.country?.toUpperCase()), ...refs(view.contacts), ...attr("status", range.v6 ? "ASSIGNED" : "ASSIGNED PA"), ...attr("created", utc(network.created)), ...attr("last-modified", utc(network.updated)), ...attr("source", "WHOISLENS")];
}

/** A domain as an RPSL `domain:` object (the RIPE Database's form), for inverse answers. */
function domainObject(view: Extract<ObjectView, { type: "domain" }>): string[] {
  const { domain } = view;
  const handles = (role: string, name: string): string[] => view.contacts.filter((c) => c.role === role).flatMap((c) => attr(name, c.handle));
  return [...attr("domain", domain.name), ...handles("administrative", "admin-c"), ...handles("technical", "tech-c"), ...handles("technical", "zone-c"), ...view.nameservers.flatMap((ns) => attr("nserver", ns.name)), ...attr("created", utc(domain.created)), ...attr("last-modified", utc(domain.updated)), ...attr("source", "WHOISLENS")];
}

/**
 * An inverse query's answer (RIPE "Inverse Queries"): every object found, then — unless the client sent `-r` —
 * each person, role and organisation they name, once.
 */
export function whoisInverseText(views: readonly ObjectView[], referenced: boolean, service: string): string {
  const objects: string[][] = [];
  const contacts: ContactView[] = [];
  for (const view of views) {
    if (view.type === "domain") objects.push(domainObject(view));
    else if (view.type === "ip" || view.type === "autnum") objects.push(resourceObject(view));
    else continue;
    contacts.push(...view.contacts);
  }
  return rpslAnswer(service, referenced ? [...objects, ...related(contacts)] : objects);
}

/**
 * Port-43 refusals and errors in RIPE's style: the code and first line as the RIPE Database query server writes them
 * (Appendix C, "RIPE Database Query Server Response Codes and Messages", and QueryMessages in RIPE-NCC/whois), so
 * clients and scripts that match RIPE's error lines read ours the same way; the `%` detail lines are our own.
 */
export const WHOIS_ERRORS = {
  internal: { code: 100, text: "internal software error" },
  notFound: { code: 101, text: "no entries found" },
  unknownSource: { code: 102, text: "unknown source" },
  unknownType: { code: 103, text: "unknown object type" },
  unknownAttribute: { code: 104, text: "unknown attribute" },
  notSearchable: { code: 105, text: "attribute is not searchable" },
  noQuery: { code: 106, text: "no search key specified" },
  tooLong: { code: 107, text: "input line too long" },
  badCharacter: { code: 108, text: "bad character in input" },
  badOption: { code: 111, text: "invalid option supplied" },
  rangeTooLarge: { code: 112, text: "unsupported query" },
  denied: { code: 201, text: "access denied" },
  closedIdle: { code: 305, text: "connection has been closed" },
  tooManyConnections: { code: 306, text: "connections exceeded" },
  duplicateIpFlags: { code: 901, text: "duplicate IP flags passed" },
} as const;

export function whoisError(kind: keyof typeof WHOIS_ERRORS, detail: string[], source?: string): string {
  const row = WHOIS_ERRORS[kind];
  const subject = kind === "denied" && source !== undefined ? ` for ${clean(source)}` : "";
  return join([`%ERROR:${row.code}: ${row.text}${subject}`, "%", ...detail.map((line) => `% ${clean(line)}`), "", ""], LF);
}

/** The port-43 not-found answer: the RAA layout's "No match" line for names, RIPE's %ERROR:101 otherwise. */
export function whoisNotFound(type: string, key: string, updatedAt: string): string {
  if (type === "domain" || type === "nameserver" || type === "name") return join([`No match for "${clean(key).toUpperCase()}".`, `>>> Last update of WHOIS database: ${updatedAt} <<<`]);
  return whoisError("notFound", ["No entries found in the selected source(s)."]);
}

export function whoisHelp(service: string): string {
  return join([
    `% ${clean(service)}: query one object per connection (RFC 3912).`,
    "% Keys: a domain name, a name server, an IPv4/IPv6 address or prefix, AS<number>, or a contact handle.",
    "% Personal objects are limited per source per 24 hours; see the operator's terms.",
    "",
  ]);
}
