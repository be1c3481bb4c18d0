import { attributeValues, networkValues, rangeToCidrs, rpslObjects } from "./rpsl-objects.js";
import { ownValue } from "../util/own.js";

/**
 * What an answer about an organisation says it holds, in each registry's layout:
 * RPSL inverse-query answers, LACNIC's owner answer, ARIN's summary lines.
 */

export interface Port43Resource {
  kind: "network" | "asn";
  value: string;
  name: string;
  /** The object or line it was read from, for the edge's evidence. */
  field: string;
}

/** Object classes whose key is a resource, for inverse-query answers. */
const RESOURCE_CLASSES: Readonly<Record<string, "network" | "asn">> = { inetnum: "network", inet6num: "network", "aut-num": "asn" };
/** Attributes that list an organisation's resources inside its own object (LACNIC's owner answer, RFC 9083 §5.1's text twin). */
const RESOURCE_LIST_ATTRIBUTES: Readonly<Record<string, "network" | "asn">> = { inetnum: "network", "aut-num": "asn" };


function asnValue(text: string): string | undefined {
  const match = /^AS(\d{1,10})$/i.exec(text.trim());
  return match ? `AS${match[1]}` : undefined;
}

/**
 * The networks and AS numbers an answer about an organisation lists: the objects of an
 * RPSL inverse query (`-i org`, `-i mnt-by`), or the `inetnum:`/`aut-num:` lines of
 * LACNIC's owner answer.
 */
export function port43Resources(text: string): Port43Resource[] {
  const found: Port43Resource[] = [];
  for (const object of rpslObjects(text)) {
    const kind = ownValue(RESOURCE_CLASSES, object.class);
    const name = attributeValues(object, "netname")[0] ?? attributeValues(object, "as-name")[0] ?? attributeValues(object, "owner")[0] ?? "";
    if (kind) {
      const keys = kind === "asn" ? [asnValue(object.key)].filter((v): v is string => v !== undefined) : networkValues(object.key);
      for (const value of keys) found.push({ kind, value, name, field: object.class });
      continue;
    }
    if (!object.attributes.some(([attribute]) => attribute === "ownerid")) continue;
    for (const [attribute, raw] of object.attributes) {
      const listed = ownValue(RESOURCE_LIST_ATTRIBUTES, attribute);
      if (!listed) continue;
      const keys = listed === "asn" ? [asnValue(raw)].filter((v): v is string => v !== undefined) : networkValues(raw);
      for (const value of keys) found.push({ kind: listed, value, name, field: `${object.class} ${attribute}` });
    }
  }
  return found;
}

/**
 * ARIN's summary lines, as `o ! > ORGID` lists an organisation's records:
 * "Acme Widgets Inc. ACME-NET (NET-198-51-100-0-1) 198.51.100.0 - 198.51.100.255" and
 * "Acme Widgets Inc. ACME-AS (AS64500) 64500" (ARIN Whois-RWS CLI summary format).
 */
export function arinSummaryResources(text: string): Port43Resource[] {
  const found: Port43Resource[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith("#") || line.length > 512) continue;
    const open = line.lastIndexOf("(");
    const close = line.indexOf(")", open);
    if (open <= 0 || close < 0) continue;
    const handle = line.slice(open + 1, close).trim();
    const tail = line.slice(close + 1).trim();
    const name = line.slice(0, open).trim().split(" ").pop() ?? "";
    if (/^NET6?-[A-Z0-9-]{1,80}$/i.test(handle)) {
      const [first, last] = tail.split(" - ").map((part) => part.trim());
      if (first && last) for (const value of rangeToCidrs(`${first} - ${last}`)) found.push({ kind: "network", value, name, field: `summary ${handle}` });
      continue;
    }
    const asn = asnValue(handle);
    if (asn && /^\d{1,10}(?: - \d{1,10})?$/.test(tail)) found.push({ kind: "asn", value: asn, name, field: `summary ${handle}` });
  }
  return found;
}
