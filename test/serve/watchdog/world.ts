/**
 * A realistic serve query log, written line by line the way `whoislens serve` writes it
 * (src/serve/contract.ts QueryLogEntry as NDJSON): a harvester walking registered names until it is
 * throttled, a handle walker, a dictionary enumerator, a polite user, a monitoring probe, a busy IPv6
 * /64 of many users, a short AS walk, decoy hits and a scanner — with the alerts each one should raise.
 */
import type { QueryLogEntry } from "../../../src/serve/contract.js";

const T0 = Date.parse("2026-12-01T10:00:00.000Z");
const WORDS = ["acme", "blue", "cedar", "delta", "ember", "fjord", "granite", "harbor", "iris", "juniper", "kestrel", "lumen", "meadow", "nimbus", "orchid", "pioneer", "quartz", "raven", "summit", "tundra"];
const KINDS = ["widgets", "logistics", "bakery", "clinic", "studio", "partners", "foods"];

/** Dictionary words a name guesser tries (the sort of list dnstwist/gobuster ship). */
export const DICTIONARY = ["admin", "mail", "shop", "bank", "login", "secure", "portal", "cloud", "dev", "staging", "vpn", "api", "cdn", "files", "intranet", "support", "billing", "account", "webmail", "auth", "payments", "store", "crm", "erp", "hr", "jobs", "news", "blog", "forum", "media", "static", "assets", "beta", "demo", "docs", "help", "status", "legacy", "backup", "old"];
/** The dictionary words that exist in the served data. */
const EXISTING = new Set(["mail", "shop", "cloud", "news", "blog", "status"]);

export const SCANNER = "167.94.138.40"; // in the shipped data/serve-lists/scanners.txt (Censys)

export interface World { lines: string[]; expected: [rule: string, source: string][] }

function entry(at: number, e: Omit<QueryLogEntry, "ts" | "bytes" | "durationMs" | "sourceKey"> & { sourceKey?: string }): { at: number; line: string } {
  const full: QueryLogEntry = { ts: new Date(at).toISOString(), sourceKey: e.source, bytes: 900, durationMs: 1.2, ...e };
  return { at, line: JSON.stringify(full) };
}

const whois = (at: number, source: string, name: string, found: boolean, personal = found ? 1 : 0, extra: Partial<QueryLogEntry> = {}) =>
  entry(at, { protocol: "whois", source, query: name, objectType: "domain", ...(found ? { objectKey: name } : {}), outcome: found ? "answered" : "not-found", personalObjects: personal, decoy: false, ...extra });
const rdap = (at: number, source: string, path: string, type: QueryLogEntry["objectType"], key: string, found: boolean, personal: number, extra: Partial<QueryLogEntry> = {}) =>
  entry(at, { protocol: "rdap", source, query: path, objectType: type, ...(found ? { objectKey: key } : {}), outcome: found ? "answered" : "not-found", personalObjects: personal, decoy: false, ...extra });

export function buildWorld(): World {
  const out: { at: number; line: string }[] = [];
  // 1. Harvester over port 43: 150 registered names, one every 2 s, then 20 throttled retries; one decoy among them.
  const harvester = "203.0.113.10";
  let n = 0;
  for (const w of WORDS) for (const k of KINDS) {
    if (n >= 150) break;
    const name = `${w}-${k}.test`;
    if (n === 70) out.push(whois(T0 + n * 2000, harvester, "quiet-harbor-holdings.test", true, 1, { decoy: true, canaries: ["dakomire37:email", "dakomire37:phone", "dakomire37:name"] }));
    else out.push(whois(T0 + n * 2000, harvester, name, true));
    n++;
  }
  for (let i = 0; i < 20; i++) out.push(entry(T0 + 300_000 + i * 5000, { protocol: "whois", source: harvester, query: `retry-${WORDS[i % 20]}.test`, objectType: "domain", outcome: "throttled", personalObjects: 0, decoy: false }));
  // 2. Handle walker over RDAP: PER-1-TEST … PER-40-TEST, one every 5 s.
  for (let i = 1; i <= 40; i++) out.push(rdap(T0 + 30_000 + i * 5000, "198.51.100.20", `/rdap/entity/PER-${i}-TEST`, "entity", `PER-${i}-TEST`, true, 1));
  // 3. Dictionary enumerator over RDAP: 40 guessed names, 6 of which exist.
  DICTIONARY.forEach((w, i) => out.push(rdap(T0 + 60_000 + i * 3000, "192.0.2.30", `/rdap/domain/${w}.test`, "domain", `${w}.test`, EXISTING.has(w), EXISTING.has(w) ? 1 : 0)));
  // 4. Polite user: 8 lookups over an hour, two of them numbered (example1, example2), one miss.
  ["example1.test", "example2.test", "cedar-bakery.test", "nosuch-name.test", "iris-studio.test", "example1.test", "raven-foods.test", "summit-clinic.test"]
    .forEach((name, i) => out.push(whois(T0 + i * 450_000, "198.51.100.77", name, name !== "nosuch-name.test")));
  // 5. Monitoring probe: the same role-only object every 10 s for 50 minutes (no personal data).
  for (let i = 0; i < 300; i++) out.push(rdap(T0 + i * 10_000, "192.0.2.50", "/rdap/domain/status.test", "domain", "status.test", true, 0));
  // 6. A busy IPv6 /64 (an office behind one prefix): 30 users, one lookup each, over 10 minutes.
  for (let i = 1; i <= 30; i++) out.push(entry(T0 + i * 20_000, { protocol: "rdap", source: `2001:db8:aa::${i.toString(16)}`, sourceKey: "2001:db8:aa::/64", query: `/rdap/domain/${WORDS[i % 20]}-${KINDS[i % 7]}.test`, objectType: "domain", objectKey: `${WORDS[i % 20]}-${KINDS[i % 7]}.test`, outcome: "answered", personalObjects: 1, decoy: false }));
  // 7. A short AS walk (9 numbers, below the 12 of the sequence rule).
  for (let i = 0; i < 9; i++) out.push(rdap(T0 + 100_000 + i * 4000, "198.51.100.88", `/rdap/autnum/${64500 + i}`, "autnum", `AS${64500 + i}`, true, 0));
  // 8. Someone who found the decoy (and nothing else).
  out.push(rdap(T0 + 200_000, "203.0.113.99", "/rdap/domain/quiet-harbor-holdings.test", "domain", "quiet-harbor-holdings.test", true, 1, { decoy: true, canaries: ["bifotaza54:email"] }));
  // 9. A scanner from the shipped list sends two help queries.
  out.push(entry(T0 + 400_000, { protocol: "whois", source: SCANNER, query: "help", objectType: "help", outcome: "answered", personalObjects: 0, decoy: false }));
  out.push(entry(T0 + 401_000, { protocol: "whois", source: SCANNER, query: "help", objectType: "help", outcome: "answered", personalObjects: 0, decoy: false }));
  out.sort((a, b) => a.at - b.at);
  return {
    lines: out.map((o) => o.line),
    expected: [
      ["serve-bulk-harvest", harvester],
      ["serve-decoy-object", harvester],
      ["serve-decoy-object", "203.0.113.99"],
      ["serve-dictionary-enumeration", "192.0.2.30"],
      ["serve-known-scanner", SCANNER],
      ["serve-many-objects", harvester],
      ["serve-sequential-enumeration", "198.51.100.20"],
      ["serve-throttled-source", harvester],
    ],
  };
}
