import { attributeValues, canonicalCidr, networkValues, rpslObjects, type RpslObject } from "./rpsl-objects.js";

/**
 * What a port-43 answer says about a resource's holder, the way RDAP says it with
 * entities: the holder's handles, its organisation's name and address, and (for
 * answers about an organisation) the networks and AS numbers it holds. Every
 * layout is a row of the tables below, with the document it follows.
 */

export type HolderHandleKind = "organisation" | "maintainer" | "role";

export interface HolderHandle {
  value: string;
  kind: HolderHandleKind;
  /** The attribute it was read from, lower case ("org", "mnt-by", "ownerid", "orgid"…). */
  field: string;
}

export interface Port43Holder {
  handles: HolderHandle[];
  /** The most specific network object's CIDR and name (APNIC and ARIN list the allocation around it too). */
  network?: { cidr: string; name: string };
  organization?: { name: string; address: string[]; country?: string; handle?: string };
}

interface HandleRow {
  attribute: string;
  kind: HolderHandleKind;
  /** Only when the answer also holds an object of this class keyed by the handle (admin-c names a person or a role). */
  onlyIfClass?: string;
  source: string;
}

/** Attributes of a resource object that name its holder. Attribute names are compared lower case. */
const HANDLE_ATTRIBUTES: readonly HandleRow[] = [
  { attribute: "org", kind: "organisation", source: "RIPE Database Query Reference Manual §'organisation' (also APNIC, AFRINIC: same software)" },
  { attribute: "mnt-by", kind: "maintainer", source: "RPSL, RFC 2622 §3.1: the maintainer that holds an object" },
  { attribute: "admin-c", kind: "role", onlyIfClass: "role", source: "RFC 2622 §3.2; a role (a team) ties an organisation's objects, a person's handle is a person" },
  { attribute: "tech-c", kind: "role", onlyIfClass: "role", source: "as admin-c" },
  { attribute: "ownerid", kind: "organisation", source: "LACNIC WHOIS documentation (lacnic.net/1040): 'ownerid: the organization's handle'" },
  { attribute: "orgid", kind: "organisation", source: "ARIN Whois-RWS text output (OrgId:), ARIN dbwg 'WHOIS Server Definition' 2002" },
];

/**
 * Maintainers every object of a registry carries: the RIR's own, never the holder's
 * (pivoting on one would pull in every member). Source: the RIRs' documentation of
 * their hostmaster maintainers.
 */
const REGISTRY_MAINTAINERS: readonly RegExp[] = [/^RIPE-NCC-/i, /^APNIC-HM$/i, /^MAINT-APNIC-/i, /^APNIC-ABUSE$/i, /^AFRINIC-HM-MNT$/i, /^AFRINIC-/i, /^LACNIC-/i, /^ARIN-/i];

interface OrganisationLayout {
  /** The object is this one when it has this attribute (its value the organisation's handle when `handle` names it). */
  marker: string;
  name: string;
  handle?: string;
  address: readonly string[];
  country: string;
  source: string;
}

/** Where the organisation's name and address stand, one row per layout. */
const ORGANISATION_LAYOUTS: readonly OrganisationLayout[] = [
  { marker: "organisation", name: "org-name", handle: "organisation", address: ["address"], country: "country", source: "RIPE/APNIC/AFRINIC organisation object" },
  { marker: "orgname", name: "orgname", handle: "orgid", address: ["address", "city", "stateprov", "postalcode"], country: "country", source: "ARIN OrgName/OrgId/Address/City/StateProv/PostalCode/Country" },
  { marker: "ownerid", name: "owner", handle: "ownerid", address: ["address"], country: "country", source: "LACNIC owner/ownerid/address/country" },
];

const MAX_HANDLES = 50;


/** A handle as registries write them: letters, digits, dashes; no spaces (nor a leading "-": safe to send in a request). */
export function isHandle(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(value);
}

/** Classes (first attribute, lower case) of the objects that are the resource itself, per layout. */
const RESOURCE_OBJECT_CLASSES: ReadonlySet<string> = new Set(["inetnum", "inet6num", "aut-num", "netrange", "asnumber", "owner"]);

/** Resource objects that are networks (ARIN's NetRange block carries a CIDR: line). */
const NETWORK_CLASSES: ReadonlySet<string> = new Set(["inetnum", "inet6num", "netrange"]);

/** Addresses a resource object covers (1 for an AS or an unreadable key): the smallest is the holder's own. */
function breadth(object: RpslObject): bigint {
  const cidr = networkValues(object.key)[0] ?? attributeValues(object, "cidr")[0];
  const bits = cidr ? Number(/\/(\d{1,3})$/.exec(cidr)?.[1]) : Number.NaN;
  if (!Number.isFinite(bits)) return 1n;
  return 1n << BigInt((cidr?.includes(":") ? 128 : 32) - bits);
}

