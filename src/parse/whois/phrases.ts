/**
 * What registries say instead of a record, matched on the lower-cased answer.
 * Plain substrings (no regular expressions), so no input can make matching slow.
 * Add a phrase by adding a string; keep each specific enough not to appear in a
 * record's disclaimer.
 */
export const AVAILABLE_PHRASES: readonly string[] = [
  "no match for", "no match!!", "no matching record", "not found", "no entries found", "no data found", "no domain",
  "nothing found", "is available for registration", "is free", "status: free", "status: available", "status:\tavailable",
  "domain not found", "object does not exist", "does not exist", "no information available", "no se encontro el objeto",
  "no existe", "no such domain", "not registered", "is not registered", "available for registration", "no records matching",
  "no information was found", "domain is available", "the domain has not been registered", "this domain name has not been registered",
  "no object found", "not exist", "no found", "the queried object does not exist", "domain available", "status: not registered",
  "no entries found for the selected source", "nincs találat", "no existe el dominio", "aucun objet trouvé", "keine daten gefunden",
  "nessun risultato", "não encontrado", "no results found", "no match", "% no entries found", "object_not_found",
  "registration status: available", "domain status: available", "domain status: no object found", "this query returned 0 objects",
  "invalid query or domain name not known", "no information about domain", "is not in the database", "not been registered",
  "status:             available", "no hay información", "ничего не найдено", "没有找到", "no matching objects found",
  "no_se_encontro_el_objeto", "domain name not known", "we do not have an entry in our database", "\nfree\n", "\navailable\n", "\norganisation: not assigned\n", "no results were found", " is available.\n", "220 available\n", "not registred",
];

/** Refusals specific enough to win over not-found words in the same answer's disclaimer. */
export const STRONG_THROTTLED_PHRASES: readonly string[] = [
  "maximum queries per hour reached", "excessive querying, grace period", "still in grace period, wait",
  "too many queries from your ip", "too many requests...", "\n%% too many requests",
];

export const THROTTLED_PHRASES: readonly string[] = [
  "limit exceeded", "query rate", "too many queries", "too many requests", "rate limit", "quota exceeded", "exceeded the maximum",
  "try again later", "please wait", "excessive querying", "temporarily blocked", "access denied", "error:201", "error:306",
  "maximum number of queries", "connection refused; access quota", "query limit", "you have exceeded", "look up quota exceeded",
  "number of allowed queries", "exceeded your query limit", "has been blocked", "requests from your ip", "queries per",
  "blacklisted", "slow down", "go away for", "access control limit", "query quota", "has been exceeded", "request denied",
  "queries exceeded", "exceeded allowed", "rate exceeded", "temporarily unavailable due to",
  // "Try later in 999999 seconds." (issue #19: the wait it names is read and capped by bulk/).
  "try later",
];

export const RESERVED_PHRASES: readonly string[] = [
  "is reserved", "is a reserved", "this name is reserved", "status: reserved", "reserved domain", "cannot be registered", "not available for registration",
  "status: not allowed", "domain name is blocked", "prohibited string", "reserved by the registry", "reserved name",
  "restricted from registration", "reserved by registry", "restricted domain name", "registry reserved", "reserved for the registry",
  "status: reserved", "domain is reserved", "this domain is reserved", "\ndomain not available\n", "\nreserved by ",
];

export const INVALID_PHRASES: readonly string[] = [
  "invalid domain name", "invalid query", "invalid input", "malformed query", "syntax error", "not a valid domain", "unsupported tld",
  "wrong top level domain", "invalid characters", "incorrect domain name",
];

/**
 * Each list is searched in one pass: its phrases, escaped, as one alternation of literals (no
 * quantifiers, so the search stays linear; about three times faster than a substring search per phrase).
 */
const compiled = new WeakMap<readonly string[], RegExp>();

function matcher(phrases: readonly string[]): RegExp {
  let pattern = compiled.get(phrases);
  if (pattern === undefined) {
    pattern = new RegExp(phrases.map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
    compiled.set(phrases, pattern);
  }
  return pattern;
}

/** The first phrase of the list found in the (lower-cased) answer, or undefined. */
export function containsAny(haystack: string, phrases: readonly string[]): string | undefined {
  if (phrases.length === 0) return undefined;
  const found = matcher(phrases).exec(haystack);
  return found === null ? undefined : found[0];
}
