import ipaddr from "ipaddr.js";
import { rangeToCidrs as cidrsOfRange } from "../parse/whois/network.js";

/** One RPSL object of an answer: its class (first attribute), primary key and attributes. */
export interface RpslObject {
  class: string;
  key: string;
  attributes: [name: string, value: string][];
}

const MAX_OBJECTS = 2000;

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
      if (objects.length >= MAX_OBJECTS) break;
      current = { class: name, key: value, attributes: [] };
      objects.push(current);
    }
    current.attributes.push([name, value]);
  }
  return objects;
}

/** "203.0.113.0 - 203.0.113.255" (or a CIDR) as the CIDRs that cover exactly that range. */
export function rangeToCidrs(range: string): string[] {
  if (range.includes("/")) return [range.trim()];
  const [first, last] = range.split(/\s+-\s+/).map((part) => part.trim());
  if (!first || !last || !ipaddr.isValid(first) || !ipaddr.isValid(last)) return [];
  return cidrsOfRange(first, last);
}
