/**
 * Port-43 servers have no Retry-After header: some write the wait into their refusal instead
 * ("try later in 999999 seconds", "please wait 60 seconds", "blocked for 5 minutes"). One row per
 * way of saying it; the scheduler caps whatever it reads (issue #19), so a hostile number is harmless.
 */
const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hour: 3_600_000, hours: 3_600_000,
};

/**
 * "<lead word> <number> <unit>": the lead words refusals use before the wait. Every quantifier is
 * bounded and over a distinct class, so the scan is linear (no ReDoS on hostile text).
 */
const WAIT = /\b(?:in|wait|for|after)[ \t]{1,3}(\d{1,12})[ \t]{0,3}(seconds|second|secs|sec|s|minutes|minute|mins|min|hours|hour|h)\b/;

/**
 * What a paused server's time left reads as while it is blocked for good: far past any --max-retry-wait
 * (at most 86,400 s), finite so every timer and the Redis scripts can carry it. Only a stand-in for "the
 * rest of the run": whether a server is blocked for good is always a flag (HopOutcome's `permanent`, the
 * queue's `blockedForGood`, the Redis limiter's block set), never this number, so a server asking for
 * a Retry-After of exactly a year (31,536,000 s) is paused for that year, not taken for a block.
 */
export const PERMANENT_BLOCK_MS = 365 * 86_400_000;

/**
 * Refusals that say the block is for good, one row per registry's wording (plain substrings, lower case).
 * - RIPE NCC, RIPE Database Query Reference Manual, "Limits on querying" (docs.db.ripe.net): an address
 *   blocked too often for excessive querying of personal data is denied permanently; the answer is
 *   "%ERROR:201: access denied for <address>" followed by "% Sorry, access from your host has been
 *   permanently % denied because of a repeated excessive querying." (the "%" starts a new line).
 * - OpenSRS/Tucows (support.opensrs.com, "WHOIS rate limiting", article 201000063438): an IP range it found abusing the
 *   server gets "WHOIS lookup refused for this IP range. This IP range is on the OpenSRS block-list for WHOIS lookups.",
 *   lifted only when its owner writes to them; its daily limit ("Maximum daily connection limit reached. Lookup
 *   refused.") is a plain refusal, asked again by the next run.
 */
const PERMANENT_PHRASES: readonly string[] = ["has been permanently", "permanently denied", "denied permanently", "permanently blocked", "blocked permanently", "block-list for whois lookups"];

/** What a refusal's text says about waiting: the wait it names (ms, undefined when none) and whether the block is for good. Only the first 4 KiB are read. */
export function readThrottleText(text: string): { waitMs?: number; permanent: boolean } {
  const head = text.slice(0, 4096).toLowerCase();
  if (PERMANENT_PHRASES.some((phrase) => head.includes(phrase))) return { permanent: true };
  const match = WAIT.exec(head);
  const unit = match ? UNIT_MS[match[2] as string] : undefined;
  return match && unit !== undefined ? { waitMs: Number(match[1]) * unit, permanent: false } : { permanent: false };
}

/** The wait a throttle text names, in ms (undefined when it names none or says the block is for good: see readThrottleText). */
export function waitFromThrottleText(text: string): number | undefined {
  return readThrottleText(text).waitMs;
}

/** Why a paused server's query was not asked, for its failure record: `pausedMs` is what is left of the pause; `permanent`: blocked for good. */
export function pauseReason(server: string, pausedMs: number, permanent = false): string {
  if (permanent) return `${server} refused us permanently (its answer says the block is for good); not asked again in this run`;
  return `${server} is paused for ${Math.ceil(pausedMs / 1000)} s more (it asked for a wait past --max-retry-wait, or kept refusing); not asked (retry later)`;
}
