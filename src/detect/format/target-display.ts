/**
 * How a target is shown. Targets are kept normalized inside the engine (lower-case, so `AS64496`, `as64496` and
 * `As64496` count as one distinct target in bursts and the query-log windows); every output format (Markdown,
 * ECS NDJSON, CEF) shows the spelling registries write: an AS number with `AS` in capitals (RFC 5396 §1,
 * "AS" followed by the number, as every RIR prints aut-num), and RPSL set names in capitals, since RPSL names are
 * case-insensitive and the IRRs print them upper-case (RFC 2622 §2). A hierarchical set name is components joined
 * by `:` (RFC 2622 §5: `AS64496:AS-CUSTOMERS`). Anything else (domains, addresses, handles) is shown as kept.
 */

/** RPSL set-name prefixes, each with its class and section of RFC 2622. */
const SET_PREFIXES: readonly { prefix: string; rpslClass: string; source: string }[] = [
  { prefix: "as-", rpslClass: "as-set", source: "RFC 2622 §5.1" },
  { prefix: "rs-", rpslClass: "route-set", source: "RFC 2622 §5.2" },
  { prefix: "fltr-", rpslClass: "filter-set", source: "RFC 2622 §5.4" },
  { prefix: "rtrs-", rpslClass: "rtr-set", source: "RFC 2622 §5.5" },
  { prefix: "prng-", rpslClass: "peering-set", source: "RFC 2622 §5.6" },
];

const AS_NUMBER = /^as\d{1,10}$/i;
/** What a registry name starts with: "as" (an AS number, an as-set) or a set prefix of the table. */
const REGISTRY_NAME_START = new RegExp(`^(?:as|${SET_PREFIXES.map((p) => p.prefix.slice(0, -1)).join("|")})`, "i");
const NAME_REST = /^[a-z0-9_-]{1,80}$/i;
const MAX_COMPONENTS = 8;

function isRegistryName(component: string): boolean {
  if (AS_NUMBER.test(component)) return true;
  const lower = component.toLowerCase();
  const row = SET_PREFIXES.find((p) => lower.startsWith(p.prefix));
  return row !== undefined && NAME_REST.test(component.slice(row.prefix.length));
}

/** The target as registries spell it: `as64496` → `AS64496`, `as64496:as-customers` → `AS64496:AS-CUSTOMERS`. */
export function displayTarget(target: string): string {
  if (target.length > 255 || !REGISTRY_NAME_START.test(target)) return target;
  const components = target.split(":", MAX_COMPONENTS + 1);
  if (components.length > MAX_COMPONENTS || !components.every(isRegistryName)) return target;
  return target.toUpperCase();
}
