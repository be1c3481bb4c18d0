/**
 * `--tz`: the time zone of logs that write local wall-clock times without an offset (`ausearch -i`, NXLog's
 * EventTime, pfirewall.log, PAN-OS, the Windows DNS debug log). A fixed offset (`+01:00`, `-0500`, `UTC`) or an
 * IANA zone name (`Europe/Paris`, daylight saving time included, through Intl: no zone table of our own).
 * Without it those times are read as UTC, as before.
 */
import { InvalidOptionError } from "../../errors.js";

/** Wall-clock ms (the local date and time written as if UTC) → the real UTC ms. */
export type LocalClock = (wallMs: number) => number;

export const UTC_CLOCK: LocalClock = (wallMs) => wallMs;

const FIXED = /^([+-])(\d{2}):?(\d{2})$/;

/** The zone's offset from UTC at `utcMs`, in ms, read from Intl's rendering of that instant. */
function offsetAt(format: Intl.DateTimeFormat, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(utcMs))) if (p.type !== "literal" && p.type !== "era") parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, (parts.hour ?? 0) % 24, parts.minute ?? 0, parts.second ?? 0);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** The LocalClock of `tz`; InvalidOptionError (WL_ERR_INVALID_OPTION) for a zone Intl does not know. */
export function localClock(tz: string | undefined): LocalClock {
  if (tz === undefined || tz === "" || /^(?:utc|z|gmt)$/i.test(tz)) return UTC_CLOCK;
  const fixed = FIXED.exec(tz);
  if (fixed !== null) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3]);
    if (Number(fixed[2]) > 14 || Number(fixed[3]) > 59) throw new InvalidOptionError(`invalid --tz "${tz.slice(0, 40)}": an offset is at most ±14:00`);
    const offset = (fixed[1] === "-" ? -1 : 1) * minutes * 60_000;
    return (wallMs) => wallMs - offset;
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  } catch {
    throw new InvalidOptionError(`invalid --tz "${tz.slice(0, 40)}": expected an IANA time zone (Europe/Paris) or an offset (+01:00)`);
  }
  // Offsets change on quarter hours at most: one Intl call per quarter hour of log time (bounded cache).
  const cache = new Map<number, number>();
  const offset = (utcMs: number): number => {
    const key = Math.floor(utcMs / 900_000);
    let o = cache.get(key);
    if (o === undefined) {
      o = offsetAt(format, key * 900_000);
      if (cache.size >= 4096) cache.clear();
      cache.set(key, o);
    }
    return o;
  };
  return (wallMs) => {
    if (!Number.isFinite(wallMs)) return wallMs;
    const guess = wallMs - offset(wallMs);
    return wallMs - offset(guess); // the offset in force at that instant (right across a DST change but for the repeated hour)
  };
}
