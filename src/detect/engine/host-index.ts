/**
 * Host names → list rows, by label suffix: "www.who.is" finds the row of "who.is" in at most one
 * Map lookup per label. No regular expression runs over the host lists.
 */
import { getDomain } from "tldts";
import type { HostRow, ListName } from "../rules/schema.js";

export type HostChannel = "dns" | "tls" | "http";

export interface HostHit {
  list: ListName;
  row: HostRow;
  /** The host alone is enough on this channel (no path needed). */
  hostOnly: boolean;
}

interface Entry { list: ListName; row: HostRow; hostOnly: ReadonlySet<HostChannel> }

const ALL: ReadonlySet<HostChannel> = new Set(["dns", "tls", "http"]);

/**
 * Hosts no list names yet but whose first label says what they are: registries name their RDAP
 * services rdap.<registry> (rdap.cctld.au, rdap.dns.pl…) long before every list catches up.
 */
const GENERIC_FIRST_LABELS: readonly { label: string; list: ListName; note: string }[] = [
  { label: "rdap", list: "rdap-hosts", note: "host named rdap.* (any registry's RDAP service)" },
];
const NONE: ReadonlySet<HostChannel> = new Set();

export class HostIndex {
  private readonly map = new Map<string, Entry[]>();

  constructor(lists: Partial<Record<ListName, readonly HostRow[]>>) {
    for (const [list, rows] of Object.entries(lists) as [ListName, readonly HostRow[]][]) {
      for (const row of rows) {
        const hostOnly = row.hostOnly !== undefined ? new Set(row.hostOnly) : row.paths !== undefined ? NONE : ALL;
        const entries = this.map.get(row.host) ?? [];
        entries.push({ list, row, hostOnly });
        this.map.set(row.host, entries);
      }
    }
  }

  /** Rows for `host` or its nearest listed parent, restricted to `lists`. */
  find(host: string, channel: HostChannel, lists: readonly ListName[]): HostHit[] {
    let name = normalizeHost(host);
    const out: HostHit[] = [];
    while (name !== "") {
      const entries = this.map.get(name);
      if (entries !== undefined) {
        for (const e of entries) if (lists.includes(e.list)) out.push({ list: e.list, row: e.row, hostOnly: e.hostOnly.has(channel) });
        if (out.length > 0) return out;
      }
      const dot = name.indexOf(".");
      if (dot === -1) break;
      name = name.slice(dot + 1);
    }
    return genericHit(normalizeHost(host), channel, lists);
  }
}

function genericHit(host: string, channel: HostChannel, lists: readonly ListName[]): HostHit[] {
  const dot = host.indexOf(".");
  if (dot === -1) return [];
  const first = host.slice(0, dot);
  for (const generic of GENERIC_FIRST_LABELS) {
    if (!(first === generic.label || first.startsWith(`${generic.label}-`)) || !lists.includes(generic.list)) continue;
    // Exactly one label above a registrable domain (rdap.dns.pl, rdap.cctld.au): never a look-alike
    // such as rdap.verisign.com.attacker.example, nor a bare rdap.example.
    if (getDomain(host, { allowPrivateDomains: false }) === host.slice(dot + 1)) {
      return [{ list: generic.list, row: { host, note: generic.note }, hostOnly: ALL.has(channel) }];
    }
  }
  return [];
}

/** Lower case, no trailing dot, no port, no brackets. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]") === -1 ? undefined : h.indexOf("]"));
  const colon = h.indexOf(":");
  if (colon !== -1 && h.indexOf(":", colon + 1) === -1) h = h.slice(0, colon);
  while (h.endsWith(".")) h = h.slice(0, -1);
  return h;
}
