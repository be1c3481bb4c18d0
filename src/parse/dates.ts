/**
 * Dates as registries write them, into ISO 8601 UTC ("…Z"). Times without a zone
 * are taken as UTC (the registry's wall clock); a date alone becomes T00:00:00Z.
 * Each format is a row: a pattern with named groups and the order of its parts.
 */
import { ownValue } from "../util/own.js";

/** Zone abbreviations seen in WHOIS answers, as offsets in minutes. */
const ZONES: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, Z: 0, UT: 0, WET: 0, BST: 60, IST: 330, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180,
  MSK: 180, MSD: 240, EAT: 180, WAT: 60, CAT: 120, SAST: 120, JST: 540, KST: 540, HKT: 480, SGT: 480, AWST: 480,
  ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420,
  MDT: -360, PST: -480, PDT: -420, AKST: -540, HST: -600, CLT: -240, CLST: -180, ART: -180, BRT: -180, BRST: -120,
  PET: -300, COT: -300, VET: -240, ICT: 420, WIB: 420, MYT: 480, PHT: 480, TRT: 180, IRST: 210, GST: 240, PKT: 300,
};

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  // French, Spanish, Portuguese, Italian, German, Dutch abbreviations that differ from English
  janv: 1, févr: 2, fevr: 2, mars: 3, avr: 4, mai: 5, juin: 6, juil: 7, août: 8, aout: 8, déc: 12,
  ene: 1, abr: 4, ago: 8, dic: 12, fev: 2, set: 9, out: 10, dez: 12, gen: 1, mag: 5, giu: 6, lug: 7, ott: 10,
  mär: 3, okt: 10, mrt: 3, maart: 3,
};

type Order = "ymd" | "dmy" | "mdy" | "ydm";

interface DateFormat {
  pattern: RegExp;
  order: Order;
  /** Where the month is a name rather than a number. */
  monthName?: boolean;
  example: string;
}

// Time part shared by the formats: hh:mm[:ss[.fff]] with optional offset or zone name.
const TIME = String.raw`(?:[T\s]+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?)?\s*(?<ampm>[AaPp][Mm])?)?`;
const ZONE = String.raw`\s*(?:(?<off>[+-]\d{2}:?\d{2}|[+-]\d{2}(?!\d))|\(?(?<zone>[A-Za-z]{1,5})\)?)?`;

export const DATE_FORMATS: readonly DateFormat[] = [
  { pattern: new RegExp(String.raw`^(?<a>\d{4})-(?<b>\d{1,2})-(?<c>\d{1,2})${TIME}${ZONE}$`), order: "ymd", example: "2001-01-01 00:00:00 CLST" },
  { pattern: new RegExp(String.raw`^(?<a>\d{4})[./](?<b>\d{1,2})[./](?<c>\d{1,2})${TIME}${ZONE}$`), order: "ymd", example: "1995.08.14, 2005/05/30 01:05:07 (JST)" },
  { pattern: new RegExp(String.raw`^(?<a>\d{4})(?<b>\d{2})(?<c>\d{2})(?:\s*(?<h>\d{2}):?(?<mi>\d{2}):?(?<s>\d{2}))?${ZONE}$`), order: "ymd", example: "20010101" },
  { pattern: new RegExp(String.raw`^(?<a>\d{1,2})[./-](?<b>\d{1,2})[./-](?<c>\d{4})${TIME}${ZONE}$`), order: "dmy", example: "14.08.1995, 30/05/2005" },
  { pattern: new RegExp(String.raw`^(?<a>\d{1,2})(?:st|nd|rd|th)?[-\s./]+(?<b>[A-Za-zéû]{3,9})\.?[-\s./,]+(?<c>\d{4})${TIME}${ZONE}$`), order: "dmy", monthName: true, example: "14-Aug-1995, 1 January 2001, 28th April 2014" },
  { pattern: new RegExp(String.raw`^(?:[A-Za-z]{3,9},?\s+)?(?<b>[A-Za-z]{3,9})\.?\s+(?<a>\d{1,2}),?${TIME}${ZONE}\s*,?\s+(?<c>\d{4})$`), order: "mdy", monthName: true, example: "Mon Jan 1 00:00:00 UTC 2001" },
  { pattern: new RegExp(String.raw`^(?:[A-Za-z]{3,9},?\s+)?(?<b>[A-Za-z]{3,9})\.?\s+(?<a>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<c>\d{4})${TIME}${ZONE}$`), order: "mdy", monthName: true, example: "Mon Jan 1 2001, January 1, 2001" },
  { pattern: new RegExp(String.raw`^(?<c>\d{4})-(?<b>[A-Za-z]{3})-(?<a>\d{1,2})${TIME}${ZONE}$`), order: "dmy", monthName: true, example: "2001-Jan-01" },
  { pattern: new RegExp(String.raw`^(?<a>\d{1,2})-(?<b>[A-Za-z]{3})-(?<c>\d{2})$`), order: "dmy", monthName: true, example: "14-Aug-95" },
];

