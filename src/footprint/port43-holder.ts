import { attributeValues, networkValues, rpslObjects, type RpslObject } from "./rpsl-objects.js";

/**
 * What a port-43 answer about a network or AS number names beside its holder: the handles RDAP publishes
 * no pivot for. The holder itself — the organisation's name, address and handle (RPSL `org:` and its
 * organisation object, ARIN's OrgId block, LACNIC's owner/ownerid, JPNIC) — is the parsed record's
 * registrant contact (src/parse/whois/number-holder.ts), as RDAP's registrant entity is: footprint reads
 * it there for both protocols (pivots/network.ts). Kept here, one row per attribute with its source: the
 * holder's maintainer (`mnt-by`) and the roles (`admin-c`/`tech-c` naming a `role` object) that tie an
 * organisation's objects, which the record does not carry as such (a contact has no object class), and
 * which the inverse queries (`-r -i mnt-by`, `-r -i admin-c,tech-c`) pivot on.
 */

export type HolderHandleKind = "organisation" | "maintainer" | "role";

export interface HolderHandle {
  value: string;
  kind: HolderHandleKind;
  /** The attribute it was read from, lower case ("mnt-by", "admin-c", "tech-c"), or the record's field. */
  field: string;
}

interface HandleRow {
  attribute: string;
  kind: Exclude<HolderHandleKind, "organisation">;
  /** Only when the answer also holds an object of this class keyed by the handle (admin-c names a person or a role). */
  onlyIfClass?: string;
  source: string;
}

/** Attributes of a resource object that name a pivot beside its holder. Attribute names are compared lower case. */
const HANDLE_ATTRIBUTES: readonly HandleRow[] = [
  { attribute: "mnt-by", kind: "maintainer", source: "RPSL, RFC 2622 §3.1: the maintainer that holds an object" },
  { attribute: "admin-c", kind: "role", onlyIfClass: "role", source: "RFC 2622 §3.2; a role (a team) ties an organisation's objects, a person's handle is a person" },
  { attribute: "tech-c", kind: "role", onlyIfClass: "role", source: "as admin-c" },
];

/**
 * Maintainers every object of a registry carries: the RIR's own, never the holder's
 * (pivoting on one would pull in every member). Source: the RIRs' documentation of
 * their hostmaster maintainers.
 */
const REGISTRY_MAINTAINERS: readonly RegExp[] = [/^RIPE-NCC-/i, /^APNIC-HM$/i, /^MAINT-APNIC-/i, /^APNIC-ABUSE$/i, /^AFRINIC-HM-MNT$/i, /^AFRINIC-/i, /^LACNIC-/i, /^ARIN-/i];

const MAX_HANDLES = 50;

/** A handle as registries write them: letters, digits, dashes; no spaces (nor a leading "-": safe to send in a request). */
export function isHandle(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(value);
}

/** Classes (first attribute, lower case) of the objects that are the resource itself, per layout. */
const RESOURCE_OBJECT_CLASSES: ReadonlySet<string> = new Set(["inetnum", "inet6num", "aut-num", "netrange", "asnumber", "owner"]);

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
  return best;
}

/**
 * The inverse-query style (pivots/inverse-queries.ts) a port-43 answer was written in, for a server no style
 * row names (`-h`, a mirror):
 * - "rpsl": RIPE Database software (RIPE, APNIC, AFRINIC, RADb, a mirror): an inetnum/inet6num/aut-num object
 *   ending with `source:`, as the RIPE Database writes every object;
 * - "arin": ARIN's layout (`NetRange:`/`ASNumber:` beside `OrgId:`);
 * - "lacnic": LACNIC's and registro.br's (`inetnum:`/`aut-num:` with `ownerid:`, no `source:`).
 */
export function answerStyle(text: string): "rpsl" | "arin" | "lacnic" | undefined {
  const objects = rpslObjects(text);
  if (objects.some((object) => RPSL_RESOURCE_CLASSES.has(object.class) && attributeValues(object, "source").length > 0)) return "rpsl";
  if (/^(?:NetRange|ASNumber):/m.test(text) && /^OrgId:/m.test(text)) return "arin";
  if (/^ownerid:/im.test(text) && /^(?:inetnum|aut-num):/im.test(text)) return "lacnic";
  return undefined;
}

const RPSL_RESOURCE_CLASSES: ReadonlySet<string> = new Set(["inetnum", "inet6num", "aut-num"]);

/**
 * The maintainer and role handles of the most specific resource object of one port-43 answer (RIPE, APNIC,
 * AFRINIC); none from layouts that have no such attributes (ARIN, LACNIC). At most MAX_HANDLES.
 */
export function port43Pivots(text: string): HolderHandle[] {
  const objects = rpslObjects(text);
  const resource = resourceObject(objects);
  if (!resource) return [];
  const classOf = new Map<string, string>();
  for (const object of objects) classOf.set((attributeValues(object, "nic-hdl")[0] ?? object.key).toUpperCase(), object.class);
  const handles: HolderHandle[] = [];
  for (const row of HANDLE_ATTRIBUTES) {
    for (const value of attributeValues(resource, row.attribute)) {
      const handle = value.split(/\s/)[0] ?? "";
      const upper = handle.toUpperCase();
      if (!isHandle(handle) || handles.length >= MAX_HANDLES || handles.some((h) => h.value === upper)) continue;
      if (row.onlyIfClass && classOf.get(upper) !== row.onlyIfClass) continue;
      if (row.kind === "maintainer" && REGISTRY_MAINTAINERS.some((pattern) => pattern.test(handle))) continue;
      handles.push({ value: upper, kind: row.kind, field: row.attribute });
    }
  }
  return handles;
}
