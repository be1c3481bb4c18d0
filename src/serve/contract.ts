/**
 * What `whoislens serve` (servers, accounting) and its canary/query-log side promise each other.
 * Types only; the servers write QueryLogEntry lines, the canary planter fills decoy contacts.
 */

/** One line of the NDJSON query log `serve` writes (documented field by field in docs/serve.md). */
export interface QueryLogEntry {
  /** ISO 8601 UTC with milliseconds, when the query arrived. */
  ts: string;
  protocol: "whois" | "rdap";
  /** The client's address as seen on the socket (IPv4 or IPv6 text, no port). */
  source: string;
  /** The accounting key: the IPv4 address, the IPv6 /64 ("2001:db8:1:2::/64") or "token:<token id>". */
  sourceKey: string;
  /** The query line (port 43) or path and query string (RDAP), control characters stripped, at most 1 KiB. */
  query: string;
  objectType: "domain" | "nameserver" | "entity" | "ip" | "autnum" | "help" | "search" | "unknown";
  /** Canonical key of the object answered ("example.test", "AS64500", "ORG-EX1-TEST"); absent when none. */
  objectKey?: string;
  outcome: "answered" | "not-found" | "denied" | "throttled" | "blocked" | "too-many-connections" | "bad-request" | "error";
  /** Objects with personal data (persons, roles with a person's contacts) in the answer. */
  personalObjects: number;
  /** The object answered is a decoy. */
  decoy: boolean;
  /** Ids of the canary contacts served in this answer. */
  canaries?: string[];
  bytes: number;
  durationMs: number;
}

/** The contacts a decoy answer shows; a planter issues them and records who was served what. */
export interface PlantedContacts {
  name: string;
  email: string;
  phone: string;
  /** Canary ids, one per planted value, recorded in the store. */
  ids: string[];
}

/** Issues (or re-serves) the canary contacts of a decoy object for one asking source. */
export interface ContactPlanter {
  plant(objectKey: string, sourceKey: string, at: string): Promise<PlantedContacts>;
}
