import { FIELD_ALIASES } from "./aliases.js";
import { addressToBigInt, expandShortCidr } from "./network.js";
import { parenthesizedHandle } from "./number-holder.js";
import type { Entry } from "./tokenize.js";
import { ipaddr } from "../../util/cjs-deps.js";

/**
 * ARIN answers an address inside a reassignment with every network that holds it, the widest first (the ISP's
 * allocation, then the customer's reassignment), each followed by its Org block; RPSL servers do the same when
 * asked for less specific objects. RDAP answers with the most specific network only, and so must the record: read
 * as one object, the answer gave the allocation's range and holder under the customer's handle (the second
 * number world's nested ARIN answer, issue #13). When every network of an answer lies inside the one before it
 * (or after it), the entries of the wider networks' blocks, and of the organisation blocks only they name, are
 * left out. Answers listing unrelated networks (an inverse query's result) are read as before.
 */

/** Labels whose value is a network's range ("NetRange", "inetnum", "inet6num", …): the alias table's own row. */
const RANGE_LABELS: ReadonlySet<string> = new Set([...FIELD_ALIASES].filter(([, target]) => target === "network.range").map(([label]) => label));

/** Labels that name a network's holder organisation by handle: ARIN "Organization: Name (ORGID)", RPSL "org: ORG-X". */
const HOLDER_REFERENCE_LABELS: ReadonlySet<string> = new Set(["organization", "org"]);
/** Labels that open the organisation object a holder reference names: ARIN "OrgId", RPSL "organisation". */
const ORGANISATION_KEY_LABELS: ReadonlySet<string> = new Set(["org id", "organisation"]);

interface NetworkBlock {
  block: number;
  low: bigint;
  high: bigint;
  family: 4 | 6;
}

/**
 * The one rule for "this line opens a network of its own": a range label at the top level of its block. The first
 * reading of an answer notes a second block holding one (index.ts, `State.nestedNetworks`), and mostSpecificNetwork
 * weighs the networks it finds by it: an answer is read again only when it can change.
 */
export function opensNetwork(entry: Entry): boolean {
  return entry.section === "" && RANGE_LABELS.has(entry.key);
}

export function mostSpecificNetwork(entries: Entry[]): Entry[] {
  let networks: NetworkBlock[] | undefined;
  for (const entry of entries) {
    if (!opensNetwork(entry)) continue;
    if (networks?.some((network) => network.block === entry.block)) continue;
    const range = parseRange(entry.value);
    if (range === undefined) return entries;
    (networks ??= []).push({ block: entry.block, ...range });
  }
  if (networks === undefined || networks.length < 2) return entries;
  const inner = networks.reduce((narrowest, network) => (network.high - network.low < narrowest.high - narrowest.low ? network : narrowest));
  // Nested only: every network holds the narrowest one (a list of unrelated networks is left as it is).
  if (!networks.every((network) => network.family === inner.family && network.low <= inner.low && inner.high <= network.high)) return entries;
  // A wider network before the narrowest one takes the blocks up to the next network with it (ARIN prints each
  // network's Org, OrgAbuse and OrgTech blocks after it); one after it, its own block only (RPSL puts the objects
  // the networks name after the last of them).
  const starts = networks.map((network) => network.block).sort((a, b) => a - b);
  const wider = new Set<number>();
  for (const network of networks) {
    if (network === inner) continue;
    const next = network.block < inner.block ? (starts.find((block) => block > network.block) ?? network.block + 1) : network.block + 1;
    for (let block = network.block; block < next; block += 1) wider.add(block);
  }
  const kept = holderHandles(entries, (block) => block === inner.block);
  const dropped = holderHandles(entries, (block) => wider.has(block));
  // RPSL: an organisation object only the wider networks name goes with them.
  for (const handle of dropped) {
    if (kept.has(handle)) continue;
    for (const entry of entries) if (ORGANISATION_KEY_LABELS.has(entry.key) && entry.value.trim().toUpperCase() === handle) wider.add(entry.block);
  }
  return entries.filter((entry) => !wider.has(entry.block));
}

/** The organisation handles the networks of the chosen blocks name (upper case). */
function holderHandles(entries: readonly Entry[], inBlock: (block: number) => boolean): Set<string> {
  const handles = new Set<string>();
  for (const entry of entries) {
    if (!inBlock(entry.block) || !HOLDER_REFERENCE_LABELS.has(entry.key)) continue;
    const value = entry.value.trim();
    const handle = entry.key === "organization" ? parenthesizedHandle(value) : value;
    if (handle !== undefined && handle !== "") handles.add(handle.toUpperCase());
  }
  return handles;
}

/** "a - b", "a/len" or LACNIC's "200.57.128/20" as numbers; undefined for anything else. */
function parseRange(value: string): Omit<NetworkBlock, "block"> | undefined {
  const text = value.trim();
  try {
    const dash = text.indexOf("-");
    if (dash !== -1) {
      const low = ipaddr.parse(text.slice(0, dash).trim());
      const high = ipaddr.parse(text.slice(dash + 1).trim());
      if (low.kind() !== high.kind()) return undefined;
      return { low: addressToBigInt(low), high: addressToBigInt(high), family: low.kind() === "ipv4" ? 4 : 6 };
    }
    const cidr = expandShortCidr(text);
    if (cidr === undefined) return undefined;
    const [address, bits] = ipaddr.parseCIDR(cidr);
    const width = address.kind() === "ipv4" ? 32 : 128;
    const size = 1n << BigInt(width - bits);
    const low = (addressToBigInt(address) / size) * size;
    return { low, high: low + size - 1n, family: width === 32 ? 4 : 6 };
  } catch {
    return undefined;
  }
}
