/**
 * "This server only accepts queries for .bo domains" — an answer that refuses a query outside the zones its server
 * holds is `invalid` (phrases.ts INVALID_PHRASES). Some servers print that same refusal for every name they have no
 * record of, their own zone's included: NIC Bolivia answers an unregistered .bo name with "whois.nic.bo solo acepta
 * consultas con dominios .bo". A refusal naming a zone the query lies in is a not-found answer. When the query is not
 * known (a saved answer parsed alone), the server's own name stands for it: a zone's server (whois.nic.bo) is asked
 * about names in its zone, since queries are routed to it by their TLD. Read only for answers already found invalid.
 */

/** Refusal wordings that go on to name the zone(s) the server answers for, with the registry that prints each. */
const ZONE_REFUSALS: readonly (readonly [phrase: string, source: string])[] = [
  ["only accepts queries for", "English wording of the refusal (NIC Bolivia's own, in Spanish, below)"],
  ["solo acepta consultas", "NIC Bolivia (whois.nic.bo): \"solo acepta consultas con dominios .bo\""],
];

/** How far after the phrase the zone is looked for (the rest of a short refusal line). */
const MAX_ZONE_SEARCH = 80;

/**
 * `lower`: the lower-cased answer. True when a zone refusal names a zone that `query` (lower case) lies in, or, with no
 * query, the server `server` (lower case).
 */
export function refusesOwnZone(lower: string, query: string | undefined, server: string | undefined): boolean {
  const asked = query !== undefined && query !== "" ? query : server;
  if (asked === undefined || asked === "") return false;
  for (const [phrase] of ZONE_REFUSALS) {
    const at = lower.indexOf(phrase);
    if (at === -1) continue;
    const start = at + phrase.length;
    const newline = lower.indexOf("\n", start);
    const rest = lower.slice(start, Math.min(newline === -1 ? lower.length : newline, start + MAX_ZONE_SEARCH));
    for (const zone of rest.match(/\.[a-z0-9.-]+/g) ?? []) {
      const bare = zone.replace(/\.+$/, "");
      if (bare.length > 1 && asked.endsWith(bare)) return true;
    }
  }
  return false;
}
