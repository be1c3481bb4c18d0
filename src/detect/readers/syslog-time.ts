/**
 * The stamp a syslog header starts with, on its own so that fields.ts (the readers' helpers) and firewall.ts
 * (which uses those helpers) both take it from here instead of importing each other.
 */
import { parseIsoMs } from "./common.js";

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** "Nov 25 05:44:51" (no year: the latest year that is not in the future) or an RFC 3339 stamp; NaN otherwise. */
export function parseSyslogTime(line: string, now = Date.now()): { ts: number; rest: number; zoned?: boolean } {
  const name = line.slice(0, 3);
  const month = Object.hasOwn(MONTHS, name) ? MONTHS[name] : undefined;
  if (month !== undefined && line[3] === " ") {
    const day = Number(line.slice(4, 6).trim());
    const [h, m, s] = line.slice(7, 15).split(":").map(Number);
    if (!Number.isInteger(day) || h === undefined || m === undefined || s === undefined || !(h >= 0 && m >= 0 && s >= 0)) {
      return { ts: Number.NaN, rest: 0 };
    }
    const year = new Date(now).getUTCFullYear();
    let ts = Date.UTC(year, month, day, h, m, s);
    if (ts > now + 2 * 86_400_000) ts = Date.UTC(year - 1, month, day, h, m, s);
    return { ts, rest: 16 };
  }
  // A relay's own stamp with a space for the `T` ("2026-12-06 14:00:00", syslog-ng's and Kiwi Syslog's
  // file headers; Kiwi separates its columns with tabs): the stamp ends at the first blank after the clock.
  const spaced = line[4] === "-" && line[10] === " " && line[13] === ":";
  let sp = spaced ? 19 : line.indexOf(" ");
  if (spaced) while (sp < line.length && sp < 48 && line[sp] !== " " && line[sp] !== "\t") sp++;
  else {
    const tab = line.indexOf("\t");
    if (tab > 0 && (sp < 0 || tab < sp)) sp = tab;
  }
  const stamp = sp > 0 ? line.slice(0, sp) : "";
  // `zoned`: the stamp states its offset (`Z`, `+01:00`); a BSD or zone-less stamp is the writer's local time.
  return { ts: sp > 0 ? parseIsoMs(stamp) : Number.NaN, rest: sp + 1, zoned: /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(stamp) };
}
