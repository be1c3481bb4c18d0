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
 * A permanent block is read as a wait of a year: far past any --max-retry-wait (at most 86,400 s), so
 * the scheduler pauses the server for the rest of the run and reports its queries throttled, without
 * asking it again. Finite, so every scheduler (the Redis one included) can carry it as a number.
 */
export const PERMANENT_BLOCK_MS = 365 * 86_400_000;

/**
 * Refusals that say the block is for good, one row per registry's wording (plain substrings, lower case).
 * - RIPE NCC, RIPE Database Query Reference Manual, "Limits on querying" (docs.db.ripe.net): an address
 *   blocked too often for excessive querying of personal data is denied permanently; the answer is
 *   "%ERROR:201: access denied for <address>" followed by "% Sorry, access from your host has been
 *   permanently % denied because of a repeated excessive querying." (the "%" starts a new line).
 */
const PERMANENT_PHRASES: readonly string[] = ["has been permanently", "permanently denied", "denied permanently", "permanently blocked", "blocked permanently"];

/** The wait a throttle text names, in ms (undefined when it names none; PERMANENT_BLOCK_MS for a block for good). Only the first 4 KiB are read. */
export function waitFromThrottleText(text: string): number | undefined {
  const head = text.slice(0, 4096).toLowerCase();
  if (PERMANENT_PHRASES.some((phrase) => head.includes(phrase))) return PERMANENT_BLOCK_MS;
  const match = WAIT.exec(head);
  if (!match) return undefined;
  const unit = UNIT_MS[match[2] as string];
  return unit === undefined ? undefined : Number(match[1]) * unit;
}

/**
 * Whether a wait the scheduler was asked for, or a pause's time left it reports, is a block for good: exactly
 * PERMANENT_BLOCK_MS (a server's own Retry-After of years is a long wait, not this sentinel; a year to the
 * second is treated alike, which changes nothing for a run).
 */
export function isPermanentBlock(waitMs: number | undefined): boolean {
  return waitMs === PERMANENT_BLOCK_MS;
}

/** Why a paused server's query was not asked, for its failure record: `pausedMs` is what is left of the pause (PERMANENT_BLOCK_MS: for good). */
export function pauseReason(server: string, pausedMs: number): string {
  if (isPermanentBlock(pausedMs)) return `${server} refused us permanently (its answer says the block is for good); not asked again in this run`;
  return `${server} is paused for ${Math.ceil(pausedMs / 1000)} s more (it asked for a wait past --max-retry-wait, or kept refusing); not asked (retry later)`;
}
