/**
 * Character-level tests for the WHOIS parser, each exactly equal to the pattern named in its comment
 * (property-tested against it); util/chars.ts says why they replace patterns on the hot path.
 */
import { isAsciiLetter, isDigit, isTrimmedAway } from "../../util/chars.js";

export { firstWhitespace, isAllDigits, isAsciiLetter, isDigit, isTrimmedAway } from "../../util/chars.js";

/** [A-Za-z0-9_-] */
function isWordOrHyphen(code: number): boolean {
  return isAsciiLetter(code) || isDigit(code) || code === 0x5f || code === 0x2d;
}

/** The first index in [from, end) that String.prototype.trim would not strip, or `end`. */
export function skipWhitespace(text: string, from: number, end = text.length): number {
  let index = from;
  while (index < end && isTrimmedAway(text.charCodeAt(index))) index += 1;
  return index;
}

/**
 * Whether some " on " before `before` is followed by a digit or a weekday's capital (M, T, W, F, S): the
 * only places where the tokenizer's " on <date>" pattern (/ on (\d…|(?:Mon|Tue|…)…)/) can match. When
 * there is none, every match of that pattern starts at `before` or later; the tokenizer skips running it.
 * (Searching for "on " and looking one back is about twice as fast in prose as searching for " on ":
 * spaces are far commoner than o.)
 */
export function hasWordOnBeforeDateStart(line: string, before = line.length): boolean {
  for (let at = line.indexOf("on "); at !== -1 && at - 1 < before; at = line.indexOf("on ", at + 3)) {
    if (at === 0 || line.charCodeAt(at - 1) !== 0x20 || at + 3 >= line.length) continue;
    const next = line.charCodeAt(at + 3);
    if (isDigit(next) || next === 0x4d || next === 0x54 || next === 0x57 || next === 0x46 || next === 0x53) return true;
  }
  return false;
}

/** [A-Za-z0-9'()/&_-]: a character of a label written without a colon (spaces apart; no dot: a host name, a sentence's end). */
function isColumnLabelChar(code: number): boolean {
  return isWordOrHyphen(code) || code === 0x27 || code === 0x28 || code === 0x29 || code === 0x2f || code === 0x26;
}

/**
 * /^[A-Za-z](?:[A-Za-z0-9'()\/&_-]| (?! ))*(?=  )/ within the first `limit` characters: where the first run of two
 * spaces after a label-like start begins ("Registrar URL   http://…" → 13), else -1. Stops at the first character no
 * label holds (a colon, a comma, a tab), so prose costs a few characters.
 */
export function columnLabelEnd(line: string, limit: number): number {
  // (The length first: a read past the end gives NaN, and optimized code deoptimizes on it, issue #13.)
  if (line.length < 4 || !isAsciiLetter(line.charCodeAt(0))) return -1;
  const end = Math.min(line.length - 1, limit);
  for (let index = 1; index < end; index += 1) {
    const code = line.charCodeAt(index);
    if (code === 0x20) {
      if (line.charCodeAt(index + 1) === 0x20) return index;
    } else if (!isColumnLabelChar(code)) return -1;
  }
  return -1;
}

/** /^[A-Za-z][\w-]*[A-Za-z]\s{2,}/: the only lines the "Label    value" pattern can match. */
export function wordThenGap(line: string): boolean {
  if (!isAsciiLetter(line.charCodeAt(0))) return false;
  let end = 1;
  while (end < line.length && isWordOrHyphen(line.charCodeAt(end))) end += 1;
  // (Both gap characters inside the line: a read past its end gives NaN, and optimized code deoptimizes on it, issue #13.)
  return end >= 2 && end + 1 < line.length && isAsciiLetter(line.charCodeAt(end - 1)) && isTrimmedAway(line.charCodeAt(end)) && isTrimmedAway(line.charCodeAt(end + 1));
}

/**
 * key.replace(/\.{2,}\s*$/, "").replace(/\s*\.+$/, ""): leader dots ("created.....", "Expires on...... ") and
 * a last dot with the spaces before it cut off a label's end.
 */
export function withoutLeaderDots(key: string): string {
  let end = key.length;
  let dots = end;
  while (dots > 0 && isTrimmedAway(key.charCodeAt(dots - 1))) dots -= 1;
  const spaces = dots;
  while (dots > 0 && key.charCodeAt(dots - 1) === 0x2e) dots -= 1;
  if (spaces - dots >= 2) end = dots;
  if (end > 0 && key.charCodeAt(end - 1) === 0x2e) {
    while (end > 0 && key.charCodeAt(end - 1) === 0x2e) end -= 1;
    while (end > 0 && isTrimmedAway(key.charCodeAt(end - 1))) end -= 1;
  }
  return end === key.length ? key : key.slice(0, end);
}

/** [0-9A-Fa-f] */
function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46);
}

/**
 * "ns2.example.net   2001:db8::1", "ns1.example.eu (2001:db8::53)", "NS1.EXAMPLE.EDU  192.0.2.1, 2001:db8::53",
 * "scsnms.switch.ch    [2001:620:0:ff::a7]" (SWITCH): a host name (a dot in its first word), then, after whitespace,
 * "(", "[" or ",", an IPv6 address whose first colon is `colon`:
 * 1 to 4 hex digits before it, and a colon, or a hex digit with another colon later, right after it.
 */