/**
 * The object describing the resource asked about: APNIC and ARIN answer with the
 * allocation and the assignment inside it (the parent first); the holder is the
 * most specific one's.
 */
function resourceObject(objects: RpslObject[]): RpslObject | undefined {
  let best: RpslObject | undefined;
  for (const object of objects) {
    if (!RESOURCE_OBJECT_CLASSES.has(object.class)) continue;
    if (!best || breadth(object) < breadth(best)) best = object;
  }
  return best ?? objects.find((object) => ORGANISATION_LAYOUTS.some((layout) => object.class === layout.marker));
}

/** "Acme Widgets Inc. (ACMEW-ARIN)": ARIN's Organization: line names the OrgId in parentheses. */
function parenthesised(value: string): string | undefined {
  const open = value.lastIndexOf("(");
  return open >= 0 && value.endsWith(")") ? value.slice(open + 1, -1).trim() : undefined;
}

/** The holder's handles and organisation from one port-43 answer (RIPE, APNIC, AFRINIC, LACNIC or ARIN layout). */
export function port43Holder(text: string): Port43Holder {
  const objects = rpslObjects(text);
  const resource = resourceObject(objects);
  if (!resource) return { handles: [] };
  const classOf = new Map<string, string>();
  for (const object of objects) classOf.set((attributeValues(object, "nic-hdl")[0] ?? object.key).toUpperCase(), object.class);
  const handles: HolderHandle[] = [];
  const add = (value: string, kind: HolderHandleKind, field: string): void => {
    const upper = value.toUpperCase();
    if (isHandle(value) && handles.length < MAX_HANDLES && !handles.some((h) => h.value === upper)) handles.push({ value: upper, kind, field });
  };
  for (const row of HANDLE_ATTRIBUTES) {
    for (const value of attributeValues(resource, row.attribute)) {
      const handle = value.split(/\s/)[0] ?? "";
      if (row.onlyIfClass && classOf.get(handle.toUpperCase()) !== row.onlyIfClass) continue;
      if (row.kind === "maintainer" && REGISTRY_MAINTAINERS.some((pattern) => pattern.test(handle))) continue;
      add(handle, row.kind, row.attribute);
    }
  }
  const arinOrg = parenthesised(attributeValues(resource, "organization")[0] ?? "");
  if (arinOrg) add(arinOrg, "organisation", "organization");
  const organization = organisationOf(objects, handles.find((h) => h.kind === "organisation")?.value);
  if (organization?.handle) add(organization.handle, "organisation", "organisation object");
  const listed = attributeValues(resource, "cidr")[0]?.split(/[,\s]/)[0];
  const cidr = NETWORK_CLASSES.has(resource.class) ? ((listed ? canonicalCidr(listed) : undefined) ?? networkValues(resource.key)[0]) : undefined;
  const name = attributeValues(resource, "netname")[0] ?? "";
  return { handles, ...(cidr ? { network: { cidr, name } } : {}), ...(organization ? { organization } : {}) };
}

/** "Avenida Siempreviva, 742, " (LACNIC ends address lines with a comma): a loop, not a regex that backtracks on long runs. */
function withoutTrailingCommas(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === "," || line[end - 1] === " " || line[end - 1] === "\t")) end -= 1;
  return line.slice(0, end);
}

/** The organisation object of the holder (the one its handle names, else the answer's only one). */
function organisationOf(objects: RpslObject[], handle: string | undefined): Port43Holder["organization"] {
  for (const layout of ORGANISATION_LAYOUTS) {
    const candidates = objects.filter((candidate) => candidate.attributes.some(([name]) => name === layout.marker));
    const named = handle && layout.handle ? candidates.find((candidate) => attributeValues(candidate, layout.handle as string)[0]?.toUpperCase() === handle) : undefined;
    const object = named ?? (candidates.length === 1 ? candidates[0] : undefined);
    const name = object ? attributeValues(object, layout.name)[0] : undefined;
    if (!object || !name) continue;
    const address = object.attributes.filter(([attribute]) => layout.address.includes(attribute)).map(([, value]) => withoutTrailingCommas(value)).filter((line) => line !== "");
    const country = attributeValues(object, layout.country)[0];
    const own = layout.handle ? attributeValues(object, layout.handle)[0] : undefined;
    return { name, address, ...(country ? { country } : {}), ...(own ? { handle: own.toUpperCase() } : {}) };
  }
  return undefined;
}

