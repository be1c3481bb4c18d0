import ipaddr from "ipaddr.js";

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
  const start = toBigInt(first);
  const end = toBigInt(last);
  const bits = first.includes(":") ? 128 : 32;
  const out: string[] = [];
  let cursor = start;
  while (cursor <= end && out.length < 64) {
    let size = 0;
    while (size < bits && (cursor & ((1n << BigInt(size + 1)) - 1n)) === 0n && cursor + (1n << BigInt(size + 1)) - 1n <= end) size += 1;
    out.push(`${fromBigInt(cursor, bits)}/${bits - size}`);
    cursor += 1n << BigInt(size);
  }
  return out;
}

function toBigInt(address: string): bigint {
  return ipaddr.parse(address).toByteArray().reduce((sum, byte) => (sum << 8n) | BigInt(byte), 0n);
}

function fromBigInt(value: bigint, bits: number): string {
  const bytes: number[] = [];
  for (let i = bits / 8 - 1; i >= 0; i -= 1) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}