export function isHostThenIpv6(line: string, colon: number): boolean {
  // (-1 past the end: a read past it gives NaN, and optimized code deoptimizes on it.)
  const next = colon + 1 < line.length ? line.charCodeAt(colon + 1) : -1;
  if (next !== 0x3a && !(isHexDigit(next) && line.indexOf(":", colon + 2) !== -1)) return false;
  let start = colon;
  while (start > 0 && colon - start <= 4 && isHexDigit(line.charCodeAt(start - 1))) start -= 1;
  if (start === colon || start === 0 || colon - start > 4) return false;
  const before = line.charCodeAt(start - 1);
  if (!isTrimmedAway(before) && before !== 0x28 && before !== 0x5b && before !== 0x2c) return false;
  for (let index = 0; index < start; index += 1) {
    const code = line.charCodeAt(index);
    if (code === 0x2e) return index > 0;
    if (isTrimmedAway(code) || code === 0x28 || code === 0x5b) return false;
  }
  return false;
}

/** /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/: dot-separated ASCII labels, at least two. */
export function isPlainAsciiName(text: string): boolean {
  let labelLength = 0;
  let dots = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x2e) {
      if (labelLength === 0) return false;
      dots += 1;
      labelLength = 0;
    } else if (isWordOrHyphen(code)) {
      labelLength += 1;
    } else {
      return false;
    }
  }
  return dots > 0 && labelLength > 0;
}

/** /^[a-z0-9.-]+(:\d+)?$/: a lower-case host name or address, maybe with a port. */
export function isHostAndPort(text: string): boolean {
  let index = 0;
  while (index < text.length && isLowerHostChar(text.charCodeAt(index))) index += 1;
  if (index === 0) return false;
  if (index === text.length) return true;
  if (text.charCodeAt(index) !== 0x3a) return false;
  const digits = index + 1;
  index = digits;
  while (index < text.length && isDigit(text.charCodeAt(index))) index += 1;
  return index === text.length && index > digits;
}

function isLowerHostChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || isDigit(code) || code === 0x2e || code === 0x2d;
}

/** /^https?:\/\//i */
export function startsWithHttpScheme(text: string): boolean {
  return startsWithIgnoringCase(text, "http://", 0) || startsWithIgnoringCase(text, "https://", 0);
}

/** text.startsWith(lowerPrefix, at), ASCII letters in either case. */
export function startsWithIgnoringCase(text: string, lowerPrefix: string, at: number): boolean {
  if (text.length - at < lowerPrefix.length) return false;
  for (let index = 0; index < lowerPrefix.length; index += 1) {
    const code = text.charCodeAt(at + index);
    const lower = code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
    if (lower !== lowerPrefix.charCodeAt(index)) return false;
  }
  return true;
}

/**
 * /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,62}\.)*[a-z0-9_-]{1,63}\.?$/i (name servers): at most 253
 * characters; without one trailing dot, either a single label of 2–64 characters, or labels where the
 * first has 1–63, inner ones 0–62 and the last 1–63; only the very first character may not be a hyphen.
 */
export function isHostName(name: string): boolean {
  if (name.length < 1 || name.length > 253) return false;
  const end = name.charCodeAt(name.length - 1) === 0x2e ? name.length - 1 : name.length;
  if (end === 0 || name.charCodeAt(0) === 0x2d) return false;
  let label = 0;
  let length = 0;
  for (let index = 0; index < end; index += 1) {
    const code = name.charCodeAt(index);
    if (code === 0x2e) {
      if (label === 0 ? length < 1 || length > 63 : length > 62) return false;
      label += 1;
      length = 0;
    } else if (isWordOrHyphen(code)) {
      length += 1;
    } else {
      return false;
    }
  }
  return label === 0 ? length >= 2 && length <= 64 : length >= 1 && length <= 63;
}

/**
 * A slot in a table of `mask + 1` entries (a power of two) for a non-empty label, from its length and five
 * of its characters: labels of one registry differ mostly in their middle and end ("Registrant Name",
 * "Registrant Street"), so those are mixed in. Reads stay inside the string (an out-of-range read
 * deoptimizes V8's optimized code); the result stays inside the table.
 */
export function labelSlot(label: string, mask: number): number {
  // (32-bit arithmetic throughout: a sum that outgrew V8's small integers deoptimized this function, issue #13.)
  const length = label.length;
  let hash = length;
  hash = (Math.imul(hash, 31) + label.charCodeAt(0)) | 0;
  hash = (Math.imul(hash, 31) + label.charCodeAt(length >> 1)) | 0;
  hash = (Math.imul(hash, 31) + label.charCodeAt(length - 1)) | 0;
  hash = (Math.imul(hash, 31) + label.charCodeAt(length >> 2)) | 0;
  hash = (Math.imul(hash, 31) + label.charCodeAt((3 * length) >> 2)) | 0;
  return (hash ^ (hash >>> 9)) & mask;
}