const MAX_DATE_LENGTH = 64;

/**
 * Parses a registry date; undefined when it is not one (never throws). The commonest shapes
 * ("2001-02-03T04:05:06Z", "30/05/2005", "14-Aug-1995", "20010101") are read without patterns first.
 */
export function parseDate(input: string, monthFirst = false): string | undefined {
  // ">>> Last update of WHOIS database: 2014-12-29T19:01:25Z <<<": the closing marks are not the date's.
  const unmarked = input.endsWith("<<<") ? input.slice(0, -3).trimEnd() : input;
  const plain = plainIso(unmarked) ?? plainNumericDate(unmarked, monthFirst) ?? plainMonthName(unmarked) ?? plainCompact(unmarked) ?? plainYearFirst(unmarked);
  if (plain !== undefined) return plain;
  const value = unmarked
    .trim()
    .replace(/\s+/g, " ")
    .replace(/^(?:before|after|on)\s+/i, "")
    .replace(/\.$/, "")
    .replace(/\s*\((?:[A-Za-z ]*time|yyyy[^)]*)\)$/i, "");
  // Every format has digits: anything without one is not a date, and costs no pattern tries.
  if (value === "" || value.length > MAX_DATE_LENGTH || !/\d/.test(value)) return undefined;
  // TWNIC "2021-11-09 00:00:00 (UTC+8)": a UTC-relative zone becomes a numeric offset.
  const utcRelative = /^(.*[^\s(])\s*\(?(?:UTC|GMT)([+-])(\d{1,2})(?::?(\d{2}))?\)?$/i.exec(value);
  if (utcRelative) {
    const [, head, sign, hours, minutes] = utcRelative as unknown as [string, string, string, string, string | undefined];
    return matchFormats(`${head} ${sign}${hours.padStart(2, "0")}:${minutes ?? "00"}`, monthFirst);
  }
  // KISA "2007. 03. 02.": dotted dates with a space after each dot.
  const spacedDots = /^(\d{4})\. (\d{1,2})\. (\d{1,2})\.?(.*)$/.exec(value);
  if (spacedDots) return matchFormats(`${spacedDots[1]}.${spacedDots[2]}.${spacedDots[3]}${spacedDots[4]}`, monthFirst);
  // Nominet "before Aug-1996": a month only, read as its first day.
  const monthOnly = /^([A-Za-z]{3,9})[- ](\d{4})$/.exec(value);
  if (monthOnly) return matchFormats(`1-${monthOnly[1]}-${monthOnly[2]}`, monthFirst);
  const whole = matchFormats(value, monthFirst);
  if (whole !== undefined) return whole;
  // "3 de febrero de 2001", "3 lutego 2001", "3 февраля 2001 г.", "2001年2月3日", "2001년 2월 3일": a month word of the
  // registry's language, or CJK year/month/day marks, rewritten as a numeric date (issue #13).
  const localized = localizedDate(value);
  if (localized !== undefined) return matchFormats(localized, monthFirst);
  // "20/03/2015 nic@nic.fr", "hostmaster@ripe.net 20020101": a date beside other words.
  const tokens = value.split(" ");
  if (tokens.length < 2) return undefined;
  for (let count = Math.min(tokens.length - 1, 4); count >= 1; count -= 1) {
    const head = matchFormats(tokens.slice(0, count).join(" "), monthFirst);
    if (head !== undefined) return head;
    const tail = matchFormats(tokens.slice(-count).join(" "), monthFirst);
    if (tail !== undefined) return tail;
  }
  return undefined;
}

/**
 * Month words in the registries' languages, full and (where the language declines them) in the genitive a date uses:
 * es, pt, fr, de, it, nl, sv/no/da, pl, cs, tr, ru, uk, fi. English and the abbreviations are in MONTHS.
 */
