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

/** The wait a throttle text names, in ms (undefined when it names none). Only the first 4 KiB are read. */
export function waitFromThrottleText(text: string): number | undefined {
  const match = WAIT.exec(text.slice(0, 4096).toLowerCase());
  if (!match) return undefined;
  const unit = UNIT_MS[match[2] as string];
  return unit === undefined ? undefined : Number(match[1]) * unit;
}
