import ipaddr from "ipaddr.js";
import { rangeToCidrs as cidrsOfRange } from "../parse/whois/network.js";

/** One RPSL object of an answer: its class (first attribute), primary key and attributes. */
export interface RpslObject {
  class: string;
  key: string;
  attributes: [name: string, value: string][];
}

/** Objects read from one answer: an inverse query about an LIR can list tens of thousands. */
export const MAX_RPSL_OBJECTS = 2000;

/** Splits a RIPE-style answer into objects (blank-line separated, `%` comments skipped). */
export function rpslObjects(text: string): RpslObject[] {
  const objects: RpslObject[] = [];
  let current: RpslObject | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === "") {
      current = undefined;
      continue;
    }
    if (raw.startsWith("%") || raw.startsWith("#")) continue;
    const colon = raw.indexOf(":");
    if (colon <= 0 || /\s/.test(raw[0] ?? "")) continue;
    const name = raw.slice(0, colon).trim().toLowerCase();
    const value = raw.slice(colon + 1).trim();
    if (!/^[a-z][a-z0-9-]*$/.test(name)) continue;
    if (!current) {
      if (objects.length >= MAX_RPSL_OBJECTS) break;
      current = { class: name, key: value, attributes: [] };
      objects.push(current);
    }
    current.attributes.push([name, value]);
  }
  return objects;
}

/** Every value of one attribute of an object, in order. */
export function attributeValues(object: RpslObject, attribute: string): string[] {
  return object.attributes.filter(([name]) => name === attribute).map(([, value]) => value);
}

/** "203.0.113.0 - 203.0.113.255" (or a CIDR) as the CIDRs that cover exactly that range. */
export function rangeToCidrs(range: string): string[] {
  if (range.includes("/")) return [range.trim()];
  const [first, last] = range.split(/\s+-\s+/).map((part) => part.trim());
  if (!first || !last || !ipaddr.isValid(first) || !ipaddr.isValid(last)) return [];
  return cidrsOfRange(first, last);
}

/** A CIDR as one spelling: "2001:0240:010c::/48" is 2001:240:10c::/48, "192.0.2.7/24" is 192.0.2.0/24. */
export function canonicalCidr(cidr: string): string | undefined {
  try {
    const [address, bits] = ipaddr.parseCIDR(cidr);
    const family = address.kind() === "ipv4" ? ipaddr.IPv4 : ipaddr.IPv6;
    return `${family.networkAddressFromCIDR(cidr).toString()}/${bits}`;
  } catch {
    return undefined;
  }
}

/** A network object's key as CIDRs; LACNIC writes "200.57.128/20" for 200.57.128.0/20. */
export function networkValues(key: string): string[] {
  const short = /^(\d{1,3}(?:\.\d{1,3}){0,2})\/(\d{1,2})$/.exec(key.trim());
  if (short) {
    const octets = (short[1] ?? "").split(".");
    while (octets.length < 4) octets.push("0");
    return [canonicalCidr(`${octets.join(".")}/${short[2]}`)].filter((v): v is string => v !== undefined);
  }
  if (key.includes("/")) return [canonicalCidr(key.trim())].filter((v): v is string => v !== undefined);
  return rangeToCidrs(key);
}