const MONTH_WORDS: ReadonlyMap<string, number> = new Map(
  (
    [
      ["enero", "janeiro", "janvier", "januar", "jänner", "gennaio", "januari", "stycznia", "styczeń", "ledna", "ocak", "января", "січня", "tammikuuta"],
      ["febrero", "fevereiro", "février", "fevrier", "februar", "febbraio", "februari", "lutego", "luty", "února", "şubat", "февраля", "лютого", "helmikuuta"],
      ["marzo", "março", "marco", "mars", "märz", "maerz", "maart", "marts", "marca", "marzec", "března", "mart", "марта", "березня", "maaliskuuta"],
      ["abril", "avril", "april", "aprile", "kwietnia", "kwiecień", "dubna", "nisan", "апреля", "квітня", "huhtikuuta"],
      ["mayo", "maio", "mai", "maggio", "mei", "maj", "maja", "května", "mayıs", "мая", "травня", "toukokuuta"],
      ["junio", "junho", "juin", "juni", "giugno", "czerwca", "czerwiec", "června", "haziran", "июня", "червня", "kesäkuuta"],
      ["julio", "julho", "juillet", "juli", "luglio", "lipca", "lipiec", "července", "temmuz", "июля", "липня", "heinäkuuta"],
      ["agosto", "août", "aout", "august", "augustus", "augusti", "sierpnia", "sierpień", "srpna", "ağustos", "августа", "серпня", "elokuuta"],
      ["septiembre", "setiembre", "setembro", "septembre", "september", "settembre", "września", "wrzesień", "září", "eylül", "сентября", "вересня", "syyskuuta"],
      ["octubre", "outubro", "octobre", "oktober", "ottobre", "października", "październik", "října", "ekim", "октября", "жовтня", "lokakuuta"],
      ["noviembre", "novembro", "novembre", "november", "listopada", "listopad", "listopadu", "kasım", "ноября", "листопада", "marraskuuta"],
      ["diciembre", "dezembro", "décembre", "decembre", "dezember", "dicembre", "december", "desember", "grudnia", "grudzień", "prosince", "aralık", "декабря", "грудня", "joulukuuta"],
    ] as const
  ).flatMap((words, index) => words.map((word) => [word, index + 1] as [string, number])),
);

/** "3 de febrero de 2001 10:00" → "3.2.2001 10:00"; "2001年2月3日" → "2001-2-3"; undefined when the value is neither. */
function localizedDate(value: string): string | undefined {
  const cjk = /^(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]?(.*)$/.exec(value);
  if (cjk) return `${cjk[1]}-${cjk[2]}-${cjk[3]}${cjk[4] ?? ""}`;
  const named = /^(\d{1,2})\.? (?:de )?([^\s\d.]{3,12})\.? (?:de )?(\d{4})(?: г\.?| r\.?)?(.*)$/u.exec(value);
  if (!named) return undefined;
  const month = MONTH_WORDS.get((named[2] ?? "").toLowerCase());
  return month === undefined ? undefined : `${named[1]}.${month}.${named[3]}${named[4] ?? ""}`;
}

const YEAR_10000 = Date.UTC(10000, 0, 1);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index += 1) {
    const code = text.charCodeAt(index) - 0x30;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/**
 * The most common shapes, read without a pattern: "2001-02-03", "2001-02-03 04:05:06",
 * "2001-02-03T04:05:06Z", "2001-02-03T04:05:06.789Z" (zone-less times are UTC). Anything else: undefined.
 */
function plainIso(text: string): string | undefined {
  const length = text.length;
  if (length < 10 || length > 32 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  // An exact ISO date may lie far ahead ("2999-12-31", a registry's "never expires").
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] as number)) return undefined;
  if (month === 2 && day === 29 && (year % 4 !== 0 || (year % 100 === 0 && year % 400 !== 0))) return undefined;
  const date = text.slice(0, 10);
  if (length === 10) return `${date}T00:00:00Z`;
  const separator = text.charCodeAt(10);
  if ((separator !== 0x54 && separator !== 0x20) || length < 19 || text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) return undefined;
  const hours = digitsAt(text, 11, 2);
  const minutes = digitsAt(text, 14, 2);
  const seconds = digitsAt(text, 17, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return undefined;
  let end = 19;
  // (Reads past the end are guarded throughout: an out-of-range charCodeAt deoptimizes V8's optimized code, issue #13.)
  if (end < length && text.charCodeAt(end) === 0x2e) {
    end += 1;
    while (end < length && text.charCodeAt(end) >= 0x30 && text.charCodeAt(end) <= 0x39) end += 1;
  }
  if (end === length || (end === length - 1 && text.charCodeAt(end) === 0x5a)) return `${date}T${text.slice(11, 19)}Z`;
  // "+02:00", "-0500", " +08:00", "+09": a numeric offset.
  if (text.charCodeAt(end) === 0x20) end += 1;
  const sign = text.charCodeAt(end);
  if (sign !== 0x2b && sign !== 0x2d) return undefined;
  const rest = length - end - 1;
  const offsetHours = rest >= 2 ? digitsAt(text, end + 1, 2) : -1;
  let offsetMinutes = 0;
  if (rest === 5 && text.charCodeAt(end + 3) === 0x3a) offsetMinutes = digitsAt(text, end + 4, 2);
  else if (rest === 4) offsetMinutes = digitsAt(text, end + 3, 2);
  else if (rest !== 2) return undefined;
  if (offsetHours < 0 || offsetHours > 14 || offsetMinutes < 0 || offsetMinutes > 59) return undefined;
  const offset = (sign === 0x2d ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  if (offset === 0) return `${date}T${text.slice(11, 19)}Z`;
  const millis = Date.UTC(year, month - 1, day, hours, minutes, seconds) - offset * 60_000;
  if (millis >= YEAR_10000) return undefined;
  return `${new Date(millis).toISOString().slice(0, 19)}Z`;
}

/** " 04:05:06" after a date (zone-less, so UTC): "T04:05:06", or undefined when the rest is anything else. */
function plainTime(text: string, start: number): string | undefined {
  if (text.length === start) return "T00:00:00";
  if (text.length !== start + 9 || text.charCodeAt(start) !== 0x20 || text.charCodeAt(start + 3) !== 0x3a || text.charCodeAt(start + 6) !== 0x3a) return undefined;
  const hours = digitsAt(text, start + 1, 2);
  const minutes = digitsAt(text, start + 4, 2);
  const seconds = digitsAt(text, start + 7, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return undefined;
  return `T${text.slice(start + 1, start + 9)}`;
}

/**
 * The latest year a date is read with. A year written first, in four digits, cannot be a misread day or month, so it may
 * lie as far ahead as an exact ISO date ("2999-12-31", .za's "never expires", in whichever layout: w23 metamorphic
 * tests); a year written last stays within a plausible range.
 */
const LATEST_YEAR_FIRST = 9999;
const LATEST_YEAR_LAST = 2200;

function validDay(year: number, month: number, day: number, latest = LATEST_YEAR_LAST): boolean {
  if (year < 1970 || year > latest || month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] as number)) return false;
  return !(month === 2 && day === 29 && (year % 4 !== 0 || (year % 100 === 0 && year % 400 !== 0)));
}

const pad2 = (value: number): string => (value < 10 ? `0${value}` : String(value));

/** "14-Aug-1995", "14-aug-1995 04:05:06": day, English month abbreviation, year. */
function plainMonthName(text: string): string | undefined {
  // (Shorter than the day, month and year need: no date, and no read past the end; see plainIso.)
  if (text.length < 10) return undefined;
  const dash = text.charCodeAt(1) === 0x2d ? 1 : text.charCodeAt(2) === 0x2d ? 2 : -1;
  if (dash === -1 || text.length < dash + 9 || text.charCodeAt(dash + 4) !== 0x2d) return undefined;
  const day = digitsAt(text, 0, dash);
  const month = ownValue(MONTHS, text.slice(dash + 1, dash + 4).toLowerCase());
  const year = digitsAt(text, dash + 5, 4);
  if (month === undefined || !validDay(year, month, day)) return undefined;
  const time = plainTime(text, dash + 9);
  return time === undefined ? undefined : `${year}-${pad2(month)}-${pad2(day)}${time}Z`;
}

/** "20010101", "20010101 04:05:06". */
function plainCompact(text: string): string | undefined {
  if (text.length < 8) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 4, 2);
  const day = digitsAt(text, 6, 2);
  if (!validDay(year, month, day)) return undefined;
  const time = plainTime(text, 8);
  return time === undefined ? undefined : `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}${time}Z`;
}

/** "30/05/2005", "30.05.2005", "30-05-2005" (and " 04:05:06" after it): day first (month first when the server's profile says so). */
function plainNumericDate(text: string, monthFirst: boolean): string | undefined {
  if (text.length !== 10 && text.length !== 19) return undefined;
  const separator = text.charCodeAt(2);
  if ((separator !== 0x2f && separator !== 0x2e && separator !== 0x2d) || text.charCodeAt(5) !== separator) return undefined;
  const first = digitsAt(text, 0, 2);
  const second = digitsAt(text, 3, 2);
  const year = digitsAt(text, 6, 4);
  const day = monthFirst ? second : first;
  const month = monthFirst ? first : second;
  if (!validDay(year, month, day)) return undefined;
  const time = plainTime(text, 10);
  return time === undefined ? undefined : `${text.slice(6, 10)}-${pad2(month)}-${pad2(day)}${time}Z`;
}

/** "2005/05/30", "1995.08.14", "2005/05/30 01:05:07" (JPRS, KISA, CNNIC): year first, one separator, zone-less (so UTC). */
function plainYearFirst(text: string): string | undefined {
  if (text.length !== 10 && text.length !== 19) return undefined;
  const separator = text.charCodeAt(4);
  if ((separator !== 0x2f && separator !== 0x2e) || text.charCodeAt(7) !== separator) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (!validDay(year, month, day, LATEST_YEAR_FIRST)) return undefined;
  const time = plainTime(text, 10);
  return time === undefined ? undefined : `${text.slice(0, 4)}-${text.slice(5, 7)}-${text.slice(8, 10)}${time}Z`;
}

function matchFormats(value: string, monthFirst = false): string | undefined {
  const startsWithDigit = value.charCodeAt(0) >= 0x30 && value.charCodeAt(0) <= 0x39;
  for (const format of DATE_FORMATS) {
    // Month-name-first formats are the only ones that start with a letter.
    if (startsWithDigit === (format.order === "mdy")) continue;
    const match = format.pattern.exec(value);
    if (!match?.groups) continue;
    const result = build(match.groups, format, monthFirst);
    if (result !== undefined) return result;
  }
  return undefined;
}

function build(groups: Record<string, string | undefined>, format: DateFormat, monthFirst: boolean): string | undefined {
  const a = groups.a ?? "";
  const b = groups.b ?? "";
  const c = groups.c ?? "";
  let year: number;
  let month: number;
  let day: number;
  if (format.monthName) {
    month = ownValue(MONTHS, b.toLowerCase().slice(0, b.length > 4 ? 3 : b.length)) ?? ownValue(MONTHS, b.toLowerCase()) ?? ownValue(MONTHS, b.toLowerCase().slice(0, 3)) ?? 0;
    day = Number(a);
    year = Number(c);
    if (c.length === 2) year += year < 70 ? 2000 : 1900;
  } else if (format.order === "ymd") {
    [year, month, day] = [Number(a), Number(b), Number(c)];
  } else if (monthFirst) {
    // Registries that write US dates ("03/28/2013"; a server profile says so).
    [month, day, year] = [Number(a), Number(b), Number(c)];
  } else {
    [day, month, year] = [Number(a), Number(b), Number(c)];
  }
  if (!(year >= 1970 && year <= (format.order === "ymd" ? LATEST_YEAR_FIRST : LATEST_YEAR_LAST) && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  let hours = Number(groups.h ?? 0);
  const minutes = Number(groups.mi ?? 0);
  const seconds = Number(groups.s ?? 0);
  const ampm = groups.ampm?.toLowerCase();
  if (ampm === "pm" && hours < 12) hours += 12;
  if (ampm === "am" && hours === 12) hours = 0;
  if (hours > 24 || minutes > 59 || seconds > 60) return undefined;
  let offsetMinutes = 0;
  if (groups.off) {
    const sign = groups.off.startsWith("-") ? -1 : 1;
    const digits = groups.off.replace(/[^0-9]/g, "").padEnd(4, "0");
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  } else if (groups.zone) {
    const zone = ownValue(ZONES, groups.zone.toUpperCase());
    if (zone === undefined && !/^[A-Z]$/i.test(groups.zone)) return undefined;
    offsetMinutes = zone ?? 0;
  }
  const millis = Date.UTC(year, month - 1, day, hours, minutes, seconds) - offsetMinutes * 60_000;
  // (A year-first date may lie up to 9999: its offset may not carry it past the last year an ISO string can hold.)
  if (millis >= YEAR_10000) return undefined;
  const date = new Date(millis);
  if (Number.isNaN(millis) || date.getUTCDate() !== day && offsetMinutes === 0 && hours < 24) return undefined;
  // Output is second precision: registries' fractions are storage noise, and one shape is easier to compare.
  return `${date.toISOString().slice(0, 19)}Z`;
}
